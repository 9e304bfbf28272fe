"""Bad addresses get a helpful page in the right language; nothing answers 500."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path, lang",
    [
        ("/de/", "fr"),
        ("/xx/learn/", "fr"),
        ("/fr/learn/99-99/", "fr"),
        ("/en/learn/99-99/", "en"),
        ("/en/learn/13-15/nope/", "en"),
        ("/fr/learn/13-15/demo/step/0", "fr"),
        ("/en/learn/13-15/demo/step/4", "en"),
        ("/en/facilitate/99-99/demo/", "en"),
        ("/fr/review/nope/", "fr"),
        ("/fr/nowhere", "fr"),
    ],
)
def test_unknown_language_tier_module_or_step_is_a_helpful_404(client, path, lang):
    response = client.get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    title = {"fr": "Page introuvable", "en": "Page not found"}[lang]
    assert f"<h1>{title}</h1>" in page
    assert 'href="#help"' in page
    assert "Traceback" not in page


def test_unknown_language_404_follows_the_browser_language(client):
    page = client.get("/de/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "Page not found" in page


def test_wrong_method_is_a_405_page(client):
    response = client.post("/fr/")
    assert response.status_code == 405
    assert "Cette action n’est pas possible ici" in response.get_data(as_text=True)


def test_an_unexpected_failure_is_a_plain_500_page(app):
    @app.get("/<lang>/boom")
    def boom():
        raise RuntimeError("secret detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/en/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side" in page
    assert "secret detail" not in page and "Traceback" not in page


ODD_SEGMENTS = [
    "..",
    "%2e%2e",
    "%00",
    "<script>",
    "' OR 1=1",
    "é",
    "a" * 300,
    "13-15/../..",
    "%ff%fe",
    "CON",
    "-1",
    "99999999999999999999",
]


def test_no_route_answers_500_to_odd_values(app):
    client = app.test_client()
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint != "static"]
    assert len(rules) > 20 and any(rule.arguments for rule in rules)
    for rule in rules:
        for odd in ODD_SEGMENTS:
            values = {arg: odd for arg in rule.arguments}
            path = rule.rule
            for arg in rule.arguments:
                path = path.replace(f"<int:{arg}>", odd).replace(f"<{arg}>", odd)
            response = client.get(path)
            assert response.status_code < 500, (path, response.status_code)
            for arg in values:
                valid = dict(lang="fr", tier="13-15", module="demo", number="1")
                valid[arg] = odd
                concrete = rule.rule
                for name, value in valid.items():
                    concrete = concrete.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
                assert client.get(concrete).status_code < 500, concrete


@pytest.mark.parametrize("area", ["review", "facilitate"])
def test_a_link_that_opens_no_session_says_why(client, area):
    response = client.get(f"/fr/{area}/sessions/{'B' * 43}/")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Ce lien de séance n" in page and "ouvre rien" in page
    assert "30 jours après le retour sur les affirmations" in page
