from datetime import date
from types import SimpleNamespace

import pytest

from practice_site.core.models import PracticeSettings
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.pages.models import ClinicianLicense, ClinicianOpening, LicenseType
from tests.factories.pages import ClinicianFactory, StandardPageFactory, TeamIndexFactory

# Three clinicians who differ in every filter, so each filter picks out a known subset. Openings are
# (format, age group, status, expected month): Ana is open, Ben keeps a waitlist, Cam is closed everywhere.
PROFILES = {
    "Ana Ruiz": dict(
        concerns=["Anxiety"], ages_served=["adults"], languages=["en", "es"], plans=["Aetna"],
        in_person=True, telehealth=False, openings=[("in_person", "adults", "open", None)],
    ),
    "Ben Okafor": dict(
        concerns=["Grief and loss"], ages_served=["teens"], languages=["en"], plans=["Blue Cross"],
        in_person=False, telehealth=True, openings=[("telehealth", "teens", "waitlist", date(2027, 3, 1))],
    ),
    "Cam Nguyen": dict(
        concerns=["Anxiety", "Grief and loss"], ages_served=["children", "teens"], languages=["vi"],
        plans=["Aetna", "Blue Cross"], in_person=True, telehealth=True,
        openings=[(session_format, age, "closed", None)
                  for session_format in ("in_person", "telehealth") for age in ("children", "teens")],
    ),
}


def openings(rows) -> list[ClinicianOpening]:
    return [
        ClinicianOpening(session_format=session_format, age_group=age, status=status, expected_open=expected)
        for session_format, age, status, expected in rows
    ]


def build_team(home, copies: int = 1) -> SimpleNamespace:
    """The three profiles (``copies`` times each, numbered after the first), a consultation page and plans."""
    concerns = {name: Concern.objects.create(name=name) for name in ("Anxiety", "Grief and loss", "Depression")}
    plans = {
        "Aetna": InsurancePlan.objects.create(name="Aetna"),
        "Blue Cross": InsurancePlan.objects.create(name="Blue Cross"),
        "Cigna": InsurancePlan.objects.create(name="Cigna", network=InsurancePlan.Network.SUPERBILL),
        "Old plan": InsurancePlan.objects.create(name="Old plan", accepted=False),
    }
    consultation = StandardPageFactory(parent=home, title="Request a consultation", slug="consultation")
    practice = PracticeSettings.load()
    practice.consultation_page = consultation
    practice.save()
    team = TeamIndexFactory(parent=home)
    clinicians = {}
    for copy in range(copies):
        for name, profile in PROFILES.items():
            title = name if copy == 0 else f"{name} {copy}"
            fields = {key: value for key, value in profile.items() if key not in ("concerns", "plans", "openings")}
            clinicians[title] = ClinicianFactory(
                parent=team, title=title, **fields, openings=openings(profile["openings"]),
                concerns=[concerns[concern] for concern in profile["concerns"]],
                insurance_plans=[plans[plan] for plan in profile["plans"]],
                licenses=[ClinicianLicense(state="TX", license_type=LicenseType.LMFT, number=f"2{len(clinicians):04}")],
            )
    return SimpleNamespace(team=team, concerns=concerns, plans=plans, clinicians=clinicians, consultation=consultation)


@pytest.fixture
def finder(home_page):
    return build_team(home_page)
