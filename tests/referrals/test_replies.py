"""Reply templates: what a "decline with referral" email says, and what it can never say."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from practice_site.referrals.models import ReplyTemplate

pytestmark = pytest.mark.django_db


def test_a_default_reply_exists_for_every_reason_and_each_renders():
    defaults = {template.reason: template for template in ReplyTemplate.objects.filter(active=True)}
    assert set(defaults) == set(ReplyTemplate.Reason.values)
    for template in defaults.values():
        template.full_clean()
        reply = template.render("Sam", [])
        assert reply.body.startswith("Hi Sam,")
        assert "988" in reply.body
        assert "{" not in reply.body + reply.subject


def test_the_reply_carries_the_first_name_and_only_the_chosen_entries_public_details(make_entry):
    chosen = [
        make_entry("Harbor Lane Counseling", description="Adults; evening sessions.", phone="(713) 555-0180",
                   website="https://harborlane.example", internal_notes="Owner slow to reply; ask for Dana."),
        make_entry("Gulf Coast Clinic", description="", phone="", email="intake@gulfcoast.example"),
    ]
    make_entry("Not chosen for this person")
    template = ReplyTemplate.objects.get(reason=ReplyTemplate.Reason.FULL)

    reply = template.render("María José", chosen)

    assert reply.body.startswith("Hi María José,\n\n")
    assert (
        "- Harbor Lane Counseling\n  Adults; evening sessions.\n  (713) 555-0180\n  https://harborlane.example\n\n"
        "- Gulf Coast Clinic\n  intake@gulfcoast.example"
    ) in reply.body
    assert "Dana" not in reply.body
    assert "Not chosen" not in reply.body
    assert reply.subject == "Your consultation request at Rooted Therapy"


def test_a_typed_name_can_neither_add_lines_nor_fill_in_placeholders(make_entry):
    template = ReplyTemplate(reason="full", title="t", subject="For {first_name}", body="Hi {first_name}\n{referrals}")
    reply = template.render("Sam\r\nBcc: someone@example.com {referrals}", [make_entry("Harbor Lane")])
    assert reply.subject == "For Sam Bcc: someone@example.com {referrals}"
    assert "\n" not in reply.subject
    assert reply.body.count("Harbor Lane") == 1
    assert template.render("  ", []).body.startswith("Hi there\n")


@pytest.mark.parametrize(("subject", "body", "field", "message"), [
    ("Hello", "Hi {name}, {referrals}", "body", "please remove {name}"),
    ("Hello", "Hi {first_name}, nothing else", "body", "Put {referrals} where"),
    ("{referrals}", "Hi {first_name} {referrals}", "subject", "The referrals go in the body only."),
    ("Hello {email}", "Hi {referrals}", "body", "please remove {email}"),
])
def test_staff_are_told_kindly_which_placeholder_cannot_be_used(subject, body, field, message):
    template = ReplyTemplate(reason="full", title="Custom", subject=subject, body=body)
    with pytest.raises(ValidationError) as raised:
        template.full_clean()
    assert any(message in text for text in raised.value.message_dict[field])


def test_default_replies_migration_keeps_edits_and_adds_nothing_twice():
    migration = importlib.import_module("practice_site.referrals.migrations.0002_default_replies")
    ReplyTemplate.objects.filter(title="Practice full").update(body="Our own words. {referrals}")
    with connection.schema_editor(atomic=False) as schema_editor:
        migration.add_replies(apps, schema_editor)
    assert ReplyTemplate.objects.count() == 4
    assert ReplyTemplate.objects.get(title="Practice full").body == "Our own words. {referrals}"
