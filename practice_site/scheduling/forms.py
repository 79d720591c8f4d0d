"""The "Pick a time for your free phone call" question, asked by the consultation form and when a call moves.

The open times are worked out when the form is made. A form shown for the first time knows no clinician, so
it offers every host's times; only a form sent back names the clinician picked in it, and then offers that
clinician's own times if they take their own calls. Whether the chosen time is still free is for the
database to say when the call is held (scheduling/holding.py); the field only checks that it is a time at all.
"""

from django import forms
from django.core.exceptions import ValidationError

from . import slots
from .models import SchedulingSettings

NO_TIME = ""
NO_TIME_LABEL = "None of these work — please contact me instead"


def time_label(moment) -> str:
    hour = moment.strftime("%I").lstrip("0")
    return f"{hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def day_label(day) -> str:
    return f"{day:%A, %B} {day.day}"


class ConsultationTimeField(forms.CharField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in (NO_TIME, None):
            return None
        start = slots.parse_value(value)
        if start is None:
            raise ValidationError("Please choose one of the times, or “None of these work”.", code="invalid_choice")
        return start


class ConsultationTimeForm(forms.Form):
    """Mixed into the consultation form; a Form so that Django collects its field."""

    no_time_label = NO_TIME_LABEL

    consultation_time = ConsultationTimeField(label="Pick a time for your free phone call (optional)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_times()

    def _chosen_clinician(self):
        raw = self.data.get(self.add_prefix("preferred_clinician")) if self.is_bound else None
        return int(raw) if raw and str(raw).isdigit() else None

    def load_times(self):
        rules = SchedulingSettings.load()
        self.call_minutes = rules.call_minutes
        self.open_slots = slots.open_slots(clinician_page_id=self._chosen_clinician(), rules=rules)
        chosen = self.is_bound and self.data.get(self.add_prefix("consultation_time"))
        if not self.open_slots and not chosen:
            # Nobody takes calls in the coming weeks: the form is as it was before booking existed. A time
            # already chosen is kept, so that it is refused as taken rather than silently dropped.
            self.fields.pop("consultation_time", None)
        elif "consultation_time" in self.fields:
            self.fields["consultation_time"].label = (
                f"Pick a time for your free {rules.call_minutes}-minute phone call"
            )

    def time_taken(self):
        """After the chosen time went to someone else: the times still open, with none of them chosen."""
        self.load_times()
        self.data = self.data.copy()
        self.data[self.add_prefix("consultation_time")] = NO_TIME

    @property
    def time_days(self) -> list[dict]:
        """The open times by day, for the template's fieldsets; ids stay stable for labels and error links."""
        chosen = self["consultation_time"].value() or NO_TIME
        days = []
        for day, day_slots in slots.by_day(self.open_slots):
            days.append({
                "label": day_label(day), "short": f"{day:%a, %b} {day.day}",
                "times": [
                    {"value": slot.value, "label": time_label(slot.local_start),
                     "id": f"id_consultation_time_{slot.value}", "checked": slot.value == chosen}
                    for slot in day_slots
                ],
            })
        return days

    @property
    def no_time_chosen(self) -> bool:
        chosen = self["consultation_time"].value() or NO_TIME
        return chosen == NO_TIME or chosen not in {slot.value for slot in self.open_slots}

    def _not_the_clinicians_time(self, start) -> bool:
        """Open, but with another host than the clinician chosen (a time picked before choosing them)."""
        clinician = self._chosen_clinician()
        if start is None or clinician is None or any(slot.start == start for slot in self.open_slots):
            return False
        return slots.find_slot(start) is not None

    def clean(self):
        cleaned = super().clean()
        if self._not_the_clinicians_time(cleaned.get("consultation_time")):
            self.add_error(
                "consultation_time", "That time is with another member of our team, not the clinician you chose. "
                "Here are their own open times — or choose “None of these work”.",
            )
        needs_phone = "phone" in self.fields and "phone" not in self.errors and not cleaned.get("phone")
        if cleaned.get("consultation_time") and needs_phone:
            self.add_error(
                "phone", "To have us call you at the time you picked, please add your phone number, "
                "or choose “None of these work”.",
            )
        return cleaned
