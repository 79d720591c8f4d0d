"""Intake coordinators may change the practice-wide rules for consultation calls (Settings → Consultation
scheduling). Idempotent, like the groups' own migration: the permission is fetched or created, and a missing
group is left alone."""

from django.db import migrations

COORDINATORS = "Intake coordinators"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="scheduling", model="schedulingsettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_schedulingsettings",
        defaults={"name": "Can change consultation scheduling"},
    )
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="scheduling", codename="change_schedulingsettings"
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("contact", "0002_review_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
