"""Saving a session: the presenter's private page, its links, edits and deletion."""

from __future__ import annotations

import re

import pytest

from workshop.store import sessions

from ..sessions import SESSION, decide, head_path, save, teacher_path


def test_saving_leads_to_a_private_page_with_both_links(store_app):
    client = store_app.test_client()
    path = save(client)
    assert re.fullmatch(r"/fr/facilitate/sessions/[A-Za-z0-9_-]{43}/", path)
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Collège &lt;Jean&gt; &amp; Moulin" in html  # escaped, as typed
    assert head_path(html).startswith("/fr/review/sessions/")
    assert head_path(html) != path
    assert (
        "Set-Cookie" not in page.headers
        and "Set-Cookie" not in client.post("/fr/facilitate/session/save", data=SESSION).headers
    )


def test_an_invalid_session_is_not_saved_and_the_form_says_why(store_app):
    client = store_app.test_client()
    response = client.post("/fr/facilitate/session/save", data={**SESSION, "periods": "²"})
    assert response.status_code == 400
    assert 'id="periods-error"' in response.get_data(as_text=True)
    assert sessions.count(store_app.extensions["store"]) == 0


@pytest.mark.parametrize("suffix", ["", "edit", "links", "delete", "pack.pdf"])
def test_a_wrong_token_is_the_same_404_whatever_it_is(store_app, suffix):
    client = store_app.test_client()
    path = save(client)
    client.post(path + "delete")  # a token that was real once
    assert client.get(f"/fr/facilitate/sessions/..%2F..%2Fetc/{suffix}").status_code == 404
    bodies = set()
    for token in ("A" * 43, "short", "x" * 500, path.split("/")[-2]):
        page = client.get(f"/fr/facilitate/sessions/{token}/{suffix}")
        assert page.status_code == 404
        # the page links to itself (language switch): apart from that, nothing differs
        bodies.add(page.get_data(as_text=True).replace(token, "TOKEN"))
    assert len(bodies) == 1


def test_the_links_sheet_has_the_private_links_as_text_and_qr_codes(store_app):
    """The presenter's, the head's and the class teacher's links (never the screen link:
    it is on the projector, not a private link)."""
    client = store_app.test_client()
    path = save(client)
    html = client.get(path + "links").get_data(as_text=True)
    assert html.count("<svg") == 3
    page = client.get(path).get_data(as_text=True)
    assert path in html and head_path(page) in html and teacher_path(page) in html
    assert "/screen/" not in html


def test_editing_keeps_the_links_and_withdraws_the_decision(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    decide(client, head, verdict="approved", name="Mme Martin", role="Principale")
    form = client.get(path + "edit").get_data(as_text=True)
    assert 'value="4e B"' in form and 'value="2027-03-14"' in form
    response = client.post(path + "edit", data={**SESSION, "class_name": "4e C"})
    assert response.status_code == 303 and response.headers["Location"] == path + "?saved=1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'class="notice" role="status"' in page  # the change is confirmed
    for page in (client.get(path), client.get(head)):  # both sides told what changed
        html = page.get_data(as_text=True)
        assert "approval-withdrawn" in html and "Classe : 4e B → 4e C" in html


def test_the_class_size_is_saved_shown_to_both_and_filled_in_again(store_app):
    client = store_app.test_client()
    path = save(client, class_size="24")
    page = client.get(path).get_data(as_text=True)
    assert "<dt>Nombre d'élèves</dt><dd>24</dd>" in page.replace("&#39;", "'")
    head = client.get(head_path(page)).get_data(as_text=True).replace("&#39;", "'")
    assert "4e B · 24 élèves" in head
    form = client.get(path + "edit").get_data(as_text=True)
    assert 'name="class_size" type="text" inputmode="numeric" value="24"' in form


def test_an_invalid_edit_is_a_400_and_changes_nothing(store_app):
    client = store_app.test_client()
    path = save(client)
    response = client.post(path + "edit", data={**SESSION, "school": "x" * 500})
    assert response.status_code == 400 and 'id="school-error"' in response.get_data(as_text=True)
    assert "Collège &lt;Jean&gt;" in client.get(path).get_data(as_text=True)


def test_deleting_asks_first_then_deletes_everything(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    assert client.get(path + "delete").status_code == 200
    assert sessions.count(store_app.extensions["store"]) == 1
    assert client.post(path + "delete").status_code == 200
    assert client.get(path).status_code == 404 and client.get(head).status_code == 404
    assert sessions.count(store_app.extensions["store"]) == 0


@pytest.mark.parametrize(
    "headers", [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}]
)
def test_changes_sent_from_another_site_are_refused(store_app, headers):
    client = store_app.test_client()
    path = save(client)
    assert (
        client.post("/fr/facilitate/session/save", data=SESSION, headers=headers).status_code == 403
    )
    assert client.post(path + "delete", headers=headers).status_code == 403
    assert client.post(path + "edit", data=SESSION, headers=headers).status_code == 403
    assert sessions.count(store_app.extensions["store"]) == 1


def test_a_same_site_form_without_javascript_works(store_app):
    client = store_app.test_client()
    response = client.post(
        "/fr/facilitate/session/save",
        data=SESSION,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    )
    assert response.status_code == 303


def test_the_pack_and_briefing_print_the_heads_decision(store_app):
    from ..pdfs import pdf_text

    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    for document in ("pack", "briefing"):
        response = client.get(path + f"{document}.pdf")
        assert response.headers["Cache-Control"] == "no-store"
        assert "Pas encore approuvée" in " ".join(pdf_text(response.data).split())
    decide(client, head, verdict="approved", name="Mme Martin", role="Principale")
    revision = store_app.extensions["catalog"].revision
    for document in ("pack", "briefing"):
        text = " ".join(pdf_text(client.get(path + f"{document}.pdf").data).split())
        assert "Approuvée par Mme Martin (Principale)" in text
        assert revision not in text  # a date for people, not a content hash (issue 25)
    handout = " ".join(pdf_text(client.get(path + "handout.pdf").data).split())
    assert "Mme Martin" not in handout  # the pupils' handout prints no decision
