"""QR codes of links, drawn as inline SVG (no style attribute: the strict CSP holds)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, scale: int) -> Markup:
    """A QR code of `url`, titled with it for screen readers and print."""
    return Markup(segno.make(url, error="m").svg_inline(scale=scale, title=url))
