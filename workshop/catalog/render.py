"""Markdown to HTML, with raw HTML disabled and a link-scheme allow-list."""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = {"a": "href", "img": "src"}


def is_safe_url(url: str) -> bool:
    """Whether a link may stay: http, https, mailto, or relative."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in ALLOWED_SCHEMES if scheme else not cleaned.startswith("//")


class _LinkFilter(Treeprocessor):
    """Drops links and images whose address is not allowed."""

    def run(self, root):
        for element in root.iter():
            attribute = URL_ATTRIBUTES.get(element.tag)
            if attribute and not is_safe_url(element.get(attribute, "")):
                element.attrib.pop(attribute, None)
                if element.tag == "img":
                    element.tag = "span"
                    element.text = element.attrib.pop("alt", "")
                    element.attrib.clear()


class SafeMarkdown(Extension):
    """Treats raw HTML as text and filters link schemes."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinkFilter(md), "link_filter", 0)


def render(text: str) -> Markup:
    """Render content Markdown to safe HTML (a new converter: they are not thread-safe)."""
    converter = markdown.Markdown(extensions=[SafeMarkdown(), "sane_lists"], output_format="html")
    return Markup(converter.convert(text))
