"""PDF builds apart from pupil pages: separate processes, a bounded number, a bounded queue.

WeasyPrint holds the GIL for the whole build (seconds for a pack), so a thread would still
stall every other request of its worker. Each request worker therefore hands the HTML to a
small pool of builder processes (`PDF_BUILDERS`, default 1 per worker), started lazily after
gunicorn forks, at a lower CPU priority (`PDF_BUILDER_NICE`), each recycled after
`PDF_BUILDER_MAX_BUILDS` builds so that no slow growth accumulates. At most `PDF_BUILDERS`
documents build at once and `PDF_QUEUE` more wait; beyond that, or when a build takes longer
than `PDF_BUILD_TIMEOUT` seconds, the request gets a 503 with Retry-After (`DocumentsBusy`).

`PDF_BUILDERS = 0` renders in the calling process (the test suite, `workshop pack`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from werkzeug.exceptions import ServiceUnavailable

from . import pdf as pdf_module


class DocumentsBusy(ServiceUnavailable):
    """Every builder is busy and the queue is full: try again in a moment."""

    def __init__(self, retry_after: int = 5):
        super().__init__(retry_after=retry_after)


def _start_builder(nice: int) -> None:
    """In a new builder process: a lower priority than the request workers."""
    with contextlib.suppress(OSError):
        os.nice(nice)


def _render(html: str, static_dir: str, content_dir: str) -> bytes:
    return pdf_module.render_pdf(html, Path(static_dir), Path(content_dir))


class Builder:
    """A bounded pool of builder processes, private to the process that uses it."""

    def __init__(
        self,
        processes: int = 1,
        queue: int = 4,
        max_builds: int = 50,
        nice: int = 10,
        timeout: float = 60,
    ):
        self.processes = processes
        self.limit = processes + queue
        self.max_builds = max_builds
        self.nice = nice
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._waiting = 0
        self._builds = 0
        self.recycled = 0

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if (
                self._pool is not None
                and self._pid == os.getpid()
                and self._builds >= self.max_builds * self.processes
            ):
                # Recycle: new builds go to fresh processes; the old ones finish and exit.
                # (Not max_tasks_per_child, which can hang a pool on Python 3.11.)
                self._pool.shutdown(wait=False)
                self._pool = None
                self.recycled += 1
            if self._pool is None or self._pid != os.getpid():  # after a fork: a new pool
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["workshop.documents.pdf", "weasyprint"])
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=context,
                    initializer=_start_builder,
                    initargs=(self.nice,),
                )
                self._pid = os.getpid()
                self._builds = 0
            self._builds += 1
            return self._pool

    def _take_slot(self) -> None:
        with self._lock:
            if self._waiting >= self.limit:
                raise DocumentsBusy()
            self._waiting += 1

    def _release_slot(self, _future=None) -> None:
        with self._lock:
            self._waiting -= 1

    def render(self, html: str, static_dir: Path, content_dir: Path) -> bytes:
        """The PDF, built in a builder process; DocumentsBusy when none is free in time."""
        self._take_slot()
        try:
            future = self._executor().submit(_render, html, str(static_dir), str(content_dir))
        except (BrokenProcessPool, RuntimeError):
            self._release_slot()
            self.reset()
            raise DocumentsBusy() from None
        future.add_done_callback(self._release_slot)  # a slot is free when the build ends
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise DocumentsBusy() from None
        except BrokenProcessPool:  # a builder died (killed, out of memory): start afresh
            self.reset()
            raise DocumentsBusy() from None

    def reset(self) -> None:
        """Forget the pool (a new one starts on the next build)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and self._pid == os.getpid():
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop the builder processes."""
        self.reset()
