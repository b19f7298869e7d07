"""How many anonymous renders run at once, so a flood of requests for public pages and PDFs that are
not in the cache cannot take every worker away from the staff.

A render holds one of a few host-wide slots: an exclusive `flock` on a slot file in the cache's folder
(gunicorn's workers are processes; the lock goes with the file descriptor, so a worker that dies frees
its slot). A slot is taken without waiting: a request that finds them all taken is answered 503 with
Retry-After at once, because a sync worker left waiting is as lost to the staff as one rendering.
Within one process, readers of a document that is being rendered wait for that render and share
its result (threaded servers); a bounded number of them, the rest get the 503 too.
"""

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Every render slot is taken: answer 503 with Retry-After."""


class Slots:
    def __init__(self, folder: Path, name: str, count: int):
        self.paths = [str(folder / f"{name}-{number}.lock") for number in range(max(1, count))]

    @contextmanager
    def taken(self):
        """Hold a free slot for the block; Busy if there is none."""
        descriptor = self._take()
        if descriptor is None:
            raise Busy
        try:
            yield
        finally:
            os.close(descriptor)  # releases the lock

    def _take(self) -> int | None:
        for path in self.paths:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            return descriptor
        return None


class RenderGate:
    """`slots["pdf"]` for WeasyPrint, `slots["page"]` for every other anonymous page Flask makes."""

    def __init__(self, folder: Path, *, pdf_slots: int, page_slots: int, max_waiting: int, wait_seconds: float):
        folder.mkdir(parents=True, exist_ok=True)
        self.slots = {"pdf": Slots(folder, "render-pdf", pdf_slots), "page": Slots(folder, "render-page", page_slots)}
        self.max_waiting = max_waiting
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._rendering: dict[tuple, threading.Event] = {}
        self._waiting = 0

    def wait_for_same(self, key: tuple) -> bool:
        """If this process is rendering `key` already, wait for it (True: look in the cache again).
        False: nobody is; the caller renders it. Busy when too many wait already."""
        with self._lock:
            rendering = self._rendering.get(key)
            if rendering is None:
                return False
            if self._waiting >= self.max_waiting:
                raise Busy
            self._waiting += 1
        try:
            rendering.wait(self.wait_seconds)
        finally:
            with self._lock:
                self._waiting -= 1
        return True

    @contextmanager
    def rendering(self, key: tuple, kind: str):
        """Render `key` in a slot of `kind`; readers of the same key in this process wait meanwhile."""
        done = threading.Event()
        with self._lock:
            self._rendering.setdefault(key, done)
        try:
            with self.slots[kind].taken():
                yield
        finally:
            with self._lock:
                if self._rendering.get(key) is done:
                    del self._rendering[key]
            done.set()
