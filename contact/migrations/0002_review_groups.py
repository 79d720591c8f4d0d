"""The triage permission and the three staff groups that decide who sees consultation requests.

Idempotent: groups and permissions are fetched or created, so running it on a database where someone
already made a group of the same name only adds what is missing. Reversing removes the two intake groups;
"Editors" is Wagtail's own group (made by wagtailcore's initial data), so it is left as it is.
"""

from django.conf import settings
from django.db import migrations

COORDINATORS = "Intake coordinators"
CLINICIANS = "Clinicians"
EDITORS = "Editors"

REQUEST_PERMISSIONS = {
    "view_consultationrequest": "Can view consultation request",
    "change_consultationrequest": "Can change consultation request",
    "export_consultationrequest": "Can export consultation requests",
    "triage_consultationrequest": "Can see and assign every consultation request",
}
COORDINATOR_CODENAMES = [
    "view_consultationrequest", "change_consultationrequest", "export_consultationrequest",
    "triage_consultationrequest",
]
# Row-limited in code (contact.permissions): without "triage" they reach only their assigned requests.
CLINICIAN_CODENAMES = ["view_consultationrequest", "change_consultationrequest"]

EDITOR_PAGE_CODENAMES = ["add_page", "change_page", "publish_page"]
EDITOR_COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}


def permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename.replace("_", " ")}
    )
    return found


def admin_access(apps):
    return permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    request_permissions = {
        codename: permission(apps, "contact", "consultationrequest", codename, name)
        for codename, name in REQUEST_PERMISSIONS.items()
    }
    access_admin = admin_access(apps)

    for group_name, codenames in ((COORDINATORS, COORDINATOR_CODENAMES), (CLINICIANS, CLINICIAN_CODENAMES)):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(access_admin, *(request_permissions[codename] for codename in codenames))

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(access_admin)
    editors.permissions.remove(*editors.permissions.filter(content_type__app_label="contact"))

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in EDITOR_PAGE_CODENAMES:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for (app_label, model), codenames in EDITOR_COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )


def remove_intake_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    ids = list(Group.objects.filter(name__in=[COORDINATORS, CLINICIANS]).values_list("pk", flat=True))
    if not ids:
        return
    # Django's delete collector trips over related historical models from other apps' states
    # ("Must be Group instance"), so the links go first, by id, then the groups themselves.
    Group.permissions.through.objects.filter(group_id__in=ids).delete()
    User.groups.through.objects.filter(group_id__in=ids).delete()
    for model_name in ("GroupPagePermission", "GroupCollectionPermission"):
        apps.get_model("wagtailcore", model_name).objects.filter(group_id__in=ids).delete()
    schema_editor.execute("DELETE FROM auth_group WHERE id = ANY(%s)", [ids])


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="consultationrequest",
            options={
                "ordering": ["-received_at"],
                "permissions": [
                    ("export_consultationrequest", "Can export consultation requests"),
                    ("triage_consultationrequest", "Can see and assign every consultation request"),
                ],
            },
        ),
        migrations.RunPython(create_groups, remove_intake_groups),
    ]
