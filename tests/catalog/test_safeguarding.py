"""Safeguarding written once, and the law dated by its last check."""

from __future__ import annotations

import datetime as dt
import re

from click.testing import CliRunner

from workshop.catalog import load_catalog
from workshop.catalog.errors import ErrorLog
from workshop.catalog.safeguarding import check_text
from workshop.cli import main

from ..conftest import REAL_CONTENT


def real():
    return load_catalog(REAL_CONTENT, ("fr", "en"), "fr", "fr")


def test_every_lesson_prints_the_same_protocol_and_rules_from_the_shared_file():
    catalog = real()
    for lang in ("fr", "en"):
        protocol = str(catalog.safeguarding.protocol[lang])
        first_step = re.search(r"<li>(.*?)</li>", protocol, re.S).group(1)[:60]
        for lesson in catalog.lessons_for("13-15", lang):
            assert str(lesson.facilitator.protocol) == protocol
            assert first_step in str(lesson.facilitator.sections["disclosure"])
            assert first_step not in str(lesson.facilitator.disclosure_extra)
        assert first_step in str(catalog.briefings[lang].sections["duties"])
    # The adult rule of images 11-13 is the shared one, without "in private or in secret".
    steps = " ".join(str(s.html) for s in catalog.lesson("images", "11-13", "en").pupil.steps)
    rule = catalog.safeguarding.rules["adult-never-asks"].text("en", "11-13")
    assert rule.split(".")[0] in steps
    assert "in private" not in steps and "in secret" not in steps


def test_the_protocol_renders_its_sub_steps_as_nested_lists():
    protocol = str(real().safeguarding.protocol["fr"])
    assert protocol.count("<ol>") == 1
    assert protocol.count("<ul>") >= 5  # protect at once, route, parents, evidence, care...
    assert "permanence du parquet des mineurs" in protocol
    assert "version non vérifiée" not in protocol


def test_sextortion_lessons_name_3114_to_the_pupil():
    catalog = real()
    for module, tier in (("images", "13-15"), ("images", "15-18"), ("grooming", "15-18")):
        for lang in ("fr", "en"):
            assert "3114" in str(catalog.lesson(module, tier, lang).pupil.what_to_do)


def test_every_tier_gives_a_pupil_in_despair_3114_and_the_emergency_numbers():
    # FACTS.md §2: 3114 for suicidal thoughts is not an emergency service; danger to life
    # now is 15 or 112. The 11-13 text once gave only 3114 and 119.
    rule = real().safeguarding.rules["desperate"]
    for tier in ("11-13", "13-15", "15-18"):
        for lang in ("fr", "en"):
            text = rule.text(lang, tier)
            assert "3114" in text
            assert re.search(r"\b15 (ou le |or )112\b", text), (tier, lang, text)


def test_an_unverified_version_prints_no_law_date_beside_it():
    # "Version not verified. Source: …, loi n° 2016-1321 du 7 octobre 2016" reads as a
    # version date (LAW-TEXTS.md, Changes since May 2023: no date, no law's name).
    # (A law's number, "loi n° 2002-305", is a name, not a date; the BO that published the
    # EVARS programme is a source of its own, not a version of L312-16.)
    law_words = re.compile(r"\b(loi|version|rédaction|créée?)\b", re.IGNORECASE)
    # "6 février 2025", "1er janvier 2025", "23 May 2024", "12/03/2024", "2024-05-23".
    day = re.compile(
        r"\b\d{1,2}(er)? [^\W\d_]+ (19|20)\d\d\b"
        r"|\b\d{1,2}[/.]\d{1,2}[/.](19|20)\d\d\b"
        r"|\b(19|20)\d\d-\d\d-\d\d\b",
        re.IGNORECASE,
    )
    for written in (
        "6 février 2025",
        "1er janvier 2025",
        "23 May 2024",
        "12/03/2024",
        "2024-05-23",
    ):
        assert day.search(written), written
    unverified = [r for r in real().jurisdiction.legal.values() if r.law_as_of is None]
    assert len(unverified) > 10
    for ref in unverified:
        for part in ref.printed_source.split(";"):
            assert not (law_words.search(part) and day.search(part)), (ref.article, part)


def test_the_deepfake_entry_is_not_verified_while_its_online_aggravation_is_unchecked():
    # LAW-TEXTS.md's copy of 226-8-1 stops inside al. 2: the 3-year online figure comes
    # from FACTS.md only, so the version is printed as not verified.
    ref = real().jurisdiction.legal["226-8-1"]
    assert any(p.years == 3 for p in ref.penalties)
    assert ref.law_as_of is None


def test_no_legi_identifier_is_printed_but_the_file_keeps_it():
    ref = real().jurisdiction.legal["312-10"]
    assert "LEGIARTI" in ref.source
    assert "LEGI" not in ref.printed_source
    assert "Légifrance, Code pénal, art. 312-10" in ref.printed_source


def test_the_blackmail_entry_has_the_online_images_aggravation():
    ref = real().jurisdiction.legal["312-10"]
    assert any(p.alinea == 3 and p.years == 7 and p.fine == 100_000 for p in ref.penalties)
    assert ref.law_as_of is None  # the date of al. 3 is not verified


def test_check_law_lists_entries_checked_more_than_a_year_ago(content_tree):
    law = content_tree / "jurisdictions" / "fr.toml"
    old = dt.date.today() - dt.timedelta(days=400)
    law.write_text(
        law.read_text(encoding="utf-8").replace("checked = 2026-12-07", f"checked = {old}", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--law", "--content", str(content_tree)])
    assert result.exit_code == 0, result.output
    assert f"law: 227-23-1 (Code pénal, art. 227-23-1) last checked {old}" in result.output
    assert "law: 1 of 1 entries checked more than a year ago" in result.output


# The hand-written versions review r24b found in the recruitment lessons, the briefing's
# neighbours and the teacher's sheet: the real safeguarding file must refuse each of them,
# so they cannot come back (each was a rule said a second way, blocking before an adult).
REMOVED_COPIES = [
    ("fr", "mais pas de ta photo. Puis bloque le compte et parles-en à un adulte.", "evidence"),
    ("en", "but not of your photo. Then block the account and tell an adult.", "evidence"),
    ("fr", "jamais d'une photo intime. Puis bloque et signale le compte.", "evidence"),
    ("en", "never of an intimate photo. Then block and report the account.", "evidence"),
    ("fr", "Ne fais jamais de capture d'une photo intime, même la tienne.", "evidence"),
    ("en", "Never screenshot an intimate photo, even your own.", "evidence"),
    ("fr", "Ne demandez pas à voir une image, ne la copiez pas.", "protocol"),
    ("fr", "Les captures sont gardées avant tout blocage.", "protocol"),
    ("en", "Don't ask to see an image, and don't copy it.", "protocol"),
    ("en", "Screenshots are kept before anyone blocks anything.", "protocol"),
    # Review r24c: grooming 11-13's old step, blocking before an adult is told.
    ("fr", "Fais des captures des messages, mais pas de photo de toi, puis bloque.", "evidence"),
    (
        "en",
        "Take screenshots of the messages, but not of a photo of yourself, then block.",
        "evidence",
    ),
]


def test_the_hand_written_rules_removed_after_review_r24b_are_refused():
    safeguarding = real().safeguarding
    for lang, text, rule in REMOVED_COPIES:
        log = ErrorLog()
        check_text(safeguarding, text, "lesson.md", "what-to-do", lang, log)
        messages = [e.message for e in log.errors if e.rule == "safeguard-copy"]
        named = "disclosure protocol" if rule == "protocol" else f"shared rule '{rule}'"
        assert any(named in m for m in messages), (lang, text, messages)


def test_the_teacher_sheet_is_checked_for_copies_of_the_protocol(content_tree):
    sequence = content_tree / "sequence" / "en.md"
    sequence.write_text(
        sequence.read_text(encoding="utf-8") + "\nListen, and don't promise secrecy.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--content", str(content_tree)])
    assert result.exit_code != 0
    assert "sequence/en.md" in result.output and "safeguard-copy" in result.output


def test_the_hand_written_order_and_photo_checks_let_the_rule_itself_through():
    """What the r24a review found is refused; the rule's own order and words are not."""
    safeguarding = real().safeguarding
    refused = {
        "fr": [
            "Garde les messages, sans la photo. Parles-en.",
            "Garde les preuves, bloque, signale et parles-en à un adulte.",
            "Personne n'a le droit d'exiger un nude.",
            "Il fait des captures, bloque et signale le compte, puis il va voir sa mère.",
            # Review r24d: the noun, showing an adult last, "juste après" a sentence early.
            "Bons gestes : preuves (jamais l'image elle-même), blocage, signalement, en parler.",
            "Jade fait des captures des messages, bloque Dylan et montre tout à sa tante.",
            "La preuve compte davantage, et on bloque juste après. Signaler. En parler.",
        ],
        "en": [
            "Take screenshots, then block and report the person, and tell an adult you trust.",
            "send nothing more, keep the messages but not the photo, block, tell.",
            "Keep the evidence, but not your photo, block, report, and tell an adult.",
            "Nobody has the right to demand a nude, or to keep pushing after a no.",
            "Jade screenshots the messages, blocks Dylan and shows everything to her aunt.",
            "The evidence matters more, and you block straight after. Report. Tell someone.",
        ],
    }
    allowed = {
        "fr": [
            "Avant de bloquer, parles-en à un adulte : il t'aide à garder les preuves.",
            "Parles-en à un adulte, puis bloque et signale le compte.",
            "Tu peux aussi ranger ces captures dans l'appli 3018 (jamais la photo).",
            "Bons gestes : en parler, garder les preuves, puis bloquer et signaler.",
            "Jade montre les messages à sa tante. Ensemble, elles bloquent Dylan.",
        ],
        "en": [
            "Show the messages to an adult first: they help you keep them before you block.",
            "Tell an adult you trust or 3018, then block and report.",
            "Keep the evidence before you block, never the photo.",
            "Nobody has the right to ask you for a photo of yourself.",
            "Jade shows the messages to her aunt. Together they block Dylan.",
        ],
    }
    for lang, texts in refused.items():
        for text in texts:
            log = ErrorLog()
            check_text(safeguarding, text, "lesson.md", "step", lang, log)
            assert any(e.rule == "safeguard-copy" for e in log.errors), (lang, text)
    for lang, texts in allowed.items():
        for text in texts:
            log = ErrorLog()
            check_text(safeguarding, text, "lesson.md", "step", lang, log)
            assert not log.errors, (lang, text, [str(e) for e in log.errors])
