"""QR codes of links: drawn at their own size, scaled whole where a stylesheet resizes them."""

from __future__ import annotations

import re

from workshop.qr import qr_svg


def test_a_qr_code_has_its_size_and_a_viewbox_of_the_same_size():
    svg = str(qr_svg("https://declic.example.org/fr/vote?code=ABCDEF", scale=4))
    width, height = re.search(r'<svg width="(\d+)" height="(\d+)"', svg).groups()
    assert f'viewBox="0 0 {width} {height}"' in svg  # without it, a smaller box crops it
    assert "<title>https://declic.example.org/fr/vote?code=ABCDEF</title>" in svg
    assert "style=" not in svg  # the strict CSP allows no style attribute
