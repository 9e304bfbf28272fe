"""Headless Chromium (Debian's) through Playwright, against the app served on 127.0.0.1.

Browser tests skip when Chromium is missing on a developer's machine; in CI (CI=true)
they fail instead, so that a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from workshop.serving import PathOnlyRequestHandler

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    # No name resolves but this machine's address: nothing a page asks for can leave it,
    # without intercepting each request (Playwright's routing turns the HTTP cache off and
    # adds a round trip through Python to every request; NetworkLog only listens).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(real_app):
    """The real app served by a real HTTP server on 127.0.0.1, on a free port."""
    server = make_server(
        "127.0.0.1", 0, real_app, threaded=True, request_handler=PathOnlyRequestHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; never a browser downloaded by Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: browser tests are required in CI")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class NetworkLog:
    """Every request the pages of the contexts it watches make. A request for another host
    cannot leave this machine (CHROMIUM_ARGS resolves no other name); it is listed in
    `blocked`, unless the test stands in for that site (`stand_in`)."""

    def __init__(self):
        self.requests: list[str] = []
        self.stood_in: list[str] = []

    def watch(self, context) -> None:
        context.on("request", lambda request: self.requests.append(request.url))

    def stand_in(self, context, prefix: str, title: str) -> list[str]:
        """Answer every address under `prefix` with a small page titled `title`, in place
        of a site off this machine; return the list of the addresses answered."""
        visits: list[str] = []

        def fulfil(route):
            visits.append(route.request.url)
            route.fulfill(
                status=200,
                content_type="text/html; charset=utf-8",
                body=f"<!doctype html><title>{title}</title><p>{title}</p>",
            )

        self.stood_in.append(prefix)
        context.route(prefix + "**", fulfil)
        return visits

    @property
    def blocked(self) -> list[str]:
        """The requests for a host other than this machine's that no stand-in answered."""
        stood_in = tuple(self.stood_in)
        return [
            url
            for url in self.requests
            if urlsplit(url).hostname not in LOCAL_HOSTS and not url.startswith(stood_in)
        ]


@pytest.fixture
def network():
    return NetworkLog()


@pytest.fixture
def context(browser, network):
    """A fresh browser context (no storage, no cookie) whose requests are logged."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    network.watch(context)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page
