"""`manage.py run_worker --backend background`: django-tasks-db's worker, made to live through database outages.

django-tasks-db's `db_worker` exits on the first OperationalError, idle or mid-task. This one keeps the same options
and task handling (its Worker class), and adds what a plain server install needs:
- on a database error it reconnects with backoff (1 s doubling to 15 s), logging once a minute, not per attempt;
- a task left RUNNING, by this worker when the database went away mid-task or by a worker that died, is made
  READY again (tasks here are safe to run twice: a notification checks its own state under a row lock);
- between tasks it runs the ``database_available`` hooks (the intake spool is drained here too).
"""

import logging
import os
import time
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from practice_site.outage import monitor
from practice_site.outage.middleware import run_database_available_hooks
from practice_site.outage.monitor import DATABASE_ERRORS

logger = logging.getLogger("practice_site.outage")

LONGEST_BACKOFF_SECONDS = 15
# A task RUNNING longer than this belongs to a worker that died (an email gives up after 20 seconds).
ABANDONED_AFTER = timedelta(minutes=10)
ABANDONED_CHECK_SECONDS = 60


class SurvivingWorker(Worker):
    interrupted_task_id = None
    next_abandoned_check = 0.0

    def run(self) -> None:
        logger.info("Worker %s started on queues %s", self.worker_id, ",".join(self.queue_names))
        failures = 0
        while self.running:
            try:
                close_old_connections()
                self.recover()
                ran = self.run_one_ready_task()
                monitor.database_up()
                failures = 0
            except DATABASE_ERRORS:
                monitor.database_down()
                self.forget_connections()
                failures += 1
                self.pause(min(2 ** (failures - 1), LONGEST_BACKOFF_SECONDS))
                continue
            if ran is None and self.batch:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if ran is None:
                self.pause(self.interval)

    def recover(self) -> None:
        """Tasks left RUNNING: the one this worker was running when the database went away, and abandoned ones."""
        running = DBTaskResult.objects.running().filter(backend_name=self.backend_name)
        if self.interrupted_task_id is not None:
            running.filter(pk=self.interrupted_task_id).update(status="READY")
            self.interrupted_task_id = None
        if time.monotonic() >= self.next_abandoned_check:
            abandoned = running.filter(started_at__lt=timezone.now() - ABANDONED_AFTER).update(status="READY")
            if abandoned:
                logger.warning("%d task(s) left running by a worker that stopped were queued again", abandoned)
            self.next_abandoned_check = time.monotonic() + ABANDONED_CHECK_SECONDS
        run_database_available_hooks()

    def run_one_ready_task(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is None:
            return None
        # Recording the outcome needs the database too: if it is gone, the task is taken up again when it is back.
        self.interrupted_task_id = task_result.pk
        self.run_task(task_result)
        self.interrupted_task_id = None
        return task_result

    def forget_connections(self) -> None:
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DATABASE_ERRORS:
                connection.connection = None

    def pause(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background task worker (django-tasks-db's db_worker) so that it lives through database outages, "
        "takes up tasks a stopped worker left running, and drains the intake spool."
    )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SurvivingWorker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
