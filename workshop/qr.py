"""QR codes of links, drawn as inline SVG (no style attribute: the strict CSP holds)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, scale: int) -> Markup:
    """A QR code of `url`, titled with it for screen readers and print.

    It has both a size and a viewBox: drawn at its own size, and scaled whole (never
    cropped) where a stylesheet gives it another, as the class screen does."""
    code = segno.make(url, error="m")
    width, height = code.symbol_size(scale=scale)
    svg = code.svg_inline(scale=scale, title=url, omitsize=True)
    return Markup(svg.replace("<svg ", f'<svg width="{width}" height="{height}" ', 1))
