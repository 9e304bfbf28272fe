"""What the class learned: cards, phones, the report, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, select, text, update

from workshop import create_app
from workshop.catalog.statements import lesson_statements
from workshop.store import measure, sessions

from ..pdfs import pdf_text
from ..sessions import screen_path
from .conftest import DEMO_IDS, code_on, head_path, save, statements_tree


def page_colours(pdf: bytes):
    """How many pixels of each colour the first page has, rendered at 50 dpi."""
    import collections
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is missing: apt-get install poppler-utils")
    image = subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    header, _, rest = image.split(b"\n", 3)[0], None, image.split(b"\n", 3)[3]
    assert header == b"P6"
    return collections.Counter(tuple(rest[i : i + 3]) for i in range(0, len(rest) - 2, 3))


def measure_path(presenter: str) -> str:
    return presenter + "measure"


def cards(phase: str, counts: dict) -> dict:
    """A cards form: {number: (true, false, unsure)} (numbers from 1, in the lesson's order)."""
    return {
        f"{phase}-demo-{DEMO_IDS[number - 1]}-{answer}": str(n)
        for number, values in counts.items()
        for answer, n in zip(("true", "false", "unsure"), values, strict=True)
    }


def test_statements_are_read_from_the_lesson_with_their_id_and_answer(measure_app):
    with measure_app.app_context():
        lesson = measure_app.extensions["catalog"].lesson("demo", "13-15", "fr")
        found = lesson_statements(lesson)
    assert [s.key for s in found] == ["demo:faux-profil", "demo:cadeau", "demo:aide"]
    assert found[0].text == "On reconnaît facilement un faux profil."
    assert [s.answer for s in found] == ["false", "true", "true"]


def test_the_real_lessons_all_have_starter_statements(real_app):
    catalog = real_app.extensions["catalog"]
    assert catalog.lessons
    for lesson in catalog.lessons.values():
        assert len(lesson_statements(lesson)) >= 4, lesson.key
    with real_app.app_context():
        for module in catalog.modules:
            for tier in catalog.tiers:
                counts = {
                    len(lesson_statements(catalog.lesson(module, tier, lang)))
                    for lang in catalog.languages
                }
                assert len(counts) == 1 and counts.pop() >= 4, (module, tier)


def test_cards_counted_at_start_and_end_make_the_report(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    page = client.get(measure_path(presenter))
    assert page.status_code == 200 and "On reconnaît facilement" in page.get_data(as_text=True)
    assert "(Faux.)" not in page.get_data(as_text=True)
    answer = client.post(
        measure_path(presenter) + "/start/cards",
        data=cards("start", {1: (12, 10, 6), 2: (5, 3, 1), 3: (20, 4, 4)}),
    )
    assert answer.status_code == 303
    client.post(
        measure_path(presenter) + "/end/cards",
        data=cards("end", {1: (2, 24, 2), 2: (20, 6, 2), 3: (26, 1, 1)}),
    )
    report = client.get(measure_path(presenter) + "/report").get_data(as_text=True)
    assert "28 answers" in report or "28 réponses" in report
    assert report.count("Trop peu de réponses pour les montrer (9)") == 1  # start, statement 2
    assert "appariées" in report  # not paired pupil by pupil
    head = head_path(client.get(presenter).get_data(as_text=True))
    head_report = client.get(head + "measure/report")
    assert head_report.status_code == 200
    assert "Trop peu de réponses pour les montrer (9)" in head_report.get_data(as_text=True)


@pytest.mark.parametrize(
    "value", ["-1", "201", "٣", "１２", "99999999999999999999999", "1e3", "3.5", " 4 4", "²"]
)
def test_a_bad_count_is_a_400_with_the_message_by_the_field(measure_app, value):
    client = measure_app.test_client()
    presenter = save(client)
    answer = client.post(
        measure_path(presenter) + "/start/cards",
        data={**cards("start", {1: (1, 2, 3)}), "start-demo-cadeau-false": value},
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="start-demo-cadeau-false-error"' in html
    assert 'aria-invalid="true"' in html
    with measure_app.app_context():
        saved = sessions.by_presenter_token(
            measure_app.extensions["store"], presenter.split("/")[-2]
        )
        assert measure.counts(measure_app.extensions["store"], saved.id)["start"] == {}


def test_cards_saved_while_phones_vote_keep_every_counter(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = open_phase(client, presenter)
    client.post(measure_path(presenter) + "/start/cards", data=cards("start", {1: (4, 0, 0)}))
    vote(client, code, n1="false", n2="unsure", n3="true")
    live = client.get(measure_path(presenter) + "/start/live.json").get_json()["counts"]
    assert live["demo:faux-profil"] == {"true": 4, "false": 1, "unsure": 0}
    assert live["demo:cadeau"]["unsure"] == 1 and live["demo:aide"]["true"] == 1


def open_phase(client, presenter, phase="start", size="30"):
    answer = client.post(measure_path(presenter) + f"/{phase}/open", data={"class_size": size})
    assert answer.status_code == 303
    return code_on(client.get(measure_path(presenter)).get_data(as_text=True))


def vote(client, code, lang="fr", **answers):
    return client.post(
        f"/{lang}/vote",
        data={
            "code": code,
            **{f"s-demo-{DEMO_IDS[int(n[1:]) - 1]}": answer for n, answer in answers.items()},
        },
    )


def test_phones_vote_counts_refuses_when_closed_and_shows_the_right_pages(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = open_phase(client, presenter)
    form = client.get(f"/en/vote?code={code.lower()}")
    html = form.get_data(as_text=True)
    assert form.status_code == 200 and "spot a fake profile" in html and "(False.)" not in html
    assert "Set-Cookie" not in form.headers and "<script" not in html.split("site.js")[-1]
    answer = vote(client, code, n1="false", n2="true", n3="unsure")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/fr/vote/thanks")
    assert "Set-Cookie" not in answer.headers
    assert client.get("/fr/vote/thanks").status_code == 200
    live = client.get(measure_path(presenter) + "/start/live.json").get_json()
    assert live["answers"] == 1 and live["counts"]["demo:faux-profil"]["false"] == 1
    on_screen = screen_path(client.get(presenter).get_data(as_text=True)) + "vote/start"
    screen = client.get(on_screen + ".json").get_json()
    assert "counts" not in screen  # hidden until revealed
    page = client.get(on_screen).get_data(as_text=True)
    assert code in page and "<svg" in page
    client.post(measure_path(presenter) + "/start/reveal")
    assert "counts" in client.get(on_screen + ".json").get_json()
    client.post(measure_path(presenter) + "/start/close")
    closed = vote(client, code, n1="true")
    assert closed.status_code == 409 and "Ce vote est fermé" in closed.get_data(as_text=True)
    assert client.get(f"/en/vote?code={code}").status_code == 409
    wrong = client.get("/en/vote?code=AAAAAA")
    assert wrong.status_code == 404 and "This code does not open a vote" in wrong.get_data(
        as_text=True
    )
    assert client.get("/fr/vote?code=%EF%BC%A1" * 3).status_code == 404
    assert vote(client, "ZZ", n1="true").status_code == 404


def test_an_expired_code_and_a_full_vote_are_refused(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = open_phase(client, presenter, size="3")
    sent = [vote(client, code, n1="true").status_code for _ in range(8)]
    assert sent == [303] * 5 + [409] * 3  # 3 pupils + a margin of 2, never more
    engine = measure_app.extensions["store"]
    with engine.begin() as connection:
        connection.execute(
            update(measure.vote_phase).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1), cap=100
            )
        )
    assert vote(client, code, n1="true").status_code == 404
    with measure_app.app_context():
        saved = sessions.by_presenter_token(engine, presenter.split("/")[-2])
        assert measure.counts(engine, saved.id)["start"]["demo:faux-profil"]["true"] == 5


def test_the_follow_up_code_is_on_both_reports_and_a_third_column(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    client.post(measure_path(presenter) + "/follow/open", data={"class_size": "30"})
    report = client.get(measure_path(presenter) + "/report").get_data(as_text=True)
    code = code_on(report)
    for _ in range(10):
        vote(client, code, n1="false")
    head = head_path(client.get(presenter).get_data(as_text=True))
    head_report = client.get(head + "measure/report").get_data(as_text=True)
    assert code in head_report and "Suivi" in head_report
    assert "10 réponses" in head_report


def test_everything_is_deleted_with_the_session_and_nothing_is_per_pupil(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = open_phase(client, presenter)
    vote(client, code, n1="true")
    engine = measure_app.extensions["store"]
    columns = {
        c["name"]
        for table in ("vote_phase", "vote_count")
        for c in inspect(engine).get_columns(table)
    }
    assert not columns & {"ip", "address", "user_agent", "pupil", "answer", "answered_at", "cookie"}
    client.post(presenter + "delete")
    with engine.connect() as connection:
        for table in ("vote_phase", "vote_count"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert vote(client, code, n1="true").status_code == 404


def test_the_purge_deletes_the_counts_too(measure_app):
    client = measure_app.test_client()
    presenter = save(client, date="2020-01-01")
    code = open_phase(client, presenter)
    vote(client, code, n1="true")
    engine = measure_app.extensions["store"]
    assert sessions.purge(engine, dt.date.today()) == 1
    with engine.connect() as connection:
        assert connection.execute(select(measure.vote_count)).first() is None
        assert connection.execute(select(measure.vote_phase)).first() is None


def test_the_report_pdf_for_presenter_and_head(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    client.post(
        measure_path(presenter) + "/start/cards",
        data=cards("start", {1: (12, 10, 6), 2: (5, 3, 1), 3: (20, 4, 4)}),
    )
    pdf = client.get(measure_path(presenter) + "/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Cache-Control"] == "no-store"
    words = " ".join(pdf_text(pdf.data).split())
    assert "Ce que la classe a retenu" in words and "pas appariées élève par élève" in words
    assert "(9)." in words and "Aucun élève n'a de score" in words
    # The bars are drawn: the green of "true" and the red of "false" are on the page.
    colours = page_colours(pdf.data)
    assert colours[(30, 107, 58)] > 50 and colours[(164, 22, 26)] > 50
    head = head_path(client.get(presenter).get_data(as_text=True))
    assert client.get(head + "measure/report.pdf").data.startswith(b"%PDF")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_hostile_requests_never_answer_5xx(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    measure_path_ = measure_path(presenter)
    odd = ["", "0", "-1", "201", "9" * 400, "٣", "\x00", "1\u2028", "<script>", "%", "1 0"]
    for value in odd:
        for path, form in (
            (measure_path_ + "/start/open", {"class_size": value}),
            (measure_path_ + "/start/cards", {"start-demo-faux-profil-true": value}),
            ("/fr/vote", {"code": value, "s-demo-faux-profil": value}),
            ("/en/vote", {"code": value * 3}),
        ):
            assert client.post(path, data=form).status_code < 500, (path, value)
        assert client.get("/fr/vote", query_string={"code": value}).status_code < 500
    for path in ("/start/nothing", "/nothing/close", "/follow/cards", "/../close"):
        assert client.post(measure_path_ + path).status_code == 404, path
    for path in ("/nothing/live.json", "/start/screen", "/start/screen.json"):
        assert client.get(measure_path_ + path).status_code in (404, 405), path  # now screen/
    assert client.get(measure_path_ + "/start/close").status_code == 405
    assert client.get("/xx/vote").status_code == 404
    wrong = presenter.replace(presenter.split("/")[-2], "A" * 43)
    for suffix in ("measure", "measure/report", "measure/report.pdf", "measure/start/live.json"):
        assert client.get(wrong + suffix).status_code == 404
    assert client.get("/fr/review/sessions/" + "A" * 43 + "/measure/report").status_code == 404


def test_codes_are_unambiguous_derived_and_only_their_hmac_is_kept():
    from workshop.store.codes import ALPHABET, RateLimit, code_hash, join_code, normalise

    assert not set(ALPHABET) & set("0O1IL2Z5S8B")
    code = join_code("h" * 43, "start", 0)
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    assert code == join_code("h" * 43, "start", 0) != join_code("h" * 43, "end", 0)
    assert normalise(f" {code[:3].lower()}-{code[3:]} ") == code
    assert normalise("ＡＢＣＤＥＦ") is None and normalise("A" * 7) is None
    assert code_hash("key one", code) != code_hash("key two", code)
    limit = RateLimit(limit=60, window=10)
    assert [limit.allow("x") for _ in range(61)] == [True] * 60 + [False]
    assert limit.allow("another code")


def test_an_answer_without_its_counter_yet_is_still_counted(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = open_phase(client, presenter)
    engine = measure_app.extensions["store"]
    with engine.begin() as connection:  # as if statement 3 came with a lesson change
        connection.execute(
            measure.vote_count.delete().where(measure.vote_count.c.statement == "demo:aide")
        )
    vote(client, code, n3="true")
    vote(client, code, n3="true")
    live = client.get(measure_path(presenter) + "/start/live.json").get_json()["counts"]
    assert live["demo:aide"] == {"true": 2}


def test_the_development_server_opens_a_vote_and_counts_an_answer(tmp_path, monkeypatch):
    """`workshop serve` (the README's start command) has no configured key: the codes are
    keyed with its own, and a vote works end to end."""
    monkeypatch.delenv("WORKSHOP_SECRET_KEY", raising=False)
    app = create_app(
        {
            "ENV": "development",
            "CONTENT_DIR": statements_tree(tmp_path),
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    client = app.test_client()
    presenter = save(client)
    opened = client.post(presenter + "measure/start/open", data={"class_size": "30"})
    assert opened.status_code == 303
    code = code_on(client.get(presenter + "measure").get_data(as_text=True))
    answered = client.post("/fr/vote", data={"code": code, "s-demo-faux-profil": "true"})
    assert answered.status_code == 303
    live = client.get(presenter + "measure/start/live.json").get_json()
    assert live["answers"] == 1
    app.extensions["store"].dispose()
