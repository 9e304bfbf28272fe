"""No log of the production stack holds a token, a join code, a pupil's address or answer
(issue 31): gunicorn with the package's settings (2 workers) behind deploy/nginx.conf, on
SQLite and PostgreSQL. Every link kind and a class vote, then the app down (nginx's 503)
and up again (no 503 or 404 while the database is up), then 429s (wrong codes, documents):
afterwards every log of both servers is searched."""

from __future__ import annotations

import http.client
import re
import socket
import urllib.parse
from pathlib import Path

import pytest

from workshop.store.database import make_engine, upgrade

from .measure.conftest import DEMO_IDS, statements_tree
from .servers import (
    HOST,
    NGINX,
    free_port,
    proxied_env,
    start_gunicorn,
    start_nginx,
    stop,
    wait_port,
)
from .sessions import head_path, screen_path

PHONE = "127.0.0.77"  # a pupil's phone, on an address of its own
PRESENTER = "127.0.0.1"
QUIZ = "/fr/learn/13-15/demo/quiz/2?answers=1"


class Stack:
    """gunicorn behind nginx; requests over TLS from a chosen loopback address."""

    def __init__(self, tmp: Path, database_url: str, content: Path):
        self.tmp, self.app_port = tmp, free_port()
        self.env = proxied_env(
            content, self.app_port, workers=2, WORKSHOP_DATABASE_URL=database_url
        )
        self.gunicorn = None
        self.start_app()
        self.proxy = start_nginx(
            tmp / "nginx",
            self.app_port,
            access_log=str(tmp / "nginx-declic.access.log"),
            error_log=str(tmp / "nginx-declic.error.log"),
        )

    def start_app(self) -> None:
        logs = ("--access-logfile", str(self.tmp / "gunicorn.access.log"))
        logs += ("--error-logfile", str(self.tmp / "gunicorn.error.log"))
        self.gunicorn = start_gunicorn(self.tmp, self.env, *logs)
        wait_port(self.app_port, self.gunicorn, "gunicorn", seconds=60)

    def ask(self, path: str, form: dict | None = None, source: str = PRESENTER):
        """(status, headers, body) of a GET, or a POST of `form`, not following redirects."""
        raw = socket.create_connection(
            ("127.0.0.1", self.proxy.https), timeout=60, source_address=(source, 0)
        )
        connection = http.client.HTTPSConnection(HOST, self.proxy.https, timeout=60)
        connection.sock = self.proxy.context.wrap_socket(raw, server_hostname=HOST)
        headers = {"Host": HOST, "User-Agent": "pupil-phone-marker"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request("POST" if form is not None else "GET", path, body, headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, response, data

    def page(self, path: str, form: dict | None = None, source: str = PRESENTER) -> str:
        status, _, data = self.ask(path, form, source)
        assert status == 200, (status, path.split("/")[2:4])
        return data.decode()

    def logs(self) -> dict[str, str]:
        """Every log file either server wrote (nginx's main error and access logs too)."""
        files = [*self.tmp.glob("*.log"), *(self.tmp / "nginx").glob("*.log")]
        return {path.name: path.read_text(errors="replace") for path in files}

    def close(self) -> None:
        stop(self.proxy.process, self.gunicorn)


@pytest.fixture
def stack(tmp_path, database_url):
    if NGINX is None:
        pytest.skip("nginx is missing: apt-get install nginx")
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    running = Stack(tmp_path, database_url, statements_tree(tmp_path))
    yield running
    running.close()


def links(stack: Stack) -> dict[str, str]:
    """Save a session; its three links' paths."""
    status, response, _ = stack.ask(
        "/fr/facilitate/session/save",
        {"lang": "fr", "tier": "13-15", "modules": "demo", "periods": "1", "school": "Lycée"},
    )
    assert status == 303
    presenter = urllib.parse.urlsplit(response.getheader("Location")).path
    page = stack.page(presenter)
    return {"presenter": presenter, "head": head_path(page), "screen": screen_path(page)}


def walk(stack: Stack, paths: dict[str, str]) -> None:
    """Every page of the three links (and documents), each answering 200."""
    presenter, head, screen = paths["presenter"], paths["head"], paths["screen"]
    for path in (
        presenter,
        presenter + "links",
        presenter + "presenter",
        presenter + "measure",
        presenter + "measure/report",
        presenter + "measure/report.pdf",
        presenter + "slides.pptx",
        head,
        head + "measure/report",
        screen + "slides",
        screen + "vote/start",
        screen + "now.json",
    ):
        status, response, _ = stack.ask(path)
        assert status == 200, path.replace(path.split("/")[4], "[token]")
        assert response.getheader("Cache-Control") == "no-store"


def code_lookup(stack: Stack, code: str):
    """A phone typing a code: the page first gets its ballot (a 303 that looks nothing up),
    then the code is looked up. (status, response, body) of the lookup."""
    status, response, body = stack.ask(f"/fr/vote?code={code}", source=PHONE)
    if status != 303:
        return status, response, body
    where = urllib.parse.urlsplit(response.getheader("Location"))
    return stack.ask(f"{where.path}?{where.query}", source=PHONE)


def class_vote(stack: Stack, presenter: str) -> tuple[str, dict]:
    """Ask the first starter statement on the phones, as its slide's button does; a phone
    types the code, gets its page's ballot and answers. (code, the answers)"""
    ask = f"{presenter}measure/start/ask/demo/{DEMO_IDS[0]}"
    status, _, _ = stack.ask(ask, {"class_size": "30"})
    assert status == 303
    code = re.search(r'class="join-code">([A-Z0-9]{6})<', stack.page(presenter + "measure"))[1]
    status, _, body = code_lookup(stack, code)
    assert status == 200
    vote = body.decode()
    ballot = re.search(r'name="ballot" value="([^"]+)"', vote)[1]
    fields = list(dict.fromkeys(re.findall(r'name="(s-[a-z0-9-]+)"', vote)))
    answers = dict.fromkeys(fields, "unsure")
    form = {"code": code, "ballot": ballot, **answers}
    status, _, _ = stack.ask("/fr/vote", form, source=PHONE)
    assert status == 303
    return code, answers


def test_no_log_keeps_a_token_a_code_an_address_or_an_answer(stack):
    paths = links(stack)
    walk(stack, paths)
    code, answers = class_vote(stack, paths["presenter"])
    assert "Question 2" in stack.page(QUIZ, source=PHONE)

    # The app restarts (a deploy): nginx answers its own 503 to the phone meanwhile ...
    stop(stack.gunicorn)
    for path in (QUIZ, f"/fr/vote?code={code}", paths["screen"] + "vote/start"):
        assert stack.ask(path, source=PHONE)[0] == 503
    # ... and once it is back, every link opens at once: no 503, no 404.
    stack.start_app()
    walk(stack, paths)
    assert code_lookup(stack, code)[0] == 200

    # Too many: wrong codes from the phone's address, documents from the presenter's.
    statuses = [code_lookup(stack, f"AAAA{i:02d}")[0] for i in range(70)]
    assert 429 in statuses
    refused = code_lookup(stack, code)
    assert refused[0] == 429 and refused[1].getheader("Retry-After")  # no oracle now
    slides = "/fr/facilitate/slides/13-15/demo/slides.pdf"
    assert 429 in [stack.ask(slides)[0] for _ in range(16)]
    stop(stack.gunicorn)

    logs = stack.logs()
    assert {"nginx-declic.access.log", "gunicorn.access.log", "error.log"} <= set(logs)
    secrets = {
        **{kind: path.split("/")[-2] for kind, path in paths.items()},
        "code": code,
        "phone": PHONE,
        "user agent": "pupil-phone-marker",
        "quiz answer": "answers=",
        "vote answer": next(iter(answers)),
        "query": "?",
    }
    found = {
        (name, what)
        for name, text in logs.items()
        for what, secret in secrets.items()
        if secret in text or (len(secret) > 20 and secret[:16] in text)
    }
    assert found == set()
    assert "/fr/facilitate/sessions/[token]/" in logs["nginx-declic.access.log"]
    assert " 429 " in logs["nginx-declic.access.log"] and " 503 " in logs["nginx-declic.access.log"]
