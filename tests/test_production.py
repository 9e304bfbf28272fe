"""The production command from the README: gunicorn with gunicorn.conf.py serves the app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import FIXTURE_CONTENT

ROOT = Path(__file__).parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_healthz_and_pages_and_logs_no_query(tmp_path):
    port = free_port()
    log = tmp_path / "access.log"
    env = dict(os.environ, WORKSHOP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1",
               WORKSHOP_CONTENT_DIR=str(FIXTURE_CONTENT), WORKSHOP_SECRET_KEY="test-key")
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"),
                               "--access-logfile", str(log), "workshop:create_app()"],
                              cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                health = urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        assert b'"status":"ok"' in health.replace(b" ", b"")
        page = urllib.request.urlopen(base + "/fr/learn/13-15/demo/quiz/2?answers=1").read()
        assert b"Question 2 sur 4" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
    logged = log.read_text()
    assert "/fr/learn/13-15/demo/quiz/2" in logged
    assert "answers=" not in logged


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "WORKSHOP_SECRET_KEY"}
    env.update(WORKSHOP_BIND=f"127.0.0.1:{free_port()}", WORKSHOP_CONTENT_DIR=str(FIXTURE_CONTENT))
    result = subprocess.run([str(Path(sys.executable).parent / "gunicorn"),
                             "workshop:create_app()"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    assert "WORKSHOP_SECRET_KEY must be set" in result.stderr


def test_development_needs_no_secret_key(monkeypatch):
    from workshop import create_app
    from workshop.config import ConfigurationError
    monkeypatch.delenv("WORKSHOP_SECRET_KEY", raising=False)
    assert create_app({"CONTENT_DIR": FIXTURE_CONTENT}).config["ENV"] == "development"
    with pytest.raises(ConfigurationError, match="WORKSHOP_SECRET_KEY"):
        create_app({"CONTENT_DIR": FIXTURE_CONTENT, "ENV": "production"})
