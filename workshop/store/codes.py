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
import ipaddress
import math
import secrets
import threading
import time
from ipaddress import ip_network

from ..vocabulary import MAX_CLASS_SIZE

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
    script from pouring answers in faster than a class can, while the largest class
    answering two statements within the window stays below it (the statements come one
    at a time, on the same code); the per-code cap in the database bounds the total
    whatever the number of processes.
    """

    def __init__(self, limit: int = 2 * MAX_CLASS_SIZE, window: float = 10.0):
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


class GuessLimit:
    """Wrong codes tried, per address and in all, in this process: beyond either bound,
    every code lookup gets a 429 for the rest of the window (issue 31).

    A code is 6 of 25 characters: 25**6 = 244,140,625 codes. An address may try
    `per_address` wrong codes in `window` seconds, all addresses together `overall`, so a
    guesser gets at most `overall` tries per window and process, whatever the number of
    addresses it has (README, "Codes and guessing", does the arithmetic). A class mistyping
    its code stays far below: only wrong codes count, a right one costs nothing. The
    address is kept only here, in memory, as a keyed hash (a random key per process, never
    written), for at most one window.
    """

    def __init__(self, per_address: int = 60, overall: int = 600, window: float = 600.0):
        self.per_address, self.overall, self.window = per_address, overall, window
        self._key = secrets.token_bytes(16)
        self._wrong: collections.deque[tuple[float, bytes]] = collections.deque()
        self._by_address: collections.Counter[bytes] = collections.Counter()
        self.lock = threading.Lock()

    def _address(self, address: str | None) -> bytes:
        """The address's keyed hash; an IPv6 address counts by its /64 (one subscriber
        holds a whole /64, and could otherwise try from a new address each time)."""
        try:
            ip = ipaddress.ip_address(address or "")
            network = str(ip_network(f"{ip}/64", strict=False) if ip.version == 6 else ip)
        except ValueError:
            network = address or ""
        return hmac.new(self._key, network.encode(), hashlib.sha256).digest()[:16]

    def _forget_old(self, now: float) -> None:
        while self._wrong and self._wrong[0][0] <= now - self.window:
            _, who = self._wrong.popleft()
            self._by_address[who] -= 1
            if self._by_address[who] <= 0:
                del self._by_address[who]

    def retry_after(self, address: str | None) -> int | None:
        """Seconds to wait before this address may try a code again (None: it may now)."""
        now = time.monotonic()
        who = self._address(address)
        with self.lock:
            self._forget_old(now)
            if len(self._wrong) >= self.overall:
                oldest = self._wrong[0][0]
            elif self._by_address[who] >= self.per_address:
                oldest = next(t for t, w in self._wrong if w == who)
            else:
                return None
        return max(1, math.ceil(oldest + self.window - now))

    def wrong(self, address: str | None) -> None:
        """Count one wrong code tried from this address."""
        now = time.monotonic()
        who = self._address(address)
        with self.lock:
            self._forget_old(now)
            self._wrong.append((now, who))
            self._by_address[who] += 1
