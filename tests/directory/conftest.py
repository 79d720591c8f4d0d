from types import SimpleNamespace

import pytest

from practice_site.core.models import PracticeSettings
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.pages.models import ClinicianLicense, LicenseType
from tests.factories.pages import ClinicianFactory, StandardPageFactory, TeamIndexFactory

# Three clinicians who differ in every filter, so each filter picks out a known subset.
PROFILES = {
    "Ana Ruiz": dict(
        concerns=["Anxiety"], ages_served=["adults"], languages=["en", "es"], plans=["Aetna"],
        in_person=True, telehealth=False, accepting_new_clients="yes",
    ),
    "Ben Okafor": dict(
        concerns=["Grief and loss"], ages_served=["teens"], languages=["en"], plans=["Blue Cross"],
        in_person=False, telehealth=True, accepting_new_clients="waitlist",
    ),
    "Cam Nguyen": dict(
        concerns=["Anxiety", "Grief and loss"], ages_served=["children", "teens"], languages=["vi"],
        plans=["Aetna", "Blue Cross"], in_person=True, telehealth=True, accepting_new_clients="no",
    ),
}


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
            fields = {key: value for key, value in profile.items() if key not in ("concerns", "plans")}
            clinicians[title] = ClinicianFactory(
                parent=team, title=title, **fields,
                concerns=[concerns[concern] for concern in profile["concerns"]],
                insurance_plans=[plans[plan] for plan in profile["plans"]],
                licenses=[ClinicianLicense(state="TX", license_type=LicenseType.LMFT, number=f"2{len(clinicians):04}")],
            )
    return SimpleNamespace(team=team, concerns=concerns, plans=plans, clinicians=clinicians, consultation=consultation)


@pytest.fixture
def finder(home_page):
    return build_team(home_page)
