"""The head's review of one saved session: exactly what the class gets, then a decision."""

from __future__ import annotations

import pytest

from workshop import create_app
from workshop.catalog.translations import accept_translation

from ..sessions import decide, head_path, save


def test_the_head_sees_exactly_this_session(store_app):
    client = store_app.test_client()
    path = save(client)
    page = client.get(head_path(client.get(path).get_data(as_text=True)))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    catalog = store_app.extensions["catalog"]
    lesson = catalog.lesson("demo", "13-15", "fr")
    assert lesson.pupil.title in html
    assert all(item.question in html for item in lesson.quiz.items)  # every quiz item
    assert all(
        choice.label in html for node in lesson.scenario.nodes.values() for choice in node.choices
    )  # every choice
    assert "FACILITATOR-ONLY" in html  # notes, marked
    assert catalog.revision in html
    assert "Not yet approved" in html or "Pas encore approuvée" in html


def test_approving_records_name_role_and_revision(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    response = decide(client, head, verdict="approved", name="Mme Martin", role="Principale")
    assert response.status_code == 303
    revision = store_app.extensions["catalog"].revision
    for page in (client.get(path), client.get(head)):
        html = page.get_data(as_text=True)
        assert "Mme Martin (Principale)" in html and revision in html


def test_asking_for_changes_shows_the_comment_to_the_presenter(store_app):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    decide(
        client,
        head,
        verdict="changes",
        name="M. Roux",
        role="Proviseur",
        comment="Pas de <quiz> en 2e heure",
    )
    html = client.get(path).get_data(as_text=True)
    assert "M. Roux (Proviseur)" in html and "Pas de &lt;quiz&gt; en 2e heure" in html


@pytest.mark.parametrize(
    "form, field",
    [
        ({"verdict": "maybe", "name": "A", "role": "B"}, "verdict"),
        ({"verdict": "approved", "name": "", "role": "B"}, "name"),
        ({"verdict": "approved", "name": "A", "role": " "}, "role"),
        ({"verdict": "changes", "name": "A", "role": "B", "comment": ""}, "comment"),
        ({"verdict": "approved", "name": "A" * 121, "role": "B"}, "name"),
        ({"verdict": "approved", "name": "A\u202e", "role": "B"}, "name"),
        ({"name": "A", "role": "B"}, "verdict"),
    ],
)
def test_a_wrong_or_missing_field_is_a_400_by_the_field(store_app, form, field):
    client = store_app.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    response = decide(client, head, **form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    target = "verdict" if field == "verdict" else field
    assert f'id="{target}-error"' in html
    assert "Not yet approved" in client.get(path).get_data(
        as_text=True
    ) or "Pas encore approuvée" in client.get(path).get_data(as_text=True)


def test_a_wrong_head_token_is_a_404(store_app):
    client = store_app.test_client()
    save(client)
    page = client.get("/fr/review/sessions/" + "B" * 43 + "/")
    assert page.status_code == 404
    html = page.get_data(as_text=True)  # why, and whom to ask (issue 25)
    assert "Ce lien de séance n'ouvre rien" in html.replace("&#39;", "'")
    assert "30 jours après le retour sur les affirmations" in html
    assert (
        client.post(
            "/fr/review/sessions/" + "B" * 43 + "/decision",
            data={"verdict": "approved", "name": "A", "role": "B"},
        ).status_code
        == 404
    )


def test_a_content_change_after_approval_asks_to_approve_again(content_tree, engine, database_url):
    config = {"CONTENT_DIR": content_tree, "TESTING": True, "DATABASE_URL": database_url}
    before = create_app(config)
    client = before.test_client()
    path = save(client)
    head = head_path(client.get(path).get_data(as_text=True))
    decide(client, head, verdict="approved", name="Mme Martin", role="Principale")
    lesson = content_tree / "modules/demo/fr/13-15.md"
    text = lesson.read_text(encoding="utf-8")
    summary = before.extensions["catalog"].lesson("demo", "13-15", "fr").pupil.summary
    lesson.write_text(text.replace(summary, "Un résumé tout neuf."), encoding="utf-8")
    accept_translation(content_tree, "demo/en/13-15", "fr")
    after = create_app(config).test_client()  # the new content deployed: a restart
    for page in (after.get(path), after.get(head)):
        html = page.get_data(as_text=True)
        assert "approval-outdated" in html  # approved, then the lessons changed
        assert summary in html and "Un résumé tout neuf." in html  # before and after
    from ..pdfs import pdf_text

    pack = " ".join(pdf_text(after.get(path + "pack.pdf").data).split())
    assert "mises à jour depuis" in pack
