"""A saved session's documents prepared ahead: built in the background when the session is
saved, changed or its page is opened, so that a click gets them at once, from whichever
worker process answers it.

They are kept in the database (store/prepared.py), one copy per session and kind, each with
its fingerprint: all it prints (content revision, the session's choices, the head's
decision, the day) and the code's revision (documents/revision.py). A click whose
fingerprint differs builds the document again, as before, and keeps the new one in place of
the old. Only kinds that hold nothing opening the session or counting its class are kept
(store.prepared.STORABLE); they print what the session's row already holds (the school, the
contact, the head's name), and go with it (the delete button, the daily purge).

A click while this process or another prepares the same document waits for that build
instead of starting a second one (another process's build is marked in the database by a
row without bytes, a claim); a background build leaves a document claimed elsewhere alone.
A build cut short by the process stopping (gunicorn's shutdown) is neither stored nor
logged as a failure, and withdraws its claim: the next page view prepares it again.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app, request

from ..store import get_engine
from ..store import prepared as stored

# Set when the interpreter starts to exit, before the builder pools are shut down (threading
# runs these callbacks in reverse order of registration, so this one comes before
# concurrent.futures'): a background build that fails from then on was cut short, not wrong.
STOPPING = threading.Event()
# The claims this process holds ((engine, session id, kind, fingerprint)): withdrawn at exit,
# since a daemon thread's build is simply stopped, never reaching its own cleanup.
HELD: set = set()
HELD_LOCK = threading.Lock()


def _on_exit() -> None:
    with HELD_LOCK:  # a claim is made under this lock (_claim): it is in HELD, or never made
        STOPPING.set()
        held = list(HELD)
    for engine, session_id, kind, fingerprint in held:
        with contextlib.suppress(Exception):
            stored.release(engine, session_id, kind, fingerprint)


threading._register_atexit(_on_exit)  # type: ignore[attr-defined]

WAIT_SECONDS = 120  # the longest a click waits for a build under way before building itself
POLL_SECONDS = 0.5


class Prepared:
    """Documents in the database, and the builds this process has under way."""

    def __init__(self):
        self.pending: dict = {}  # (session id, kind, fingerprint) -> threading.Event
        self.lock = threading.Lock()

    def ready(self, session_id: int, lang: str, fingerprints: dict[str, str]) -> dict[str, bool]:
        """{kind: whether a click gets it at once}."""
        found = stored.ready(get_engine(), session_id, lang, fingerprints)
        return {kind: kind in found for kind in fingerprints}

    def build(
        self,
        session_id: int,
        kind: str,
        lang: str,
        fingerprint: str,
        make: Callable[[], bytes],
        key: bytes,
        background: bool = False,
    ) -> tuple[bytes | None, bool]:
        """(the document, whether it was prepared): stored, or being prepared here or by
        another process (waited for), or built now and stored. In the `background`, a
        document another process is preparing is left to it: (None, False). `key` seals and
        opens the stored bytes (store.prepared.document_key of the presenter's link)."""
        engine = get_engine()
        data = stored.get(engine, session_id, kind, lang, fingerprint, key)
        if data is not None:
            return data, True
        building = (session_id, kind, fingerprint)
        with self.lock:
            event = self.pending.get(building)
            mine = event is None
            if mine:
                event = self.pending[building] = threading.Event()
        if not mine and background:  # this process is preparing it already
            return None, False
        try:
            if not mine:
                event.wait(timeout=WAIT_SECONDS)
                data = stored.get(engine, session_id, kind, lang, fingerprint, key)
                if data is not None:
                    return data, True
            claimed = self._claim(engine, session_id, kind, lang, fingerprint)
            if not claimed:  # ready meanwhile, another process is preparing it, or stopping
                if background:
                    return None, False
                data = self._wait_elsewhere(engine, session_id, kind, lang, fingerprint, key)
                if data is not None:
                    return data, True
            made = self._make(engine, session_id, kind, lang, fingerprint, make, key, claimed)
            return made, False
        finally:
            if mine:
                with self.lock:
                    self.pending.pop(building, None)
                event.set()

    @staticmethod
    def _wait_elsewhere(
        engine, session_id: int, kind: str, lang: str, fingerprint: str, key: bytes
    ):
        """The document once another process has stored it; None if it stops preparing it
        (failed, cut short, stale) or takes longer than WAIT_SECONDS."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and not STOPPING.is_set():
            data = stored.get(engine, session_id, kind, lang, fingerprint, key)
            if data is not None:
                return data
            if not stored.being_prepared(engine, session_id, kind, lang, fingerprint):
                return stored.get(engine, session_id, kind, lang, fingerprint, key)
            time.sleep(POLL_SECONDS)
        return None

    @staticmethod
    def _claim(engine, session_id: int, kind: str, lang: str, fingerprint: str) -> bool:
        """Claim the document for this process, and hold the claim in HELD in the same step:
        a stop that comes at any moment withdraws it (_on_exit), and none is made once the
        process is stopping (seen once in a test: a claim made between the exit's look at
        HELD and the thread's own entry in it stayed behind)."""
        with HELD_LOCK:
            if STOPPING.is_set():
                return False
            claimed = stored.claim(engine, session_id, kind, lang, fingerprint)
            if claimed:
                HELD.add((engine, session_id, kind, fingerprint))
            return claimed

    @staticmethod
    def _make(engine, session_id, kind, lang, fingerprint, make, key, claimed: bool) -> bytes:
        """Build and store; a build that fails or is cut short by the shutdown stores
        nothing and withdraws its claim (held in HELD since _claim)."""
        held = (engine, session_id, kind, fingerprint)
        try:
            data = make()  # bytes, or a Pdf (bytes that know whether they are personal)
            kept = not STOPPING.is_set() and stored.put(
                engine, session_id, kind, lang, fingerprint, data, key
            )
            if claimed and not kept:  # cut short by the shutdown, or too large to keep
                stored.release(engine, session_id, kind, fingerprint)
            return data
        except BaseException:
            if claimed:
                with contextlib.suppress(Exception):
                    stored.release(engine, session_id, kind, fingerprint)
            raise
        finally:
            with HELD_LOCK:
                HELD.discard(held)

    def prepare(
        self, app: Flask, session_id: int, lang: str, jobs: dict, key: bytes
    ) -> threading.Thread | None:
        """Build in the background each job ({kind: (fingerprint, make)}) not ready yet."""
        fingerprints = {kind: job[0] for kind, job in jobs.items()}
        ready = self.ready(session_id, lang, fingerprints)
        todo = {kind: job for kind, job in jobs.items() if not ready[kind]}
        if not todo or STOPPING.is_set():
            return None
        base = request.host_url if request else "http://localhost/"

        def run() -> None:
            with app.test_request_context("/", base_url=base):
                for kind, (fingerprint, make) in todo.items():
                    if STOPPING.is_set():
                        return
                    try:
                        self.build(session_id, kind, lang, fingerprint, make, key, background=True)
                    except Exception:  # a click builds it again and shows the error
                        if STOPPING.is_set():
                            return  # cut short by the shutdown: nothing stored, nothing wrong
                        app.logger.exception("preparing %s failed", kind)

        thread = threading.Thread(target=run, name="declic-prepare", daemon=True)
        thread.start()
        return thread


def prepared() -> Prepared:
    """This app's prepared documents."""
    return current_app.extensions.setdefault("prepared_documents", Prepared())
