"""Markdown rendering: raw HTML shown as text, only safe link schemes kept."""

from __future__ import annotations

import pytest

from workshop.catalog.render import is_safe_url, render


def test_raw_html_is_escaped_not_rendered():
    html = render('Hello <script>alert(1)</script> and <img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_block_html_is_escaped():
    html = render('<div onclick="x()">block</div>\n\ntext')
    assert "<div" not in html
    assert "&lt;div" in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "//evil.example/x",
    ],
)
def test_dangerous_links_lose_their_address(url):
    html = render(f"[click]({url})")
    assert "href" not in html
    assert "click" in html


@pytest.mark.parametrize(
    "url",
    [
        "https://www.e-enfance.org/",
        "http://example.org/a",
        "mailto:a@b.fr",
        "../help",
        "#top",
    ],
)
def test_safe_links_are_kept(url):
    assert is_safe_url(url)
    assert f'href="{url}"' in render(f"[link]({url})")


def test_images_with_unsafe_sources_become_text():
    html = render("![a cat](javascript:alert(1))")
    assert "<img" not in html and "a cat" in html


def test_ordinary_markdown_still_works():
    html = render("**Bold** and a list:\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html and "<li>one</li>" in html
