"""The documented production setup (deploy/nginx.conf): Debian's nginx in front of gunicorn on
loopback ports, TLS with a throwaway self-signed certificate made here."""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import subprocess
import time

import pytest

from .conftest import FIXTURE_CONTENT
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

PAGE = "/fr/learn/13-15/demo/step/1"
SLIDES = "/fr/facilitate/slides/13-15/demo/slides.pdf"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (the package's settings) behind nginx (deploy/nginx.conf), on loopback."""
    if NGINX is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is missing: apt-get install nginx")
    tmp = tmp_path_factory.mktemp("nginx")
    app_port, app_log = free_port(), tmp / "gunicorn.log"
    env = proxied_env(FIXTURE_CONTENT, app_port, workers=1)
    gunicorn = start_gunicorn(tmp, env, "--access-logfile", str(app_log), stderr=subprocess.DEVNULL)
    proxy = None
    try:
        wait_port(app_port, gunicorn, "gunicorn", seconds=30)
        proxy = start_nginx(
            tmp,
            app_port,
            access_log=str(tmp / "declic.access.log"),
            error_log=str(tmp / "declic.error.log"),
        )
        yield {
            "http": proxy.http,
            "https": proxy.https,
            "context": proxy.context,
            "tmp": tmp,
            "gunicorn": gunicorn,
            "app_log": app_log,
        }
    finally:
        stop(*([proxy.process] if proxy else []), gunicorn)


def tls(stack, server_name: str = HOST) -> http.client.HTTPSConnection:
    raw = socket.create_connection(("127.0.0.1", stack["https"]), timeout=30)
    connection = http.client.HTTPSConnection(
        HOST, stack["https"], context=stack["context"], timeout=30
    )
    connection.sock = stack["context"].wrap_socket(raw, server_hostname=server_name)
    return connection


def get(stack, path: str, method: str = "GET", body=None, headers=None):
    connection = tls(stack)
    connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def assert_security_headers(response) -> None:
    assert response.getheader("Strict-Transport-Security").startswith("max-age=")
    assert len(response.headers.get_all("Content-Security-Policy")) == 1
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"


def test_pupil_pages_over_tls_with_hsts_and_the_security_headers(stack):
    response, data = get(stack, PAGE + "?seen=1")
    assert response.status == 200 and b"<html" in data
    assert_security_headers(response)
    again, _ = get(stack, PAGE)
    assert again.status == 200


def test_the_app_redirects_stay_on_https(stack):
    response, _ = get(stack, "/fr/learn/13-15/demo")
    assert response.status == 308
    assert response.getheader("Location").startswith(f"https://{HOST}/fr/learn/13-15/demo/")


def test_plain_http_redirects_to_https_on_the_named_host_only(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack["http"], timeout=10)
    connection.request("GET", PAGE, headers={"Host": HOST})
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location").startswith(f"https://{HOST}:")
    connection.close()
    foreign = http.client.HTTPConnection("127.0.0.1", stack["http"], timeout=10)
    foreign.request("GET", PAGE, headers={"Host": "evil.example"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        foreign.getresponse()  # 444: nginx closes without an answer, no redirect


def test_a_foreign_name_gets_no_tls_handshake(stack):
    with pytest.raises(ssl.SSLError):
        tls(stack, server_name="evil.example").request("GET", "/")


def test_a_foreign_host_header_over_tls_gets_no_answer(stack):
    # The right name in TLS, another in the Host header: the default server closes (444).
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        get(stack, PAGE, headers={"Host": "evil.example"})


def test_a_body_too_large_is_refused_by_nginx_with_the_headers(stack):
    response, data = get(
        stack,
        "/fr/facilitate/session",
        method="POST",
        body=b"school=" + b"x" * 100_000,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 413
    assert_security_headers(response)


def test_document_routes_are_rate_limited_with_the_headers(stack):
    statuses = []
    for _ in range(16):
        response, data = get(stack, SLIDES)
        statuses.append(response.status)
        if response.status == 429:
            assert_security_headers(response)
            assert response.getheader("Retry-After")
            assert "Trop de demandes" in data.decode()
    assert 200 in statuses and 429 in statuses
    assert get(stack, PAGE)[0].status == 200  # pupil pages are not limited


def test_a_hall_voting_at_once_gets_a_429_about_answers_not_documents(stack):
    from concurrent.futures import ThreadPoolExecutor

    def post(_):
        response, data = get(
            stack,
            "/fr/vote",
            method="POST",
            body=b"code=AAAAAA",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return response.status, data.decode(), response.getheader("Retry-After")

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, range(320)))
    nginx_429 = [a for a in answers if a[0] == 429 and "Trop de téléphones" in a[1]]
    assert nginx_429 and len(answers) - len(nginx_429) >= 200  # a hall of 200 gets through
    assert all(a[2] == "10" and "document" not in a[1] for a in nginx_429)


def test_a_powerpoint_costs_as_much_as_a_pdf(stack):
    statuses = [get(stack, SLIDES.replace(".pdf", ".pptx"))[0].status for _ in range(16)]
    assert 429 in statuses


def test_slow_clients_do_not_hold_gunicorn(stack):
    slow = []
    try:
        for _ in range(50):  # each sends part of its headers, then nothing
            sock = socket.create_connection(("127.0.0.1", stack["https"]), timeout=10)
            sock = stack["context"].wrap_socket(sock, server_hostname=HOST)
            sock.sendall(f"GET {PAGE} HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: 1".encode())
            slow.append(sock)
        started = time.perf_counter()
        for _ in range(5):
            response, _ = get(stack, PAGE)
            assert response.status == 200
        assert (time.perf_counter() - started) / 5 < 1.0
    finally:
        for sock in slow:
            sock.close()


def test_no_log_holds_a_query_string_or_a_token(stack):
    get(stack, "/fr/learn/13-15/demo/quiz/2?answers=1")
    token = "T" * 43
    get(stack, f"/fr/facilitate/sessions/{token}/")
    get(stack, f"/fr/screen/%54{token[1:]}/slides")  # nginx decodes: still a token
    time.sleep(0.5)
    nginx_log = (stack["tmp"] / "declic.access.log").read_text()
    assert "/fr/learn/13-15/demo/quiz/2" in nginx_log
    assert "/fr/facilitate/sessions/[token]/" in nginx_log and "/fr/screen/[token]/" in nginx_log
    assert "answers=" not in nginx_log and "?" not in nginx_log and "T" * 20 not in nginx_log
    app_log = stack["app_log"].read_text()
    assert "answers=" not in app_log and "?" not in app_log


def test_nginx_own_error_page_when_the_app_is_down(stack):
    stack["gunicorn"].terminate()
    stack["gunicorn"].wait(timeout=20)
    response, data = get(stack, PAGE)
    assert response.status == 503
    assert_security_headers(response)
    assert response.getheader("Retry-After") == "10"
    assert "réessayez dans un instant" in data.decode()
    get(stack, "/fr/learn/13-15/demo/quiz/2?answers=1")  # an upstream failure, after 429s
    time.sleep(0.5)
    # nginx writes an error line (client address, request line with its query) on each
    # failed upstream and each 429: the site's error log is at crit, so none is kept.
    for name in ("declic.error.log", "error.log"):
        logged = (stack["tmp"] / name).read_text() if (stack["tmp"] / name).exists() else ""
        assert "client:" not in logged and "request:" not in logged and "answers=" not in logged
