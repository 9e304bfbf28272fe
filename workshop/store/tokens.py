"""Capability links: a random token in the URL, only its hash in the database."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from urllib.parse import unquote

# 32 random bytes (256 bits), URL-safe base64 without padding: 43 characters.
TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    """A fresh unguessable token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def head_token_for(presenter_token: str) -> str:
    """The head's token, derived one way from the presenter's.

    The presenter's page must show the head's link again at any time, yet no token is
    stored; deriving it keeps that true. Whoever holds the head's link cannot climb back
    to the presenter's (SHA-256 is one-way), and it is as unguessable as the presenter's.
    """
    return _derived(b"declic head link\0", presenter_token)


def screen_token_for(presenter_token: str) -> str:
    """The screen link's token (what is projected to the class), from the presenter's."""
    return screen_token_from_head(head_token_for(presenter_token))


def screen_token_from_head(head_token: str) -> str:
    """The screen link's token, derived one way from the head's.

    The join codes are derived from it (store/codes.py), so the class screen can show
    its code, and the presenter's page and the head's report can show it too. Whoever
    holds the screen link (a photo of the projector) cannot climb back to either link.
    """
    return _derived(b"declic screen link\0", head_token)


def teacher_token_for(presenter_token: str) -> str:
    """The class teacher's token, from the presenter's."""
    return teacher_token_from_head(head_token_for(presenter_token))


def teacher_token_from_head(head_token: str) -> str:
    """The class teacher's token (the sequence around the visit), derived one way from the
    head's, so that the head's page can show it too. Whoever holds it cannot climb back to
    the head's or the presenter's link, and it is not the screen link: a photo of the
    projector opens nothing of the teacher's."""
    return _derived(b"declic teacher link\0", head_token)


def wrap_screen_token(screen_token: str, teacher_token: str) -> str:
    """The screen link's token, kept for the teacher's link only: XOR-ed with a 256-bit pad
    derived from the teacher's token, in hex.

    The teacher's pages show the re-check's class screen and its join code, both derived
    from the screen link; but the teacher's token is derived from the head's, like the
    screen link's, so neither gives the other. This wrapped copy (stored beside the hashes)
    lets the teacher's link open the screen link and nothing more: without the teacher's
    token it is noise, so a copy of the database still gives no link.
    """
    return bytes(a ^ b for a, b in zip(_raw(screen_token), _pad(teacher_token), strict=True)).hex()


def unwrap_screen_token(wrapped: str, teacher_token: str) -> str:
    """The screen link's token, from its wrapped copy and the teacher's token."""
    raw = bytes(a ^ b for a, b in zip(bytes.fromhex(wrapped), _pad(teacher_token), strict=True))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=")


def _pad(teacher_token: str) -> bytes:
    return hashlib.sha256(b"declic teacher screen\0" + teacher_token.encode("ascii")).digest()


def _derived(prefix: bytes, token: str) -> str:
    """A token derived one way from another: SHA-256, as long as a token (43 characters)."""
    digest = hashlib.sha256(prefix + token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, in hex.

    A plain hash is enough: the token has 256 bits of entropy, so there is nothing to
    guess a dictionary for, and the lookup must be by value.
    """
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def is_token(text: str) -> bool:
    """Whether a URL segment has the shape of a token (anything else is a 404 at once)."""
    return bool(TOKEN_PATTERN.fullmatch(text))


# The segment after these is a link's token in every route that takes one.
TOKEN_FOLLOWS = frozenset({"sessions", "screen", "teach"})


def redact(path: str) -> str:
    """A path with every token replaced, for logs: any segment that has a token's shape
    once percent-decoded (`%65…` is `e…`), and any segment where a link's token goes,
    whatever its shape (a token with a character changed is still most of a token)."""
    parts = path.split("/")
    return "/".join(
        "[token]"
        if is_token(unquote(part))
        or (part and index and unquote(parts[index - 1]) in TOKEN_FOLLOWS)
        else part
        for index, part in enumerate(parts)
    )
