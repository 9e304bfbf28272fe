"""Join codes for a vote, and the in-memory bound on how fast one code takes answers.

A code is 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S,
8/B): easy to read off a projected slide and to type on a phone. It is derived one way
from the session's screen link (so the class screen, the presenter's page and the head's
report, whose tokens all give the screen link's, can show it again, and nothing but its
HMAC is stored) and from the phase and a generation number (a new code for the same phase
is a new generation).

Why a hash and an expiry rather than the code itself: the code is the only key to add
answers, so a copy of the database must not give it away (the HMAC is keyed by the app's
secret key); and it stops working by itself (a few hours for the start and end of a
session, weeks for the teacher's follow-up), so a code seen on a photo of the board
cannot be used later.

Here in the data layer, beside tokens.py, because the store re-keys the codes of a session
saved before its screen link (`store._with_screen_link`), and the pages of several
blueprints show them.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import threading
import time

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 6


def join_code(screen_token: str, phase: str, generation: int) -> str:
    """The code of a phase, derived from the screen link's token (never stored)."""
    message = f"declic vote\0{screen_token}\0{phase}\0{generation}"
    digest = hashlib.sha256(message.encode()).digest()
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def code_hash(secret: str | bytes, code: str) -> str:
    """What the database keeps of a code: its HMAC-SHA-256 under the app's secret key."""
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, b"declic join code\0" + code.encode("ascii"), hashlib.sha256).hexdigest()


def normalise(typed: str) -> str | None:
    """A typed code as stored (capitals, no space or dash), or None if it cannot be one."""
    code = "".join(typed.split()).replace("-", "").upper()
    if len(code) != LENGTH or not code.isascii() or any(c not in ALPHABET for c in code):
        return None
    return code


class RateLimit:
    """At most `limit` submissions per code in any `window` seconds, in this process.

    Kept in memory and keyed by the code's hash only: no IP address, no cookie. It stops a
    script from pouring answers in faster than a class can, while 30 pupils answering
    within a few seconds stay far below it; the per-code cap in the database bounds the
    total whatever the number of processes.
    """

    def __init__(self, limit: int = 60, window: float = 10.0):
        self.limit, self.window = limit, window
        self.seen: dict[str, collections.deque] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self.lock:
            if len(self.seen) > 10_000:  # forget idle codes
                self.seen = {k: v for k, v in self.seen.items() if v and v[-1] > now - self.window}
            times = self.seen.setdefault(key, collections.deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True
