"""Who may set their own openings, and intake coordinators (only they, and superusers) decide it.
Idempotent, like the groups' own migration (which may run after this one: both fetch or create the group)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COORDINATORS = "Intake coordinators"
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=COORDINATORS)
    content_type, _ = ContentType.objects.get_or_create(app_label="pages", model="openingseditor")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_openingseditor",
            defaults={"name": f"Can {action} clinician who sets their own openings"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(codename__endswith="_openingseditor"))


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0012_remove_clinicianpage_accepting_new_clients'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='OpeningsEditor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='openings_editor', to='pages.clinicianpage', verbose_name='clinician page')),
                ('user', models.ForeignKey(help_text="The clinician's own account, who may then set these openings.", on_delete=django.db.models.deletion.CASCADE, related_name='own_openings', to=settings.AUTH_USER_MODEL, verbose_name='staff account')),
            ],
            options={
                'verbose_name': 'clinician who sets their own openings',
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
