"""The documented production setup (deploy/nginx.conf): Debian's nginx in front of gunicorn on
loopback ports, TLS with a throwaway self-signed certificate made here."""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import FIXTURE_CONTENT

ROOT = Path(__file__).parent.parent
HOST = "declic.example.org"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
PAGE = "/fr/learn/13-15/demo/step/1"
SLIDES = "/fr/facilitate/slides/13-15/demo/slides.pdf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, process: subprocess.Popen, what: str) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} did not listen on {port}")


def substitute(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx.conf no longer has {old!r}"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """gunicorn (the package's settings) behind nginx (deploy/nginx.conf), on loopback."""
    if NGINX is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is missing: apt-get install nginx")
    tmp = tmp_path_factory.mktemp("nginx")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    conf = tmp / "conf"
    (conf / "snippets").mkdir(parents=True)
    shutil.copy(
        ROOT / "deploy" / "nginx-security-headers.conf",
        conf / "snippets" / "declic-security-headers.conf",
    )
    site = substitute(
        (ROOT / "deploy" / "nginx.conf").read_text(),
        {
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
            "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
            "listen 443 ssl default_server;": f"listen 127.0.0.1:{https_port} ssl default_server;",
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
            "return 301 https://declic.example.org$request_uri;": f"return 301 https://declic.example.org:{https_port}$request_uri;",
            "/etc/ssl/declic/fullchain.pem": str(cert),
            "/etc/ssl/declic/privkey.pem": str(key),
            "/var/log/nginx/declic.access.log": str(tmp / "declic.access.log"),
        },
    )
    (conf / "declic.conf").write_text(site)
    temp_paths = "\n".join(
        f"    {name}_temp_path {tmp / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (conf / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
{temp_paths}
    access_log {tmp / "other.access.log"};
    include declic.conf;
}}
""")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WORKSHOP_") or k == "WORKSHOP_DATABASE_URL"
    }  # a throwaway database (conftest)
    env.update(
        WORKSHOP_CONTENT_DIR=str(FIXTURE_CONTENT),
        WORKSHOP_SECRET_KEY=secrets.token_hex(32),
        WORKSHOP_BIND=f"127.0.0.1:{app_port}",
        WEB_CONCURRENCY="1",
        WORKSHOP_TRUSTED_HOSTS=f'["{HOST}"]',
        WORKSHOP_BEHIND_PROXY="true",
    )
    app_log = tmp / "gunicorn.log"
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "python:workshop.gunicorn_conf",
            "--access-logfile",
            str(app_log),
            "workshop:create_app()",
        ],
        cwd=tmp,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(conf / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(app_port, gunicorn, "gunicorn")
        wait_port(https_port, nginx, "nginx")
        context = ssl.create_default_context(cafile=str(cert))
        yield {
            "http": http_port,
            "https": https_port,
            "context": context,
            "tmp": tmp,
            "gunicorn": gunicorn,
            "app_log": app_log,
        }
    finally:
        for process in (nginx, gunicorn):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=20)


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


def test_no_log_holds_a_query_string(stack):
    get(stack, "/fr/learn/13-15/demo/quiz/2?answers=1")
    time.sleep(0.5)
    nginx_log = (stack["tmp"] / "declic.access.log").read_text()
    assert "/fr/learn/13-15/demo/quiz/2" in nginx_log
    assert "answers=" not in nginx_log and "?" not in nginx_log
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
