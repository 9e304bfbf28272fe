"""The follow-ups' slides as files the teacher can upload to the platform: one PDF per
follow-up, built from the sequence (planning/sequence.py) with the deck's own PDF layout."""

from __future__ import annotations

from ..catalog.models import Catalog
from ..documents import slides_pdf
from ..planning.choices import SessionChoices
from ..planning.sequence import build_sequence
from .package import zip_bytes


def follow_ups_zip(catalog: Catalog, choices: SessionChoices, folder: str) -> bytes:
    """A zip with each follow-up's slides (follow-up-1.pdf, ...)."""
    sequence = build_sequence(catalog, choices)
    files = {
        f"{folder}/follow-up-{follow_up.number}.pdf": bytes(
            slides_pdf(choices, deck=follow_up.slides, vary=("follow-up", follow_up.number))
        )
        for follow_up in sequence.follow_ups
    }
    return zip_bytes(files)
