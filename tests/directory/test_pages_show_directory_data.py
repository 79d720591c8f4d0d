"""Clinician, service and fees pages show the directory's data, from one place."""

import re

import pytest

from practice_site.directory.models import InsurancePlan
from practice_site.pages.models import ClinicianLicense, LicenseType
from tests.factories.pages import ClinicianFactory, ServiceFactory, ServiceIndexFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def plans_listed(html: str) -> list[str]:
    block = html[html.index('<div class="insurance-plans">'):]
    block = block[:block.index("</div>")]
    return re.findall(r"<li>([^<]+)</li>", block)


@pytest.fixture
def fees(home_page):
    return StandardPageFactory(
        parent=home_page, title="Fees & insurance", slug="fees",
        body=[{"type": "paragraph", "value": "<p>Costs.</p>"}, {"type": "insurance_plans", "value": None}],
    )


def test_the_fees_page_lists_exactly_the_accepted_plans(client, fees):
    InsurancePlan.objects.create(name="Aetna", notes="Not Medicaid.")
    InsurancePlan.objects.create(name="Cigna")
    InsurancePlan.objects.create(name="Any other plan", network=InsurancePlan.Network.SUPERBILL)
    InsurancePlan.objects.create(name="Medicare", accepted=False)

    html = client.get(fees.url).content.decode()

    assert plans_listed(html) == ["Aetna (Not Medicaid.)", "Cigna", "Any other plan"]
    in_network = html[html.index("<h3>In network</h3>"):html.index("<h3>Out of network, with a superbill</h3>")]
    assert "Aetna" in in_network and "Any other plan" not in in_network
    assert "Medicare" not in html


def test_the_fees_page_changes_when_a_plan_is_edited(client, fees):
    aetna = InsurancePlan.objects.create(name="Aetna")
    cigna = InsurancePlan.objects.create(name="Cigna")
    assert plans_listed(client.get(fees.url).content.decode()) == ["Aetna", "Cigna"]

    aetna.name = "Aetna Better Health"
    aetna.save()
    cigna.accepted = False
    cigna.save()
    InsurancePlan.objects.create(name="Humana")

    assert plans_listed(client.get(fees.url).content.decode()) == ["Aetna Better Health", "Humana"]


def test_the_clinician_page_shows_concerns_ages_languages_plans_and_every_license(client, finder):
    ana = finder.clinicians["Ana Ruiz"]
    ana.licenses.add(ClinicianLicense(
        state="NM", license_type=LicenseType.LPC, number="NM-555",
        verification_url="https://nmrldlpi.my.site.com/bcd/s/rld-public-search",
    ))
    ana.other_languages = "Ladino"
    ana.save()

    html = client.get(ana.url).content.decode()

    assert "<dt>Helps with</dt><dd>Anxiety</dd>" in html
    assert "<dt>Ages served</dt><dd>Adults</dd>" in html
    assert "<dt>Languages</dt><dd>English, Spanish, Ladino</dd>" in html
    assert "<li>Aetna (in network)</li>" in html
    assert "LPC #NM-555 (NM)" in html
    link = 'href="https://nmrldlpi.my.site.com/bcd/s/rld-public-search">Verify this license with the New Mexico board'
    assert link in html
    assert re.search(r"LMFT #\d+ \(TX\)</li>", html), "a license without a link is still stated"


def test_a_service_page_lists_its_concerns_and_the_clinicians_who_offer_it(client, home_page, finder):
    service = ServiceFactory(parent=ServiceIndexFactory(parent=home_page), title="Grief counseling")
    service.concerns.set([finder.concerns["Grief and loss"]])
    service.save()
    offering = ClinicianFactory(parent=finder.team, title="Dee Offers", specialties=[service])

    html = client.get(service.url).content.decode()

    assert "<h2>Often helps with</h2><ul><li>Grief and loss</li></ul>" in html
    clinicians = html[html.index("Clinicians who offer this service"):]
    assert offering.title in clinicians and "Ana Ruiz" not in clinicians
