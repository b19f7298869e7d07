"""Work that can wait a moment: anonymous renders (Flask making a public page that is not in the
cache, WeasyPrint making a PDF) run on threads of lower CPU priority, so that a flood of them leaves
the CPU to the staff's requests in the other workers. Linux lets a thread lower its own priority but
not raise it again, hence threads of their own, started once per process (a forked worker starts its own)."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

NICENESS = 10  # a thread at +10 gets about a tenth of a CPU beside a busy thread at 0
_pools: dict[str, tuple[int, ThreadPoolExecutor]] = {}
_lock = threading.Lock()


def at_low_priority(pool: str, function, *args):
    """`function(*args)` on this process's low-priority threads named `pool`; waits for its result.
    (Use another pool for work that such a function itself hands on, or it may wait for itself.)"""
    return _pool(pool).submit(function, *args).result()


def _pool(name: str) -> ThreadPoolExecutor:
    with _lock:
        known = _pools.get(name)
        if known is None or known[0] != os.getpid():
            executor = ThreadPoolExecutor(2, f"low-priority-{name}", initializer=_lower_priority)
            known = _pools[name] = (os.getpid(), executor)
        return known[1]


def _lower_priority() -> None:
    with suppress(OSError):  # not permitted, or not Linux: the thread works at the usual priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
