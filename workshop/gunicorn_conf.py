"""gunicorn settings for production, shipped inside the package so that they apply from any
working directory:

    gunicorn -c python:workshop.gunicorn_conf "workshop:create_app()"

(README, Production; the repository's gunicorn.conf.py imports this module.) The app is
safe without them too: it is in production mode by default (a real secret key required)
and removes query strings before any access log reads the request (workshop/serving.py).
"""

import atexit
import gc
import os
import threading

from workshop.serving import ACCESS_LOG_FORMAT, warm_up

os.environ.setdefault("WORKSHOP_ENV", "production")

bind = os.environ.get("WORKSHOP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads, so that a slow client holds one thread, not a whole worker; PDFs are built in
# separate, lower-priority processes (workshop/documents/builder.py), never in these.
worker_class = "gthread"
threads = int(os.environ.get("WORKSHOP_THREADS", "8"))
# Each worker loads the catalog once; preloading shares it and fails fast on bad content.
preload_app = True
accesslog = "-"
access_log_format = ACCESS_LOG_FORMAT
timeout = 30  # a worker silent this long is restarted (its threads' requests wait on builders)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, at different times (the jitter), so that no slow growth
# accumulates and one worker always serves while another is replaced (2 by default).
# WORKSHOP_MAX_REQUESTS=0 turns recycling off (bench/serve.py compares both).
max_requests = int(os.environ.get("WORKSHOP_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 5
# gunicorn 27's control socket (`gunicornc`; Déclic uses none) stops and restarts a thread
# of the master around every fork: each replaced worker came up seconds late, and every
# gunicorn of the user shared one socket in ~/.gunicorn.
control_socket_disable = True
# Each worker opens its own database connections after the fork (workshop/store/database.py
# disposes of any pool inherited from this master).


def when_ready(server) -> None:
    """The app is loaded (preload_app), no worker forked yet: compile its templates and
    render a page of each kind here, once, so that no new worker does it on its first
    requests (serving.warm_up; issue 31); then move it all out of the garbage collector's
    reach, so that a new worker's first full collection does not touch, and so copy, every
    page it shares with the master."""
    warm_up(server.app.wsgi())
    gc.collect()
    gc.freeze()


def worker_exit(server, worker) -> None:
    """A worker recycled after its max_requests (all its requests answered) ends as the
    interpreter would, without its last step: tearing down every module frees, and so
    first copies, each page of memory it shares with the master; on two busy cores that
    took 0.3-1.7 s of CPU, beside the worker serving, and delayed the replacement (the
    master forks it once the old one is gone). Any other exit is left as it is.

    The two private calls are the first two steps of Python's own exit (Py_FinalizeEx):
    non-daemon threads joined with the thread and process pools' exit functions (the PDF
    builders stop), then the atexit functions (logs flushed, whatever the app registered)."""
    if worker.booted and worker.nr >= worker.max_requests:
        threading._shutdown()  # type: ignore[attr-defined]
        atexit._run_exitfuncs()
        os._exit(0)


limit_request_line = 8190
limit_request_fields = 60
limit_request_field_size = 8190
