"""Every response carries strict security headers; nothing is set or stored about a visitor."""

from __future__ import annotations

import pytest

from .sessions import head_path, save, screen_path

PATHS = [
    "/",
    "/fr/",
    "/en/help",
    "/fr/learn/13-15/demo/",
    "/fr/learn/13-15/demo/step/1",
    "/en/facilitate/",
    "/fr/review/13-15/",
    "/fr/missing",
    "/static/css/site.css",
]


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(client, path):
    with client.get(path) as response:  # a static file's response holds the file open
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("path", PATHS)
def test_no_cookie_is_ever_set(client, path):
    with client.get(path) as response:
        assert "Set-Cookie" not in response.headers


def test_pages_load_nothing_from_another_origin(client):
    for path in PATHS[1:-1]:
        page = client.get(path).get_data(as_text=True)
        for attribute in ('src="http', "src='http", 'href="//', "@import"):
            assert attribute not in page, (path, attribute)
        assert "<script>" not in page and " style=" not in page and "onclick" not in page
        for link in ('<link rel="stylesheet" href="/static/', '<script src="/static/'):
            assert link in page


def test_request_bodies_are_size_limited(client):
    response = client.post("/fr/facilitate/session", data={"school": "x" * 100_000})
    assert response.status_code == 413
    assert "Trop de données envoyées" in response.get_data(as_text=True)


# Cross-site requests (issue 17): any page on the web could make a visitor's browser build
# packs (a form posted from elsewhere, an <img> on a PDF URL). Refused with a 403 page.

from workshop.security import same_origin_only  # noqa: E402

from .conftest import SESSION  # noqa: E402

DOCUMENT_URLS = [
    "/fr/facilitate/slides/13-15/demo/slides.pdf",
    "/en/review/13-15/review.pdf",
    "/fr/review/13-15/briefing.pdf",
    "/fr/facilitate/slides/session/slides.pdf?lang=fr&tier=13-15&modules=demo&periods=1",
    # PowerPoint decks are built on each request, like the PDFs (issue 31).
    "/fr/facilitate/slides/13-15/demo/slides.pptx",
    "/fr/facilitate/slides/session/slides.pptx?lang=fr&tier=13-15&modules=demo&periods=1",
]
CROSS_SITE = [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "http://localhost.evil.example"},
    # A sandboxed frame or a data: page sends Origin: null; without Sec-Fetch-Site
    # nothing tells it from the app's own form in Safari before 16.4 (issue 31: refused).
    {"Origin": "null"},
]
SAME_SITE = [
    {},
    {"Sec-Fetch-Site": "same-origin"},
    {"Sec-Fetch-Site": "none"},
    {"Origin": "http://localhost"},
    {"Sec-Fetch-Site": "same-origin", "Origin": "null"},
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_session_form_posted_from_another_site_is_refused(app, client, headers):
    builds = app.extensions["pdf_cache"].builds
    response = client.post("/fr/facilitate/session", data=SESSION, headers=headers)
    assert response.status_code == 403
    assert "Erreur 403" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert app.extensions["pdf_cache"].builds == builds  # nothing was built


@pytest.mark.parametrize("url", DOCUMENT_URLS)
@pytest.mark.parametrize("headers", [*CROSS_SITE[:3], {"Origin": "null"}])
def test_a_document_asked_for_by_another_site_is_refused(client, url, headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 403
    assert response.mimetype == "text/html"


def test_the_403_page_is_in_the_page_language(client):
    french = client.get(DOCUMENT_URLS[0], headers=CROSS_SITE[0]).get_data(as_text=True)
    english = client.get(DOCUMENT_URLS[1], headers=CROSS_SITE[0]).get_data(as_text=True)
    assert 'lang="fr"' in french and "Erreur 403" in french
    assert 'lang="en"' in english and "Error 403" in english


@pytest.mark.parametrize("headers", SAME_SITE)
def test_the_app_own_form_still_works_without_javascript(client, headers):
    # A plain HTML form on the app's page: the browser sends Sec-Fetch-Site: same-origin
    # (and, with Referrer-Policy: no-referrer, Origin: null); very old browsers neither.
    response = client.post("/fr/facilitate/session", data=SESSION, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"


@pytest.mark.parametrize(
    "headers", [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}]
)
def test_pupil_pages_and_links_from_other_sites_still_open(client, headers):
    # A teacher's link from a school's site to a lesson is a cross-site navigation: fine.
    assert client.get("/fr/learn/13-15/demo/", headers=headers).status_code == 200
    assert client.get("/fr/facilitate/session", headers=headers).status_code == 200


def test_the_decorator_guards_any_other_view(app):
    @app.get("/fr/test-export")
    @same_origin_only
    def export():
        return "built"

    client = app.test_client()
    assert client.get("/fr/test-export").data == b"built"
    assert client.get("/fr/test-export", headers={"Sec-Fetch-Site": "same-origin"}).data == b"built"
    assert (
        client.get("/fr/test-export", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    )


def test_every_page_of_a_link_is_kept_out_of_search_engines(store_app):
    client = store_app.test_client()
    presenter = save(client)
    page = client.get(presenter).get_data(as_text=True)
    links = (presenter, presenter + "measure", head_path(page), screen_path(page) + "slides")
    for path in links:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow", path
    assert "X-Robots-Tag" not in client.get("/fr/learn/13-15/demo/").headers


def test_no_page_or_download_of_a_link_is_kept_by_a_browser(store_app):
    # A shared school computer: the browser's disk cache must not keep a link's pages
    # (they show the other links), nor its documents (issue 31).
    client = store_app.test_client()
    presenter = save(client)
    page = client.get(presenter).get_data(as_text=True)
    head, screen = head_path(page), screen_path(page)
    paths = [presenter + suffix for suffix in ("", "links", "presenter", "edit", "measure")]
    paths += [presenter + "measure/report", presenter + "slides.pptx", presenter + "handout.pdf"]
    paths += [head, head + "measure/report", screen + "slides", screen + "vote/start"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/fr/learn/13-15/demo/").headers["Cache-Control"]
