"""A saved session's documents prepared ahead: built in the background when the session is
saved, changed or its page is opened, so that a click gets them at once, from whichever
worker process answers it.

They are kept in the database (store/prepared.py), one copy per session and kind, each with
its fingerprint: all it prints (content revision, the session's choices, the head's
decision, the day) and the code's revision. A click whose fingerprint differs builds the
document again, as before, and keeps the new one in place of the old. Only kinds that hold
nothing opening the session or counting its class are kept (store.prepared.STORABLE); they
print what the session's row already holds (the school, the contact, the head's name), and
go with it (the delete button, the daily purge).

A click while this process prepares the same document waits for that build instead of
starting a second one. A build cut short by the process stopping (gunicorn's shutdown) is
neither stored nor logged as a failure: the next page view prepares it again.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app, request

from ..catalog.files import revision_of
from ..store import get_engine
from ..store import prepared as stored

# Set when the interpreter starts to exit, before the builder pools are shut down (threading
# runs these callbacks in reverse order of registration, so this one comes before
# concurrent.futures'): a background build that fails from then on was cut short, not wrong.
STOPPING = threading.Event()
threading._register_atexit(STOPPING.set)  # type: ignore[attr-defined]

PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def code_revision(*folders: str) -> str:
    """A hash of the code and templates, and of the `folders` (static files, translations),
    that shape the documents: a deploy that changes any of them makes every stored document
    stale. Computed once per process."""
    roots = [PACKAGE, *(Path(folder) for folder in folders)]
    return revision_of(
        [
            path
            for root in roots
            for path in root.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        ]
    )


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
        self, session_id: int, kind: str, lang: str, fingerprint: str, make: Callable[[], bytes]
    ) -> tuple[bytes, bool]:
        """(the document, whether it was prepared): stored, or being prepared here (waited
        for), or built now and stored."""
        engine = get_engine()
        data = stored.get(engine, session_id, kind, lang, fingerprint)
        if data is not None:
            return data, True
        key = (session_id, kind, fingerprint)
        with self.lock:
            event = self.pending.get(key)
            mine = event is None
            if mine:
                event = self.pending[key] = threading.Event()
        if not mine:
            event.wait(timeout=120)
            data = stored.get(engine, session_id, kind, lang, fingerprint)
            if data is not None:
                return data, True
        try:
            data = make()  # bytes, or a Pdf (bytes that know whether they are personal)
            if not STOPPING.is_set():
                stored.put(engine, session_id, kind, lang, fingerprint, data)
            return data, False
        finally:
            if mine:
                with self.lock:
                    self.pending.pop(key, None)
                event.set()

    def prepare(
        self, app: Flask, session_id: int, lang: str, jobs: dict
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
                        self.build(session_id, kind, lang, fingerprint, make)
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
