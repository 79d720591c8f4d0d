"""Staff manage concerns and insurance plans in the admin, with help text, and the finder uses them at once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from practice_site.directory.models import InsurancePlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, login_verified):
    login_verified(client, get_user_model().objects.create_superuser("editor", "editor@example.com", "x"))
    return client


def test_staff_add_a_plan_and_the_finder_offers_it(editor, finder):
    add_form = editor.get(reverse("wagtailsnippets_directory_insuranceplan:add")).content.decode()
    assert "superbill" in add_form and "leaves the fees page and the team finder" in add_form

    response = editor.post(reverse("wagtailsnippets_directory_insuranceplan:add"), {
        "name": "Humana", "network": "superbill", "notes": "", "accepted": "on",
    })
    assert response.status_code == 302
    assert InsurancePlan.objects.get(name="Humana").network == InsurancePlan.Network.SUPERBILL
    listing = editor.get(reverse("wagtailsnippets_directory_insuranceplan:list")).content.decode()
    assert "Humana" in listing

    editor.logout()
    assert "Humana" in editor.get("/team/").content.decode()


def test_staff_list_and_add_concerns(editor, finder):
    listing = editor.get(reverse("wagtailsnippets_directory_concern:list")).content.decode()
    assert "Grief and loss" in listing
    response = editor.post(reverse("wagtailsnippets_directory_concern:add"), {"name": "Eating disorders"})
    assert response.status_code == 302
    editor.logout()
    assert "Eating disorders" in editor.get("/team/").content.decode()
