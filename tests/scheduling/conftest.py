import pytest

from practice_site.scheduling.models import SchedulingSettings
from tests.factories import scheduling


@pytest.fixture
def make_host(db):
    return scheduling.make_host


@pytest.fixture
def rules(db):
    rules = SchedulingSettings.load()
    rules.save()
    return rules
