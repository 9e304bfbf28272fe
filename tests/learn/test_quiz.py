"""The quiz: an explanation for the answer chosen, a score without judgement, nothing stored."""

from __future__ import annotations

import pytest

BASE = "/fr/learn/13-15/demo/quiz"


def test_a_question_is_a_form_that_carries_the_answers_so_far(client):
    page = client.get(f"{BASE}/2?answers=1").get_data(as_text=True)
    assert "Question 2 sur 4" in page
    assert f'action="{BASE}/2/answer"' in page
    assert '<input type="hidden" name="answers" value="1">' in page
    assert 'id="choice-0" value="0"' in page and '<label for="choice-1">Wrong 2 fr</label>' in page


def test_a_right_answer_is_explained(client):
    page = client.get(f"{BASE}/1/answer?choice=1").get_data(as_text=True)
    assert "C’est juste" in page and "Why right 1 fr." in page
    assert f'href="{BASE}/2?answers=1"' in page


def test_a_wrong_answer_is_explained_with_the_right_one(client):
    page = client.get(f"{BASE}/1/answer?choice=0").get_data(as_text=True)
    assert "Pas tout à fait" in page
    assert "Why wrong 1 fr." in page and "Why right 1 fr." in page


def test_the_last_answer_leads_to_the_score(client):
    page = client.get(f"{BASE}/4/answer?answers=0,1,0&choice=0").get_data(as_text=True)
    assert f'href="{BASE}/result?answers=0,1,0,0"' in page


def test_the_score_counts_without_judging(client):
    page = client.get(f"{BASE}/result?answers=1,1,1,1").get_data(as_text=True)
    assert "Tu as trouvé 2 bonnes réponses sur 4." in page
    assert "pas à te noter" in page
    assert 'href="/fr/learn/13-15/demo/end"' in page


@pytest.mark.parametrize(
    "lang, answers, score",
    [
        ("fr", "0,1,0,1", "Tu as trouvé 0 bonne réponse sur 4."),
        ("fr", "0,0,0,1", "Tu as trouvé 1 bonne réponse sur 4."),
        ("fr", "1,0,0,1", "Tu as trouvé 2 bonnes réponses sur 4."),
        ("fr", "1,0,1,02", "Tu as trouvé 4 bonnes réponses sur 4."),
        ("en", "0,1,0,1", "You found 0 right answers out of 4."),
        ("en", "0,0,0,1", "You found 1 right answer out of 4."),
        ("en", "1,0,0,1", "You found 2 right answers out of 4."),
    ],
)
def test_the_score_agrees_with_its_number_in_both_languages(client, lang, answers, score):
    page = client.get(f"/{lang}/learn/13-15/demo/quiz/result?answers={answers}")
    assert f'<p class="score">{score}</p>' in page.get_data(as_text=True)


def test_several_answers_are_mentioned_only_on_several_answer_questions(client):
    single = client.get(f"{BASE}/1/answer?choice=0").get_data(as_text=True)
    assert "Pas tout à fait" in single
    assert "cochées" not in single and "Plusieurs réponses" not in single
    assert "La bonne réponse" in single and "Les bonnes réponses" not in single
    several = client.get(f"{BASE}/4/answer?answers=0,0,0&choice=0&choice=1").get_data(as_text=True)
    assert "Les bonnes réponses" in several and "cochées" in several


def test_no_answer_chosen_is_a_400_with_the_message_next_to_the_options(client):
    response = client.get(f"{BASE}/2/answer?answers=0")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'aria-describedby="choice-hint choice-error"' in page
    assert '<p class="field-error" id="choice-error"' in page
    assert "Choisis une réponse, puis valide." in page
    assert '<input type="hidden" name="answers" value="0">' in page


@pytest.mark.parametrize("choice", ["7", "-1", "abc", "1.0", "99999999999"])
def test_an_answer_that_does_not_exist_is_a_400_in_the_form(client, choice):
    response = client.get(f"{BASE}/1/answer?choice={choice}")
    assert response.status_code == 400
    assert "Cette réponse ne fait pas partie des choix." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        f"{BASE}/2",
        f"{BASE}/2?answers=",
        f"{BASE}/2?answers=9",
        f"{BASE}/2?answers=0,0",
        f"{BASE}/2?answers=x",
        f"{BASE}/3?answers=0,-1",
        f"{BASE}/result?answers=0,1",
        f"{BASE}/result",
        f"{BASE}/2/answer?answers=1,1&choice=0",
    ],
)
def test_tampered_answers_are_a_400_page_that_speaks_to_the_pupil(client, path):
    response = client.get(path)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "<h1>Cette page du quiz ne peut pas s’afficher</h1>" in page
    assert "Recommence le quiz depuis la première question" in page
    assert "Revenez" not in page and "vous" not in page.lower().split("<main", 1)[1]
    assert f'<a class="button" href="{BASE}/1">Recommencer le quiz</a>' in page
    assert 'href="/fr/learn/13-15/demo/">Revenir au début du module</a>' in page
    assert page.count('<aside id="help"') == 1, "the help routes are on the page"


def test_a_tampered_quiz_address_speaks_english_to_an_english_pupil(client):
    page = client.get("/en/learn/13-15/demo/quiz/2?answers=9").get_data(as_text=True)
    assert "<h1>This quiz page could not be shown</h1>" in page
    assert "Start the quiz again" in page


@pytest.mark.parametrize(
    "path, way",
    [
        ("/fr/learn/13-15/nope/step/1", '<a class="button" href="/fr/learn/13-15/">'),
        ("/fr/learn/99-99/", '<a class="button" href="/fr/learn/">'),
        ("/fr/learn/13-15/demo/step/9", '<a class="button" href="/fr/learn/13-15/demo/">'),
        ("/fr/vote/nope", '<a class="button" href="/fr/learn/">'),
    ],
)
def test_a_pupil_404_says_what_to_do_in_tu(client, path, way):
    response = client.get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert way in page
    assert "Utilise le bouton ci-dessous" in page
    assert "Revenez" not in page


def test_an_adult_404_keeps_the_adults_wording(client):
    page = client.get("/fr/facilitate/99-99/demo/").get_data(as_text=True)
    assert "L’adresse est peut-être mal écrite, ou la page a été déplacée." in page
    assert "Utilise le bouton ci-dessous" not in page


@pytest.mark.parametrize("path", [f"{BASE}/0", f"{BASE}/5", f"{BASE}/5/answer?choice=0"])
def test_questions_out_of_range_are_a_404(client, path):
    assert client.get(path).status_code == 404


def test_nothing_is_stored_no_cookie_set(client):
    response = client.get(f"{BASE}/1/answer?choice=0")
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie("session") is None


def test_a_question_with_several_right_answers_uses_checkboxes(client):
    page = client.get(f"{BASE}/4?answers=0,0,0").get_data(as_text=True)
    assert 'type="checkbox" name="choice" id="choice-2"' in page
    assert "Plusieurs réponses sont justes" in page
    single = client.get(f"{BASE}/1").get_data(as_text=True)
    assert 'type="radio" name="choice" id="choice-0"' in single


def test_every_right_answer_ticked_is_right(client):
    page = client.get(f"{BASE}/4/answer?answers=1,0,1&choice=0&choice=2").get_data(as_text=True)
    assert "C’est juste" in page
    assert "Why right 4 fr." in page and "Why also right 4 fr." in page
    assert f'href="{BASE}/result?answers=1,0,1,02"' in page
    result = client.get(f"{BASE}/result?answers=1,0,1,02").get_data(as_text=True)
    assert "4 bonnes réponses sur 4" in result


def test_half_of_the_right_answers_is_not_quite_and_shows_the_other(client):
    page = client.get(f"{BASE}/4/answer?answers=0,0,0&choice=2").get_data(as_text=True)
    assert "Pas tout à fait" in page
    assert "Les bonnes réponses" in page and "Why right 4 fr." in page


@pytest.mark.parametrize("query", ["choice=0&choice=1", "choice=01", "choice=00"])
def test_two_answers_to_a_one_answer_question_is_a_400(client, query):
    assert client.get(f"{BASE}/1/answer?{query}").status_code == 400
