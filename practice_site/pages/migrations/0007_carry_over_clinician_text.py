"""Carry each clinician's typed license and languages into licenses and language codes, losing no text.

- license_type and license_number become a Texas license (every clinician so far is licensed in Texas); any other
  license type named in “credentials” becomes a further license, without a number for staff to fill in.
  “credentials” itself stays as it was: it is now the letters shown after the name.
- languages: names on the fixed list become codes; anything else is kept, as typed, in other_languages.
- Every saved revision gets the same change, so the editor (which opens the latest revision) and history keep
  working with the new fields.
"""

from django.db import migrations

from practice_site.directory.choices import language_code

# The license types when this migration was written (ClinicianPage.LicenseType).
LICENSE_TYPES = [
    "LPC", "LPC-S", "LPC Associate", "LMFT", "LMFT Associate", "LCSW", "LMSW", "Psychologist",
]


def split_list(text: str) -> list[str]:
    parts = (text or "").replace(";", ",").replace("/", ",").split(",")
    return [part.strip() for part in parts if part.strip()]


def convert_languages(text: str) -> tuple[list[str], str]:
    """(codes, other languages as typed) from a typed list such as “English, Español, Yoruba”."""
    codes, others = [], []
    for name in split_list(text):
        code = language_code(name)
        if code is None:
            others.append(name)
        elif code not in codes:
            codes.append(code)
    return codes, ", ".join(others)


def convert_licenses(credentials: str, license_type: str, license_number: str) -> list[dict]:
    """The licenses a clinician's old fields name, the one with a number first."""
    licenses = [{"state": "TX", "license_type": license_type, "number": license_number or ""}] if license_type else []
    for token in split_list(credentials):
        named = next((kind for kind in LICENSE_TYPES if kind.casefold() == token.casefold()), None)
        if named and all(named != existing["license_type"] for existing in licenses):
            licenses.append({"state": "TX", "license_type": named, "number": ""})
    return licenses


def convert_revision_content(content: dict, licenses: list[dict]) -> dict:
    """A saved revision of a clinician in the shape of the new fields."""
    content = dict(content)
    typed_languages = content.pop("languages", "")
    if isinstance(typed_languages, list):
        return content  # Already converted.
    codes, others = convert_languages(typed_languages)
    content["languages"] = codes
    content["other_languages"] = content.get("other_languages") or others
    content.pop("language_codes", None)
    content.pop("license_type", None)
    content.pop("license_number", None)
    content.setdefault("ages_served", [])
    content.setdefault("concerns", [])
    content.setdefault("insurance_plans", [])
    content["licenses"] = [
        {"pk": license["pk"], "page": content.get("pk"), "sort_order": order, "verification_url": "",
         "state": license["state"], "license_type": license["license_type"], "number": license["number"]}
        for order, license in enumerate(licenses)
    ]
    return content


def carry_over(apps, schema_editor):
    ClinicianPage = apps.get_model("pages", "ClinicianPage")
    ClinicianLicense = apps.get_model("pages", "ClinicianLicense")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="pages", model="clinicianpage").first()
    for clinician in ClinicianPage.objects.all():
        codes, others = convert_languages(clinician.languages)
        clinician.language_codes = codes
        clinician.other_languages = others
        clinician.save(update_fields=["language_codes", "other_languages"])
        licenses = []
        for order, fields in enumerate(
            convert_licenses(clinician.credentials, clinician.license_type, clinician.license_number)
        ):
            license = ClinicianLicense.objects.create(page=clinician, sort_order=order, **fields)
            licenses.append({"pk": license.pk, **fields})
        if content_type is None:
            continue
        for revision in Revision.objects.filter(content_type=content_type, object_id=str(clinician.pk)):
            revision.content = convert_revision_content(revision.content, licenses)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0006_directory_links"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Backwards, the new structures are simply dropped by the previous migration: the old fields still hold the text.
    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
