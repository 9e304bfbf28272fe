"""Facilitator pack build time: cold, cached, and WeasyPrint on a flat reference document.

Usage: .venv/bin/python bench/pack.py [--repeat N]
In one run, on one machine: builds a one-module pack (first build: cold, then from the
cache), and renders a flat reference document with the same number of pages (plain
paragraphs, one font, no grid or target-counter) through the same WeasyPrint, to show
what the pack's layout costs over WeasyPrint's floor.
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from workshop import create_app
from workshop.documents import pack_pdf
from workshop.documents.pdf import render_pdf
from workshop.planning import SessionChoices

PARAGRAPH = ("Déclic prépare des séances de prévention pour une classe à la fois. " * 9).strip()


def reference_html(pages: int) -> str:
    """A flat document of about `pages` A4 pages: headings and paragraphs only."""
    blocks = []
    for page in range(pages):
        blocks.append(f'<h1 style="break-before: page">Page {page + 1}</h1>')
        blocks.extend(f"<p>{PARAGRAPH}</p>" for _ in range(6))
    return (
        "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Référence</title>"
        "<style>@page { size: A4; margin: 20mm } body { font: 10.5pt sans-serif }</style>"
        f"</head><body>{''.join(blocks)}</body></html>"
    )


def timed(function) -> tuple[float, bytes]:
    """Seconds one call takes, and what it returned."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure(repeat: int = 3) -> dict:
    """Cold pack (median), cached pack, flat reference of the same page count (median)."""
    database = Path(tempfile.mkdtemp(prefix="declic-bench-")) / "bench.sqlite3"
    app = create_app(
        {"ENV": "development", "PDF_BUILDERS": 0, "DATABASE_URL": f"sqlite:///{database}"}
    )
    catalog = app.extensions["catalog"]
    module = "grooming" if "grooming" in catalog.modules else next(iter(catalog.modules))
    choices = SessionChoices(lang="fr", tier="13-15", modules=(module,))
    with app.test_request_context():
        pack_pdf(choices)  # the process's fonts and styles loaded once, as in a builder
        cold = []
        for _ in range(repeat):
            app.extensions["pdf_cache"]._items.clear()  # a cold build every time
            seconds, pdf = timed(lambda: pack_pdf(choices))
            cold.append(seconds)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        cached, _ = timed(lambda: pack_pdf(choices))
        reference = []
        html = reference_html(pages)
        for _ in range(repeat):
            seconds, ref_pdf = timed(
                lambda: render_pdf(html, app.config["STATIC_DIR"], app.config["CONTENT_DIR"])
            )
            reference.append(seconds)
        ref_pages = len(PdfReader(io.BytesIO(ref_pdf)).pages)
    return {
        "module": module,
        "cold": statistics.median(cold),
        "cached": cached,
        "pages": pages,
        "reference": statistics.median(reference),
        "ref_pages": ref_pages,
    }


def main() -> None:
    """Measure and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="cold builds to take the median of")
    args = parser.parse_args()
    m = measure(args.repeat)
    rows = [
        ("pack, cold build (median)", f"{m['cold']:.2f} s", f"{m['pages']} pages"),
        ("pack, from the cache", f"{m['cached'] * 1000:.2f} ms", f"{m['pages']} pages"),
        (
            "flat reference, same WeasyPrint (median)",
            f"{m['reference']:.2f} s",
            f"{m['ref_pages']} pages",
        ),
        ("pack / reference", f"{m['cold'] / m['reference']:.2f} ×", ""),
    ]
    print(
        f"# pack benchmark · {m['module']} 13-15 fr · {platform.node()} · "
        f"{platform.processor() or platform.machine()} · Python {platform.python_version()}"
    )
    for name, value, note in rows:
        print(f"{name:<44} {value:>12}  {note}")


if __name__ == "__main__":
    main()
