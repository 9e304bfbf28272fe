"""What every page's layout is given: filters and context."""

from __future__ import annotations

from markupsafe import Markup

from workshop.layout import first_list

from .conftest import FIXTURE_CONTENT, app_with_database
from .sessions import head_path, save, screen_path


def test_first_list_keeps_only_the_list():
    html = Markup("<p>Set these rules first:</p>\n<ul>\n<li>Respect</li>\n</ul>\n<p>Then</p>")
    assert first_list(html) == Markup("<ul>\n<li>Respect</li>\n</ul>")


def test_quick_exit_follows_the_address_not_the_blueprint(tmp_path):
    """The measure serves adults and pupils: the vote page has the quick exit, the
    presenter's measure page and the head's report do not, nor the projected screen link's
    pages (an adult projects them)."""
    app = app_with_database(FIXTURE_CONTENT, f"sqlite:///{tmp_path / 'declic.sqlite3'}")
    client = app.test_client()
    presenter = save(client)
    head = head_path(client.get(presenter).get_data(as_text=True))
    screen = screen_path(client.get(presenter).get_data(as_text=True))
    adult_pages = (presenter, presenter + "measure", presenter + "measure/report", head)
    adult_pages += (screen + "slides", screen + "vote/start")
    for path in adult_pages + (head + "measure/report",):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "data-quick-exit" not in response.get_data(as_text=True), path
    for path in ("/fr/vote", "/en/vote", "/fr/learn/", "/fr/no-such-page"):
        assert "data-quick-exit" in client.get(path).get_data(as_text=True), path
    app.extensions["store"].dispose()
