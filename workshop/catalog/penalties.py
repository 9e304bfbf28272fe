"""Penalties: read from the jurisdiction's structured data, printed by one function.

A legal reference carries its penalties as a list, one entry per alinéa or case: years, kind
of imprisonment, fine in euros, which alinéa, and a short condition per language. The
sentence every page prints ("Jusqu'à 5 ans d'emprisonnement et 75 000 € d'amende ; …" /
"Up to 5 years' imprisonment and a €75,000 fine; …") comes from `penalty_sentence`, and
lessons and the briefing ask for it with the placeholder [[penalty:ID]], expanded once the
catalog has loaded and been validated (`expand_catalog`).
"""

from __future__ import annotations

import dataclasses
import re
from types import MappingProxyType
from typing import Any

from markupsafe import Markup, escape

from .models import Catalog, LegalRef, Penalty
from .schema import Fields

KINDS = ("emprisonnement", "réclusion criminelle", "réclusion criminelle à perpétuité")
LIFE = "réclusion criminelle à perpétuité"
PENALTY_FIELDS = {"years", "kind", "fine", "article", "alinea"}
PLACEHOLDER = re.compile(r"\[\[penalty:([^\]\s]+)\]\]")
NBSP = "\u00a0"
# A placeholder already said to be about adults needs no label in front of it.
ADULT_NEARBY = re.compile(r"\b(adultes?|majeurs?|adults?)\b", re.IGNORECASE)
NEARBY = 160


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def read_penalties(fields: Fields, languages: tuple[str, ...]) -> tuple[Penalty, ...]:
    """The `penalties` list of a [legal.*] entry; each problem is logged under law-penalty."""
    raw = fields.data.get("penalties", [])
    if not isinstance(raw, list):
        fields.error(
            "law-penalty",
            "penalties",
            "must be a list of penalties: [{ years = 5, fine = 75000 }, …]",
        )
        return ()
    found = []
    for index, item in enumerate(raw):
        where = f"penalties[{index}]"
        if not isinstance(item, dict):
            fields.error("law-penalty", where, "must be a table: { years = 5, fine = 75000 }")
            continue
        problems = _penalty_problems(item, index, languages)
        for problem in problems:
            fields.error("law-penalty", where, problem)
        if problems:
            continue
        alinea = item.get("alinea")
        found.append(
            Penalty(
                kind=item.get("kind", KINDS[0]),
                years=item.get("years"),
                fine=item.get("fine"),
                article=item.get("article"),
                alinea=tuple(alinea) if isinstance(alinea, list) else alinea,
                conditions=MappingProxyType(
                    {lang: item[lang] for lang in languages if lang in item}
                ),
            )
        )
    return tuple(found)


def _penalty_problems(item: dict, index: int, languages: tuple[str, ...]) -> list[str]:
    """What is wrong with one penalty entry (empty when it is sound)."""
    problems = []
    for key in item:
        if key not in PENALTY_FIELDS and key not in languages:
            problems.append(
                f"unknown field '{key}' (expected: {', '.join(sorted(PENALTY_FIELDS))}, "
                f"or a condition per language: {', '.join(languages)})"
            )
    kind, years, fine = item.get("kind", KINDS[0]), item.get("years"), item.get("fine")
    if kind not in KINDS:
        problems.append(f"kind must be one of: {', '.join(KINDS)}")
    if kind == LIFE and years is not None:
        problems.append("a life sentence has no number of years")
    if years is not None and (not _whole(years) or not 1 <= years <= 30):
        problems.append("years must be a whole number from 1 to 30")
    if fine is not None and (not _whole(fine) or fine < 1):
        problems.append("fine must be a whole number of euros")
    if years is None and kind != LIFE and fine is None:
        problems.append("needs years of imprisonment, a life sentence or a fine")
    alinea = item.get("alinea")
    if alinea is not None and not (
        _whole(alinea)
        or (isinstance(alinea, str) and alinea.strip())
        or (isinstance(alinea, list) and alinea and all(_whole(a) for a in alinea))
    ):
        problems.append(
            'alinea must be a number, a list of numbers, "last", or a part such as "II"'
        )
    if "article" in item and not (isinstance(item["article"], str) and item["article"].strip()):
        problems.append("article must be an article number")
    texts = {lang: item.get(lang) for lang in languages}
    if any(texts.values()) or index > 0:
        for lang, text in texts.items():
            if not (isinstance(text, str) and text.strip()):
                example = (
                    "« si la victime a moins de 15 ans »"
                    if lang == "fr"
                    else "if the victim is under 15"
                )
                problems.append(f"needs its condition in '{lang}' (for example {example})")
    return problems


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ---------------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------------


def euros(amount: int, lang: str) -> str:
    """An amount in euros, with the language's typography: 75 000 € / €75,000."""
    if lang == "fr":
        return f"{amount:,}".replace(",", NBSP) + NBSP + "€"
    return f"€{amount:,}"


def _where(penalty: Penalty, lang: str) -> str:
    """Which article and alinéa a penalty comes from, in brackets (or nothing)."""
    fr = lang == "fr"
    alinea = penalty.alinea
    if alinea is None:
        part = ""
    elif isinstance(alinea, tuple):
        numbers = [str(a) for a in alinea]
        joined = ", ".join(numbers[:-1]) + (" et " if fr else " and ") + numbers[-1]
        part = f"al. {joined}" if fr else f"paras. {joined}"
    elif alinea == "last":
        part = "dernier alinéa" if fr else "last para."
    elif isinstance(alinea, int):
        part = f"al. {alinea}" if fr else f"para. {alinea}"
    else:
        part = str(alinea)
    pieces = [f"art. {penalty.article}"] if penalty.article else []
    pieces += [part] if part else []
    return f" ({', '.join(pieces)})" if pieces else ""


def _one(penalty: Penalty, lang: str) -> str:
    """One penalty in words, without "up to": "5 ans d'emprisonnement et 75 000 € d'amende"."""
    fr = lang == "fr"
    years = penalty.years
    if penalty.kind == LIFE:
        prison = (
            "la réclusion criminelle à perpétuité"
            if fr
            else "life imprisonment (réclusion criminelle à perpétuité)"
        )
    elif years is None:
        prison = ""
    elif penalty.kind == "réclusion criminelle":
        prison = (
            f"{years} ans de réclusion criminelle"
            if fr
            else f"{_years_en(years)} criminal imprisonment (réclusion criminelle)"
        )
    else:
        prison = (
            f"{years} {'an' if years == 1 else 'ans'} d'emprisonnement"
            if fr
            else f"{_years_en(years)} imprisonment"
        )
    fine = ""
    if penalty.fine is not None:
        fine = (
            f"{euros(penalty.fine, lang)} d'amende" if fr else f"a {euros(penalty.fine, lang)} fine"
        )
    words = (" et " if fr else " and ").join(part for part in (prison, fine) if part)
    condition = penalty.conditions.get(lang, "")
    return words + (f" {condition}" if condition else "") + _where(penalty, lang)


def _years_en(years: int) -> str:
    """ "1 year's", "5 years'"."""
    return f"{years} year's" if years == 1 else f"{years} years'"


def penalty_sentence(ref: LegalRef, lang: str) -> str:
    """The penalty sentence of a legal reference (adult maxima), plain text, or ""."""
    if not ref.penalties:
        return ""
    parts = [_one(penalty, lang) for penalty in ref.penalties]
    lead = "Jusqu'à " if lang == "fr" else "Up to "
    return lead + (" ; " if lang == "fr" else "; ").join(parts) + "."


def adult_label(lang: str) -> str:
    """The words that say a penalty is an adult's maximum, for text that does not say it."""
    return "pour un adulte, " if lang == "fr" else "for an adult, "


# ---------------------------------------------------------------------------------------
# Placeholders
# ---------------------------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    """The legal reference ids a text names in [[penalty:ID]] placeholders."""
    return PLACEHOLDER.findall(str(text))


def expand(text: str, legal, lang: str) -> str:
    """Replace every [[penalty:ID]] in a text by its sentence, in the text's language.

    Markup (rendered Markdown) gets the sentence HTML-escaped; a plain string gets it as
    is (the template escapes it). At the start of a sentence it begins with a capital,
    after a colon or inside a sentence with a small letter; "for an adult" is added when
    the words just before do not already say so. Unknown ids are left alone (validation
    reports them before any expansion).
    """
    is_markup = isinstance(text, Markup)
    source = str(text)

    def replace(match: re.Match) -> str:
        ref = legal.get(match.group(1))
        sentence = penalty_sentence(ref, lang) if ref is not None else ""
        if not sentence:
            return match.group(0)
        before = re.sub(r"<[^>]*>", " ", source[max(0, match.start() - NEARBY) : match.start()])
        if not ADULT_NEARBY.search(before):
            sentence = adult_label(lang) + sentence[0].lower() + sentence[1:]
        stripped = before.rstrip()
        starts_sentence = (
            not stripped
            or stripped[-1] in '.!?»"'
            or source[: match.start()].rstrip().endswith(">")
        )
        sentence = (sentence[0].upper() if starts_sentence else sentence[0].lower()) + sentence[1:]
        after = source[match.end() : match.end() + 1]
        if after in (".", ";", ",", ":", ")") and sentence.endswith("."):
            sentence = sentence[:-1]
        return str(escape(sentence)) if is_markup else sentence

    expanded = PLACEHOLDER.sub(replace, source)
    return Markup(expanded) if is_markup else expanded


def _expand_value(value: Any, legal, lang: str) -> Any:
    """Expand placeholders everywhere in a (frozen) value: dataclasses, tuples, mappings, texts."""
    if isinstance(value, str):  # Markup is a str too
        return expand(value, legal, lang) if "[[penalty:" in value else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _expand_value(getattr(value, field.name), legal, lang)
            for field in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_expand_value(item, legal, lang) for item in value)
    if isinstance(value, MappingProxyType | dict):
        return MappingProxyType(
            {key: _expand_value(item, legal, lang) for key, item in value.items()}
        )
    return value


def expand_catalog(catalog: Catalog) -> Catalog:
    """The catalog with every [[penalty:ID]] of its lessons and briefings expanded."""
    legal = catalog.jurisdiction.legal
    lessons = {
        key: _expand_value(lesson, legal, lesson.lang) for key, lesson in catalog.lessons.items()
    }
    briefings = {
        lang: _expand_value(briefing, legal, lang) for lang, briefing in catalog.briefings.items()
    }
    return dataclasses.replace(
        catalog, lessons=MappingProxyType(lessons), briefings=MappingProxyType(briefings)
    )
