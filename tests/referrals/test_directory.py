"""The referral directory in the admin: coordinators manage it, stale entries stand out, nobody else sees it."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from practice_site.demo import referrals as demo_referrals
from practice_site.referrals.models import ReferralEntry, ReplyTemplate
from tests.factories import users

pytestmark = pytest.mark.django_db
LIST = reverse("wagtailsnippets_referrals_referralentry:list")
ADD = reverse("wagtailsnippets_referrals_referralentry:add")
REPLIES = reverse("wagtailsnippets_referrals_replytemplate:list")


@pytest.fixture
def coordinator(client, login_verified):
    login_verified(client, users.coordinator())
    return client


def test_stale_is_more_than_a_year_since_last_checked(make_entry):
    make_entry("Checked 366 days ago", checked_days_ago=366)
    make_entry("Checked 365 days ago", checked_days_ago=365)
    assert [entry.name for entry in ReferralEntry.objects.stale()] == ["Checked 366 days ago"]
    assert [entry.name for entry in ReferralEntry.objects.fresh()] == ["Checked 365 days ago"]
    later = timezone.localdate() + timedelta(days=1)
    assert ReferralEntry.objects.stale(today=later).count() == 2


def test_the_listing_flags_stale_entries_and_filters_them(coordinator, make_entry):
    make_entry("Unchecked Counseling", checked_days_ago=500)
    make_entry("Fresh Counseling", checked_days_ago=3)

    listing = coordinator.get(LIST).content.decode()
    assert "Needs checking" in listing and "Over a year" in listing

    stale_only = coordinator.get(LIST, {"needs_checking": "true"}).content.decode()
    assert "Unchecked Counseling" in stale_only and "Fresh Counseling" not in stale_only
    fresh_only = coordinator.get(LIST, {"needs_checking": "false"}).content.decode()
    assert "Fresh Counseling" in fresh_only and "Unchecked Counseling" not in fresh_only


def test_listing_filters_by_kind_and_language_and_searches(coordinator, make_entry):
    make_entry("Spanish Clinic", kind=ReferralEntry.Kind.CLINIC, languages=["es"], description="Family work")
    make_entry("English Colleague", kind=ReferralEntry.Kind.COLLEAGUE, languages=["en"])

    by_kind = coordinator.get(LIST, {"kind": "clinic"}).content.decode()
    assert "Spanish Clinic" in by_kind and "English Colleague" not in by_kind
    by_language = coordinator.get(LIST, {"language": "en"}).content.decode()
    assert "English Colleague" in by_language and "Spanish Clinic" not in by_language
    searched = coordinator.get(LIST, {"q": "family"}).content.decode()
    assert "Spanish Clinic" in searched and "English Colleague" not in searched


def test_export_holds_the_directory_with_its_flag(coordinator, make_entry):
    make_entry("Unchecked Counseling", checked_days_ago=500, internal_notes="private")
    response = coordinator.get(LIST, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["Name"], row["Needs checking"]) for row in rows] == [("Unchecked Counseling", "True")]
    assert "private" not in str(rows)


def test_coordinator_adds_an_entry_reusing_the_directorys_concerns_and_plans(coordinator, concerns, plans):
    form = coordinator.get(ADD).content.decode()
    assert "Grief and loss" in form and "Texas Medicaid" in form and "Spanish" in form

    response = coordinator.post(ADD, {
        "name": "Bayou Counseling", "kind": "clinic", "description": "Grief groups.", "fees": "sliding",
        "concerns": [concerns["Grief and loss"].pk], "insurance_plans": [plans["Medicaid"].pk],
        "ages_served": ["adults"], "languages": ["en", "es"], "formats": ["in_person"], "city": "Houston",
        "state": "TX", "phone": "(713) 555-0111", "last_checked": timezone.localdate().isoformat(), "active": "on",
    })
    assert response.status_code == 302
    entry = ReferralEntry.objects.get(name="Bayou Counseling")
    assert list(entry.concerns.all()) == [concerns["Grief and loss"]]
    assert list(entry.insurance_plans.all()) == [plans["Medicaid"]]
    assert entry.languages == ["en", "es"]


def test_an_entry_nobody_can_reach_is_refused_with_a_clear_message_and_keeps_what_was_typed(coordinator):
    response = coordinator.post(ADD, {
        "name": "No Contact Practice", "kind": "colleague", "fees": "standard", "state": "TX",
        "last_checked": timezone.localdate().isoformat(), "active": "on",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "Add at least one way to reach them" in page
    assert 'value="No Contact Practice"' in page
    assert not ReferralEntry.objects.exists()


def test_coordinator_edits_a_reply_template(coordinator):
    template = ReplyTemplate.objects.get(reason="insurance")
    edit = reverse("wagtailsnippets_referrals_replytemplate:edit", args=[template.pk])
    response = coordinator.post(edit, {
        "reason": "insurance", "title": template.title, "subject": "About your request",
        "body": "Dear {first_name},\n{referrals}", "active": "on",
    })
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.render("Sam", []).body == "Dear Sam,\n"
    assert "Insurance not taken" in coordinator.get(REPLIES).content.decode()


@pytest.mark.parametrize("make_user", [users.editor, users.clinician])
def test_editors_and_clinicians_see_none_of_it(client, login_verified, make_user, make_entry):
    make_entry("Harbor Lane Counseling")
    login_verified(client, make_user())

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Referral directory" not in dashboard and "Referring on" not in dashboard
    for url in (LIST, ADD, REPLIES, reverse("wagtailsnippets:index")):
        response = client.get(url, follow=True)
        assert "Harbor Lane Counseling" not in response.content.decode()
        assert "Referral directory" not in response.content.decode()
    assert client.get(LIST).status_code in (302, 403)
    assert client.get(REPLIES).status_code in (302, 403)


def test_coordinators_and_superusers_see_it_in_the_menu(client, login_verified):
    for user in (users.coordinator(), users.SuperuserFactory()):
        login_verified(client, user)
        assert "Referral directory" in client.get(reverse("wagtailadmin_home")).content.decode()
        assert client.get(LIST).status_code == 200


def test_only_the_coordinators_group_holds_referral_permissions():
    holders = Group.objects.filter(permissions__content_type__app_label="referrals").distinct()
    assert [group.name for group in holders] == ["Intake coordinators"]
    assert set(Group.objects.get(name="Intake coordinators").permissions.filter(
        content_type__app_label="referrals").values_list("codename", flat=True)) == {
        f"{action}_{model}" for action in ("add", "change", "delete", "view")
        for model in ("referralentry", "replytemplate")
    }


def test_demo_loader_adds_the_directory_once(concerns):
    assert demo_referrals.load() == len(demo_referrals.ENTRIES)
    assert demo_referrals.load() == 0
    assert ReferralEntry.objects.stale().count() == 1
    assert ReferralEntry.objects.get(kind=ReferralEntry.Kind.CRISIS).phone == "988"
