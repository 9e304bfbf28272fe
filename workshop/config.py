"""Configuration defaults, in one place; WORKSHOP_* environment variables override them."""

from __future__ import annotations

import math
import os
import re
import secrets
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# A real secret key: at least 32 characters, and at least 96 bits by the entropy of its
# characters (a conservative estimate: secrets.token_hex(16) measures about 110).
MIN_KEY_CHARACTERS = 32
MIN_KEY_BITS = 96
WEAK_KEYS = {"secret", "changeme", "change-me", "dev", "development", "test", "test-key"}
WEAK_WORDS = (
    "secret",
    "declic",
    "production",
    "changeme",
    "change-me",
    "change_me",
    "secret-key",
    "secretkey",
    "example",
    "password",
    "xxxxxxxx",
)


class ConfigurationError(RuntimeError):
    """A setting that must be given is missing."""


class Defaults:
    """What the app runs with when nothing else is said."""

    # Production unless told otherwise: `workshop serve` (the development server) and the
    # commands that serve nothing say "development"; production requires a real secret key.
    ENV = "production"
    SECRET_KEY = None
    # The host names the app answers to (Flask checks the Host header against them: any
    # other is a 400), so that no redirect or link is ever built from a foreign Host.
    # A deployment names its own: WORKSHOP_TRUSTED_HOSTS='["declic.example.org"]'.
    TRUSTED_HOSTS = ["localhost", "127.0.0.1", "::1"]
    # True behind deploy/nginx.conf: trust its X-Forwarded-Proto and -For (one proxy).
    BEHIND_PROXY = False
    # PDF builds (workshop/documents/builder.py): processes per request worker (None: 1, or
    # 0 = in the calling process under TESTING), documents waiting beyond them before a 503,
    # builds before a builder process is replaced, its CPU niceness, the longest wait (s).
    PDF_BUILDERS = None
    PDF_QUEUE = 4
    PDF_BUILDER_MAX_BUILDS = 50
    PDF_BUILDER_NICE = 10
    PDF_BUILD_TIMEOUT = 60
    PDF_CACHE_SIZE = 64
    # A folder for standard documents (no name, no contact), shared by every worker and
    # filled ahead by `workshop pack --all`; None keeps documents in memory only.
    PDF_CACHE_DIR = None
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
    # Saved sessions: a SQLite file in the instance folder unless a URL is given, e.g.
    # WORKSHOP_DATABASE_URL=postgresql+psycopg://user:password@host/declic
    DATABASE_URL = None
    # A saved session, and all that is attached to it, is deleted this many days after
    # the class teacher's re-check (vocabulary.RECHECK_WEEK after its date or save day).
    RETENTION_DAYS = 30
    # Wrong join codes per process in 10 minutes before every code lookup gets a 429: from
    # one address, and from all (README, Codes and guessing, does the arithmetic).
    CODE_GUESSES_PER_ADDRESS = 60
    CODE_GUESSES_OVERALL = 600
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    # The schools' own time, for a join code's "valid until" (an IANA zone name).
    TIMEZONE = "Europe/Paris"
    # Pages the same for everyone, rendered once per content revision and kept in memory
    # (serving.py): how many, and which endpoints ("learn." is every page of a blueprint).
    PAGE_CACHE_SIZE = 1024
    PAGE_CACHE_ENDPOINTS = ("learn.", "site.")
    # A saved session's documents built in the background as soon as it is saved
    # (facilitate/prepared.py); None: yes, except under TESTING.
    PREPARE_DOCUMENTS = None


def configure(app, config: dict | None = None) -> None:
    """Apply defaults, then WORKSHOP_* environment variables, then explicit overrides."""
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("WORKSHOP")
    if "WORKSHOP_SECRET_KEY" in os.environ:
        # from_prefixed_env reads a value as JSON when it parses: 40 random digits would
        # become an int, which HMAC cannot take (every vote a 500). The key is text as typed.
        app.config["SECRET_KEY"] = os.environ["WORKSHOP_SECRET_KEY"]
    if config:
        app.config.update(config)
    app.config["LANGUAGES"] = tuple(app.config["LANGUAGES"])
    app.config["CONTENT_DIR"] = Path(app.config["CONTENT_DIR"])
    if isinstance(app.config["TRUSTED_HOSTS"], str):
        app.config["TRUSTED_HOSTS"] = [app.config["TRUSTED_HOSTS"]]
    if app.config["TESTING"] and not app.config["SECRET_KEY"]:
        # The test suite serves nobody: a throwaway key, different on every run.
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    elif app.config["ENV"] == "development" and not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = development_key(Path(app.instance_path))


def development_key(instance: Path) -> str:
    """The development server's own key, made once and kept in the instance folder.

    The phones' join codes are stored as keyed hashes: a key that changed at each restart
    would make every open vote's code stop working. Never used in production, which
    refuses to start without WORKSHOP_SECRET_KEY."""
    path = instance / "development-secret-key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        draft = instance / f".development-secret-key-{secrets.token_hex(4)}"
        draft.write_text(secrets.token_hex(32), encoding="ascii")
        draft.chmod(0o600)
        try:  # a hard link appears whole or not at all: two processes keep one key
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="ascii").strip()


def check_secret_key(app) -> None:
    """Refuse to serve in production without a real secret key (create_app calls this)."""
    if app.config["ENV"] == "development":
        return
    problem = weak_key_problem(app.config["SECRET_KEY"])
    if problem:
        # The key keys the phones' join codes (and nothing about a visitor: no session,
        # no cookie); a production deployment without a real one must not start by accident.
        raise ConfigurationError(
            f"WORKSHOP_SECRET_KEY {problem}. Make one with: python3 -c 'import secrets; "
            "print(secrets.token_hex(32))' (see README, Production)"
        )


def weak_key_problem(key) -> str | None:
    """Why a secret key is not a real one (None if it is): missing, short, low entropy."""
    if not key:
        return "must be set when WORKSHOP_ENV is production (the default)"
    if not isinstance(key, str | bytes):
        return f"must be text, not a {type(key).__name__}"
    key = key.decode("latin-1") if isinstance(key, bytes) else key
    if len(key) < MIN_KEY_CHARACTERS:
        return (
            f"is too short ({len(key)} characters): it must be at least "
            f"{MIN_KEY_CHARACTERS} random characters"
        )
    # Shannon entropy of the characters, in bits: a random hex string of 64 characters
    # holds about 4 bits a character, 'aaaa…' or 'changeme' repeated hold almost none.
    counts = Counter(key)
    per_char = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    # At least 8 different characters: 40 random digits miss one of the ten 15 % of the
    # time, and were refused for it; 'abab…' or a word repeated have far fewer.
    if per_char * len(key) < MIN_KEY_BITS or len(counts) < 8 or _repeats(key):
        return (
            "is not random enough (too few different characters): use a random key "
            f"of at least {MIN_KEY_CHARACTERS} characters"
        )
    if key.lower() in WEAK_KEYS or any(word in key.lower() for word in WEAK_WORDS):
        return "is a placeholder, not a secret"
    if _runs(key) or len(re.findall(r"[A-Za-z]{3,}", key)) >= 3 and " " in key.strip():
        return (
            "is not random (a run of the alphabet or the keyboard, or words): use a random "
            f"key of at least {MIN_KEY_CHARACTERS} characters"
        )
    return None


# Rows a person types in order: a key mostly made of these runs was typed, not drawn.
RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
)


def _runs(key: str) -> bool:
    """Whether most neighbouring characters of the key follow each other in the alphabet,
    the digits or a keyboard row ('abcdef…', 'qwerty…', '123456…')."""
    lowered = key.lower()
    steps = sum(
        any(pair in row or pair[::-1] in row for row in RUNS)
        for pair in (lowered[i : i + 2] for i in range(len(lowered) - 1))
    )
    return steps >= (len(key) - 1) / 2


def _repeats(key: str) -> bool:
    """A key made of one shorter block repeated ('abcd1234abcd1234…')."""
    return any(
        len(key) % n == 0 and key == key[:n] * (len(key) // n) for n in range(1, len(key) // 2 + 1)
    )
