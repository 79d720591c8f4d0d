"""Cached pages kept in each web process's memory, answered with no database round trip while the process is sure
of the content version.

A thread per process (``VersionWatch``) holds a connection of its own that LISTENs on ``CHANNEL``. version.py
notifies the channel whenever it replaces the version (on commit: a publish, an unpublish, a settings change), and
the thread reads the version again at once; it also reads it every quarter of PAGE_CACHE_MEMORY_TRUST_SECONDS, which
doubles as the check that the connection still answers. A page is answered from memory only under a version heard
from the database within PAGE_CACHE_MEMORY_TRUST_SECONDS: so a publish shows in every process within that time, and
a lost, hung or stopped database sends every request back to the database path (and from there to the outage path)
as soon as the trust runs out. Pages leave memory after PAGE_CACHE_MEMORY_SECONDS, so each still takes the database
path now and then (which keeps its outage copy fresh), and the oldest leave first past PAGE_CACHE_MEMORY_BYTES.
"""

import logging
import os
import select
import threading
import time
from collections import OrderedDict

import psycopg2
import psycopg2.extensions
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from . import version

logger = logging.getLogger(__name__)

# How operators (and tests) find the watch's connection in pg_stat_activity.
APPLICATION_NAME = "rooted page cache version watch"
# How long the thread waits before trying a lost connection again.
RECONNECT_AFTER_SECONDS = 1.0


def enabled() -> bool:
    return settings.PAGE_CACHE_ENABLED and settings.PAGE_CACHE_MEMORY_BYTES > 0


class KeptPages:
    """Entries by key (with their coding), newest use last; an entry counts its body's bytes."""

    def __init__(self):
        self._entries: OrderedDict[str, tuple[dict, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, current_version: str) -> dict | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            entry, kept_at = found
            if entry["version"] != current_version or time.monotonic() - kept_at > settings.PAGE_CACHE_MEMORY_SECONDS:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = len(entry["body"])
        budget = settings.PAGE_CACHE_MEMORY_BYTES
        if size > budget:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (entry, time.monotonic())
            self._bytes += size
            while self._bytes > budget:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry, _ = self._entries.pop(key)
        self._bytes -= len(entry["body"])


class VersionWatch(threading.Thread):
    """The content version as this process last heard it from the database, and when."""

    def __init__(self, connection_params: dict):
        super().__init__(name="page-cache-version-watch", daemon=True)
        self.connection_params = connection_params
        # One tuple, replaced whole, so a reader never sees a version with another version's time.
        self.heard: tuple[str | None, float] = (None, float("-inf"))
        # A read asked before this moment may predate a change this process made: it does not count.
        self.forgotten_at = float("-inf")
        self.stopping = threading.Event()

    def trusted_version(self) -> str | None:
        current, heard_at = self.heard
        if current is None or time.monotonic() - heard_at > settings.PAGE_CACHE_MEMORY_TRUST_SECONDS:
            return None
        return current

    def forget(self) -> None:
        """Trust nothing until the version is read again (this process just replaced it)."""
        self.forgotten_at = time.monotonic()
        self.heard = (None, float("-inf"))

    def stop(self) -> None:
        self.stopping.set()
        self.join()

    def run(self):
        while not self.stopping.is_set():
            try:
                self.watch()
            except (psycopg2.Error, OSError, TimeoutError) as error:
                logger.info("The page cache's version watch lost its connection (%s)", type(error).__name__)
            self.forget()
            self.stopping.wait(RECONNECT_AFTER_SECONDS)

    def watch(self) -> None:
        trust = settings.PAGE_CACHE_MEMORY_TRUST_SECONDS
        connection = psycopg2.connect(**self.connection_params, async_=1)
        try:
            answered(connection, trust)
            cursor = connection.cursor()
            cursor.execute(f"LISTEN {version.CHANNEL}")
            answered(connection, trust)
            while not self.stopping.is_set():
                # Read after LISTEN: a change committed from here on also wakes the wait below.
                asked_at = time.monotonic()
                cursor.execute(*version.read_query())
                answered(connection, trust)
                current = version.decoded(cursor.fetchone())
                if asked_at >= self.forgotten_at:
                    self.heard = (current, asked_at)
                connection.notifies.clear()
                select.select([connection], [], [], trust / 4)
                answered(connection, trust)
        finally:
            connection.close()


def answered(connection, within: float) -> None:
    """Wait for an asynchronous connection's current step; TimeoutError when the server does not answer in time."""
    deadline = time.monotonic() + within
    while True:
        state = connection.poll()
        if state == psycopg2.extensions.POLL_OK:
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        if state == psycopg2.extensions.POLL_READ:
            select.select([connection], [], [], remaining)
        else:
            select.select([], [connection], [], remaining)


kept = KeptPages()
_watch: dict[str, object] = {"pid": None, "thread": None}
_watch_lock = threading.Lock()


def watch() -> VersionWatch:
    """This process's watch, started on first use (a forked worker starts its own)."""
    with _watch_lock:
        if _watch["pid"] != os.getpid():
            params = connections[DEFAULT_DB_ALIAS].get_connection_params()
            params.pop("cursor_factory", None)
            params["application_name"] = APPLICATION_NAME
            thread = VersionWatch(params)
            thread.start()
            kept.clear()
            _watch.update(pid=os.getpid(), thread=thread)
        return _watch["thread"]


def trusted_version() -> str | None:
    """The version a page may be answered from memory under, or None; None too before the watch has started."""
    thread = _watch["thread"]
    return thread.trusted_version() if thread is not None and _watch["pid"] == os.getpid() else None


def version_replaced() -> None:
    """This process replaced the version: nothing in memory counts until the watch has read the new one."""
    thread = _watch["thread"]
    if thread is not None:
        thread.forget()
