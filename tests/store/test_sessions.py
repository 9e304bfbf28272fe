"""Saved sessions and decisions, on SQLite and PostgreSQL: what is written is what is read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import threading

import pytest
from sqlalchemy import inspect, select

from workshop.planning import SessionChoices
from workshop.store import sessions
from workshop.store.schema import decision, planned_session
from workshop.store.tokens import token_hash
from workshop.vocabulary import RECHECK_WEEK

CHOICES = SessionChoices(
    lang="fr",
    tier="13-15",
    modules=("demo",),
    periods=1,
    school="Collège Jean Moulin",
    class_name="4e B",
    class_size=28,
    dates=(dt.date(2026, 3, 14),),
    presenter="Mme Durand",
    role="Substitute du procureur",
    safeguarding_contact="CPE, poste 12",
    local_contacts="CRIP 01 23 45 67 89\nBrigade des mineurs",
)


def approval(name="Mme Martin", revision="rev1", verdict="approved", comment=""):
    """A decision as the head's form makes it."""
    return sessions.Decision(
        verdict,
        name,
        "Principale",
        comment,
        dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
        revision,
        {"demo/13-15/fr": {"revision": "abc", "lines": ["Titre"]}},
    )


def test_a_saved_session_comes_back_whole_by_either_token(engine):
    _, presenter, head = sessions.create(engine, CHOICES, retention_days=30)
    for found in (
        sessions.by_presenter_token(engine, presenter),
        sessions.by_head_token(engine, head),
    ):
        assert found.choices == CHOICES
        # The session date, six weeks to the class teacher's re-check, then 30 days.
        assert found.delete_after == dt.date(2026, 5, 25)
        assert found.decision is None


def test_each_period_keeps_its_date_and_retention_counts_from_the_last(engine):
    """Three periods on three days come back as saved; the re-check, and so the deletion,
    is counted from the last period, not the first; an old decision's single "date"
    reads as period 1's."""
    three = SessionChoices(
        **{
            **CHOICES.__dict__,
            "periods": 3,
            "dates": (dt.date(2026, 3, 14), None, dt.date(2026, 3, 28)),
        }
    )
    _, presenter, _ = sessions.create(engine, three, retention_days=30)
    found = sessions.by_presenter_token(engine, presenter)
    assert found.choices == three
    assert found.delete_after == dt.date(2026, 3, 28) + dt.timedelta(weeks=6, days=30)
    record = sessions.choices_record(three)
    assert record["dates"] == ["2026-03-14", None, "2026-03-28"]
    assert sessions.record_choices(record) == three
    old = {k: v for k, v in sessions.choices_record(CHOICES).items() if k != "dates"}
    assert sessions.record_choices({**old, "date": "2026-03-14"}) == CHOICES


def test_the_tokens_are_long_random_and_only_their_hashes_are_stored(engine):
    _, presenter, head = sessions.create(engine, CHOICES, retention_days=30)
    assert len(presenter) == len(head) == 43 and presenter != head
    with engine.connect() as connection:
        row = connection.execute(select(planned_session)).mappings().one()
    stored = " ".join(str(value) for value in row.values())
    assert presenter not in stored and head not in stored
    assert row["presenter_token_hash"] == token_hash(presenter)


@pytest.mark.parametrize("wrong", ["", "x", "A" * 43, "../../etc/passwd", "%00", "é" * 43])
def test_a_wrong_token_finds_nothing(engine, wrong):
    _, presenter, head = sessions.create(engine, CHOICES, retention_days=30)
    assert sessions.by_presenter_token(engine, wrong) is None
    assert sessions.by_head_token(engine, wrong) is None


def test_one_token_never_opens_the_other_side(engine):
    _, presenter, head = sessions.create(engine, CHOICES, retention_days=30)
    assert sessions.by_head_token(engine, presenter) is None
    assert sessions.by_presenter_token(engine, head) is None


def test_a_decision_is_recorded_and_replaced_as_a_whole(engine):
    session_id, presenter, _ = sessions.create(engine, CHOICES, retention_days=30)
    assert sessions.decide(engine, session_id, approval(verdict="changes", comment="Plus court"))
    assert sessions.decide(engine, session_id, approval(name="M. Roux"))
    found = sessions.by_presenter_token(engine, presenter).decision
    assert (found.verdict, found.name, found.comment) == ("approved", "M. Roux", "")
    assert found.lessons == {"demo/13-15/fr": {"revision": "abc", "lines": ["Titre"]}}
    assert found.decided_at == dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_changing_the_choices_keeps_the_decision_with_what_it_was_made_on(engine):
    session_id, presenter, _ = sessions.create(engine, CHOICES, retention_days=30)
    read = sessions.choices_record(CHOICES)
    sessions.decide(engine, session_id, dataclasses.replace(approval(), choices=read))
    changed = SessionChoices(**{**CHOICES.__dict__, "periods": 2, "class_name": "4e C"})
    assert sessions.update_choices(engine, session_id, changed, retention_days=30)
    found = sessions.by_presenter_token(engine, presenter)
    assert found.choices == changed  # the pages compare the two (approval/)
    assert found.decision.choices == read and sessions.record_choices(read) == CHOICES


def test_a_decision_on_choices_no_longer_there_is_refused(engine):
    session_id, presenter, _ = sessions.create(engine, CHOICES, retention_days=30)
    changed = SessionChoices(**{**CHOICES.__dict__, "class_name": "4e C"})
    sessions.update_choices(engine, session_id, changed, retention_days=30)
    read_before = dataclasses.replace(approval(), choices=sessions.choices_record(CHOICES))
    with pytest.raises(sessions.SessionChanged) as refused:
        sessions.decide(engine, session_id, read_before)
    assert refused.value.now == changed
    assert sessions.by_presenter_token(engine, presenter).decision is None


def test_two_heads_deciding_at_once_leave_one_consistent_record(engine):
    session_id, presenter, _ = sessions.create(engine, CHOICES, retention_days=30)
    heads = [
        approval(
            name=f"Head {n}",
            revision=f"rev{n}",
            verdict="approved" if n % 2 else "changes",
            comment=f"comment {n}",
        )
        for n in range(8)
    ]
    barrier = threading.Barrier(len(heads))

    def decide(one):
        barrier.wait()
        assert sessions.decide(engine, session_id, one)

    threads = [threading.Thread(target=decide, args=(one,)) for one in heads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = sessions.by_presenter_token(engine, presenter).decision
    assert final in heads  # one submission, whole: never a mix of two
    with engine.connect() as connection:
        assert len(connection.execute(select(decision)).all()) == 1


def test_purge_deletes_exactly_what_is_past_retention(engine):
    today = dt.date(2026, 6, 1)
    kept, gone = [], []
    kept_for = 7 * RECHECK_WEEK + 30  # to the re-check, then the retention
    for days_ago in (0, kept_for - 1, kept_for, kept_for + 1, 400):
        choices = SessionChoices(
            **{**CHOICES.__dict__, "dates": (today - dt.timedelta(days=days_ago),)}
        )
        session_id, presenter, _ = sessions.create(engine, choices, retention_days=30)
        sessions.decide(engine, session_id, approval())
        (gone if days_ago > kept_for else kept).append(presenter)
    assert sessions.purge(engine, today) == 2
    assert all(sessions.by_presenter_token(engine, token) for token in kept)
    assert not any(sessions.by_presenter_token(engine, token) for token in gone)
    with engine.connect() as connection:
        assert len(connection.execute(select(decision)).all()) == 3


def test_deleting_a_session_deletes_its_decision(engine):
    session_id, presenter, _ = sessions.create(engine, CHOICES, retention_days=30)
    sessions.decide(engine, session_id, approval())
    sessions.delete_session(engine, session_id)
    assert sessions.by_presenter_token(engine, presenter) is None
    assert not sessions.decide(engine, session_id, approval())
    with engine.connect() as connection:
        assert connection.execute(select(decision)).all() == []


KILLED_MID_WRITE = """
import os, sys, datetime as dt
from sqlalchemy import text
from workshop.store.database import make_engine
from workshop.store.schema import planned_session
engine = make_engine(sys.argv[1])
connection = engine.connect()
transaction = connection.begin()
now = dt.datetime.now(dt.UTC)
connection.execute(planned_session.insert().values(
    presenter_token_hash="p" * 64, head_token_hash="h" * 64, created_at=now, updated_at=now,
    delete_after=now.date(), lang="fr", tier="13-15", modules="demo", periods=1))
print("written, not committed", flush=True)
os._exit(9)  # killed before the commit
"""


def test_a_process_killed_during_a_write_leaves_no_partial_session(engine, database_url):
    result = subprocess.run(
        [sys.executable, "-c", KILLED_MID_WRITE, database_url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 9 and "written" in result.stdout, result.stderr
    assert sessions.count(engine) == 0
    _, presenter, _ = sessions.create(engine, CHOICES, retention_days=30)  # not locked
    assert sessions.by_presenter_token(engine, presenter) is not None


def test_the_schema_has_no_column_for_anything_about_a_pupil(engine):
    columns = {
        column["name"]
        for table in inspect(engine).get_table_names()
        for column in inspect(engine).get_columns(table)
    }
    for forbidden in ("ip", "user_agent", "pupil", "answer", "email", "cookie"):
        assert not any(forbidden in name for name in columns), columns


def test_the_heads_token_is_derived_one_way_from_the_presenters(engine):
    from workshop.store.tokens import head_token_for, is_token

    _, presenter, head = sessions.create(engine, CHOICES, retention_days=30)
    assert head == head_token_for(presenter) and is_token(head)
    assert head_token_for(head) != presenter


def test_the_screen_token_is_derived_one_way_and_finds_the_session(engine):
    from workshop.store.tokens import (
        head_token_for,
        is_token,
        redact,
        screen_token_for,
        screen_token_from_head,
    )

    session_id, presenter, head = sessions.create(engine, CHOICES, retention_days=30)
    screen = screen_token_for(presenter)
    assert is_token(screen) and screen == screen_token_from_head(head)
    assert screen not in (presenter, head, head_token_for(screen), head_token_for(head))
    assert redact(f"/fr/screen/{screen}/slides") == "/fr/screen/[token]/slides"
    assert sessions.by_screen_token(engine, screen).id == session_id
    assert sessions.by_screen_token(engine, screen).has_screen_link
    for other in (presenter, head, "A" * 43, "short"):
        assert sessions.by_screen_token(engine, other) is None
    assert sessions.by_presenter_token(engine, screen) is None
    assert sessions.by_head_token(engine, screen) is None
    assert not sessions.ensure_screen_token(engine, session_id, token_hash("other"))
    sessions.delete_session(engine, session_id)
    assert sessions.by_screen_token(engine, screen) is None


def test_logs_see_a_token_shaped_segment_as_redacted():
    from workshop.store.tokens import new_token, redact

    token = new_token()
    assert redact(f"/fr/review/sessions/{token}/decision") == "/fr/review/sessions/[token]/decision"
    assert redact("/fr/learn/13-15/grooming/step/2") == "/fr/learn/13-15/grooming/step/2"
