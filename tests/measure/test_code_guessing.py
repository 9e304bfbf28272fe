"""Join codes cannot be found by guessing (issue 31): every path that tests a code meets a
429 with Retry-After long before a guesser could find one, per address and in all; a
class typing its right code is never held back; the follow-up code lives 28 days at most
and can be closed; the report's PDF never prints a live code."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.store import measure, sessions
from workshop.store.codes import ALPHABET, LENGTH, GuessLimit
from workshop.votes import FOLLOW_UP_OPEN_FOR

from ..pdfs import pdf_text
from .conftest import code_on, save
from .test_measure import measure_path, open_phase

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def vote_page(client, code: str):
    """A phone typing a code: the page's ballot comes first (a redirect), then the lookup."""
    return client.get("/fr/vote", query_string={"code": code}, follow_redirects=True)


@SQLITE
def test_2000_guesses_meet_a_429_long_before_they_could_find_a_code(measure_app):
    client = measure_app.test_client()
    code = open_phase(client, save(client))
    statuses = []
    for number in range(2000):
        guess = "".join(ALPHABET[(number // 25**i) % 25] for i in range(LENGTH))
        if guess == code:
            continue
        response = client.get("/fr/vote", follow_redirects=True, query_string={"code": guess})
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses.count(404) == 60 and statuses[-1] == 429
    # Now even the right code is not looked up: the 429 says nothing about a code.
    for refused in (
        vote_page(client, code),
        client.post("/fr/vote", data={"code": code, "s-demo-faux-profil": "true"}),
    ):
        assert refused.status_code == 429
        assert 0 < int(refused.headers["Retry-After"]) <= 600
        assert refused.headers["Cache-Control"] == "no-store"
        page = refused.get_data(as_text=True)
        assert "Trop de codes erronés" in page and "attendez" in page.lower()
    # Another address (another school) still votes.
    school = measure_app.test_client()
    school.environ_base["REMOTE_ADDR"] = "10.9.8.7"  # kept across the ballot's redirect
    other = school.get("/fr/vote", query_string={"code": code}, follow_redirects=True)
    assert other.status_code == 200


@SQLITE
def test_a_class_typing_its_right_code_is_never_held_back(measure_app):
    client = measure_app.test_client()
    code = open_phase(client, save(client))
    for _ in range(300):  # a hall of phones on one school address
        assert vote_page(client, code).status_code == 200


def test_wrong_codes_from_many_addresses_meet_the_overall_bound():
    limit = GuessLimit(per_address=60, overall=600, window=600)
    for number in range(600):
        assert limit.retry_after(f"10.0.{number // 250}.{number % 250}") is None
        limit.wrong(f"10.0.{number // 250}.{number % 250}")
    assert limit.retry_after("192.0.2.1") is not None  # a fresh address too
    ipv6 = GuessLimit(per_address=2, overall=600, window=600)
    ipv6.wrong("2001:db8::1")
    ipv6.wrong("2001:db8::2")
    assert ipv6.retry_after("2001:db8::ffff") is not None  # the same /64
    assert ipv6.retry_after("2001:db8:0:1::1") is None


@SQLITE
def test_the_follow_up_code_lives_28_days_and_can_be_closed(measure_app):
    assert dt.timedelta(days=28) == FOLLOW_UP_OPEN_FOR
    client = measure_app.test_client()
    presenter = save(client, date_1=(dt.date.today() + dt.timedelta(days=90)).isoformat())
    client.post(measure_path(presenter) + "/follow/open", data={"class_size": "30"})
    engine = measure_app.extensions["store"]
    saved = sessions.by_presenter_token(engine, presenter.split("/")[-2])
    expires = measure.phases(engine, saved.id)["follow"].expires_at
    assert expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=28)
    code = code_on(client.get(measure_path(presenter)).get_data(as_text=True))
    assert vote_page(client, code).status_code == 200
    client.post(measure_path(presenter) + "/follow/close")
    assert vote_page(client, code).status_code == 409


@SQLITE
def test_the_report_pdf_never_prints_a_live_code_and_is_never_kept(measure_app, tmp_path):
    measure_app.extensions["pdf_cache"].folder = tmp_path / "shared"
    client = measure_app.test_client()
    # No school, class or date: nothing "personal" printed but the class's own data.
    presenter = save(client, school="", class_name="", date_1="")
    client.post(measure_path(presenter) + "/follow/open", data={"class_size": "25"})
    code = code_on(client.get(measure_path(presenter) + "/report").get_data(as_text=True))
    pdf = client.get(measure_path(presenter) + "/report.pdf")
    assert pdf.status_code == 200 and pdf.headers["Cache-Control"] == "no-store"
    assert code not in pdf_text(pdf.data)
    assert not (tmp_path / "shared").exists() or not any((tmp_path / "shared").iterdir())
    assert len(measure_app.extensions["pdf_cache"]._items) == 0  # not even in memory
