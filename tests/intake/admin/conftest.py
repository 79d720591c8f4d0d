import pytest

from tests.factories.users import clinician, coordinator, editor


@pytest.fixture
def coordinator_user(db):
    return coordinator()


@pytest.fixture
def clinician_user(db):
    return clinician()


@pytest.fixture
def editor_user(db):
    return editor()
