"""Capability links: a random token in the URL, only its hash in the database."""

from __future__ import annotations

import hashlib
import re
import secrets

# 32 random bytes (256 bits), URL-safe base64 without padding: 43 characters.
TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    """A fresh unguessable token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, in hex.

    A plain hash is enough: the token has 256 bits of entropy, so there is nothing to
    guess a dictionary for, and the lookup must be by value.
    """
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def is_token(text: str) -> bool:
    """Whether a URL segment has the shape of a token (anything else is a 404 at once)."""
    return bool(TOKEN_PATTERN.fullmatch(text))


def redact(path: str) -> str:
    """A path with every token-shaped segment replaced, for logs."""
    return "/".join("[token]" if is_token(part) else part for part in path.split("/"))
