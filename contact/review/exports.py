"""The columns of the CSV/XLSX export, and the guard that keeps spreadsheets from running a value."""

import phonenumbers
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name

from contact.models.request import ConsultationRequest

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a quote to a text value a spreadsheet would otherwise evaluate (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def readable_phone(phone: str) -> str:
    """(713) 555-0142 for US numbers, +44 20 7946 0958 for others: what staff dial from."""
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(number, style.NATIONAL if number.country_code == 1 else style.INTERNATIONAL)


def choice_labels(values, choices) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(value, value)) for value in values)


def user_name(user) -> str:
    return get_user_display_name(user) if user else ""


# (key, heading, value) — the order is the spreadsheet's column order.
EXPORT_COLUMNS = [
    ("id", "Request", lambda r: r.pk),
    ("received", "Received", lambda r: timezone.localtime(r.received_at).replace(tzinfo=None, microsecond=0)),
    ("status", "Status", lambda r: r.get_status_display()),
    ("assigned_to", "Assigned to", lambda r: user_name(r.assigned_to)),
    ("follow_up_on", "Next follow-up", lambda r: r.follow_up_on),
    ("name", "Name", lambda r: r.name),
    ("preferred_name", "Preferred name", lambda r: r.preferred_name),
    ("pronouns", "Pronouns", lambda r: r.pronouns),
    ("email", "Email", lambda r: r.email),
    ("phone", "Phone", lambda r: readable_phone(r.phone)),
    ("preferred_contact", "Preferred contact", lambda r: r.get_preferred_contact_display()),
    ("voicemail_ok", "Voicemail OK", lambda r: yes_no(r.voicemail_ok)),
    ("texts_ok", "Texts OK", lambda r: yes_no(r.texts_ok)),
    ("therapy_for", "Therapy for", lambda r: r.get_therapy_for_display()),
    ("guardian_name", "Parent or guardian", lambda r: r.guardian_name),
    ("in_texas", "In Texas during sessions", lambda r: yes_no(r.in_texas)),
    ("service", "Service", lambda r: r.service.title if r.service else "Not sure"),
    ("preferred_clinician", "Preferred clinician",
     lambda r: r.preferred_clinician.title if r.preferred_clinician else ""),
    ("session_language", "Language for sessions", lambda r: r.get_session_language_display()),
    ("session_format", "Format", lambda r: r.get_session_format_display()),
    ("available_days", "Days", lambda r: choice_labels(r.available_days, ConsultationRequest.Day.choices)),
    ("available_times", "Times", lambda r: choice_labels(r.available_times, ConsultationRequest.TimeOfDay.choices)),
    ("payment", "Payment", lambda r: r.get_payment_display()),
    ("insurance_carrier", "Insurance carrier", lambda r: r.insurance_carrier),
    ("message", "Message", lambda r: r.message),
]
EXPORT_FIELDS = [key for key, _, _ in EXPORT_COLUMNS]
EXPORT_HEADINGS = {key: heading for key, heading, _ in EXPORT_COLUMNS}
EXPORT_VALUES = {key: value for key, _, value in EXPORT_COLUMNS}
