"""Outage detection: a stopped, hung, read-only or silent database each send a thanked request to the spool, and
a process that saw the database fail stops trying it on every request (the circuit breaker)."""

import os
import signal
import subprocess
import sys

import psycopg2
import pytest
from django.conf import settings
from django.db import connection, connections

from contact.models.request import ConsultationRequest
from contact.outage import spool
from practice_site.outage.management.commands.measure_outage_latency import silent_listener
from tests.factories.consultations import form_answers
from tests.intake.conftest import aged_token

from .conftest import ROOT, process_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

def send(client, page, name):
    return client.post(page.url, {**form_answers(name=name), "form_token": aged_token(60)})


def spooled() -> int:
    return len(list(spool.spool_dir().glob("*.request")))


def thanked(response) -> bool:
    return response.status_code == 302 or "your request was received" in response.content.decode()


def assert_thanked_and_stored_once(client, page, response, name):
    assert thanked(response), response.content.decode()[:2000]
    assert spooled() == 1
    connections.close_all()
    assert spool.drain().stored == 1
    assert ConsultationRequest.objects.filter(name=name).count() == 1


def test_a_request_sent_while_the_database_is_read_only_is_thanked_and_kept(client, contact_page):
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    connections.close_all()
    try:
        response = send(client, contact_page, "Rae Only")
    finally:
        connections.close_all()
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = off")
            cursor.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
        connections.close_all()
    assert_thanked_and_stored_once(client, contact_page, response, "Rae Only")


def test_a_request_sent_while_a_lock_hangs_the_table_is_thanked_and_kept(client, contact_page, settings):
    settings.WEB_STATEMENT_TIMEOUT_MS = 500
    database = connection.settings_dict
    blocker = psycopg2.connect(dbname=database["NAME"], user=database["USER"], host=database["HOST"])
    try:
        with blocker.cursor() as cursor:
            cursor.execute("LOCK TABLE contact_consultationrequest IN ACCESS EXCLUSIVE MODE")
        response = send(client, contact_page, "Hal Ung")
    finally:
        blocker.rollback()
        blocker.close()
    assert_thanked_and_stored_once(client, contact_page, response, "Hal Ung")


def postmaster_pid() -> int:
    datadir = settings.DATABASES["default"]["EMBEDDED_POSTGRES"]["datadir"]
    with open(os.path.join(datadir, "postmaster.pid")) as pid_file:
        return int(pid_file.readline())


def test_a_request_sent_while_the_postmaster_is_stopped_is_thanked_and_kept(client, contact_page):
    pid = postmaster_pid()
    connections.close_all()
    # As production has it (base.py); the embedded test server's settings are made without it.
    options = connections["default"].settings_dict.setdefault("OPTIONS", {})
    options["connect_timeout"] = 2
    os.kill(pid, signal.SIGSTOP)
    try:
        response = send(client, contact_page, "Sig Stop")
        assert spooled() == 1
    finally:
        os.kill(pid, signal.SIGCONT)
        del options["connect_timeout"]
    assert_thanked_and_stored_once(client, contact_page, response, "Sig Stop")


BREAKER_PROBE = """
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
statuses = [client.get(path).status_code for path in ["/", "/contact/"] * 4]
print(" ".join(map(str, statuses)))
"""


def test_after_one_failure_a_process_answers_from_outage_mode_without_trying_the_database_again(local_state):
    """A web process pointed at a host that accepts and stays silent: one connection attempt, not one per page."""
    listener, accepted = silent_listener()
    silent = f"postgresql://nobody@127.0.0.1:{listener.getsockname()[1]}/none"
    environment = process_environment(
        local_state, DATABASE_URL=silent, DJANGO_SETTINGS_MODULE="tests.outage.breaker_settings"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", BREAKER_PROBE], cwd=ROOT, env=environment, capture_output=True, text=True,
            timeout=120,
        )
    finally:
        listener.close()
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["503"] * 8
    assert len(accepted) == 1
