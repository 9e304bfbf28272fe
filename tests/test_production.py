"""The production command from the README: gunicorn serves the app from any directory,
refuses to run without a real secret key, and never logs a query string."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from workshop.config import ConfigurationError

from .conftest import FIXTURE_CONTENT
from .servers import (
    GUNICORN,
    KEY,
    PACKAGE_SETTINGS,
    clean_env,
    free_port,
    gunicorn_env,
    start_gunicorn,
    stop,
    wait_for,
)

SECRET_TAIL = "Q" * 41  # with %65%66 in front: 43 characters, a token's shape


@pytest.mark.parametrize(
    "config",
    [(), PACKAGE_SETTINGS],
    ids=["no-config-file", "package-config"],
)
def test_gunicorn_from_another_directory_serves_and_logs_no_query(tmp_path, config):
    port = free_port()
    log = tmp_path / "access.log"
    env = gunicorn_env(FIXTURE_CONTENT, port, workers=1)
    # Without a config file, gunicorn's default log format prints the request line
    # (%(r)s) and the referer: the app itself must have removed the query from both.
    server = start_gunicorn(
        tmp_path,
        env,
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(log),
        settings=config,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert b'"status":"ok"' in wait_for(base).replace(b" ", b"")
        request = urllib.request.Request(
            base + "/fr/learn/13-15/demo/quiz/2?answers=1",
            headers={"Referer": base + "/fr/learn/13-15/demo/quiz/1/answer?choice=1"},
        )
        page = urllib.request.urlopen(request).read()
        assert b"Question 2 sur 4" in page
        # A token with characters percent-encoded is still a token (gunicorn's %(r)s).
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/fr/facilitate/sessions/%65%66{SECRET_TAIL}/")
    finally:
        stop(server)
    logged = log.read_text()
    assert "/fr/learn/13-15/demo/quiz/2" in logged
    assert "answers=" not in logged and "choice=" not in logged and "?" not in logged
    assert SECRET_TAIL[:12] not in logged and "/fr/facilitate/sessions/[token]/" in logged
    # No client address or browser name: they could single out a pupil's phone.
    assert not any(line.startswith("127.0.0.1") for line in logged.splitlines())
    assert "Python-urllib" not in logged


@pytest.mark.parametrize(
    "key, message",
    [
        (None, "WORKSHOP_SECRET_KEY must be set"),
        ("test-key", "too short"),
        ("a" * 64, "not random enough"),
        ("change-me-change-me-change-me-0123456789", "placeholder"),
    ],
)
def test_gunicorn_from_another_directory_refuses_to_run_without_a_real_key(tmp_path, key, message):
    env = clean_env(FIXTURE_CONTENT, WORKSHOP_BIND=f"127.0.0.1:{free_port()}")
    if key is not None:
        env["WORKSHOP_SECRET_KEY"] = key
    result = subprocess.run(
        [GUNICORN, "workshop:create_app()"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "secrets.token_hex(32)" in result.stderr  # says how to make one


@pytest.mark.parametrize(
    "key, problem",
    [
        ("qwertyuiopasdfghjklzxcvbnm123456", "not random"),
        ("abcdefghijklmnopqrstuvwxyz012345", "not random"),
        ("correct horse battery staple now", "not random"),
        ("my-declic-secret-for-production-2026", "placeholder"),
        (1234567890123456789012345678901234567890, "must be text"),
        (["a", "b"], "must be text"),
    ],
)
def test_typed_keys_and_keys_that_are_not_text_are_refused(key, problem):
    from workshop.config import weak_key_problem

    assert problem in weak_key_problem(key)


def test_random_keys_of_any_documented_kind_pass():
    import secrets

    from workshop.config import weak_key_problem

    for _ in range(200):
        assert weak_key_problem(secrets.token_hex(32)) is None
        assert weak_key_problem(secrets.token_urlsafe(32)) is None


def test_a_key_of_digits_in_the_environment_is_text_and_votes_work(monkeypatch):
    # WORKSHOP_* values are read as JSON when they parse: 40 random digits became an int,
    # and every vote a 500 (issue 31). The key is taken as typed.
    import secrets

    from workshop import create_app

    digits = str(secrets.randbelow(10**40)).zfill(40)
    monkeypatch.setenv("WORKSHOP_SECRET_KEY", digits)
    app = create_app({"CONTENT_DIR": FIXTURE_CONTENT})
    assert app.secret_key == digits
    monkeypatch.setenv("WORKSHOP_SECRET_KEY", '["a", "b"]')
    with pytest.raises(ConfigurationError, match="too short"):
        create_app({"CONTENT_DIR": FIXTURE_CONTENT})


def test_production_is_the_default_and_development_needs_no_key(monkeypatch):
    from workshop import create_app
    from workshop.config import ConfigurationError

    for name in ("WORKSHOP_SECRET_KEY", "WORKSHOP_ENV"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigurationError, match="WORKSHOP_SECRET_KEY"):
        create_app({"CONTENT_DIR": FIXTURE_CONTENT})
    assert (
        create_app({"CONTENT_DIR": FIXTURE_CONTENT, "ENV": "development"}).config["ENV"]
        == "development"
    )
    app = create_app({"CONTENT_DIR": FIXTURE_CONTENT, "SECRET_KEY": KEY})
    assert app.config["ENV"] == "production"


def test_development_keeps_one_key_of_its_own_across_restarts(tmp_path, monkeypatch):
    """The development server needs no key, yet its phones' codes survive a restart."""
    from workshop import create_app

    monkeypatch.delenv("WORKSHOP_SECRET_KEY", raising=False)
    config = {"CONTENT_DIR": FIXTURE_CONTENT, "ENV": "development"}
    first = create_app({**config, "INSTANCE_PATH": str(tmp_path)})
    again = create_app({**config, "INSTANCE_PATH": str(tmp_path)})
    key = first.config["SECRET_KEY"]
    assert len(key) == 64 and again.config["SECRET_KEY"] == key
    assert (tmp_path / "development-secret-key").stat().st_mode & 0o077 == 0
    other = create_app({**config, "INSTANCE_PATH": str(tmp_path / "elsewhere")})
    assert other.config["SECRET_KEY"] != key


def test_the_repository_config_file_is_the_package_one():
    text = (Path(__file__).parent.parent / "gunicorn.conf.py").read_text()
    assert "from workshop.gunicorn_conf import *" in text
    from workshop import gunicorn_conf

    assert gunicorn_conf.worker_class == "gthread" and gunicorn_conf.threads >= 4
    assert gunicorn_conf.max_requests > 0 and gunicorn_conf.max_requests_jitter > 0


def test_recycled_workers_leave_cleanly_and_every_request_is_answered(tmp_path):
    """Workers replaced every ~10 requests (the package's settings, 2 workers): each leaves
    through the settings' worker_exit (threads and pools closed, logs flushed, then out
    without the interpreter's teardown), with exit code 0, and no request goes unanswered."""
    port = free_port()
    error_log = tmp_path / "error.log"
    env = gunicorn_env(FIXTURE_CONTENT, port, WORKSHOP_MAX_REQUESTS="10")
    server = start_gunicorn(tmp_path, env, "--error-logfile", str(error_log))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base, server)
        for _ in range(60):
            with urllib.request.urlopen(base + "/fr/learn/13-15/demo/step/1") as page:
                assert page.status == 200
        # Let the last replacement worker finish booting before the stop: a TERM that
        # reaches a worker between its fork and its own signal handlers is lost (gunicorn
        # installs them in the worker's init), and the master then waits its whole
        # graceful_timeout before killing it, which is not what this test is about.
        time.sleep(1.5)
    finally:
        stop(server)
    logged = error_log.read_text()
    assert logged.count("Autorestarting worker") >= 4
    assert "exited with code" not in logged and "Traceback" not in logged
    assert "Exception" not in logged and "was sent" not in logged
