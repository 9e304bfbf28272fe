"""Every page of the measure is valid HTML (Nu Html Checker), in both languages."""

from __future__ import annotations

import pytest

from ..html import html_problems
from ..sessions import screen_path
from .conftest import code_on, head_path, save


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_measure_pages_are_valid_html(measure_app, tmp_path):
    client = measure_app.test_client()
    presenter = save(client)
    measure = presenter + "measure"
    client.post(measure + "/start/cards", data={"start-demo-faux-profil-true": "12"})
    client.post(measure + "/start/ask/demo/cadeau", data={"class_size": "30"})
    client.post(measure + "/follow/open", data={"class_size": "30"})
    code = code_on(client.get(measure).get_data(as_text=True))
    ballot = client.get(f"/fr/vote?code={code}").headers["Location"].split("ballot=")[1]
    client.post("/fr/vote", data={"code": code, "ballot": ballot, "s-demo-cadeau": "true"})
    client.post(measure + "/start/reveal")
    head = head_path(client.get(presenter).get_data(as_text=True))
    screen = screen_path(client.get(presenter).get_data(as_text=True))
    pages = []
    for lang in ("fr", "en"):
        pages += [
            client.get(measure.replace("/fr/", f"/{lang}/", 1)),
            client.post(
                measure.replace("/fr/", f"/{lang}/", 1) + "/end/cards",
                data={"end-demo-faux-profil-true": "-3"},
            ),
            client.get(screen.replace("/fr/", f"/{lang}/", 1) + "vote/start"),
            client.get(screen.replace("/fr/", f"/{lang}/", 1) + "vote/end"),  # not open yet
            client.get(screen.replace("/fr/", f"/{lang}/", 1) + "slides"),
            client.get(measure.replace("/fr/", f"/{lang}/", 1) + "/report"),
            client.get(head.replace("/fr/", f"/{lang}/", 1) + "measure/report"),
            client.get(f"/{lang}/vote"),
            client.get(f"/{lang}/vote?code={code}", follow_redirects=True),
            client.get(f"/{lang}/vote?code=AAAAAA", follow_redirects=True),
            client.post(f"/{lang}/vote", data={"code": code}, follow_redirects=True),
            client.get(f"/{lang}/vote?code={code}&ballot={ballot}"),  # counted: next question
        ]
    for page in pages:
        assert page.status_code in (200, 400, 404), (page.request.path, page.status_code)
    named = {f"{n:02d} {page.request.path}": page.data for n, page in enumerate(pages)}
    assert html_problems(named, tmp_path) == []
