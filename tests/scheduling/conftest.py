import pytest

from practice_site.scheduling.models import SchedulingSettings
from tests.factories import scheduling
from tests.intake.admin.conftest import clinician_user, coordinator_user, editor_user  # noqa: F401 -- the staff


@pytest.fixture
def make_host(db):
    return scheduling.make_host


@pytest.fixture
def rules(db):
    rules = SchedulingSettings.load()
    rules.save()
    return rules
