"""The production task set-up: Wagtail's tasks in-request, the project's own in the database queue."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from practice_site.settings.base import TASKS as PRODUCTION_TASKS
from tests.core.background_tasks_for_tests import remember

pytestmark = pytest.mark.django_db


@override_settings(TASKS=PRODUCTION_TASKS)
def test_publishing_a_page_works_with_the_production_task_backends(home_page):
    home_page.heading = "A calmer heading"
    home_page.save_revision().publish()

    home_page.refresh_from_db()
    assert home_page.heading == "A calmer heading"


@override_settings(TASKS=PRODUCTION_TASKS)
def test_project_tasks_wait_in_postgresql_until_the_worker_runs_them():
    cache.delete("background-task-result")

    remember.enqueue("done")

    stored = DBTaskResult.objects.get()
    assert stored.status == "READY"
    assert cache.get("background-task-result") is None

    # The worker closes stale connections between tasks, which would close the test's own transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--backend", "background", verbosity=0)

    stored.refresh_from_db()
    assert stored.status == "SUCCESSFUL"
    assert cache.get("background-task-result") == "done"
