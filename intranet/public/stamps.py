"""The freshness stamp as the public pages' cache reads it: from a connection of each thread's own,
at most once every PUBLIC_CACHE_STAMP_SECONDS, and at once after this process committed a change."""

import threading
import time
from contextlib import suppress
from dataclasses import dataclass

from . import freshness


@dataclass(frozen=True)
class KnownStamp:
    value: int | None
    read_at: float  # the reader's clock
    committed_here: int  # freshness.changes_committed_here() when it was read


class StampReader:
    def __init__(self, engine, seconds: float):
        self.engine = engine
        self.seconds = seconds
        self.clock = time.monotonic
        self.known: KnownStamp | None = None
        self._connections = threading.local()

    def stamp(self) -> int | None:
        """The stamp as last read, if that was less than `seconds` ago and this process has
        committed no new one since; else read afresh."""
        now, here = self.clock(), freshness.changes_committed_here()
        known = self.known
        if known is not None and known.committed_here == here and now - known.read_at < self.seconds:
            return known.value
        known = self.known = KnownStamp(self._from_database(), now, here)
        return known.value

    def _from_database(self) -> int | None:
        """The stamp, read on a connection of this thread's own that commits every statement (so
        it never sits in a transaction, and sees each commit at once). A connection the database
        dropped is replaced once; a second failure is the database's and goes up to the caller."""
        try:
            return self.read_stamp()
        except Exception:  # noqa: BLE001 - any driver's "connection is gone"
            self.close()
            return self.read_stamp()

    def read_stamp(self) -> int | None:
        connection = getattr(self._connections, "dbapi", None)
        if connection is None:
            connection = self._connections.dbapi = self._open_connection()
        cursor = connection.cursor()
        try:
            cursor.execute(freshness.READ.text)
            row = cursor.fetchone()
        finally:
            cursor.close()
        return row[0] if row else None

    def _open_connection(self):
        pooled = self.engine.raw_connection()
        driver = pooled.driver_connection
        pooled.detach()  # ours for as long as the process lives, not the pool's
        if self.engine.dialect.name == "sqlite":
            driver.isolation_level = None
        else:
            driver.autocommit = True
        return driver

    def close(self) -> None:
        """Forget this thread's connection (closed if it is still open)."""
        connection = getattr(self._connections, "dbapi", None)
        self._connections.dbapi = None
        if connection is not None:
            with suppress(Exception):  # it is gone already
                connection.close()
