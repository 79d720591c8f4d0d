"""The data migration's groups and what each may do."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_intake_coordinators_see_edit_export_and_triage_every_request():
    assert codenames("Intake coordinators") == {
        "access_admin", "view_consultationrequest", "change_consultationrequest",
        "export_consultationrequest", "triage_consultationrequest",
        # From scheduling/0002: the practice-wide rules for consultation calls.
        "change_schedulingsettings",
        # From contact/0011: the referral directory and its replies.
        *{f"{action}_{model}" for action in ("add", "change", "delete", "view")
          for model in ("referralentry", "replytemplate")},
    }


def test_clinicians_view_and_change_but_neither_export_nor_triage():
    assert codenames("Clinicians") == {"access_admin", "view_consultationrequest", "change_consultationrequest"}


def test_editors_work_on_pages_and_images_with_no_request_permission():
    editors = Group.objects.get(name="Editors")
    assert "access_admin" in codenames("Editors")
    assert not editors.permissions.filter(content_type__app_label="contact").exists()
    root = Page.get_first_root_node()
    page_codenames = set(GroupPagePermission.objects.filter(group=editors, page=root)
                         .values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= page_codenames
    collection_codenames = set(GroupCollectionPermission.objects.filter(group=editors)
                               .values_list("permission__codename", flat=True))
    assert {"add_image", "change_image", "choose_image", "add_document", "choose_document"} <= collection_codenames


def test_group_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("contact.migrations.0002_review_groups")
    before = {name: codenames(name) for name in ["Intake coordinators", "Clinicians", "Editors"]}

    with connection.schema_editor(atomic=False) as schema_editor:
        migration.create_groups(apps, schema_editor)
        assert Group.objects.filter(name="Intake coordinators").count() == 1
        assert {name: codenames(name) for name in before} == before
        assert GroupPagePermission.objects.filter(group__name="Editors", permission__codename="add_page").count() == 1

        migration.remove_intake_groups(apps, schema_editor)
        assert set(Group.objects.values_list("name", flat=True)) == {"Moderators", "Editors"}

        migration.create_groups(apps, schema_editor)
        # Applied again in order, the later grant to the recreated group follows.
        importlib.import_module("practice_site.scheduling.migrations.0002_coordinators_set_the_rules").grant(
            apps, schema_editor
        )
        importlib.import_module("contact.migrations.0011_coordinators_manage_referrals").grant(
            apps, schema_editor
        )
    assert {name: codenames(name) for name in before} == before
