"""Approval of exactly what was read (issues 25 and 31): edits after a decision say what
changed and whether the approval stands; a decision on a session changed since the page
was opened is refused with the changes; edits racing decisions never approve unseen
content. On SQLite and PostgreSQL (store_app)."""

from __future__ import annotations

import threading

from workshop.store import sessions

from ..sessions import SESSION, decide, head_path, save, shown_fields


def approve(client, head):
    return decide(client, head, verdict="approved", name="Mme Martin", role="Principale")


def test_a_cover_edit_keeps_the_approval_and_shows_the_change(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    assert approve(client, head).status_code == 303
    client.post(path + "edit", data={**SESSION, "role": "Substitut"})  # a typo fixed
    for page in (client.get(path), client.get(head)):
        html = page.get_data(as_text=True)
        assert "approval-approved" in html and "Approuvée par Mme Martin" in html
        assert "Fonction de l’intervenant : Substitute → Substitut" in html or (
            "Substitute → Substitut" in html
        )
        assert "l'approbation reste valable" in html


def test_a_module_or_class_edit_withdraws_it_and_says_which(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    approve(client, head)
    client.post(path + "edit", data={**SESSION, "class_name": "3e A", "role": "Substitut"})
    html = client.get(head).get_data(as_text=True)
    assert "approval-withdrawn" in html
    assert "Classe : 4e B → 3e A" in html  # withdrawing change
    assert "Substitute → Substitut" in html  # cover change, listed apart
    assert approve(client, head).status_code == 303  # approving again, after reading
    assert "approval-approved" in client.get(head).get_data(as_text=True)


def test_a_decision_on_a_session_edited_after_it_was_shown_is_refused(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    shown = shown_fields(client.get(head).get_data(as_text=True))  # the head reads...
    client.post(path + "edit", data={**SESSION, "class_name": "3e A"})  # ...it changes...
    response = client.post(  # ...and the head approves what was read
        head + "decision",
        data={**shown, "verdict": "approved", "name": "Mme Martin", "role": "Principale"},
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Rien n'a été enregistré" in html and "Classe : 4e B → 3e A" in html
    assert 'value="Mme Martin"' in html  # what the head typed is kept
    assert "Pas encore approuvée" in client.get(path).get_data(as_text=True)


def test_a_decision_without_what_was_shown_is_refused(store_app):
    client = store_app.test_client()
    head = head_path(client.get(save(client)).get_data(as_text=True))
    bad = ({}, {"shown": "[1]", "shown_revision": "x"}, {"shown": "{", "shown_revision": ""})
    for shown in bad:
        response = client.post(
            head + "decision", data={**shown, "verdict": "approved", "name": "A", "role": "B"}
        )
        assert response.status_code == 409


def race(app, path: str, head: str, shown: dict, class_name: str) -> dict:
    """An edit and a decision on what was shown before it, sent at the same moment."""
    start = threading.Barrier(2)
    answers = {}

    def edit():
        start.wait()
        answers["edit"] = app.test_client().post(
            path + "edit", data={**SESSION, "class_name": class_name}
        )

    def approve_read():
        start.wait()
        answers["decision"] = app.test_client().post(
            head + "decision", data={**shown, "verdict": "approved", "name": "M", "role": "P"}
        )

    threads = [threading.Thread(target=edit), threading.Thread(target=approve_read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_edits_racing_decisions_never_approve_what_was_not_read(store_app):
    """Pairs of (edit, approve what was shown before the edit) at the same moment: either
    the decision is refused, or it is recorded on the choices read and the edit then shows
    it withdrawn. Never approved with the session different from what was approved."""
    client = store_app.test_client()
    engine = store_app.extensions["store"]
    for round_ in range(12):
        path = save(client)
        head = head_path(client.get(path).get_data(as_text=True))
        shown = shown_fields(client.get(head).get_data(as_text=True))
        answers = race(store_app, path, head, shown, f"3e {round_}")
        assert answers["edit"].status_code == 303
        assert answers["decision"].status_code in (303, 409)
        saved = sessions.by_presenter_token(engine, path.split("/")[-2])
        assert saved.choices.class_name == f"3e {round_}"
        if answers["decision"].status_code == 303:
            assert saved.decision.choices["class_name"] == "4e B"  # what was read
            assert "approval-withdrawn" in client.get(head).get_data(as_text=True)
        else:
            assert saved.decision is None
