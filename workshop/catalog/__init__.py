"""The content engine: load content/ once, validate it, serve immutable objects."""

from __future__ import annotations

from flask import Flask, abort, current_app

from .errors import CatalogError, ContentError
from .loader import load_catalog
from .models import Catalog, Lesson

__all__ = [
    "CatalogError",
    "ContentError",
    "Catalog",
    "Lesson",
    "init_app",
    "load_catalog",
    "get_catalog",
    "load_from_config",
    "lesson_or_404",
    "tier_or_404",
]


def load_from_config(config) -> Catalog:
    """Load the catalog the configuration points to."""
    return load_catalog(
        config["CONTENT_DIR"],
        tuple(config["LANGUAGES"]),
        config["SOURCE_LANGUAGE"],
        config["JURISDICTION"],
    )


def init_app(app: Flask) -> None:
    """Load the catalog at start-up; an invalid tree stops the app with the errors."""
    app.extensions["catalog"] = load_from_config(app.config)


def get_catalog() -> Catalog:
    """The catalog of the running app."""
    return current_app.extensions["catalog"]


def tier_or_404(tier: str):
    """The tier with this id, or a 404 page."""
    found = get_catalog().tiers.get(tier)
    if found is None:
        abort(404)
    return found


def lesson_or_404(module: str, tier: str, lang: str) -> Lesson:
    """The lesson for a module and tier in a language, or a 404 page."""
    tier_or_404(tier)
    lesson = get_catalog().lesson(module, tier, lang)
    if lesson is None:
        abort(404)
    return lesson
