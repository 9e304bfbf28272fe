"""The documented production stack on loopback, for the tests and the benchmarks (bench/):
gunicorn with the package's settings, and Debian's nginx with deploy/nginx.conf in front,
TLS with a throwaway self-signed certificate made here. Nothing leaves the machine."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PACKAGE_SETTINGS = ("-c", "python:workshop.gunicorn_conf")
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
HOST = "declic.example.org"  # the name deploy/nginx.conf serves
KEY = secrets.token_hex(32)  # a real secret key, new for each run


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(content_dir: Path, **extra: str) -> dict:
    """The environment without the machine's own WORKSHOP_* settings, plus `extra`.

    WORKSHOP_DATABASE_URL stays: the tests' conftest points it at a throwaway database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WORKSHOP_") or k == "WORKSHOP_DATABASE_URL"
    }
    env.update(WORKSHOP_CONTENT_DIR=str(content_dir), **extra)
    return env


def gunicorn_env(content_dir: Path, port: int, workers: int = 2, **extra: str) -> dict:
    """The environment of gunicorn on loopback with the package's settings: a real key,
    bound to `port`, `workers` request workers (2, as shipped), plus `extra` (for example
    WORKSHOP_DATABASE_URL, the test's database)."""
    return clean_env(
        content_dir,
        WORKSHOP_SECRET_KEY=KEY,
        WORKSHOP_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        **extra,
    )


def proxied_env(content_dir: Path, app_port: int, workers: int, **extra: str) -> dict:
    """The environment of gunicorn behind deploy/nginx.conf on loopback (gunicorn_env on
    `app_port`), HOST its only trusted name, the proxy's headers believed
    (WORKSHOP_BEHIND_PROXY)."""
    return gunicorn_env(
        content_dir,
        app_port,
        workers,
        WORKSHOP_TRUSTED_HOSTS=f'["{HOST}"]',
        WORKSHOP_BEHIND_PROXY="true",
        **extra,
    )


def start_gunicorn(
    cwd: Path, env: dict, *options: str, settings=PACKAGE_SETTINGS, **popen
) -> subprocess.Popen:
    """gunicorn serving the app from `cwd` (the package's settings unless `settings=()`)."""
    return subprocess.Popen(
        [GUNICORN, *settings, *options, "workshop:create_app()"], cwd=cwd, env=env, **popen
    )


def wait_for(base: str, process: subprocess.Popen | None = None, seconds: float = 30) -> bytes:
    """The app's /healthz once it answers; fails if it does not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            return urllib.request.urlopen(base + "/healthz", timeout=1).read()
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {base}")


def wait_port(port: int, process: subprocess.Popen, what: str, seconds: float = 10) -> None:
    """Return once something listens on `port`; fail if `process` exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {port}")


def stop(*processes: subprocess.Popen) -> None:
    """Terminate the processes still running and wait for them."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


@dataclass
class Proxy:
    """nginx running in front of the app: its process, ports and a TLS context that
    trusts its certificate."""

    process: subprocess.Popen
    http: int
    https: int
    context: ssl.SSLContext


def self_signed(folder: Path) -> tuple[Path, Path]:
    """(certificate, key) for HOST, valid one day."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def substitute(text: str, replacements: dict[str, str]) -> str:
    """Replace each line of deploy/nginx.conf that must change on loopback; fail loudly if
    the file no longer has it (the test would otherwise run another configuration)."""
    for old, new in replacements.items():
        if old not in text:
            raise AssertionError(f"deploy/nginx.conf no longer has {old!r}")
        text = text.replace(old, new)
    return text


def site_config(
    app_port: int, http: int, https: int, cert: Path, key: Path, log: str, error_log: str
) -> str:
    """deploy/nginx.conf with loopback ports, this certificate, this access and error log."""
    return substitute(
        (ROOT / "deploy" / "nginx.conf").read_text(),
        {
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
            "listen 80 default_server;": f"listen 127.0.0.1:{http} default_server;",
            "listen 443 ssl default_server;": f"listen 127.0.0.1:{https} ssl default_server;",
            "listen 80;": f"listen 127.0.0.1:{http};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
            f"return 301 https://{HOST}$request_uri;": (
                f"return 301 https://{HOST}:{https}$request_uri;"
            ),
            "/etc/ssl/declic/fullchain.pem": str(cert),
            "/etc/ssl/declic/privkey.pem": str(key),
            "/var/log/nginx/declic.access.log": log,
            "/var/log/nginx/declic.error.log": error_log,
        },
    )


def main_config(tmp: Path) -> str:
    """A minimal nginx.conf that includes the site, every path inside `tmp`."""
    temp_paths = "\n".join(
        f"    {name}_temp_path {tmp / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\n"
        + f"events {{ worker_connections 1024; }}\nhttp {{\n{temp_paths}\n"
        + f"    access_log {tmp / 'other.access.log'};\n    include declic.conf;\n}}\n"
    )


def start_nginx(
    tmp: Path, app_port: int, access_log: str = "/dev/null", error_log: str = "/dev/null"
) -> Proxy:
    """Debian's nginx with deploy/nginx.conf (and its security headers) in front of the
    app on `app_port`, listening on two free loopback ports. Its main configuration logs
    errors to `tmp`/error.log and other access lines to `tmp`/other.access.log, as a
    distribution's nginx.conf does (at level warn, in the combined format)."""
    tmp.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed(tmp)
    http, https = free_port(), free_port()
    conf = tmp / "conf"
    (conf / "snippets").mkdir(parents=True, exist_ok=True)
    shutil.copy(
        ROOT / "deploy" / "nginx-security-headers.conf",
        conf / "snippets" / "declic-security-headers.conf",
    )
    (conf / "declic.conf").write_text(
        site_config(app_port, http, https, cert, key, access_log, error_log)
    )
    (conf / "nginx.conf").write_text(main_config(tmp))
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(conf / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    wait_port(https, process, "nginx")
    return Proxy(process, http, https, ssl.create_default_context(cafile=str(cert)))
