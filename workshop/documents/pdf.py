"""HTML to a tagged PDF (PDF/UA-1) with WeasyPrint, through the safe fetcher, with a cache."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from weasyprint import HTML

from .fetcher import LocalFilesFetcher


def render_pdf(html: str, static_dir: Path, content_dir: Path) -> bytes:
    """A tagged PDF from HTML whose relative URLs point into static/."""
    fetcher = LocalFilesFetcher([static_dir, content_dir])
    document = HTML(string=html, base_url=Path(static_dir).resolve().as_uri() + "/",
                    url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


class PdfCache:
    """The last PDFs built, by key: asking twice for the same document builds it once."""

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.builds = 0

    @staticmethod
    def key(*parts) -> str:
        """A stable key from the content revision and the document's options."""
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The cached PDF for a key, or a new one built and remembered."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        pdf = build()
        with self._lock:
            self.builds += 1
            self._items[key] = pdf
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return pdf
