"""Moving a test database between migrations, for tests of data migrations.

Schema changes then run inside the test's transaction: run ``SET CONSTRAINTS ALL IMMEDIATE`` first so no
constraint check is left pending, and end at ``latest()`` (in a ``finally``) so later tests meet today's schema.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def latest():
    """Every app's newest migration: the models the test then reads are the current ones."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate to ``targets`` (a list of (app, migration)) and return the apps as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
