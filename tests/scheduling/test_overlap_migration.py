"""scheduling.0004 makes overlapping held calls of one host impossible. A database from before may already hold
some: the earliest-made call of each overlap keeps its time, the later ones are cancelled and flagged for staff,
no row is deleted, and the migration goes back as well as forward."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from practice_site.scheduling.models import Booking
from tests.factories.migrations import latest, migrate

pytestmark = pytest.mark.django_db

BEFORE = [("scheduling", "0003_booking_link_moves_to_intake")]
CONSTRAINT = "no_overlapping_calls_per_host"


def old_calls(apps):
    """Held calls as the schema before 0004 let them be stored, by name; "made" is minutes after the first."""
    Booking = apps.get_model("scheduling", "Booking")
    users = get_user_model().objects
    hosts = {name: users.create_user(name, f"{name}@example.org", "x").pk for name in ("ana", "ben", "cam")}
    ten = timezone.now().replace(microsecond=0) + timedelta(days=3)
    made = timezone.now() - timedelta(days=1)

    def held(host, minutes, length=15, made_after=0, **fields):
        start = ten + timedelta(minutes=minutes)
        return Booking.objects.create(host_id=hosts[host] if host else None, start=start,
                                      end=start + timedelta(minutes=length),
                                      created_at=made + timedelta(minutes=made_after), **fields).pk

    # Created in this order, so ids rise down the list; "made_after" says which was made first.
    return {
        "ana first": held("ana", 0, made_after=1),
        "ana overlapping the first": held("ana", 10, made_after=2),
        "ana overlapping only the cancelled one": held("ana", 20, made_after=3),
        "ana right after": held("ana", 35, made_after=4),
        # Made later than the next one, though stored first: the earlier-made one keeps the time.
        "ben made later": held("ben", 60, made_after=6),
        "ben made earlier": held("ben", 65, made_after=5),
        "ben cancelled long ago": held("ben", 62, made_after=0, status="cancelled"),
        "ben same moment, second id": held("ben", 120, made_after=7),
        "ben same moment, third id": held("ben", 125, made_after=7),
        "cam at ana's time": held("cam", 0, made_after=9),
        # Calls of deleted hosts are flagged for reassignment, not in anyone's way.
        "nobody one": held(None, 0, made_after=10),
        "nobody two": held(None, 5, made_after=11),
    }


def test_overlapping_held_calls_are_resolved_before_the_constraint_and_the_reverse_works():
    # Schema changes inside the test's transaction: no constraint check may be left pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    try:
        calls = old_calls(migrate(BEFORE))
    finally:
        migrate(latest())

    assert CONSTRAINT in connection.introspection.get_constraints(connection.cursor(), "scheduling_booking")
    assert Booking.objects.count() == len(calls)
    by_name = {name: Booking.objects.get(pk=pk) for name, pk in calls.items()}
    cancelled = {name for name, booking in by_name.items() if booking.status == "cancelled"}
    assert cancelled == {"ana overlapping the first", "ben made later", "ben cancelled long ago",
                         "ben same moment, third id"}
    flagged = {name for name, booking in by_name.items() if booking.attention == Booking.Attention.OVERLAPPED}
    assert flagged == cancelled - {"ben cancelled long ago"}
    for name in flagged:
        assert by_name[name].changed_at is not None
        assert by_name[name].get_attention_display() == (
            "Cancelled when calls could no longer overlap: offer another time"
        )

    # Forward again, the database refuses a new overlap.
    ana = by_name["ana first"].host_id
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(host_id=ana, start=by_name["ana first"].start + timedelta(minutes=5),
                               end=by_name["ana first"].end + timedelta(minutes=5))

    # Back to before 0004: the constraint goes, the calls stay as resolved; then forward again.
    try:
        migrate(BEFORE)
        assert CONSTRAINT not in connection.introspection.get_constraints(connection.cursor(), "scheduling_booking")
    finally:
        migrate(latest())
    assert CONSTRAINT in connection.introspection.get_constraints(connection.cursor(), "scheduling_booking")
    assert set(Booking.objects.filter(status="cancelled").values_list("pk", flat=True)) == {
        calls[name] for name in cancelled
    }
