from datetime import timedelta

import pytest
from django.utils import timezone

from practice_site.directory.models import Concern, InsurancePlan
from practice_site.referrals.models import ReferralEntry


@pytest.fixture
def concerns(db):
    return {name: Concern.objects.create(name=name) for name in ("Anxiety", "Grief and loss", "Eating disorders")}


@pytest.fixture
def plans(db):
    return {
        "Aetna": InsurancePlan.objects.create(name="Aetna"),
        "Medicaid": InsurancePlan.objects.create(name="Texas Medicaid", accepted=False),
    }


@pytest.fixture
def make_entry(db):
    """``make_entry("Name", concerns=[...], plans=[...], checked_days_ago=10, **fields)``: a saved entry that sees
    adults and everyone else in person in Houston and by video in Texas unless told otherwise."""

    def make(name, *, concerns=(), plans=(), checked_days_ago=30, **fields):
        fields = {
            "formats": ["in_person", "telehealth"], "city": "Houston", "state": "TX", "telehealth_states": ["TX"],
            "phone": "(713) 555-0100", **fields,
        }
        entry = ReferralEntry.objects.create(
            name=name, last_checked=timezone.localdate() - timedelta(days=checked_days_ago), **fields
        )
        entry.concerns.set(concerns)
        entry.insurance_plans.set(plans)
        return entry

    return make
