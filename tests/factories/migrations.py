"""Moving the test database to a point in the migration history and back, for migration tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def latest():
    """Every app's newest migration: the models the test then reads are the current ones."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate to ``targets`` and return the app registry of that point, for building old rows."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
