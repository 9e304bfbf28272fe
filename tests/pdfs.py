"""Reading PDFs the way a person's tools do: pdftotext for the text, pypdf for the structure."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, by poppler's pdftotext (required in CI)."""
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing: apt-get install poppler-utils")
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text of each page."""
    return pdf_text(pdf).split("\f")


def reader(pdf: bytes) -> PdfReader:
    """A pypdf reader over PDF bytes."""
    return PdfReader(io.BytesIO(pdf))
