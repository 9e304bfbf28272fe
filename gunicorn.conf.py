"""gunicorn settings when started from this folder; the settings live in the package
(workshop/gunicorn_conf.py), so `gunicorn -c python:workshop.gunicorn_conf` applies the
same ones from any directory (README, Production)."""

from workshop.gunicorn_conf import *  # noqa: F401,F403
