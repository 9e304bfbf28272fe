"""A saved session's documents prepared ahead: built in the background when the session is
saved, changed or its page is opened, so that a click gets them at once.

Kept only in this process's memory (never on disk: some print the school, the contact or
the head's name), for a few hours, and dropped when the session is deleted. Each is kept
with the fingerprint of all it prints (content revision, the session's choices, the head's
decision): a click whose fingerprint differs builds the document again, as before.
A click while it is being prepared waits for that build instead of starting a second one.

With several worker processes, each prepares what the pages it served asked for; a click
served by another process builds as before (and prepares the rest for next time).
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app, request

TTL_SECONDS = 6 * 3600
SIZE = 64  # documents, about 1 MB each


class Prepared:
    """{(session id, document): (fingerprint, bytes, expires)}, in memory, bounded."""

    def __init__(self, size: int = SIZE, ttl: float = TTL_SECONDS):
        self.size, self.ttl = size, ttl
        self.items: collections.OrderedDict = collections.OrderedDict()
        self.pending: dict = {}  # (session id, document, fingerprint) -> threading.Event
        self.lock = threading.Lock()

    def get(self, session_id: int, name: str, fingerprint: str) -> bytes | None:
        with self.lock:
            found = self.items.get((session_id, name))
            if found is None or found[0] != fingerprint or found[2] < time.monotonic():
                return None
            self.items.move_to_end((session_id, name))
            return found[1]

    def ready(self, session_id: int, name: str, fingerprint: str) -> bool:
        return self.get(session_id, name, fingerprint) is not None

    def build(self, session_id: int, name: str, fingerprint: str, make: Callable[[], bytes]):
        """The document: prepared, or being prepared (waited for), or built now."""
        data = self.get(session_id, name, fingerprint)
        if data is not None:
            return data
        key = (session_id, name, fingerprint)
        with self.lock:
            event = self.pending.get(key)
            mine = event is None
            if mine:
                event = self.pending[key] = threading.Event()
        if not mine:
            event.wait(timeout=120)
            data = self.get(session_id, name, fingerprint)
            if data is not None:
                return data
        try:
            data = make()  # bytes, or a Pdf (bytes that know whether they are personal)
            self._put(session_id, name, fingerprint, data)
            return data
        finally:
            if mine:
                with self.lock:
                    self.pending.pop(key, None)
                event.set()

    def _put(self, session_id: int, name: str, fingerprint: str, data: bytes) -> None:
        with self.lock:
            self.items[(session_id, name)] = (fingerprint, data, time.monotonic() + self.ttl)
            self.items.move_to_end((session_id, name))
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def drop(self, session_id: int) -> None:
        """Forget every document of a session (deleted)."""
        with self.lock:
            for key in [k for k in self.items if k[0] == session_id]:
                del self.items[key]

    def prepare(self, app: Flask, session_id: int, jobs: dict) -> threading.Thread | None:
        """Build in the background each job ({name: (fingerprint, make)}) not ready yet."""
        todo = {name: job for name, job in jobs.items() if not self.ready(session_id, name, job[0])}
        if not todo:
            return None
        base = request.host_url if request else "http://localhost/"

        def run() -> None:
            with app.test_request_context("/", base_url=base):
                for name, (fingerprint, make) in todo.items():
                    try:
                        self.build(session_id, name, fingerprint, make)
                    except Exception:  # a click builds it again and shows the error
                        app.logger.exception("preparing %s failed", name)

        thread = threading.Thread(target=run, name="declic-prepare", daemon=True)
        thread.start()
        return thread


def prepared() -> Prepared:
    """This app's store of prepared documents."""
    return current_app.extensions.setdefault("prepared_documents", Prepared())
