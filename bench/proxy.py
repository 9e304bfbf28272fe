"""Start Debian's nginx with deploy/nginx.conf in front of a gunicorn on loopback, for the
benchmarks (tests/test_nginx.py does the same for the tests). Nothing leaves the machine."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "declic.example.org"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_nginx(tmp: Path, app_port: int):
    """(process, https port, TLS context trusting the throwaway certificate)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    tmp.mkdir(parents=True, exist_ok=True)
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
    http_port, https_port = free_port(), free_port()
    conf = tmp / "conf"
    (conf / "snippets").mkdir(parents=True, exist_ok=True)
    shutil.copy(
        ROOT / "deploy" / "nginx-security-headers.conf",
        conf / "snippets" / "declic-security-headers.conf",
    )
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
        "listen 443 ssl default_server;": f"listen 127.0.0.1:{https_port} ssl default_server;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/ssl/declic/fullchain.pem": str(cert),
        "/etc/ssl/declic/privkey.pem": str(key),
        "/var/log/nginx/declic.access.log": "/dev/null",
    }.items():
        site = site.replace(old, new)
    (conf / "declic.conf").write_text(site)
    temp_paths = "\n".join(
        f"    {name}_temp_path {tmp / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (conf / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        f"events {{ worker_connections 1024; }}\nhttp {{\n{temp_paths}\n"
        f"    access_log off;\n    include declic.conf;\n}}\n"
    )
    process = subprocess.Popen(
        [nginx, "-p", str(tmp), "-c", str(conf / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return process, https_port, ssl.create_default_context(cafile=str(cert))


def get(port: int, context: ssl.SSLContext, path: str) -> int:
    """One GET through the proxy over TLS; its status."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    connection = http.client.HTTPSConnection(HOST, port, context=context, timeout=30)
    connection.sock = context.wrap_socket(raw, server_hostname=HOST)
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def slow_connections(port: int, context: ssl.SSLContext, path: str, count: int) -> list:
    """`count` TLS connections that each send part of a request's headers, then nothing."""
    sockets = []
    for _ in range(count):
        sock = context.wrap_socket(
            socket.create_connection(("127.0.0.1", port), timeout=10), server_hostname=HOST
        )
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: 1".encode())
        sockets.append(sock)
    return sockets
