"""Requests through the documented proxy for the benchmarks: one GET over TLS, and slow
connections that trickle their headers. The stack itself starts as in the tests
(tests/servers.py). Nothing leaves the machine."""

from __future__ import annotations

import http.client
import socket
import ssl
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import HOST  # noqa: E402


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
