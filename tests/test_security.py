"""Every response carries strict security headers; nothing is set or stored about a visitor."""

from __future__ import annotations

import pytest

PATHS = ["/", "/fr/", "/en/help", "/fr/learn/13-15/demo/", "/fr/learn/13-15/demo/step/1",
         "/en/facilitate/", "/fr/review/13-15/", "/fr/missing", "/static/css/site.css"]


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("path", PATHS)
def test_no_cookie_is_ever_set(client, path):
    assert "Set-Cookie" not in client.get(path).headers


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
