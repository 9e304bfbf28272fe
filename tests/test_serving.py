"""Production serving: a health check, and request logs without pupils' answers."""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request
from pathlib import Path

from werkzeug.serving import make_server

from workshop.serving import ACCESS_LOG_FORMAT, PathOnlyRequestHandler


def test_healthz_reports_the_loaded_catalog(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "lessons": 2,
        "content_revision": app.extensions["catalog"].revision,
    }
    assert "Set-Cookie" not in response.headers


def test_development_server_logs_paths_without_query_strings(app, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, app, request_handler=PathOnlyRequestHandler)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/fr/learn/13-15/demo/quiz/2/answer"
    urllib.request.urlopen(url + "?answers=0&choice=1").read()
    thread.join(timeout=10)
    server.server_close()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/fr/learn/13-15/demo/quiz/2/answer" in logged
    assert "answers=" not in logged and "choice=" not in logged


def test_gunicorn_logs_the_path_without_its_query():
    assert "%(U)s" in ACCESS_LOG_FORMAT
    assert "%(r)s" not in ACCESS_LOG_FORMAT and "%(q)s" not in ACCESS_LOG_FORMAT
    config = (Path(__file__).parent.parent / "workshop" / "gunicorn_conf.py").read_text()
    assert "access_log_format = ACCESS_LOG_FORMAT" in config


def test_a_screen_links_path_is_logged_as_token(app, caplog):
    from workshop.store.tokens import new_token, redact, screen_token_for

    screen = screen_token_for(new_token())
    assert redact(f"/fr/screen/{screen}/vote/start.json") == "/fr/screen/[token]/vote/start.json"
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, app, request_handler=PathOnlyRequestHandler)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/fr/screen/{screen}/slides"
    try:
        urllib.request.urlopen(url).read()
    except urllib.error.HTTPError as error:  # an app without this session: a 404, logged too
        assert error.code == 404
    thread.join(timeout=10)
    server.server_close()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/fr/screen/[token]/slides" in logged and screen not in logged
