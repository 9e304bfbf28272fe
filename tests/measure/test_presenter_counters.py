"""Cards counted in a saved session's presenter view: one statement at a time, for the
phase of its slide, without JavaScript (a form back to the slide) and with it (JSON); the
projected window shows no counter; the counts reach the report."""

from __future__ import annotations

import re

import pytest

from workshop.catalog.files import revision_of
from workshop.catalog.lessons import lesson_paths

from ..conftest import REAL_CONTENT, app_with_database
from ..html import html_problems
from ..sessions import screen_path
from .conftest import DEMO_IDS, head_path, save, statements_tree

JSON = {"Accept": "application/json"}
# The demo lesson's plan, made to ask its three statements at the start and again at the end.
PLAN_SLIDES = {
    'title = "Scenario {lang}"\nslides = ["scenario"]\n': 'slides = ["starter", "scenario"]\n',
    'title = "Close {lang}"\nslides = ["what-to-do"]\n': 'slides = ["starter"]\n',
}


def deck_tree(tmp_path):
    """Demo content whose deck asks the statements at the start and the end."""
    tree = statements_tree(tmp_path)
    for lang in ("fr", "en"):
        path = tree / "modules" / "demo" / lang / "13-15.md"
        text = path.read_text()
        for line, slides in PLAN_SLIDES.items():
            title = line.format(lang=lang).split("\n")[0] + "\n"
            assert line.format(lang=lang) in text
            text = text.replace(line.format(lang=lang), title + slides)
        path.write_text(text)
    french = revision_of(list(lesson_paths(tree / "modules" / "demo" / "fr" / "13-15.md")))
    english = tree / "modules" / "demo" / "en" / "13-15.md"
    english.write_text(
        re.sub(
            r'source_revision = "[0-9a-f]+"', f'source_revision = "{french}"', english.read_text()
        )
    )
    return tree


@pytest.fixture
def deck_app(database_url, tmp_path):
    """The app on demo content whose deck asks the statements at the start and the end."""
    tree = deck_tree(tmp_path)
    app = app_with_database(tree, database_url)
    yield app
    app.extensions["store"].dispose()


@pytest.fixture
def client(deck_app):
    return deck_app.test_client()


def fields(phase: str, statement: str, true="", false="", unsure="") -> dict:
    values = {"true": true, "false": false, "unsure": unsure}
    return {f"{phase}-demo-{statement}-{answer}": str(n) for answer, n in values.items()}


def stored(app, presenter: str) -> dict:
    """The counts stored for the session behind a presenter's path."""
    from workshop.store import get_engine, measure, presenter_session_or_404

    token = presenter.rstrip("/").rsplit("/", 1)[1]
    with app.test_request_context():
        return measure.counts(get_engine(), presenter_session_or_404(token).id)


def starter_slides(html: str) -> dict[str, int]:
    """{form action's tail (phase/module/number): slide number} of a presenter view."""
    found = {}
    for number, body in re.findall(r'data-slide="(\d+)"(.*?)(?=data-slide="|\Z)', html, re.S):
        action = re.search(r'action="[^"]*/presenter/([^"]+)"', body)
        if action:
            found[action.group(1)] = int(number)
    return found


def visible_copies(html: str) -> list[str]:
    """The slides the presenter view shows before any script runs."""
    copies = re.findall(r'<div class="slide-copy" data-slide="(\d+)"([^>]*)>', html)
    return [number for number, rest in copies if " hidden" not in rest]


def test_unknown_links_and_statements_are_404(client):
    presenter = save(client)
    unknown = re.sub(r"sessions/[^/]+/", "sessions/" + "x" * 43 + "/", presenter)
    for path in (unknown + "presenter", unknown + "slides", presenter + "slides"):
        assert client.get(path).status_code == 404  # the projected window: screen/
    assert client.post(unknown + "presenter/start/demo/faux-profil", data={}).status_code == 404
    for tail in (
        "follow/demo/faux-profil",
        "middle/demo/faux-profil",
        "start/demo/nine",
        "start/other/1",
    ):
        assert client.post(presenter + "presenter/" + tail, data={}).status_code == 404


def test_counters_for_the_phase_of_each_starter_slide_and_none_on_the_projection(client):
    presenter = save(client)
    html = client.get(presenter + "presenter").get_data(as_text=True)
    slides = starter_slides(html)
    assert list(slides) == [f"{p}/demo/{s}" for p in ("start", "end") for s in DEMO_IDS]
    assert slides["end/demo/faux-profil"] > slides["start/demo/aide"]
    for number in DEMO_IDS:
        for phase in ("start", "end"):
            assert f'id="{phase}-demo-{number}-unsure"' in html
    assert "counts-elsewhere" not in html
    projected = client.get(screen_path(html) + "slides").get_data(as_text=True)
    assert "On reconnaît facilement un faux profil." in projected
    assert "<input" not in projected and "count-field" not in projected
    assert presenter.split("/")[-2] not in projected and "/facilitate/" not in projected


def test_a_slide_saves_its_statement_and_comes_back_to_it(deck_app, client):
    presenter = save(client)
    slides = starter_slides(client.get(presenter + "presenter").get_data(as_text=True))
    answer = client.post(
        presenter + "presenter/start/demo/cadeau", data=fields("start", "cadeau", 12, 8, 5)
    )
    slide = slides["start/demo/cadeau"]
    assert answer.status_code == 303
    assert answer.headers["Location"] == (
        f"{presenter}presenter?slide={slide}&saved={slide}#slide-{slide}"
    )
    back = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert visible_copies(back) == [str(slide)]
    assert "Enregistré : 12 « vrai », 8 « faux », 5 « je ne sais pas »" in back
    assert 'id="start-demo-cadeau-true" name="start-demo-cadeau-true"' in back
    assert re.search(r'id="start-demo-cadeau-false"[^>]*value="8"', back)
    assert stored(deck_app, presenter)["start"] == {
        "demo:cadeau": {"true": 12, "false": 8, "unsure": 5}
    }


def test_saving_one_statement_leaves_the_others_and_the_other_phase(deck_app, client):
    presenter = save(client)
    measure = presenter + "measure"
    everything = {**fields("start", "faux-profil", 1, 2, 3), **fields("start", "cadeau", 4, 5, 6)}
    everything.update(fields("start", "aide", 7, 8, 9))
    assert client.post(measure + "/start/cards", data=everything).status_code == 303
    client.post(presenter + "presenter/end/demo/aide", data=fields("end", "aide", 2, 20, 1))
    client.post(
        presenter + "presenter/start/demo/cadeau", data=fields("start", "cadeau", 10, "", 0)
    )
    counts = stored(deck_app, presenter)
    assert counts["start"] == {
        "demo:faux-profil": {"true": 1, "false": 2, "unsure": 3},
        "demo:cadeau": {"true": 10, "false": 0, "unsure": 0},
        "demo:aide": {"true": 7, "false": 8, "unsure": 9},
    }
    assert counts["end"] == {"demo:aide": {"true": 2, "false": 20, "unsure": 1}}


@pytest.mark.parametrize("wrong", ["²", "-1", "999", "9" * 5000, "1e2", "٣", "12.5"])
def test_a_wrong_number_is_a_400_with_the_message_by_its_box(deck_app, client, wrong):
    presenter = save(client)
    client.post(
        presenter + "presenter/end/demo/faux-profil", data=fields("end", "faux-profil", 3, 3, 3)
    )
    form = {**fields("end", "faux-profil", 5, 5, 5), "end-demo-faux-profil-false": wrong}
    page = client.post(presenter + "presenter/end/demo/faux-profil", data=form)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    box = re.search(r'<div class="count-field count-false has-error">(.*?)</div>', html, re.S)
    assert box, "the wrong box is marked"
    assert (
        'id="end-demo-faux-profil-false-error">Saisissez un nombre entier de 0 à 200'
        in box.group(1)
    )
    assert 'aria-invalid="true" aria-describedby="end-demo-faux-profil-false-error"' in box.group(1)
    assert f'value="{wrong[:20]}"' in box.group(1)
    assert "Non enregistré : voyez le message près de la case." in html
    as_json = client.post(presenter + "presenter/end/demo/faux-profil", data=form, headers=JSON)
    assert as_json.status_code == 400
    assert as_json.get_json()["errors"] == {
        "end-demo-faux-profil-false": "Saisissez un nombre entier de 0 à 200, en chiffres."
    }
    assert stored(deck_app, presenter)["end"] == {
        "demo:faux-profil": {"true": 3, "false": 3, "unsure": 3}
    }


def test_the_script_gets_what_was_saved_in_the_session_language(client):
    presenter = save(client, lang="en")
    answer = client.post(
        presenter + "presenter/start/demo/faux-profil",
        data=fields("start", "faux-profil", 12, 8, 5),
        headers=JSON,
    )
    assert answer.status_code == 200
    assert answer.get_json() == {
        "message": "Saved: 12 true, 8 false, 5 not sure",
        "before": "At the start: 12 true, 8 false, 5 not sure",
    }
    answer = client.post(
        presenter + "presenter/end/demo/faux-profil",
        data=fields("end", "faux-profil", 1, 2, 3),
        headers=JSON,
    )
    assert answer.get_json() == {"message": "Saved: 1 true, 2 false, 3 not sure"}


def test_the_end_slide_recalls_the_start_and_the_counts_reach_both_reports(deck_app, client):
    presenter = save(client)
    for number in DEMO_IDS:
        client.post(
            presenter + f"presenter/start/demo/{number}", data=fields("start", number, 6, 4, 2)
        )
        client.post(
            presenter + f"presenter/end/demo/{number}", data=fields("end", number, 1, 10, 1)
        )
    html = client.get(presenter + "presenter").get_data(as_text=True)
    assert html.count("Au début : 6 « vrai », 4 « faux », 2 « je ne sais pas »") == 3
    head = head_path(client.get(presenter).get_data(as_text=True))
    for report in (presenter + "measure/report", head + "measure/report"):
        text = client.get(report).get_data(as_text=True)
        assert text.count("12 réponses") == 6, report
    counts = stored(deck_app, presenter)
    assert counts["start"]["demo:aide"] == {"true": 6, "false": 4, "unsure": 2}
    assert counts["end"]["demo:faux-profil"] == {"true": 1, "false": 10, "unsure": 1}


def test_the_saved_session_and_measure_pages_link_to_the_presenter_view(client):
    presenter = save(client)
    link = f'href="{presenter}presenter"'
    assert link in client.get(presenter).get_data(as_text=True)
    assert link in client.get(presenter + "measure").get_data(as_text=True)


def test_presenters_without_a_session_say_where_the_counters_are(client):
    deck = "/fr/facilitate/slides/13-15/demo/"
    # The demo content of this app asks its statements: the presenter view says where to count.
    html = client.get(deck + "presenter").get_data(as_text=True)
    assert "présentez depuis une séance enregistrée" in html and "<input" not in html
    assert "présentez depuis" not in client.get(deck).get_data(as_text=True)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_presenter_view_with_counters_is_valid_html(client, tmp_path):
    presenter = save(client)
    client.post(
        presenter + "presenter/start/demo/faux-profil",
        data=fields("start", "faux-profil", 12, 8, 5),
    )
    pages = [
        client.get(presenter + "presenter?slide=3&saved=3"),
        client.get(screen_path(client.get(presenter).get_data(as_text=True)) + "slides"),
        client.post(
            presenter + "presenter/end/demo/cadeau", data=fields("end", "cadeau", "x", 1, 1)
        ),
    ]
    assert [page.status_code for page in pages] == [200, 200, 400]
    named = {f"{n} {page.request.path}": page.data for n, page in enumerate(pages)}
    assert html_problems(named, tmp_path) == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("tier", ["11-13", "13-15", "15-18"])
def test_every_statement_of_every_module_is_counted_at_start_and_end(database_url, tier):
    """The real lessons, three modules over three periods at each level: each statement has
    its slide of the start and its slide of the end, and what each slide saves is stored
    under that statement and phase, nothing else."""
    from workshop.catalog.statements import session_statements
    from workshop.planning import lessons_for

    app = app_with_database(REAL_CONTENT, database_url)
    client = app.test_client()
    modules = ["grooming", "images", "recruitment"]
    presenter = save(client, tier=tier, modules=modules, periods="3")
    with app.app_context():
        statements = session_statements(lessons_for(app.extensions["catalog"], _choices(tier)))
    assert len({s.module for s in statements}) == 3
    slides = starter_slides(client.get(presenter + "presenter").get_data(as_text=True))
    expected = {f"{p}/{s.module}/{s.id}" for p in ("start", "end") for s in statements}
    assert set(slides) == expected
    for index, statement in enumerate(statements):
        for phase, counts in (("start", (index, 1, 2)), ("end", (1, index, 3))):
            data = {
                f"{phase}-{statement.module}-{statement.id}-{answer}": str(n)
                for answer, n in zip(("true", "false", "unsure"), counts, strict=True)
            }
            tail = f"presenter/{phase}/{statement.module}/{statement.id}"
            assert client.post(presenter + tail, data=data).status_code == 303
    counts = stored(app, presenter)
    for index, statement in enumerate(statements):
        assert counts["start"][statement.key] == {"true": index, "false": 1, "unsure": 2}
        assert counts["end"][statement.key] == {"true": 1, "false": index, "unsure": 3}
    app.extensions["store"].dispose()


def _choices(tier: str):
    from workshop.planning import SessionChoices

    return SessionChoices(lang="fr", tier=tier, modules=("grooming", "images", "recruitment"))


def test_rewording_or_inserting_a_statement_keeps_its_stored_counts(database_url, tmp_path):
    """Counts are stored under the statement's id: a lesson whose statement is reworded, and
    which gains a new statement before it, still shows them on that statement's slide."""
    tree = deck_tree(tmp_path)
    app = app_with_database(tree, database_url)
    client = app.test_client()
    presenter = save(client)
    client.post(presenter + "presenter/start/demo/cadeau", data=fields("start", "cadeau", 9, 4, 1))
    app.extensions["store"].dispose()
    for lang, new in (("fr", "« Nouvelle » phrase."), ("en", "A new statement.")):
        path = tree / "modules" / "demo" / lang / "13-15.md"
        text = path.read_text()
        old = {"fr": "Un cadeau n'oblige à rien.", "en": "A gift creates no debt."}[lang]
        assert old in text
        text = text.replace(old, "Un cadeau ne crée jamais de dette." if lang == "fr" else old)
        first = '[[statement]]\nid = "faux-profil"'
        text = text.replace(
            first, f'[[statement]]\nid = "nouvelle"\ntext = "{new}"\nanswer = "true"\n\n' + first
        )
        path.write_text(text)
    french = revision_of(list(lesson_paths(tree / "modules" / "demo" / "fr" / "13-15.md")))
    english = tree / "modules" / "demo" / "en" / "13-15.md"
    english.write_text(
        re.sub(
            r'source_revision = "[0-9a-f]+"', f'source_revision = "{french}"', english.read_text()
        )
    )
    app = app_with_database(tree, database_url)
    counts = stored(app, presenter)
    assert counts["start"] == {"demo:cadeau": {"true": 9, "false": 4, "unsure": 1}}
    html = app.test_client().get(presenter + "presenter").get_data(as_text=True)
    slide = re.search(
        r'slide-statement">Un cadeau ne crée jamais de dette\.</p>(.*?)(?=data-slide=")', html, re.S
    ).group(1)
    assert re.search(r'id="start-demo-cadeau-true"[^>]*value="9"', slide)
    assert "Statement 3 of 4" in html or "Affirmation 3 sur 4" in html
    app.extensions["store"].dispose()
