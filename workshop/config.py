"""Configuration defaults, in one place; WORKSHOP_* environment variables override them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """A setting that must be given is missing."""


class Defaults:
    """What the app runs with when nothing else is said."""

    # "production" (set by gunicorn.conf.py) requires a secret key; "development" does not.
    ENV = "development"
    SECRET_KEY = None
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
    if app.config["ENV"] == "production" and not app.config["SECRET_KEY"]:
        # Nothing is signed today (no session, no cookie); a data layer will need the key,
        # and a production deployment without one must not start by accident.
        raise ConfigurationError("WORKSHOP_SECRET_KEY must be set when WORKSHOP_ENV is "
                                 "production (see README, Production)")
