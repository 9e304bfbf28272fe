"""Two app processes on one database, as behind a load balancer: each sees what the other
wrote, and neither logs a session's token."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request

import pytest

from workshop.store.database import make_engine, upgrade

from ..conftest import FIXTURE_CONTENT
from ..servers import KEY, clean_env, free_port, start_gunicorn, stop, wait_for
from ..sessions import DEMO_CLASS, shown_fields

SESSION = {**DEMO_CLASS, "date_1": "2027-05-04"}


@pytest.fixture
def two_servers(database_url, tmp_path):
    """Two gunicorn processes on the same database; yields their base URLs and logs."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    servers, bases, log_files = [], [], []
    for name in ("a", "b"):
        port, log = free_port(), tmp_path / f"{name}.log"
        env = clean_env(
            FIXTURE_CONTENT, WORKSHOP_SECRET_KEY=KEY, WORKSHOP_DATABASE_URL=database_url
        )
        log_options = ("--access-logfile", str(log), "--error-logfile", str(log))
        options = ("--bind", f"127.0.0.1:{port}", "--workers", "1", *log_options)
        servers.append(start_gunicorn(tmp_path, env, *options))
        bases.append(f"http://127.0.0.1:{port}")
        log_files.append(log)
    try:
        for base, server in zip(bases, servers, strict=True):
            wait_for(base, server)
        yield bases, log_files
    finally:
        stop(*servers)


def fetch(url: str, form: dict | None = None) -> tuple[str, str]:
    """(final URL, page) after a GET, or a POST of `form`, following redirects."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    with urllib.request.urlopen(url, data=data, timeout=30) as answer:
        return answer.geturl(), answer.read().decode("utf-8")


def test_each_process_sees_the_others_sessions_and_decisions(two_servers):
    (a, b), logs = two_servers
    presenter_url, page = fetch(a + "/fr/facilitate/session/save", SESSION)
    presenter_path = urllib.parse.urlsplit(presenter_url).path
    head_path = urllib.parse.urlsplit(
        re.search(r'id="head-link"[^>]*value="([^"]+)"', page).group(1)
    ).path
    _, on_b = fetch(b + presenter_path)
    assert "Collège Jean Moulin" in on_b  # B reads A's write
    _, review = fetch(b + head_path)
    fetch(
        b + head_path + "decision",
        {"verdict": "approved", "name": "Mme Martin", "role": "Principale", **shown_fields(review)},
    )
    _, on_a = fetch(a + presenter_path)
    assert "Mme Martin (Principale)" in on_a  # A reads B's write
    tokens = [presenter_path.split("/")[-2], head_path.split("/")[-2]]
    logged = "".join(log.read_text() for log in logs)
    assert "/fr/facilitate/sessions/[token]/" in logged
    assert not any(token in logged for token in tokens)
    assert "127.0.0.1 " not in logged.replace("Listening at: http://127.0.0.1", "")
