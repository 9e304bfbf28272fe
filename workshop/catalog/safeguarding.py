"""The safeguarding rules, written once: content/safeguarding/<jurisdiction>.toml.

The staff protocol for a disclosure (one per language) and the pupil rules each lesson
relies on (one per rule, tier and language) are data. A lesson, the briefing, the pack, the
pupil handout and the presenter's help screen ask for them with [[protocol]] and
[[rule:ID]], expanded in the Markdown before it is rendered, so all print the same words.

The checks here keep it that way: a lesson may not write its own version of a shared rule
(each rule lists the phrases a hand-written copy would use), the adult rule takes no
qualifier ("in secret"…), a nested list is indented so that it renders nested, and a lesson
on images or sextortion names the suicide-prevention line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import ErrorLog
from .files import FileFormatError, read_toml
from .render import render

PLACEHOLDER = re.compile(r"\[\[(protocol|rule:([a-z0-9-]+))\]\]")
PROTOCOL = "[[protocol]]"
ALL_TIERS = "all"

# A sentence that states the adult rule must not carry a qualifier that turns it into a
# condition ("an adult may not ask in secret" reads as "may ask openly").
QUALIFIER = re.compile(
    r"\b(en secret|en privé|in secret|in private|secretly|en cachette)\b", re.IGNORECASE
)
ADULT_RULE = re.compile(
    r"(adulte|adult)\b[^.!?]*\b(droit|right|allowed|permis)\b[^.!?]*\b(demander|ask)",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# A list item under another one with one to three spaces: Markdown joins it to the item
# above as one flat paragraph (four spaces make a real sub-list).
FLAT_SUB_ITEM = re.compile(r"^ {1,3}(?:[-*+]|\d+\.) \S")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.) \S")
# What makes a lesson one on images or sextortion, and the line it must then name.
# A threat to show a photo is blackmail even when the word is not said ("sinon je la montre
# à ta classe": grooming 11-13 went without 3114 that way).
IMAGE_TOPIC = re.compile(
    r"\b(chantage|sextorsion|sextortion|blackmail|nude|photo intime|image intime|"
    r"intimate (?:photo|image)|sinon je (?:la|les|te) montre|je vais la montrer|"
    r"menace de (?:la |les )?montrer|or I'll show|I'll show (?:it|this|them) to|"
    r"threatens? to show)",
    re.IGNORECASE,
)
SUICIDE_LINE = "3114"

# Hand-written versions of a rule that no fixed phrase catches, because they differ in their
# order or in one word (blind review r24a): blocking before telling an adult ("bloque,
# signale et parles-en": a block can erase the chat before anyone keeps it), "keep the
# messages but not the photo" (reads as "get rid of the photo", which only the adults decide)
# and a "nobody has the right" that only forbids demanding or insisting. Review r24d found
# the same reversal as a noun ("preuves, blocage, signalement, en parler"), with showing an
# adult as the last act ("bloque Dylan et montre tout à sa tante"), and as "block straight
# after" the screenshot, with telling someone a sentence later.
BLOCK = {
    "fr": re.compile(r"\bbloqu\w*|\bblocage\b", re.IGNORECASE),
    "en": re.compile(r"\bblock(?:s|ed|ing)?\b", re.IGNORECASE),
}
# "Avant de bloquer, parles-en" is the rule itself, not its reversal.
BLOCK_AFTER = re.compile(r"(avant de|before(?: you)?)\s*$", re.IGNORECASE)
TELL = {
    "fr": re.compile(
        r"\b(?:parles?-en|parlez-en|en parler|en parle|préviens? un adulte|prévenir un adulte|"
        r"demander de l'aide|demande de l'aide|va voir|vont voir|aller voir|"
        r"montr\w* (?:tout|les messages|les captures) à)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:tells?|telling) (?:an adult|someone|a trusted adult|his|her|their|your)\b|"
        r"\bask(?:s|ing)? for help\b|\bgo(?:es)? (?:to|and) see\b|"
        r"\bshows? (?:everything|the messages|the screenshots) to\b",
        re.IGNORECASE,
    ),
}
HAND_WRITTEN = {
    "fr": (
        (
            "delete",
            "garde la preuve « sans la photo », qui se lit « débarrasse-toi de la photo »",
            re.compile(
                r"\bgard\w* (?:les|des) (?:preuves|messages)\b[^.!?\n]{0,40}?\bsans "
                r"(?:la|ta|sa) (?:photo|image)\b",
                re.I,
            ),
        ),
        (
            "evidence",
            "bloque « juste après » la capture, avant d'en parler",
            re.compile(r"\bbloqu\w* (?:juste|tout de suite|aussitôt) après\b", re.I),
        ),
        (
            "nobody-asks",
            "ne défend que d'exiger ou d'insister",
            re.compile(r"\bpersonne n'a le droit\b[^.!?\n]*\b(?:exiger|insister)", re.I),
        ),
    ),
    "en": (
        (
            "delete",
            "keeps evidence 'but not the photo', which reads as 'get rid of the photo'",
            re.compile(
                r"\bkeep\w* (?:the )?(?:evidence|messages|threatening messages)\b[^.!?\n]{0,40}?"
                r"\bbut not (?:the|your|his|her|their) (?:photo|image)\b",
                re.I,
            ),
        ),
        (
            "evidence",
            "blocks 'straight after' the screenshot, before telling anyone",
            re.compile(r"\bblock (?:straight|right|immediately) after\b", re.I),
        ),
        (
            "nobody-asks",
            "only forbids demanding or pushing",
            re.compile(
                r"\b(?:nobody|no one)\b[^.!?\n]*\bright to\b[^.!?\n]*"
                r"\b(?:demand|keep pushing|insist)",
                re.I,
            ),
        ),
    ),
}


def block_before_tell(text: str, lang: str) -> str | None:
    """The sentence that has a pupil block before telling an adult, if any."""
    if lang not in BLOCK:
        return None
    for sentence in re.split(r"[.!?\n]", text):
        for block in BLOCK[lang].finditer(sentence):
            if BLOCK_AFTER.search(sentence[: block.start()]):
                continue
            if TELL[lang].search(sentence, block.end()):
                return sentence.strip()
    return None


if TYPE_CHECKING:  # schema imports models, which holds a Safeguarding
    from .schema import Fields


@dataclass(frozen=True)
class Rule:
    """One pupil rule: its text per language and tier, and what a hand-written copy says."""

    id: str
    texts: Mapping[str, Mapping[str, str]]  # lang -> tier (or "all") -> Markdown
    signatures: Mapping[str, tuple[str, ...]]  # lang -> phrases, lower case

    def text(self, lang: str, tier: str) -> str | None:
        by_tier = self.texts.get(lang, {})
        return by_tier.get(tier) or by_tier.get(ALL_TIERS)


@dataclass(frozen=True)
class Safeguarding:
    """The staff protocol and the pupil rules of one jurisdiction."""

    protocol_text: Mapping[str, str] = field(default_factory=dict)
    rules: Mapping[str, Rule] = field(default_factory=dict)
    protocol_signatures: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def protocol(self) -> Mapping[str, Markup]:
        """The protocol rendered, per language (what the pack and help screen print)."""
        return MappingProxyType({lang: render(t) for lang, t in self.protocol_text.items()})

    def expand(self, text: str, lang: str, tier: str | None) -> str:
        """Text with every [[protocol]] and [[rule:ID]] replaced by its words."""

        def words(match: re.Match) -> str:
            if match.group(2) is None:
                return self.protocol_text.get(lang, match.group(0))
            rule = self.rules.get(match.group(2))
            found = rule.text(lang, tier or ALL_TIERS) if rule else None
            return found if found is not None else match.group(0)

        return PLACEHOLDER.sub(words, text)


def load_safeguarding(
    root: Path, jurisdiction: str, languages: tuple[str, ...], tiers, log: ErrorLog
) -> Safeguarding:
    """Read content/safeguarding/<jurisdiction>.toml; errors are logged, never raised."""
    from .schema import Fields

    relative = f"safeguarding/{jurisdiction}.toml"
    path = root / relative
    if not path.is_file():
        log.add("file-missing", relative, "", "file is missing")
        return Safeguarding()
    try:
        data = read_toml(path)
    except FileFormatError as error:
        log.add("file-format", relative, error.field, str(error))
        return Safeguarding()
    fields = Fields(data, relative, log)
    fields.unknown({"protocol", "rules"})
    protocol = Fields(data.get("protocol") or {}, relative, log, "protocol.")
    protocol.unknown({*languages, "signatures"})
    protocol_text = {lang: protocol.text(lang) or "" for lang in languages}
    rules = {}
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, dict) or not raw_rules:
        fields.error("table-type", "rules", "is required: a table of pupil rules")
        raw_rules = {}
    for rule_id, raw in raw_rules.items():
        rule = Fields(raw, relative, log, f"rules.{rule_id}.")
        rule.unknown({*languages, "signatures"})
        texts = {}
        for lang in languages:
            by_tier = rule.data.get(lang)
            if not isinstance(by_tier, dict):
                rule.error("field-required", lang, "is required: the rule's text per tier")
                continue
            missing = [t for t in tiers if t not in by_tier and ALL_TIERS not in by_tier]
            if missing:
                rule.error(
                    "safeguard-unknown",
                    lang,
                    f"has no text for tier {', '.join(missing)} (give each tier, or 'all')",
                )
            texts[lang] = MappingProxyType({t: str(v) for t, v in by_tier.items()})
        rules[rule_id] = Rule(rule_id, MappingProxyType(texts), _signatures(rule, languages))
    found = Safeguarding(
        MappingProxyType(protocol_text),
        MappingProxyType(rules),
        _signatures(protocol, languages),
    )
    for lang, text in protocol_text.items():
        check_text(found, text, relative, f"protocol.{lang}", lang, log, shared=True)
    for shared_rule in rules.values():
        for lang, by_tier in shared_rule.texts.items():
            for tier, text in by_tier.items():
                where = f"rules.{shared_rule.id}.{lang}.{tier}"
                check_text(found, text, relative, where, lang, log, shared=True)
    return found


def _signatures(fields: Fields, languages) -> Mapping[str, tuple[str, ...]]:
    """The phrases (per language) by which a hand-written copy of a rule is recognised."""
    raw = fields.data.get("signatures") or {}
    return MappingProxyType(
        {lang: tuple(str(p).lower() for p in raw.get(lang, ())) for lang in languages}
    )


def check_text(
    safeguarding: Safeguarding,
    text: str,
    path: str,
    where: str,
    lang: str,
    log: ErrorLog,
    shared: bool = False,
) -> None:
    """The checks every text that may state a safeguarding rule must pass."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        previous = next((p for p in reversed(lines[:number]) if p.strip()), "")
        if FLAT_SUB_ITEM.match(line) and LIST_ITEM.match(previous):
            log.add(
                "flat-sub-list",
                path,
                where,
                f"'{line.strip()[:40]}…' is indented 1 to 3 spaces under a list item, so it "
                "renders as part of one flat paragraph: indent a sub-list by 4 spaces",
            )
    for sentence in SENTENCE.findall(PLACEHOLDER.sub("", text)):
        qualifier = QUALIFIER.search(sentence)
        if qualifier and ADULT_RULE.search(sentence):
            log.add(
                "adult-rule-qualifier",
                path,
                where,
                f"the adult rule takes no qualifier: '{qualifier.group(0)}' makes it a "
                "condition (an adult never has the right to ask, whatever the way)",
            )
    if shared:
        return
    lowered = PLACEHOLDER.sub("", text).lower()
    for rule in safeguarding.rules.values():
        for phrase in rule.signatures.get(lang, ()):
            if phrase in lowered:
                log.add(
                    "safeguard-copy",
                    path,
                    where,
                    f"writes its own version of the shared rule '{rule.id}' "
                    f"(\u201c{phrase}\u201d): write [[rule:{rule.id}]] instead",
                )
    reversed_order = block_before_tell(lowered, lang)
    if reversed_order:
        log.add(
            "safeguard-copy",
            path,
            where,
            f"writes its own version of the shared rule 'evidence', blocking before telling "
            f"an adult (\u201c{reversed_order[:60]}\u201d): tell the adult, keep the "
            "evidence, then block; write [[rule:evidence]]",
        )
    for rule_id, why, pattern in HAND_WRITTEN.get(lang, ()):
        found = pattern.search(lowered)
        if found:
            log.add(
                "safeguard-copy",
                path,
                where,
                f"writes its own version of the shared rule '{rule_id}' ({why}: "
                f"\u201c{found.group(0)[:60]}\u201d): write [[rule:{rule_id}]] instead",
            )
    for phrase in safeguarding.protocol_signatures.get(lang, ()):
        if phrase in lowered:
            log.add(
                "safeguard-copy",
                path,
                where,
                f"writes its own version of the disclosure protocol (\u201c{phrase}\u201d): "
                "write [[protocol]] and add only what is specific to this lesson",
            )
    for match in PLACEHOLDER.finditer(text):
        if match.group(2) and match.group(2) not in safeguarding.rules:
            log.add(
                "safeguard-unknown",
                path,
                where,
                f"[[rule:{match.group(2)}]] names no rule of the safeguarding file "
                f"(known: {', '.join(safeguarding.rules)})",
            )
