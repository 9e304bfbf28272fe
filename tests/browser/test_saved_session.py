"""A saved session lived by both people: the presenter saves it, the school head opens the
link in a browser of their own, approves, and the presenter's page and pack show it; after
a content change, the pack says the lessons were updated since the approval."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

from werkzeug.serving import make_server

from workshop import create_app
from workshop.catalog.translations import accept_translation
from workshop.serving import PathOnlyRequestHandler

from ..pdfs import pdf_text


@contextmanager
def serving(content_tree, database_url):
    """The app on this content and database, served on 127.0.0.1 while the block runs."""
    app = create_app({"CONTENT_DIR": content_tree, "TESTING": True, "DATABASE_URL": database_url})
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=PathOnlyRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()


def download_text(page, link_name: str) -> str:
    """Click a download link and return the PDF's text, words joined by single spaces."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    return " ".join(pdf_text(open(download.value.path(), "rb").read()).split())


def test_presenter_saves_head_approves_in_a_fresh_browser(browser, content_tree, tmp_path, network):
    database_url = f"sqlite:///{tmp_path / 'sessions.sqlite3'}"
    with serving(content_tree, database_url) as (base, app):
        presenter = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        network.watch(presenter)
        page = presenter.new_page()
        page.goto(base + "/fr/facilitate/session?tier=13-15&module=demo")
        page.get_by_label("Établissement", exact=True).fill("Collège Jean Moulin")
        page.locator("#class_name").fill("4e B")
        page.locator("#date_1").fill("2027-05-04")
        page.get_by_role("button", name="Enregistrer cette séance et obtenir les liens").click()
        page.wait_for_url("**/facilitate/sessions/*/")
        presenter_url = page.url
        head_url = page.locator("#head-link").input_value()
        assert "Pas encore approuvée" in page.content()

        head = browser.new_context(viewport={"width": 1280, "height": 900})  # no shared storage
        network.watch(head)
        head_page = head.new_page()
        head_page.goto(head_url)
        assert "Collège Jean Moulin" in head_page.content()
        head_page.get_by_label("J'approuve cette séance telle qu'elle est").check()
        head_page.locator("#name").fill("Mme Martin")
        head_page.locator("#role").fill("Principale")
        head_page.get_by_role("button", name="Enregistrer ma décision").click()
        head_page.wait_for_url("**#status")
        assert "Approuvée par Mme Martin (Principale)" in head_page.content()
        assert head.cookies() == [] and presenter.cookies() == []

        page.reload()
        assert "Approuvée par Mme Martin (Principale)" in page.content()
        pack = download_text(page, "Télécharger le dossier d’intervention (PDF)")
        assert "Approuvée par Mme Martin (Principale)" in pack
        assert app.extensions["catalog"].revision not in pack  # a date, not a hash
        head.close()

    lesson = content_tree / "modules/demo/fr/13-15.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nUn ajout.\n", encoding="utf-8")
    accept_translation(content_tree, "demo/en/13-15", "fr")
    with serving(content_tree, database_url) as (base, _):
        page.goto(base + urlsplit(presenter_url).path)  # the same link, after a restart
        assert "mises à jour depuis" in page.content()
        pack = download_text(page, "Télécharger le dossier d’intervention (PDF)")
        assert "mises à jour depuis" in pack
    presenter.close()
    assert network.blocked == []
