"""One date per period (issue 25): the form refuses a past date by its field, an old
session stays editable, the head's page shows each period's date, and moving a period
withdraws the approval (the parent letter prints the dates)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import update

from workshop.store.schema import planned_session

from ..sessions import SESSION, decide, head_path, save

# Two modules over two periods (one module fills one period: a second would be empty).
TWO = {
    **SESSION,
    "modules": ["demo", "second"],
    "periods": "2",
    "date_1": "2027-03-14",
    "date_2": "2027-03-21",
}


def field_error(page: str, name: str) -> str:
    """The message shown next to a field of the session form."""
    found = re.search(rf'<p class="field-error" id="{name}-error">([^<]*)</p>', page)
    return found.group(1) if found else ""


def test_a_past_date_is_a_400_with_the_message_by_its_field(two_modules_store_app):
    client = two_modules_store_app.test_client()
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    response = client.post("/en/facilitate/session/save", data={**TWO, "date_2": yesterday})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "past" in field_error(page, "date_2") and not field_error(page, "date_1")
    assert 'aria-describedby="date_2-hint date_2-error"' in page
    # The form itself, in French, asks for one date per period.
    form = client.get("/fr/facilitate/session").get_data(as_text=True)
    for n in (1, 2, 3):
        assert f'<label for="date_{n}">Séance {n}</label>' in form
        assert f'id="date_{n}" name="date_{n}" type="date"' in form


def test_an_old_session_is_edited_without_retyping_its_past_dates(two_modules_store_app):
    client = two_modules_store_app.test_client()
    path = save(client, **TWO)
    engine = two_modules_store_app.extensions["store"]
    with engine.begin() as connection:  # the session's days have passed
        connection.execute(
            update(planned_session).values(date_1=dt.date(2026, 1, 5), date_2=dt.date(2026, 1, 12))
        )
    form = client.get(path + "edit").get_data(as_text=True)
    assert 'value="2026-01-05"' in form and 'value="2026-01-12"' in form
    sent = {**TWO, "date_1": "2026-01-05", "date_2": "2026-01-12", "role": "Substitut"}
    assert client.post(path + "edit", data=sent).status_code == 303  # kept: accepted
    moved = client.post(path + "edit", data={**sent, "date_2": "2026-01-13"})
    assert moved.status_code == 400  # moved to another past day: refused
    assert "passée" in field_error(moved.get_data(as_text=True), "date_2")


def test_the_head_sees_each_period_and_a_moved_period_withdraws_the_approval(two_modules_store_app):
    client = two_modules_store_app.test_client()
    path = save(client, **TWO)
    head = head_path(client.get(path).get_data(as_text=True))
    page = client.get(head).get_data(as_text=True)
    assert "Séance 1 : dimanche 14 mars 2027" in page
    assert "Séance 2 : dimanche 21 mars 2027" in page
    decide(client, head, verdict="approved", name="Mme Martin", role="Principale")
    assert client.post(path + "edit", data={**TWO, "date_2": "2027-03-28"}).status_code == 303
    page = " ".join(client.get(head).get_data(as_text=True).split())
    assert "Approbation retirée" in page
    assert (
        "Dates : Séance 1 : 14 mars 2027 · Séance 2 : 21 mars 2027 → "
        "Séance 1 : 14 mars 2027 · Séance 2 : 28 mars 2027" in page
    )


def test_english_dates_are_day_first(two_modules_store_app):
    client = two_modules_store_app.test_client()
    path = save(client, "en", **{**TWO, "lang": "en"})
    head = head_path(client.get(path).get_data(as_text=True))
    page = client.get(head.replace("/fr/", "/en/")).get_data(as_text=True)
    assert "Period 1: Sunday, 14 March 2027" in page or "Period 1: Sunday 14 March 2027" in page
    assert "March 14" not in page
