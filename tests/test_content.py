"""The real content tree: valid, complete, and safe for the pupils who read it."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from workshop.cli import main

from .conftest import REAL_CONTENT


def test_workshop_check_passes_on_the_real_content():
    result = CliRunner().invoke(main, ["check", "--content", str(REAL_CONTENT)])
    assert result.exit_code == 0, result.output


def test_every_module_has_every_tier_in_every_language(real_app):
    catalog = real_app.extensions["catalog"]
    assert "grooming" in catalog.modules
    for module in catalog.modules:
        for tier in catalog.tiers:
            for lang in catalog.languages:
                assert catalog.lesson(module, tier, lang) is not None, (module, tier, lang)


def facilitator_snippets(lesson) -> list[str]:
    """Distinctive sentences of a lesson's facilitator notes."""
    snippets = []
    for html in lesson.facilitator.sections.values():
        for sentence in re.findall(r"[^.<>]{60,}", str(html)):
            snippets.append(sentence.strip()[:60])
    return snippets


def test_no_pupil_page_contains_facilitator_notes(real_app, real_client):
    catalog = real_app.extensions["catalog"]
    prompts = 0
    for (module, tier, lang), lesson in catalog.lessons.items():
        base = f"/{lang}/learn/{tier}/{module}"
        pages = [
            base + "/",
            base + "/end",
            base + "/quiz/1",
            *(f"{base}/step/{n}" for n in range(1, len(lesson.pupil.steps) + 1)),
            *(f"{base}/scenario/{node}" for node in lesson.scenario.nodes),
        ]
        text = " ".join(real_client.get(page).get_data(as_text=True) for page in pages)
        snippets = facilitator_snippets(lesson)
        assert snippets, f"{module} {tier} {lang}: no sentence of the notes to look for"
        for snippet in snippets:
            if snippet not in " ".join(str(s.html) for s in lesson.pupil.steps):
                assert snippet not in text, (module, tier, lang, snippet)
        for prompt in lesson.facilitator.scenario_prompts.values():
            prompts += 1
            assert prompt.prompt not in text
    assert prompts, "no scenario prompt was looked for"


@pytest.mark.parametrize("tier", ["11-13", "13-15", "15-18"])
def test_every_lesson_handout_fits_on_one_page(real_app, tier):
    from workshop.documents import handout_pdf
    from workshop.planning import SessionChoices

    from .pdfs import reader

    catalog = real_app.extensions["catalog"]
    with real_app.test_request_context():
        for module in catalog.modules:
            for lang in catalog.languages:
                pdf = handout_pdf(SessionChoices(lang=lang, tier=tier, modules=(module,)))
                assert len(reader(pdf).pages) == 1, (module, tier, lang)


# What the shared delete rule must say in each language: the image waits for the adults
# (protocol point 10: deleted as the parquet advises, never before an adult knows).
WAIT_FOR_ADULTS = {
    "fr": "te dira quand la supprimer|te diront quand la supprimer",
    "en": "will tell you when to delete it",
}


def test_the_delete_rule_waits_for_the_adults_and_every_image_lesson_inserts_it(real_app):
    catalog = real_app.extensions["catalog"]
    rule = catalog.safeguarding.rules["delete"]
    for lang, pattern in WAIT_FOR_ADULTS.items():
        for tier in catalog.tiers:
            text = rule.text(lang, tier)
            assert re.search(pattern, text), (lang, tier, text)
            assert not re.search(r"\b(puis|then) (supprime|delete)", text, re.I), (lang, tier)
    for tier in catalog.tiers:
        for lang in catalog.languages:
            lesson = catalog.lesson("images", tier, lang)
            steps = " ".join(str(step.html) for step in lesson.pupil.steps)
            assert re.search(WAIT_FOR_ADULTS[lang], steps), (tier, lang)


# Presenter notes that listed "delete" among the pupil's first steps (second blind review,
# item 1): the real delete rule's signatures must recognise each of them as a hand-written
# copy, wherever it stands in a lesson.
OLD_PRESENTER_DELETE = {
    "fr": [
        "Insistez sur les étapes 4 et 5 (ne pas transférer, supprimer, soutenir)",
        "on peut encore réparer : supprimer, demander aux autres de supprimer, en parler",
        "Message pour les élèves : ne pas faire suivre, supprimer, soutenir, signaler",
        "le texte élève dit « ne transfère pas, soutiens, préviens un adulte, supprime »",
        "dit « ne fais pas suivre, soutiens, préviens un adulte sans envoyer l'image, supprime »",
    ],
    "en": [
        "Put the weight on steps 4 and 5 (don't forward, delete, support)",
        "it can still be put right: delete, ask others to delete, tell someone",
        'the pupil text says "don\'t forward, support, tell an adult, delete".',
        'says "don\'t pass it on, support, tell an adult without sending the image, delete".',
    ],
}


def test_the_delete_rule_recognises_the_old_presenter_phrasings(real_app):
    from workshop.catalog.errors import ErrorLog
    from workshop.catalog.safeguarding import check_text

    safeguarding = real_app.extensions["catalog"].safeguarding
    for lang, phrases in OLD_PRESENTER_DELETE.items():
        for phrase in phrases:
            log = ErrorLog()
            check_text(safeguarding, phrase, "lesson.md", "facilitator", lang, log)
            assert any("'delete'" in e.message for e in log.errors), (lang, phrase)


# Review r24c: the parents' advice had dropped "look at" and narrowed the image to "your
# child's", so a parent told to gather screenshots was never told not to ask to see the image
# (the no-show rule promises the pupil that no adult will). Both parent-facing texts say it.
PARENTS_NEVER_ASK = {
    "fr": "(jamais demander|demandez jamais) à voir une photo intime",
    "en": "never ask to see an intimate photo",
}


@pytest.mark.parametrize("lang", sorted(PARENTS_NEVER_ASK))
@pytest.mark.parametrize(
    ("document", "section"), [("sequence", "family-confides"), ("briefing", "parent-letter")]
)
def test_parents_are_told_never_to_ask_to_see_the_image(lang, document, section):
    text = (REAL_CONTENT / document / f"{lang}.md").read_text(encoding="utf-8")
    body = text.split(f"::: {section}\n", 1)[1].split("\n::: ", 1)[0]
    assert re.search(PARENTS_NEVER_ASK[lang], body), (document, section, lang)
    assert not re.search("de votre enfant, not|of your child, just note", body)
