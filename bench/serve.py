"""Serving benchmark: a lesson page against the same bytes as a static file, memory, load time,
and an optional bounded soak. Everything on 127.0.0.1, in one run, on one machine.

Usage: .venv/bin/python bench/serve.py [--seconds 10] [--soak 300]
Needs wrk (apt-get install wrk). Prints a table; exits 1 if the soak saw an error or the
worker's memory grew by more than 20 %.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from workshop import create_app
from workshop.catalog import load_from_config

LESSON = "/fr/learn/13-15/grooming/step/1"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url: str, seconds: int, connections: int = 16) -> dict:
    """Run wrk against a URL; requests per second, latency and errors."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rate": rate, "latency_ms": float(latency.group(1)) * scale[latency.group(2)],
            "p99_ms": float(p99.group(1)) * scale[p99.group(2)],
            "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def worker_rss_kib(master_pid: int) -> int:
    """Resident memory of gunicorn's (single) worker, from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def catalog_load_seconds(repeat: int = 5) -> float:
    """Median time to load and validate the whole content tree."""
    config = create_app().config
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load_from_config(config)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def start_gunicorn(port: int, static_dir: Path) -> subprocess.Popen:
    """One gunicorn worker serving the app and the copied static folder."""
    env = dict(os.environ, WORKSHOP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1",
               WORKSHOP_STATIC_DIR=str(static_dir), WORKSHOP_SECRET_KEY=os.urandom(16).hex())
    process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"),
                                "--config", str(ROOT / "gunicorn.conf.py"),
                                "--access-logfile", "/dev/null", "workshop:create_app()"],
                               cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    """Measure and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--soak", type=int, default=0, help="soak length in seconds (max 300)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        static = Path(shutil.copytree(ROOT / "static", Path(tmp) / "static"))
        server = start_gunicorn(port, static)
        try:
            base = f"http://127.0.0.1:{port}"
            page = urllib.request.urlopen(base + LESSON).read()
            (static / "bench-lesson.html").write_bytes(page)
            rss_loaded = worker_rss_kib(server.pid)
            dynamic = wrk(base + LESSON, args.seconds)
            static_file = wrk(base + "/static/bench-lesson.html", args.seconds)
            soak = None
            if args.soak:
                rss_before = worker_rss_kib(server.pid)
                soak = wrk(base + LESSON, min(args.soak, 300))
                soak["rss_before"], soak["rss_after"] = rss_before, worker_rss_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    load = catalog_load_seconds()
    print(f"# serving benchmark · {platform.node()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · gunicorn, 1 worker, wrk -t2 -c16 "
          f"-d{args.seconds}s")
    print(f"lesson page {LESSON} ({len(page)} bytes): {dynamic['rate']:.0f} req/s, "
          f"mean {dynamic['latency_ms']:.2f} ms, p99 {dynamic['p99_ms']:.2f} ms")
    print(f"same bytes as a static file:           {static_file['rate']:.0f} req/s, "
          f"mean {static_file['latency_ms']:.2f} ms, p99 {static_file['p99_ms']:.2f} ms")
    print(f"lesson page / static file throughput:  {dynamic['rate'] / static_file['rate']:.2f}")
    print(f"worker memory after loading the catalog: {rss_loaded / 1024:.1f} MiB")
    print(f"catalog load and validation (median of 5): {load * 1000:.0f} ms")
    if soak:
        growth = (soak["rss_after"] - soak["rss_before"]) / soak["rss_before"]
        print(f"soak {min(args.soak, 300)} s: {soak['rate']:.0f} req/s, "
              f"{soak['errors']} errors {soak['socket_errors']}, worker memory "
              f"{soak['rss_before'] / 1024:.1f} → {soak['rss_after'] / 1024:.1f} MiB "
              f"({growth:+.1%})")
        if soak["errors"] or soak["socket_errors"] or growth > 0.20:
            sys.exit(1)


if __name__ == "__main__":
    main()
