"""The project's own health checks, run as a person setting it up would run them."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "rootedtherapy.example",
    "CSRF_TRUSTED_ORIGINS": "https://rootedtherapy.example",
    "WAGTAILADMIN_BASE_URL": "https://rootedtherapy.example",
    "DATABASE_URL": "postgres://rooted:secret@db.internal:5432/rooted",
    "EMAIL_HOST": "smtp.rootedtherapy.example",
    "DEFAULT_FROM_EMAIL": "Rooted Therapy <intake@rootedtherapy.example>",
}


def run_manage(*args, env_overrides, drop=(), settings_module="practice_site.settings.production"):
    # The test process allows async-unsafe ORM calls for Playwright; a deployment never would.
    drop = (*drop, "DJANGO_ALLOW_ASYNC_UNSAFE", "EMBEDDED_POSTGRES_DIR", "DATABASE_URL")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_tests_run_on_real_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_system_check_passes():
    call_command("check", "--fail-level", "WARNING")


def test_no_model_change_lacks_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_deploy_check_is_clean():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_HOST"])
def test_production_without_a_required_variable_names_it_in_one_line(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env_overrides=env, drop=(missing,))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]


def test_a_check_with_dev_settings_starts_no_database(tmp_path):
    datadir = tmp_path / "postgres"
    result = run_manage(
        "check", env_overrides={"EMBEDDED_POSTGRES_DIR": str(datadir)}, settings_module="practice_site.settings.dev"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # pgserver initialises the folder before it starts a server: no folder, no server.
    assert not datadir.exists()
