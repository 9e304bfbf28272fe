"""The only way WeasyPrint reads anything: files under static/ and content/, nothing else."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ResourceRefused(ValueError):
    """A URL outside the allowed folders; WeasyPrint skips the resource."""


class LocalFilesFetcher(URLFetcher):
    """Serves file:// URLs that resolve inside the allowed folders; refuses every other URL.

    No network scheme, no data: URL, no redirect, no symbolic-link or ../ escape.
    """

    def __init__(self, roots: list[Path], max_bytes: int = 8 * 1024 * 1024):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [Path(root).resolve() for root in roots]
        self.max_bytes = max_bytes

    def allowed_path(self, url: str) -> Path:
        """The file a URL names, if it is inside an allowed folder; else ResourceRefused."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ResourceRefused(f"refused: {url[:200]}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise ResourceRefused(f"refused: {url[:200]}")
        if path.stat().st_size > self.max_bytes:
            raise ResourceRefused(f"too large: {url[:200]}")
        return path

    def fetch(self, url, headers=None):
        """Read an allowed local file."""
        path = self.allowed_path(url)
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type}
        )
