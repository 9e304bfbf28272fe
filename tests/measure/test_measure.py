"""What the class learned: cards, phones, the report, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import inspect, select, text, update

from workshop import create_app
from workshop.catalog.statements import lesson_statements
from workshop.store import measure, sessions
from workshop.vocabulary import MAX_CLASS_SIZE

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


def open_phase(client, presenter, phase="follow", size="30"):
    """Open a phase's vote from the measure page's form (the follow-up's); its code."""
    answer = client.post(measure_path(presenter) + f"/{phase}/open", data={"class_size": size})
    assert answer.status_code == 303
    return code_on(client.get(measure_path(presenter)).get_data(as_text=True))


def ask(client, presenter, number, phase="start", size="30"):
    """Ask one statement on the phones, as its slide's button does (by its id; `number` is
    its place in the lesson); the phase's code."""
    answer = client.post(
        measure_path(presenter) + f"/{phase}/ask/demo/{DEMO_IDS[number - 1]}",
        data={"class_size": size},
    )
    assert answer.status_code == 303
    return code_on(client.get(measure_path(presenter)).get_data(as_text=True))


def ballot(client, code, lang="fr"):
    """A phone opening the code: its page's address carries a fresh ballot."""
    answer = client.get(f"/{lang}/vote?code={code}")
    assert answer.status_code == 303 and "ballot=" in answer.headers["Location"]
    return answer.headers["Location"].split("ballot=")[1]


def vote(client, code, lang="fr", ballot_=None, **answers):
    """One phone's answers (a fresh phone unless `ballot_` is given)."""
    return client.post(
        f"/{lang}/vote",
        data={
            "code": code,
            "ballot": ballot_ or ballot(client, code, lang),
            **{f"s-demo-{DEMO_IDS[int(n[1:]) - 1]}": answer for n, answer in answers.items()},
        },
    )


def live(client, presenter, phase="start"):
    return client.get(measure_path(presenter) + f"/{phase}/live.json").get_json()


def stored(app, presenter, phase="start"):
    engine = app.extensions["store"]
    with app.app_context():
        saved = sessions.by_presenter_token(engine, presenter.split("/")[-2])
        return measure.counts(engine, saved.id)[phase]


def test_each_statement_has_one_source_cards_or_phones_never_summed(measure_app):
    client = measure_app.test_client()
    presenter = save(client, class_size="27")
    client.post(measure_path(presenter) + "/start/cards", data=cards("start", {1: (12, 10, 5)}))
    code = ask(client, presenter, 2, size="27")
    for answer in ["true"] * 6 + ["false"] * 4 + ["unsure"]:
        assert vote(client, code, n2=answer, n1="true").status_code == 303  # n1 is not asked
    assert live(client, presenter)["answers"] == 11 and "counts" not in live(client, presenter)
    client.post(measure_path(presenter) + "/start/reveal")
    assert live(client, presenter)["counts"] == {"true": 6, "false": 4, "unsure": 1}
    assert stored(measure_app, presenter) == {
        "demo:faux-profil": {
            "true": 12,
            "false": 10,
            "unsure": 5,
        },  # the cards, untouched by phones
        "demo:cadeau": {"true": 6, "false": 4, "unsure": 1},
    }
    # Asking statement 1 on phones starts it from nothing: its cards are replaced.
    code = ask(client, presenter, 1, size="27")
    vote(client, code, n1="false")
    assert stored(measure_app, presenter)["demo:faux-profil"] == {"false": 1}
    # Typing cards for statement 1 replaces the phones' answer and stops the phones.
    client.post(measure_path(presenter) + "/start/cards", data=cards("start", {1: (20, 5, 2)}))
    assert vote(client, code, n1="true").status_code == 303
    assert stored(measure_app, presenter)["demo:faux-profil"] == {
        "true": 20,
        "false": 5,
        "unsure": 2,
    }
    # Cards that add up to more than the class are refused, by the field.
    refused = client.post(
        measure_path(presenter) + "/start/cards", data=cards("start", {3: (20, 5, 3)})
    )
    assert refused.status_code == 400 and "27" in refused.get_data(as_text=True)
    assert "demo:aide" not in stored(measure_app, presenter)


def test_a_phone_answers_once_and_never_more_than_the_class(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = ask(client, presenter, 1, size="3")
    phone = ballot(client, code)
    page = client.get(f"/fr/vote?code={code}&ballot={phone}").get_data(as_text=True)
    assert (
        'name="s-demo-faux-profil"' in page and 'name="s-demo-cadeau"' not in page
    )  # one question
    # Back, then send again: the same page's ballot counts once.
    for _ in range(3):
        assert vote(client, code, ballot_=phone, n1="true").status_code == 303
    after = client.get(f"/fr/vote?code={code}&ballot={phone}").get_data(as_text=True)
    assert 'name="s-demo-faux-profil"' not in after and "Merci" in after
    assert stored(measure_app, presenter)["demo:faux-profil"] == {"true": 1}
    # A forged ballot is not one: a fresh one is given instead.
    forged = client.post(
        "/fr/vote", data={"code": code, "ballot": "x.y", "s-demo-faux-profil": "true"}
    )
    assert forged.status_code == 303 and "ballot=" not in forged.headers["Location"]
    # The class has 3 pupils: never more than 3 answers to a statement.
    for _ in range(6):
        vote(client, code, n1="false")
    assert stored(measure_app, presenter)["demo:faux-profil"] == {"true": 1, "false": 2}
    # The next statement: the same phone is asked it, once.
    ask(client, presenter, 2, size="3")
    page = client.get(f"/fr/vote?code={code}&ballot={phone}").get_data(as_text=True)
    assert 'name="s-demo-cadeau"' in page and 'name="s-demo-faux-profil"' not in page


def shows_67(html: str) -> bool:
    """Whether a page prints 67 (2 of 3 answers, as a percentage) apart from a link's
    random token, which may hold those digits."""
    return re.search(r"(?<![\w-])67(?![\w-])", html) is not None


def test_no_page_or_json_gives_counts_below_ten_answers(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    screen = screen_path(client.get(presenter).get_data(as_text=True))
    code = ask(client, presenter, 1)
    for answer in ("true", "false", "true"):
        vote(client, code, n1=answer)
    client.post(measure_path(presenter) + "/start/reveal")
    assert "counts" not in live(client, presenter)
    now = client.get(screen + "now.json").get_json()
    assert "Trop peu de réponses pour les montrer (3)" in now["html"]
    assert not shows_67(now["html"])
    report = client.get(measure_path(presenter) + "/report").get_data(as_text=True)
    assert "Trop peu de réponses pour les montrer (3)" in report and not shows_67(report)
    page = client.get(measure_path(presenter)).get_data(as_text=True)
    assert 'value="2"' not in page and 'value="1"' not in page  # not in the counters either
    presenter_view = client.get(presenter + "presenter").get_data(as_text=True)
    assert 'value="2"' not in presenter_view
    # With ten, while the statement still takes answers: how many, never the split.
    client.post(measure_path(presenter) + "/start/ask/demo/faux-profil", data={"class_size": "30"})
    for _ in range(12):
        vote(client, code, n1="true")
    assert live(client, presenter)["answers"] == 12 and "counts" not in live(client, presenter)
    assert "100" not in client.get(screen + "now.json").get_json()["html"]
    client.post(measure_path(presenter) + "/start/reveal")
    assert live(client, presenter)["counts"] == {"true": 12, "false": 0, "unsure": 0}
    assert "100" in client.get(screen + "now.json").get_json()["html"]


def test_the_projected_window_shows_the_code_then_the_bars_then_the_slides(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    screen = screen_path(client.get(presenter).get_data(as_text=True))
    assert client.get(screen + "now.json").get_json() == {"version": "", "html": ""}
    code = ask(client, presenter, 2)
    now = client.get(screen + "now.json")
    assert now.headers["Cache-Control"] == "no-store"
    html = now.get_json()["html"]
    assert code in html and "<svg" in html and "Un cadeau" in html
    assert presenter.split("/")[-2] not in html
    client.post(measure_path(presenter) + "/start/reveal")
    assert code not in client.get(screen + "now.json").get_json()["html"]
    client.post(measure_path(presenter) + "/start/slides")
    assert client.get(screen + "now.json").get_json()["html"] == ""
    slides = client.get(screen + "slides").get_data(as_text=True)
    assert "data-vote-now" in slides and "Touches" not in slides


def test_phones_pages_refuse_when_closed_and_say_why(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = ask(client, presenter, 1)
    form = client.get(f"/en/vote?code={code.lower()}", follow_redirects=True)
    html = form.get_data(as_text=True)
    assert form.status_code == 200 and "spot a fake profile" in html and "(False.)" not in html
    assert "Set-Cookie" not in form.headers and form.headers["Cache-Control"] == "no-store"
    phone = ballot(client, code)
    answer = vote(client, code, ballot_=phone, n1="false")
    assert answer.status_code == 303 and "Set-Cookie" not in answer.headers
    client.post(measure_path(presenter) + "/start/close")
    closed = vote(client, code, ballot_=phone, n1="true")
    assert closed.status_code == 409 and "Ce vote est fermé" in closed.get_data(as_text=True)
    assert client.get(f"/en/vote?code={code}", follow_redirects=True).status_code == 409
    wrong = client.get("/en/vote?code=AAAAAA", follow_redirects=True)
    assert wrong.status_code == 404 and "This code does not open a vote" in wrong.get_data(
        as_text=True
    )
    assert client.get("/fr/vote?code=%EF%BC%A1" * 3).status_code == 404
    assert (
        client.post("/fr/vote", data={"code": "ZZ", "s-demo-faux-profil": "true"}).status_code
        == 404
    )


def test_an_expired_code_is_refused(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = ask(client, presenter, 1)
    phone = ballot(client, code)
    engine = measure_app.extensions["store"]
    with engine.begin() as connection:
        connection.execute(
            update(measure.vote_phase).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            )
        )
    assert vote(client, code, ballot_=phone, n1="true").status_code == 404
    assert stored(measure_app, presenter) == {}


def test_the_follow_up_code_is_on_both_reports_and_a_third_column(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    client.post(measure_path(presenter) + "/follow/open", data={"class_size": "30"})
    report = client.get(measure_path(presenter) + "/report").get_data(as_text=True)
    code = code_on(report)
    assert report.count("Pas encore de suivi.") == 3
    phone = ballot(client, code)
    page = client.get(f"/fr/vote?code={code}&ballot={phone}").get_data(as_text=True)
    assert all(f'name="s-demo-{n}"' in page for n in DEMO_IDS)  # weeks later: all at once
    for _ in range(10):
        vote(client, code, n1="false")
    head = head_path(client.get(presenter).get_data(as_text=True))
    head_report = client.get(head + "measure/report").get_data(as_text=True)
    assert code in head_report and "Suivi" in head_report
    assert '"small answers-count">10 réponses' not in head_report  # still taking answers
    client.post(measure_path(presenter) + "/follow/close")
    head_report = client.get(head + "measure/report").get_data(as_text=True)
    assert '"small answers-count">10 réponses' in head_report


def test_everything_is_deleted_with_the_session_and_nothing_is_per_pupil(measure_app):
    client = measure_app.test_client()
    presenter = save(client)
    code = ask(client, presenter, 1)
    vote(client, code, n1="true")
    engine = measure_app.extensions["store"]
    columns = {
        c["name"]
        for table in ("vote_phase", "vote_count", "vote_ballot")
        for c in inspect(engine).get_columns(table)
    }
    assert not columns & {"ip", "address", "user_agent", "pupil", "answer", "answered_at", "cookie"}
    client.post(presenter + "delete")
    with engine.connect() as connection:
        for table in ("vote_phase", "vote_count", "vote_ballot"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert (
        client.post("/fr/vote", data={"code": code, "s-demo-faux-profil": "true"}).status_code
        == 404
    )


def test_the_purge_deletes_the_counts_too(measure_app):
    client = measure_app.test_client()
    presenter = save(client)  # a past date is refused: the purge runs in the far future
    code = ask(client, presenter, 1)
    vote(client, code, n1="true")
    engine = measure_app.extensions["store"]
    assert sessions.purge(engine, dt.date(2099, 1, 1)) == 1
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
    for path in (
        "/start/ask/demo/1",  # a statement's number is not its id
        "/start/ask/demo/nothing",
        "/follow/ask/demo/faux-profil",
        "/start/ask/other/faux-profil",
    ):
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
    # The default lets the largest class answer two statements in a row on one code.
    hall = RateLimit()
    assert all(hall.allow("code") for _ in range(2 * MAX_CLASS_SIZE))


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
    code = ask(client, presenter, 1)
    assert vote(client, code, n1="true").status_code == 303
    live = client.get(presenter + "measure/start/live.json").get_json()
    assert live["answers"] == 1
    app.extensions["store"].dispose()
