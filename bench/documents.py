"""A saved session's documents, click to download (issue 26): today's cold build side by
side with the documents prepared ahead when the session is saved (facilitate/prepared.py).

Usage: .venv/bin/python bench/documents.py [--clicks 10]
In-process (the app's test client, SQLite in a temporary folder, the real content and the
real PDF builders), on a two-module, two-period session with a school and a contact. Prints
a Markdown table: per document, the cold build (one click on a fresh app, as before) and
the p50 / p95 of `--clicks` clicks once the session's documents are prepared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sessions import document_links  # noqa: E402
from workshop import create_app  # noqa: E402
from workshop.store.database import make_engine, upgrade  # noqa: E402

SESSION = (
    ("lang", "fr"),
    ("tier", "13-15"),
    ("modules", "grooming"),
    ("modules", "images"),
    ("periods", "2"),
    ("school", "Collège Jean Moulin"),
    ("class_name", "4e B"),
    ("class_size", "27"),
    ("safeguarding_contact", "Mme Martin, CPE, bureau 12"),
)


def app_on(folder: str, name: str, prepare: bool):
    url = f"sqlite:///{folder}/{name}.sqlite3"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return create_app(
        {
            "CONTENT_DIR": ROOT / "content",
            "TESTING": True,
            "DATABASE_URL": url,
            "PREPARE_DOCUMENTS": prepare,
            "SERVER_NAME": "localhost",
        }
    )


def save(client) -> tuple[str, dict[str, str]]:
    """Save the session: its presenter's path, and its documents ({kind: path}) as that page
    offers them."""
    from werkzeug.datastructures import MultiDict

    answer = client.post("/fr/facilitate/session/save", data=MultiDict(SESSION))
    presenter = answer.headers["Location"].replace("http://localhost", "")
    return presenter, document_links(client.get(presenter).get_data(as_text=True))


def click(client, path: str) -> float:
    began = time.perf_counter()
    answer = client.get(path)
    assert answer.status_code == 200 and len(answer.data) > 1000, (path, answer.status_code)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=10)
    clicks = min(parser.parse_args().clicks, 100)
    with tempfile.TemporaryDirectory(prefix="declic-bench-") as folder:
        cold_app = app_on(folder, "cold", prepare=False)
        client = cold_app.test_client()
        _, documents = save(client)
        cold = {name: click(client, path) for name, path in documents.items()}

        warm_app = app_on(folder, "warm", prepare=True)
        client = warm_app.test_client()
        began = time.perf_counter()
        presenter, documents = save(client)
        while not all(client.get(presenter + "documents.json").get_json().values()):
            time.sleep(0.5)
            if time.perf_counter() - began > 600:
                raise SystemExit("documents not prepared within 10 minutes")
        prepared_in = time.perf_counter() - began
        warm = {
            name: [click(client, path) for _ in range(clicks)] for name, path in documents.items()
        }

    print("| document | cold build (one click, as before) | prepared: p50 | prepared: p95 |")
    print("|---|---|---|---|")
    every = []
    for name in documents:
        times = sorted(warm[name])
        every += times
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(
            f"| {name} | {cold[name]:.2f} s | {statistics.median(times) * 1000:.1f} ms "
            f"| {p95 * 1000:.1f} ms |"
        )
    every.sort()
    p95 = every[min(len(every) - 1, int(0.95 * len(every)))]
    print(
        f"| all ({len(every)} clicks) | {sum(cold.values()):.1f} s in all "
        f"| {statistics.median(every) * 1000:.1f} ms | {p95 * 1000:.1f} ms |"
    )
    print(f"\nAll six prepared {prepared_in:.1f} s after the save (in the background).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
