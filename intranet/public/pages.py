"""Where the public pages' cache keeps what it made: in this worker's memory (bounded by count and
by bytes, the least recently read going first), and in a folder every worker on the host reads
(bounded by number of files).

Why the folder: a PDF takes WeasyPrint about a second. Kept in memory only, each of gunicorn's workers
would render each PDF (and page) again after every change, while holding one of the host's few render
slots (gate.py) and so turning other readers away meanwhile. Written once to the folder, the first
render serves every worker. The database would serve every host too, but would put ~100 KB blobs
through the connection pool the staff pages use and need a migration; a host renders a document once
per change, which is cheap.
"""

import gzip
import hashlib
import json
import math
import os
import random
import tempfile
import threading
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from cachetools import LRUCache


@dataclass(frozen=True)
class Page:
    stamp: int | None
    day: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    gzipped: bytes | None  # None: served as it is (a PDF compresses itself)

    @classmethod
    def made(cls, stamp, day, headers, body, etag, *, compress: bool) -> "Page":
        gzipped = gzip.compress(body, compresslevel=9, mtime=0) if compress else None
        return cls(stamp, day, tuple(headers), body, etag, gzipped)

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


class MemoryPages:
    """Pages by key, at most `max_pages` of them and `max_bytes` together, the least recently read
    going first. The LRU cache keeps the order and counts the bytes; it holds one bound of its own, so
    both are checked here (a change to either takes effect at the next page kept)."""

    def __init__(self, max_pages: int, max_bytes: int):
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self.pages: LRUCache[tuple, Page] = LRUCache(maxsize=math.inf, getsizeof=lambda page: page.size)
        self.lock = threading.Lock()

    @property
    def bytes(self) -> int:
        return self.pages.currsize

    def get(self, key: tuple, stamp: int | None, day: str) -> Page | None:
        with self.lock:
            page = self.pages.get(key)  # a read makes it the most recently read
            return None if page is None or page.stamp != stamp or page.day != day else page

    def put(self, key: tuple, page: Page) -> None:
        with self.lock:
            self.pages.pop(key, None)
            self.pages[key] = page
            while self.pages and (len(self.pages) > self.max_pages or self.pages.currsize > self.max_bytes):
                self.pages.popitem()

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


class SharedDocuments:
    """Documents in `folder`, one file each, named by the stamp and day they were made under; files of
    an older stamp or day are removed when a newer one is written. `scope` tells databases apart."""

    SUFFIX = ".page"

    def __init__(self, folder: Path, scope: str, max_files: int):
        self.folder = folder
        self.scope = scope
        self.max_files = max_files
        folder.mkdir(parents=True, exist_ok=True)

    def _prefix(self, stamp, day) -> str:
        return f"{stamp}-{day}-"

    def _path(self, key, stamp, day) -> Path:
        digest = hashlib.sha256(repr((self.scope, key)).encode()).hexdigest()[:40]
        return self.folder / f"{self._prefix(stamp, day)}{digest}{self.SUFFIX}"

    def load(self, key: tuple, stamp, day) -> tuple[dict, bytes] | None:
        """(what was saved with it, body) or None."""
        try:
            raw = self._path(key, stamp, day).read_bytes()
        except OSError:
            return None
        head, _, body = raw.partition(b"\n")
        with suppress(ValueError):
            return json.loads(head), body
        return None

    def save(self, key: tuple, stamp, day, info: dict, body: bytes) -> None:
        """Written whole or not at all (a reader never sees half a file); skipped when full."""
        current = self._prefix(stamp, day)
        names = [name for name in os.listdir(self.folder) if name.endswith(self.SUFFIX)]
        for name in names:
            if not name.startswith(current):
                with suppress(OSError):
                    os.unlink(self.folder / name)
        kept = [name for name in names if name.startswith(current)]
        if len(kept) >= self.max_files:  # full (many hosts or schools asked for): make room at random
            for name in random.sample(kept, len(kept) // 10 + 1):
                with suppress(OSError):
                    os.unlink(self.folder / name)
        path = self._path(key, stamp, day)
        temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with suppress(OSError):
            temporary.write_bytes(json.dumps(info).encode() + b"\n" + body)
            os.replace(temporary, path)

    def clear(self) -> None:
        for path in self.folder.glob(f"*{self.SUFFIX}"):
            with suppress(OSError):
                path.unlink()


def cache_folder(wanted: Path) -> Path:
    """`wanted`, or where a read-only install can write: the system's temporary folder."""
    try:
        (wanted / "documents").mkdir(parents=True, exist_ok=True)
        return wanted
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"intranet-public-cache-{os.getuid()}"
        (fallback / "documents").mkdir(parents=True, exist_ok=True)
        return fallback
