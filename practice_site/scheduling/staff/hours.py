"""A schedule's weekly hours and dated exceptions checked together: rows that overlap would offer one host
overlapping times (the database would then refuse all but one of them, but the person should never see them)."""

from datetime import time

from ..models import ScheduleException

WHOLE_DAY = (time.min, time.max)


def _rows(formset):
    """The rows kept on saving, each (child form, its cleaned data)."""
    if formset is None or not formset.is_valid():
        return []
    deleted = set(formset.deleted_forms)
    return [(form, form.cleaned_data) for form in formset.forms if form not in deleted and form.cleaned_data]


def _window(data):
    if data.get("starts_at") is None:
        return WHOLE_DAY
    return data["starts_at"], data["ends_at"]


def _overlap(one, other) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _refuse(rows, key, message):
    """Adds ``message`` to each row whose window overlaps an earlier row with the same key."""
    seen = []
    for form, data in rows:
        window = _window(data)
        if any(key(data) == key(other) and _overlap(window, _window(other)) for other in seen):
            form.add_error("starts_at", message)
        seen.append(data)


def refuse_overlaps(weekly_formset, exceptions_formset) -> None:
    weekly = _rows(weekly_formset)
    _refuse(weekly, lambda data: data["weekday"], "These hours overlap other hours on the same day.")
    exceptions = _rows(exceptions_formset)
    _refuse(exceptions, lambda data: data["date"], "This exception overlaps another on the same date.")
    extra = ScheduleException.Kind.EXTRA_HOURS
    for form, data in exceptions:
        if data.get("kind") != extra or data.get("starts_at") is None:
            continue
        if any(other["weekday"] == data["date"].weekday() and _overlap(_window(data), _window(other))
               for _, other in weekly):
            form.add_error("starts_at", "These extra hours overlap the weekly hours of that day.")
