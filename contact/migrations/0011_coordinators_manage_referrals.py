"""The intake app owns its staff groups: intake coordinators manage the referral directory and its replies; nobody else but superusers sees them.
Idempotent, like the groups' own migration: permissions are fetched or created, and a missing group is left alone."""

from django.db import migrations

COORDINATORS = "Intake coordinators"
MODELS = {"referralentry": "referral", "replytemplate": "referral reply"}
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is None:
        return
    for model, verbose_name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="referrals", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="referrals"))


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
        ("contact", "0010_reply_promise_from_practice_settings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
