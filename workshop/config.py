"""Configuration defaults, in one place; WORKSHOP_* environment variables override them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """What the app runs with when nothing else is said."""

    CONTENT_DIR = ROOT / "content"
    STATIC_DIR = ROOT / "static"
    LANGUAGES = ("fr", "en")
    SOURCE_LANGUAGE = "fr"
    JURISDICTION = "fr"
    # A neutral page the quick exit leaves for; it must not hint at what was being read.
    QUICK_EXIT_URL = "https://www.meteofrance.com/"
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    MAX_CONTENT_LENGTH = 64 * 1024
    SEND_FILE_MAX_AGE_DEFAULT = 3600


def configure(app, config: dict | None = None) -> None:
    """Apply defaults, then WORKSHOP_* environment variables, then explicit overrides."""
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("WORKSHOP")
    if config:
        app.config.update(config)
    app.config["LANGUAGES"] = tuple(app.config["LANGUAGES"])
    app.config["CONTENT_DIR"] = Path(app.config["CONTENT_DIR"])
