"""The answer endpoint under a class (issue 16): 30 pupils posting their answers at the same
moment, round after round, against gunicorn with the package's settings (2 workers of 8
threads), on SQLite and, when WORKSHOP_TEST_POSTGRES_URL is set, on PostgreSQL.

Usage: .venv/bin/python bench/measure.py [--rounds 20] [--pupils 30]
Loopback only; bounded (rounds × pupils submissions, each with a 30 s timeout). Prints a
Markdown table: the p50, p99 and max of `POST /fr/vote` (answer to its 303), and how many
answers were lost (counted minus sent; must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import KEY, clean_env, free_port, start_gunicorn, stop, wait_for  # noqa: E402
from workshop.store.database import make_engine, upgrade  # noqa: E402


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


PLAIN = urllib.request.build_opener(NoRedirect)


def call(url: str, form: dict | None = None) -> tuple[int, str, dict]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with PLAIN.open(urllib.request.Request(url, data=data), timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace"), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def start(database_url: str, port: int, cwd: Path) -> subprocess.Popen:
    """gunicorn with the package's settings on the real content and `database_url`."""
    env = clean_env(ROOT / "content", WORKSHOP_SECRET_KEY=KEY, WORKSHOP_DATABASE_URL=database_url)
    options = ("--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null")
    process = start_gunicorn(cwd, env, *options, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}", process)
    return process


def one_round(base: str, pupils: int) -> tuple[list[float], int, int]:
    """A new session, its start vote opened, `pupils` answers at once: (seconds, sent, lost)."""
    status, _, headers = call(
        base + "/fr/facilitate/session/save",
        {"lang": "fr", "tier": "13-15", "modules": "grooming", "periods": "1"},
    )
    presenter = urllib.parse.urlsplit(headers["Location"]).path
    # The first statement asked on phones, as from its slide (one question at a time).
    call(f"{base}{presenter}measure/start/ask/grooming/faux-profil", {"class_size": str(pupils)})
    _, page, _ = call(f"{base}{presenter}measure")
    code = re.search(r'class="join-code">([A-Z0-9]{6})<', page).group(1)
    barrier = threading.Barrier(pupils)
    seconds, statuses = [0.0] * pupils, [0] * pupils

    def pupil(index: int) -> None:
        _, _, headers = call(f"{base}/fr/vote?code={code}")  # the page's own ballot
        _, form, _ = call(base + headers["Location"])
        ballot = re.search(r'name="ballot" value="([^"]+)"', form).group(1)
        fields = list(dict.fromkeys(re.findall(r'name="(s-[a-z0-9-]+)"', form)))
        sheet = {
            "code": code,
            "ballot": ballot,
            **{f: ("true", "false", "unsure")[(index + n) % 3] for n, f in enumerate(fields)},
        }
        barrier.wait(timeout=30)
        began = time.perf_counter()
        statuses[index] = call(base + "/fr/vote", sheet)[0]
        seconds[index] = time.perf_counter() - began

    threads = [threading.Thread(target=pupil, args=(i,)) for i in range(pupils)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    _, live, _ = call(f"{base}{presenter}measure/start/live.json")
    counted = json.loads(live)["answers"]
    return seconds, statuses.count(303), pupils - counted


def bench(name: str, database_url: str, rounds: int, pupils: int) -> str:
    upgrade_engine = make_engine(database_url)
    upgrade(upgrade_engine)
    upgrade_engine.dispose()
    with tempfile.TemporaryDirectory(prefix="declic-bench-") as folder:
        port = free_port()
        process = start(database_url, port, Path(folder))
        try:
            base = f"http://127.0.0.1:{port}"
            one_round(base, pupils)  # warm-up
            times, sent, lost = [], 0, 0
            for _ in range(rounds):
                seconds, ok, missing = one_round(base, pupils)
                times += seconds
                sent += ok
                lost += missing
        finally:
            stop(process)
    times.sort()
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    return (
        f"| answer endpoint, {pupils} pupils at once × {rounds} rounds, {name} | "
        f"p50 {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
        f"max {times[-1] * 1000:.1f} ms; {sent} answers accepted, {lost} lost |"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--pupils", type=int, default=30)
    args = parser.parse_args()
    rounds, pupils = min(args.rounds, 200), min(args.pupils, 100)
    rows = []
    with tempfile.TemporaryDirectory(prefix="declic-bench-db-") as folder:
        rows.append(bench("SQLite", f"sqlite:///{folder}/bench.sqlite3", rounds, pupils))
    postgres = os.environ.get("WORKSHOP_TEST_POSTGRES_URL")
    if postgres:
        from sqlalchemy import text

        engine = make_engine(postgres)
        with engine.begin() as connection:  # the test database: emptied, as the tests do
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        rows.append(bench("PostgreSQL", postgres, rounds, pupils))
    print("| measure | result |\n|---|---|")
    print("\n".join(rows))
    return 0 if all(" 0 lost" in row for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
