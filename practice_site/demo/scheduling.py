"""Two demo hosts for free consultation calls, so the consultation form shows open times.

They are accounts nobody can sign in to (no usable password): an intake coordinator who takes most calls,
and a clinician who takes their own, tied to their page. Loading again creates nothing twice and leaves
hours staff have changed alone.
"""

from datetime import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from practice_site.pages.models import ClinicianPage
from practice_site.scheduling.models import ConsultationSchedule, Weekday, WeeklyHours

HOSTS = [
    {
        "username": "demo.intake", "first_name": "Jordan", "last_name": "Ellis", "group": "Intake coordinators",
        "clinician_slug": "",
        "hours": [
            (Weekday.MONDAY, time(9), time(12)), (Weekday.TUESDAY, time(9), time(12)),
            (Weekday.WEDNESDAY, time(13), time(16)), (Weekday.THURSDAY, time(14), time(17)),
            (Weekday.FRIDAY, time(9), time(11)),
        ],
    },
    {
        "username": "demo.clinician", "first_name": "Priya", "last_name": "Raman", "group": "Clinicians",
        "clinician_slug": "priya-raman",
        "hours": [(Weekday.TUESDAY, time(16), time(18)), (Weekday.THURSDAY, time(9), time(11))],
    },
]


def load() -> int:
    """Returns how many schedules were added."""
    added = 0
    for host in HOSTS:
        user, created = get_user_model().objects.get_or_create(
            username=host["username"], defaults={"first_name": host["first_name"], "last_name": host["last_name"]}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            group = Group.objects.filter(name=host["group"]).first()
            if group:
                user.groups.add(group)
        if ConsultationSchedule.objects.filter(host=user).exists():
            continue
        page = ClinicianPage.objects.filter(slug=host["clinician_slug"]).first() if host["clinician_slug"] else None
        schedule = ConsultationSchedule.objects.create(host=user, clinician_page=page)
        WeeklyHours.objects.bulk_create(
            WeeklyHours(schedule=schedule, weekday=day, starts_at=start, ends_at=end, sort_order=order)
            for order, (day, start, end) in enumerate(host["hours"])
        )
        added += 1
    return added
