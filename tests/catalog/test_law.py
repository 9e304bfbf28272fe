"""The law, exact and checked: penalty sentences, [[penalty:ID]] placeholders, real pages."""

from __future__ import annotations

import html
import re
from types import MappingProxyType

import pytest
from markupsafe import Markup

from workshop.catalog.models import LegalRef, Penalty
from workshop.catalog.penalties import euros, expand, penalty_sentence
from workshop.catalog.render import render

NB = "\u00a0"


def penalty(years=None, fine=None, kind="emprisonnement", article=None, alinea=None, **conditions):
    return Penalty(
        kind=kind,
        years=years,
        fine=fine,
        article=article,
        alinea=alinea,
        conditions=MappingProxyType(conditions),
    )


def ref(*penalties, ref_id="227-23") -> LegalRef:
    return LegalRef(
        id=ref_id,
        code="Code pénal",
        article=ref_id,
        law_as_of=None,
        source="Légifrance",
        titles=MappingProxyType({}),
        plain=MappingProxyType({}),
        penalties=tuple(penalties),
    )


POSSESSION = ref(
    penalty(5, 75_000, alinea=(1, 2)),
    penalty(
        7,
        100_000,
        alinea=3,
        fr="si l'image a été diffusée en ligne",
        en="if the image was shared online",
    ),
    penalty(5, 75_000, alinea=4, fr="pour la détenir", en="for possessing it"),
    penalty(10, 500_000, alinea="last", fr="en bande organisée", en="for an organised gang"),
)


def test_euros_follow_each_language_typography():
    assert euros(75_000, "fr") == f"75{NB}000{NB}€"
    assert euros(1_500_000, "fr") == f"1{NB}500{NB}000{NB}€"
    assert euros(75_000, "en") == "€75,000"


def test_sentence_in_french_names_every_alinea():
    assert penalty_sentence(POSSESSION, "fr") == (
        f"Jusqu'à 5 ans d'emprisonnement et 75{NB}000{NB}€ d'amende (al. 1 et 2) ; "
        f"7 ans d'emprisonnement et 100{NB}000{NB}€ d'amende "
        f"si l'image a été diffusée en ligne (al. 3) ; "
        f"5 ans d'emprisonnement et 75{NB}000{NB}€ d'amende pour la détenir (al. 4) ; "
        f"10 ans d'emprisonnement et 500{NB}000{NB}€ d'amende en bande organisée (dernier alinéa)."
    )


def test_sentence_in_english_names_every_paragraph():
    assert penalty_sentence(POSSESSION, "en") == (
        "Up to 5 years' imprisonment and a €75,000 fine (paras. 1 and 2); "
        "7 years' imprisonment and a €100,000 fine if the image was shared online (para. 3); "
        "5 years' imprisonment and a €75,000 fine for possessing it (para. 4); "
        "10 years' imprisonment and a €500,000 fine for an organised gang (last para.)."
    )


def test_reclusion_life_one_year_and_articles():
    crime = ref(penalty(20, 3_000_000, kind="réclusion criminelle"), ref_id="225-7-1")
    assert (
        penalty_sentence(crime, "fr")
        == f"Jusqu'à 20 ans de réclusion criminelle et 3{NB}000{NB}000{NB}€ d'amende."
    )
    assert (
        penalty_sentence(crime, "en")
        == "Up to 20 years' criminal imprisonment (réclusion criminelle) and a €3,000,000 fine."
    )
    life = ref(penalty(None, 4_500_000, kind="réclusion criminelle à perpétuité"), ref_id="225-9")
    assert penalty_sentence(life, "fr").startswith(
        "Jusqu'à la réclusion criminelle à perpétuité et 4"
    )
    assert penalty_sentence(life, "en").startswith(
        "Up to life imprisonment (réclusion criminelle à perpétuité)"
    )
    two = ref(
        penalty(1, 45_000, article="226-1"),
        penalty(
            2, 60_000, article="226-1", alinea="last", fr="si c'est le conjoint", en="by a spouse"
        ),
    )
    assert penalty_sentence(two, "en") == (
        "Up to 1 year's imprisonment and a €45,000 fine (art. 226-1); "
        "2 years' imprisonment and a €60,000 fine by a spouse "
        "(art. 226-1, last para.)."
    )
    assert penalty_sentence(ref(), "fr") == ""


LEGAL = {
    "227-23": POSSESSION,
    "x": ref(penalty(2, 30_000, fr="si <b>*gras*</b> & co", en="if <b>"), ref_id="x"),
}


def test_placeholder_in_markdown_is_expanded_after_rendering_and_escaped():
    out = expand(render("Peine maximale encourue par un adulte : [[penalty:227-23]]"), LEGAL, "fr")
    assert isinstance(out, Markup)
    assert "[[penalty:" not in out
    assert f"adulte : jusqu&#39;à 5 ans d&#39;emprisonnement et 75{NB}000{NB}€" in out
    hostile = expand(render("Peine pour un adulte : [[penalty:x]]"), LEGAL, "fr")
    assert "<b>" not in hostile and "&lt;b&gt;*gras*&lt;/b&gt; &amp; co" in hostile


def test_placeholder_in_plain_text_is_labelled_and_capitalised():
    # a TOML text (quiz question, choice label): plain, escaped later by the template
    out = expand("[[penalty:227-23]]", LEGAL, "en")
    assert out.startswith("For an adult, up to 5 years' imprisonment") and out.endswith(
        "(last para.)."
    )
    inside = expand("An adult risks [[penalty:227-23]] That is the maximum.", LEGAL, "en")
    assert "risks up to 5 years'" in inside and "For an adult" not in inside
    before_dot = expand("Pour un adulte : [[penalty:227-23]].", LEGAL, "fr")
    assert before_dot.endswith("(dernier alinéa).") and not before_dot.endswith("..")


# ---------------------------------------------------------------------------------------
# The real catalog: no page or document repeats an outdated penalty
# ---------------------------------------------------------------------------------------

OUTDATED = [
    re.compile(r"d[ée]ten\w*[^.;]{0,60}?\b2\s*ans", re.IGNORECASE),  # 227-23 al. 4 is 5 years
    re.compile(r"possess\w*[^.;]{0,60}?\b2 years", re.IGNORECASE),
    re.compile(r"15\s*ans de réclusion criminelle et 3"),  # 225-7-1 is 20 years
    re.compile(r"15 years' criminal imprisonment \(réclusion criminelle\) and a €3"),
    re.compile(r"\[\[penalty:"),
    re.compile(r"Droit en vigueur : 20\d\d\b|Law as of 20\d\d\b"),
]


def page_text(raw: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def assert_up_to_date(text: str, where) -> None:
    for pattern in OUTDATED:
        match = pattern.search(text)
        assert match is None, (where, text[max(0, match.start() - 80) : match.end() + 80])


def test_real_review_and_facilitator_pages_print_only_current_penalties(real_app, real_client):
    catalog = real_app.extensions["catalog"]
    for lang in catalog.languages:
        for tier in catalog.tiers:
            page = page_text(real_client.get(f"/{lang}/review/{tier}/").get_data(as_text=True))
            assert_up_to_date(page, (lang, tier))
            for module in catalog.modules:
                page = page_text(
                    real_client.get(f"/{lang}/facilitate/{tier}/{module}/").get_data(as_text=True)
                )
                assert_up_to_date(page, (lang, tier, module))


def test_real_pack_prints_the_possession_penalty_of_today(real_app, monkeypatch):
    import workshop.documents as documents
    from workshop.planning import SessionChoices

    monkeypatch.setattr(documents, "render_pdf", lambda html_text, *args: html_text.encode())
    catalog = real_app.extensions["catalog"]
    with real_app.test_request_context():
        for lang in catalog.languages:
            possession = (
                "75\u00a0000\u00a0€ d'amende pour la détenir"
                if lang == "fr"
                else "€75,000 fine for possessing"
            )
            found = []
            for module in catalog.modules:
                pack = page_text(
                    documents.pack_pdf(
                        SessionChoices(lang=lang, tier="15-18", modules=(module,))
                    ).decode()
                )
                assert_up_to_date(pack, (lang, module))
                found.append(possession in pack)
            assert any(found), lang  # the images module cites 227-23


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_real_reference_prints_a_version_and_an_official_source(real_app, lang):
    references = real_app.extensions["catalog"].jurisdiction.legal.values()
    assert references and any(legal_ref.penalties for legal_ref in references)
    for legal_ref in references:
        assert "Légifrance" in legal_ref.source or ".gouv.fr" in legal_ref.source, legal_ref.id
        assert legal_ref.law_as_of is None or legal_ref.law_as_of.precision == "day", legal_ref.id
        for item in legal_ref.penalties:
            assert item.years is not None or item.fine is not None or "perpétuité" in item.kind
