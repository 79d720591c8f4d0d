"""A small referral directory for the demo practice: made-up colleagues and clinics (555 numbers, .example
sites), one of them not checked for two years so the "needs checking" flag shows, and the real 988 Lifeline.

Entries are looked up by name first, so loading again adds nothing and leaves staff's edits alone.
"""

from datetime import timedelta

from django.utils import timezone

from practice_site.directory.models import Concern, InsurancePlan
from practice_site.referrals.models import ReferralEntry

Kind, Fees = ReferralEntry.Kind, ReferralEntry.Fees
BOTH = ["in_person", "telehealth"]

ENTRIES = [
    dict(
        name="Harbor Lane Counseling", kind=Kind.COLLEAGUE, city="Houston", formats=BOTH, telehealth_states=["TX"],
        description="Individual therapy for adults and older adults; takes Medicare.", ages_served=["adults",
        "older_adults"], languages=["en"], concerns=["Depression", "Grief and loss"], plans=["Medicare"],
        phone="(713) 555-0180", website="https://harborlane.example", checked_days_ago=40,
    ),
    dict(
        name="Gulf Coast Community Counseling Center", kind=Kind.CLINIC, fees=Fees.SLIDING_SCALE, city="Houston",
        formats=BOTH, telehealth_states=["TX"], languages=["en", "es", "vi"],
        description="Counseling for every age in English, Spanish and Vietnamese, with fees based on income.",
        concerns=["Anxiety", "Depression", "Trauma and PTSD"], phone="(713) 555-0191",
        website="https://gulfcoastcounseling.example", checked_days_ago=90,
    ),
    dict(
        name="Little Oaks Child and Family Therapy", kind=Kind.COLLEAGUE, city="Katy", formats=["in_person"],
        description="Play therapy and family sessions for children and teens.", ages_served=["children", "teens"],
        languages=["en", "es"], concerns=["Anxiety", "Life transitions"], plans=["Aetna", "Cigna"],
        phone="(281) 555-0124", email="hello@littleoaks.example", checked_days_ago=120,
    ),
    dict(
        name="Common Ground Therapy Network", kind=Kind.LOW_COST, fees=Fees.SLIDING_SCALE, nationwide=True,
        formats=["telehealth"], description="A national network of therapists offering reduced-fee video sessions.",
        website="https://commonground.example", checked_days_ago=200,
    ),
    dict(
        name="Westheimer Counseling Group", kind=Kind.COLLEAGUE, city="Houston", formats=["in_person"],
        description="Couples and relationship counseling.", concerns=["Couples and relationships"],
        phone="(713) 555-0155", checked_days_ago=730,
    ),
    dict(
        name="988 Suicide & Crisis Lifeline", kind=Kind.CRISIS, fees=Fees.FREE, nationwide=True,
        languages=["en", "es"], description="Call or text 988, any time, day or night. Para ayuda en español, "
        "llame al 988 y oprima 2.", phone="988", website="https://988lifeline.org", checked_days_ago=30,
    ),
]


def load() -> int:
    """Returns how many entries were added."""
    today = timezone.localdate()
    added = 0
    for spec in ENTRIES:
        fields = dict(spec)
        concerns, plans = fields.pop("concerns", []), fields.pop("plans", [])
        fields["last_checked"] = today - timedelta(days=fields.pop("checked_days_ago"))
        entry, created = ReferralEntry.objects.get_or_create(name=fields.pop("name"), defaults=fields)
        if created:
            entry.concerns.set(Concern.objects.filter(name__in=concerns))
            entry.insurance_plans.set(InsurancePlan.objects.filter(name__in=plans))
            added += 1
    return added
