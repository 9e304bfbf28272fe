"""Production serving: a health check, and request logs without pupils' answers."""

from __future__ import annotations

import gc
import logging
import threading
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
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


@pytest.mark.parametrize("number", ["٢", "２", "𝟚", "0002", "02", "²", "+2", " 2"])
def test_numbers_in_routes_are_ascii_and_canonical_only(client, app, number):
    # Each spelling of 2 was the same page again, and one more entry in the page cache.
    assert client.get("/fr/learn/13-15/demo/step/2").status_code == 200
    renders = app.extensions["page_cache"].renders
    assert client.get(f"/fr/learn/13-15/demo/step/{number}").status_code == 404
    assert client.get(f"/fr/learn/13-15/demo/quiz/{number}").status_code == 404
    assert app.extensions["page_cache"].renders == renders


def test_a_token_is_redacted_however_it_is_spelt():
    from workshop.store.tokens import new_token, redact

    token = new_token()
    encoded = "".join(f"%{ord(c):02X}" for c in token[:3]) + token[3:]
    for path in (
        f"/fr/facilitate/sessions/{encoded}/",
        f"/fr/review/sessions/{token[:-1]}/",  # one character short: still most of a token
        f"/fr/screen/{token}x/slides",
        f"/fr/anything/{encoded}",
    ):
        assert token[5:25] not in redact(path), path
    assert redact("/fr/learn/13-15/demo/step/2") == "/fr/learn/13-15/demo/step/2"


def test_gunicorn_logs_the_path_without_its_query():
    assert "%(U)s" in ACCESS_LOG_FORMAT
    assert "%(r)s" not in ACCESS_LOG_FORMAT and "%(q)s" not in ACCESS_LOG_FORMAT
    config = (Path(__file__).parent.parent / "workshop" / "gunicorn_conf.py").read_text()
    assert "access_log_format = ACCESS_LOG_FORMAT" in config


def test_a_worker_forked_after_the_masters_warm_up_compiles_no_template(app):
    """gunicorn's master, once the app is preloaded (when_ready), does what each new worker
    did on its first requests: compile the templates (0.1-0.3 s, the stall at every worker
    recycle of issue 31). A fork copies the master's memory as it is, so the app here, after
    the same hook, stands for any worker forked later: none of its pages compiles a
    template. Counted on Jinja's compile, not timed."""
    from workshop import gunicorn_conf

    try:
        gunicorn_conf.when_ready(SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app)))
    finally:
        gc.unfreeze()  # the hook froze this whole test process
    warmed = app.extensions["page_cache"].renders
    assert warmed >= 10  # home, tiers, a module's start, step, quiz, scenario, end, × 2

    compiled = []
    compile_template = app.jinja_env.compile

    def counting_compile(source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(source, name, *args, **kwargs)

    app.jinja_env.compile = counting_compile
    client = app.test_client()
    for lang in ("fr", "en"):
        lesson = f"/{lang}/learn/13-15/demo"
        for path in (
            f"{lesson}/step/2",
            f"{lesson}/quiz/1/answer?choice=1",
            f"{lesson}/quiz/result?answers=0,1,0,0",
            f"{lesson}/scenario/start/1",
            f"/{lang}/help",
            f"/{lang}/facilitate/",
            f"/{lang}/no-such-page",
        ):
            assert client.get(path).status_code in (200, 404), path
    assert compiled == []
    # ...and the pupil pages the master rendered come from its memory, not rendered again.
    renders = app.extensions["page_cache"].renders
    assert client.get("/fr/learn/").status_code == client.get("/en/").status_code == 200
    assert app.extensions["page_cache"].renders == renders


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
