"""What every page's layout is given: filters and context."""

from __future__ import annotations

from markupsafe import Markup

from workshop.layout import first_list


def test_first_list_keeps_only_the_list():
    html = Markup("<p>Set these rules first:</p>\n<ul>\n<li>Respect</li>\n</ul>\n<p>Then</p>")
    assert first_list(html) == Markup("<ul>\n<li>Respect</li>\n</ul>")
