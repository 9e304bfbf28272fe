"""Screenshots of every page type at 360 and 1280 px, to look at (not a test).

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR] [PATH ...]
Serves the app on 127.0.0.1 and writes PNG files named after the page and width.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from workshop import create_app

DEFAULT_PATHS = [
    "/fr/",
    "/fr/help",
    "/fr/learn/",
    "/fr/learn/13-15/",
    "/fr/learn/13-15/grooming/",
    "/fr/learn/13-15/grooming/step/1",
    "/fr/learn/13-15/grooming/end",
    "/fr/facilitate/13-15/grooming/",
    "/fr/review/13-15/",
    "/en/learn/13-15/grooming/",
    "/fr/missing",
]


def main() -> None:
    """Serve the app and capture each page at two widths."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts/screens")
    paths = sys.argv[2:] or DEFAULT_PATHS
    out.mkdir(parents=True, exist_ok=True)
    server = make_server("127.0.0.1", 0, create_app(), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_") or "root"
                page.screenshot(path=out / f"{name}-{width}.png", full_page=True)
            page.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
