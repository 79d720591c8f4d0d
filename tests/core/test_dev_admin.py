import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_creates_one_admin_with_a_generated_password_that_signs_in(rf):
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)

    assert len(password) >= 16
    assert authenticate(rf.post("/admin/login/"), username="admin", password=password) is not None

    again = StringIO()
    call_command("ensure_dev_admin", stdout=again)
    assert "password" not in again.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@override_settings(DEBUG=True)
def test_each_fresh_setup_gets_a_different_password():
    passwords = set()
    for _ in range(2):
        get_user_model().objects.all().delete()
        out = StringIO()
        call_command("ensure_dev_admin", stdout=out)
        passwords.add(re.search(r"password: (\S+)", out.getvalue()).group(1))
    assert len(passwords) == 2


def test_refuses_to_run_outside_development():
    with pytest.raises(CommandError):
        call_command("ensure_dev_admin")
    assert not get_user_model().objects.exists()
