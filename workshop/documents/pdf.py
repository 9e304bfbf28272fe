"""HTML to a tagged PDF (PDF/UA-1) with WeasyPrint, through the safe fetcher, with a cache.

`render_pdf` runs in the builder processes (builder.py), never in a request worker of a
production server. One WeasyPrint `FontConfiguration` serves every render of a process: a
new one per render leaked about 260 KiB a build.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from .fetcher import LocalFilesFetcher

_font_config = None


def font_config():
    """This process's one FontConfiguration."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def render_pdf(html: str, static_dir: Path, content_dir: Path) -> bytes:
    """A tagged PDF from HTML whose relative URLs point into static/."""
    from weasyprint import HTML

    fetcher = LocalFilesFetcher([static_dir, content_dir])
    document = HTML(
        string=html, base_url=Path(static_dir).resolve().as_uri() + "/", url_fetcher=fetcher
    )
    return document.write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False, font_config=font_config()
    )


class Pdf(bytes):
    """A built PDF, and whether it prints a name or a contact (then: no-store, no disk)."""

    personal: bool = True

    @classmethod
    def of(cls, data: bytes, personal: bool) -> Pdf:
        pdf = cls(data)
        pdf.personal = personal
        return pdf


class PdfCache:
    """The last PDFs built, by key: the same document asked for many times is built once.

    A document being built is not built again: later requests for the same key wait for
    the first build (per-key lock). Standard documents (no name, no contact) may also live
    in a folder (`PDF_CACHE_DIR`, filled by `workshop pack --all`), shared by every worker
    and kept across restarts; a personal document is never written to disk.
    """

    def __init__(self, size: int = 64, folder: Path | str | None = None):
        self.size = size
        self.folder = Path(folder) if folder else None
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._building: dict[str, Future] = {}
        self._lock = threading.Lock()
        self.builds = 0

    @staticmethod
    def key(*parts) -> str:
        """A stable key from the revisions (content, code) and the document's printed fields."""
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def get_or_build(self, key: str, build: Callable[[], bytes], personal: bool = True) -> bytes:
        """The cached PDF for a key, or a new one built (once) and remembered."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            pending = self._building.get(key)
            if pending is None:
                pending = self._building[key] = Future()
                owner = True
            else:
                owner = False
        if not owner:
            return pending.result()
        try:
            pdf = None if personal else self.read(key)
            if pdf is None:
                pdf = build()
                self.builds += 1
                if not personal:
                    self.write(key, pdf)
            with self._lock:
                self._items[key] = pdf
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            pending.set_result(pdf)
            return pdf
        except BaseException as error:
            pending.set_exception(error)
            raise
        finally:
            with self._lock:
                self._building.pop(key, None)

    def path(self, key: str) -> Path | None:
        """Where a standard document with this key lives on disk (None: no folder)."""
        return self.folder / f"{key}.pdf" if self.folder else None

    def read(self, key: str) -> bytes | None:
        """A standard document from the folder, if it is there."""
        path = self.path(key)
        try:
            return path.read_bytes() if path else None
        except OSError:
            return None

    def write(self, key: str, pdf: bytes) -> None:
        """Keep a standard document in the folder (atomically; never a personal one)."""
        path = self.path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(pdf)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written is only a slower cache
