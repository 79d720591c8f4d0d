"""/healthz/, /readyz/ and /deployz/: plain answers for load balancers, also while the database is down."""

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from practice_site.embedded_postgres import restart, stop
from tests.operations.gunicorn import gunicorn
from tests.operations.production_env import production_environment


def assert_plain(response, status, text):
    assert response.status_code == status
    assert response.content.decode() == text
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access in this test fail.
    assert_plain(client.get("/healthz/"), 200, "ok")


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_answers_and_is_migrated(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/readyz/")
    assert_plain(response, 200, "ok")


@pytest.mark.django_db
def test_readyz_and_the_deploy_gate_are_not_ready_while_a_migration_is_pending(client):
    MigrationRecorder.Migration.objects.filter(app="contact").order_by("-name").first().delete()
    assert_plain(client.get("/readyz/"), 503, "not ready")
    assert_plain(client.get("/deployz/"), 503, "not ready")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz/", "/readyz/", "/deployz/"])
def test_probes_are_answered_over_plain_http_for_any_host_name(client, settings, path):
    """A load balancer probes a private address over HTTP; neither the HTTPS redirect nor ALLOWED_HOSTS apply."""
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(path, HTTP_HOST="10.0.3.7:8000")
    assert_plain(response, 200, "ok")


@pytest.mark.django_db
def test_probes_are_not_in_the_sitemap(client, home_page):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>" in sitemap
    assert "healthz" not in sitemap
    assert "readyz" not in sitemap
    assert "deployz" not in sitemap



@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_while_the_database_is_stopped_readyz_stays_ready_in_outage_mode_and_the_deploy_gate_does_not(client):
    datadir = settings.DATABASES["default"]["EMBEDDED_POSTGRES"]["datadir"]
    assert client.get("/deployz/").status_code == 200
    connection.close()
    assert stop(datadir)
    try:
        assert_plain(client.get("/deployz/"), 503, "not ready")
        assert_plain(client.get("/healthz/"), 200, "ok")
        # The instance still serves page copies, the calm 503 and the spooled form: keep sending it visitors.
        assert_plain(client.get("/readyz/"), 200, "ok: outage mode")
    finally:
        restart(datadir)
    # The same process, without a restart, sees the database again.
    assert_plain(client.get("/deployz/"), 200, "ok")
    assert_plain(client.get("/readyz/"), 200, "ok")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_gunicorn_web_process_fails_the_deploy_gate_and_passes_it_again_without_a_restart(tmp_path):
    datadir = settings.DATABASES["default"]["EMBEDDED_POSTGRES"]["datadir"]
    environment = production_environment(LOCAL_STATE_DIR=str(tmp_path / "local"))
    with gunicorn(environment, tmp_path / "gunicorn.log") as url:
        connection.close()
        assert stop(datadir)
        try:
            for _ in range(3):
                ready = requests.get(f"{url}/deployz/", timeout=30)
                assert (ready.status_code, ready.text) == (503, "not ready")
                serving = requests.get(f"{url}/readyz/", timeout=30)
                assert (serving.status_code, serving.text) == (200, "ok: outage mode")
                alive = requests.get(f"{url}/healthz/", timeout=30)
                assert (alive.status_code, alive.text) == (200, "ok")
        finally:
            restart(datadir)
        ready = requests.get(f"{url}/deployz/", timeout=30)
        assert (ready.status_code, ready.text, ready.headers["Cache-Control"]) == (200, "ok", "no-store")
