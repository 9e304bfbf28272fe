"""gunicorn settings for production: `gunicorn "workshop:create_app()"` (README, Production)."""

import os

from workshop.serving import ACCESS_LOG_FORMAT

# Production settings apply, a secret key included (WORKSHOP_SECRET_KEY).
os.environ.setdefault("WORKSHOP_ENV", "production")

bind = os.environ.get("WORKSHOP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Each worker loads the catalog once; preloading shares it and fails fast on bad content.
preload_app = True
accesslog = "-"
access_log_format = ACCESS_LOG_FORMAT
timeout = 60  # building a full facilitator pack takes a few seconds
limit_request_line = 8190
