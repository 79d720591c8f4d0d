"""Turn each clinician's single "accepting new clients" flag into openings, and back.

- Forward: one row for each format the clinician offers and each age group they see, all with the status the flag
  had (yes: open, waitlist: waitlist only, no: closed). A page that names no format or no age group gets rows for
  every one, so the flag is never lost; staff can then remove the rows that do not apply.
- Backward: the flag is the best status among the rows (any open row: yes; else any waitlist row: waitlist;
  else no), which is exactly what it was for a clinician the forward step converted.
- Every saved revision gets the same change, so the editor (which opens the latest revision) and history keep
  working: the rows it names are the live ones, matched by format and age group.
"""

from django.db import migrations

FORMATS = ["in_person", "telehealth"]
# The age groups when this migration was written (directory.choices.AgeGroup).
AGE_GROUPS = ["children", "teens", "adults", "older_adults"]
STATUS_OF_FLAG = {"yes": "open", "waitlist": "waitlist", "no": "closed"}
FLAG_OF_STATUS = {status: flag for flag, status in STATUS_OF_FLAG.items()}


def rows_for(flag, in_person, telehealth, ages_served) -> list[dict]:
    """The openings a clinician's old fields describe, in the order the editor will show them."""
    formats = [name for name, offered in zip(FORMATS, (in_person, telehealth), strict=True) if offered] or FORMATS
    ages = [age for age in AGE_GROUPS if age in (ages_served or [])] or AGE_GROUPS
    status = STATUS_OF_FLAG.get(flag, "open")
    return [
        {"session_format": session_format, "age_group": age, "status": status}
        for session_format in formats for age in ages
    ]


def flag_for(statuses) -> str:
    statuses = set(statuses)
    best = next((status for status in ("open", "waitlist") if status in statuses), "closed")
    return FLAG_OF_STATUS[best]


def revisions_of(apps, clinician_pk):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="pages", model="clinicianpage").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type, object_id=str(clinician_pk))


def openings_from_flag(apps, schema_editor):
    ClinicianPage = apps.get_model("pages", "ClinicianPage")
    ClinicianOpening = apps.get_model("pages", "ClinicianOpening")
    for clinician in ClinicianPage.objects.all():
        rows = rows_for(clinician.accepting_new_clients, clinician.in_person, clinician.telehealth,
                        clinician.ages_served)
        created = ClinicianOpening.objects.bulk_create(
            ClinicianOpening(page_id=clinician.pk, sort_order=order, **row) for order, row in enumerate(rows)
        )
        live = {(opening.session_format, opening.age_group): opening.pk for opening in created}
        for revision in revisions_of(apps, clinician.pk):
            content = dict(revision.content)
            if "openings" in content:
                continue  # Already converted.
            rows = rows_for(content.pop("accepting_new_clients", "yes"), content.get("in_person", True),
                            content.get("telehealth", True), content.get("ages_served"))
            content["openings"] = [
                {"pk": live.get((row["session_format"], row["age_group"])), "page": clinician.pk,
                 "sort_order": order, "expected_open": None, "note": "", **row}
                for order, row in enumerate(rows)
            ]
            revision.content = content
            revision.save(update_fields=["content"])


def flag_from_openings(apps, schema_editor):
    ClinicianPage = apps.get_model("pages", "ClinicianPage")
    for clinician in ClinicianPage.objects.prefetch_related("openings"):
        clinician.accepting_new_clients = flag_for(opening.status for opening in clinician.openings.all())
        clinician.save(update_fields=["accepting_new_clients"])
        for revision in revisions_of(apps, clinician.pk):
            content = dict(revision.content)
            if "openings" not in content:
                continue
            rows = content.pop("openings")
            content["accepting_new_clients"] = flag_for(row.get("status") for row in rows)
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0010_clinician_openings"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(openings_from_flag, flag_from_openings)]
