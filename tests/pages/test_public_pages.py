"""What visitors see on service, team, practice and home pages, and the site-wide header and footer."""

import re

import pytest
from wagtail.models import PageViewRestriction

from practice_site.core.models import PracticeSettings
from practice_site.pages.models import ClinicianLicense, ClinicianOpening, LicenseType, OpeningStatus
from tests.factories.pages import ClinicianFactory, FAQPageFactory, ServiceFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_service_page_shows_its_details_clinicians_and_articles(client, small_site):
    service = small_site.services[0]
    service.who_it_helps = "<p>People who feel on edge.</p>"
    service.what_to_expect = "<p>A calm first session.</p>"
    service.session_length_minutes = 53
    service.fee = "$160 per session"
    service.telehealth = False
    service.faq = [{"type": "question", "value": {"question": "Is it online?", "answer": "<p>Not yet.</p>"}}]
    service.save()

    html = html_of(client, service.url)

    assert "People who feel on edge." in html
    assert "A calm first session." in html
    assert "53 minutes" in html and "$160 per session" in html
    assert "<dd>In person</dd>" in html
    assert "<summary>Is it online?</summary>" in html
    assert all(clinician.title in html for clinician in small_site.clinicians)
    assert small_site.articles[0].title in html


def test_unpublished_and_private_clinicians_are_never_listed(client, small_site):
    draft = ClinicianFactory(
        parent=small_site.team, title="Draft Person", live=False, specialties=small_site.services[:1]
    )
    private = ClinicianFactory(parent=small_site.team, title="Private Person", specialties=small_site.services[:1])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    for url in ("/", "/team/", small_site.services[0].url):
        html = html_of(client, url)
        assert draft.title not in html, url
        assert private.title not in html, url


def test_clinician_page_states_the_license_as_texas_expects(client, small_site):
    associate = ClinicianFactory(
        parent=small_site.team, title="Priya Raman", pronouns="she/her", credentials="LPC Associate",
        licenses=[ClinicianLicense(
            state="TX", license_type=LicenseType.LPC_ASSOCIATE, number="81234",
            verification_url="https://bhec.texas.gov/verify-a-license/",
        )],
        supervisor_name="Maya Castillo, LPC-S",
        openings=[ClinicianOpening(session_format="in_person", age_group="adults", status="waitlist")],
        approaches="CBT, ACT", languages=["en", "ta"], specialties=small_site.services[:1],
    )

    html = html_of(client, associate.url)

    assert "LPC Associate #81234 (TX), supervised by Maya Castillo, LPC-S" in html
    assert 'href="https://bhec.texas.gov/verify-a-license/">Verify this license with the Texas board' in html
    assert "Pronouns: she/her" in html
    assert "Waitlist" in html
    assert "CBT, ACT" in html and "English, Tamil" in html
    assert f'href="{small_site.services[0].url}"' in html
    assert 'alt="Alt text for' in html


def test_home_lists_only_clinicians_open_to_new_clients(client, small_site):
    waitlisted = small_site.clinicians[1]
    waitlisted.openings.update(status=OpeningStatus.WAITLIST)

    html = html_of(client, "/")

    assert small_site.clinicians[0].title in html
    assert f">{waitlisted.title}<" not in html
    assert all(f">{service.title}<" in html for service in small_site.services)


def test_home_hides_a_featured_service_once_it_is_unpublished(client, small_site):
    small_site.services[2].unpublish()
    assert f">{small_site.services[2].title}<" not in html_of(client, "/")


def test_consultation_links_follow_the_practice_settings(client, small_site):
    assert "Request a consultation" not in html_of(client, "/")

    consultation = StandardPageFactory(parent=small_site.home, title="Contact", slug="contact")
    practice = PracticeSettings.load()
    practice.consultation_page = consultation
    practice.save()

    home = html_of(client, "/")
    assert '<a class="button header-consult" href="/contact/">Request a consultation</a>' in home
    assert '<a class="button" href="/contact/">Request a free consultation</a>' in home
    assert 'href="/contact/"' in html_of(client, small_site.services[0].url)

    consultation.unpublish()
    assert 'href="/contact/"' not in html_of(client, "/")


def test_quick_exit_is_a_real_link_with_an_external_script(client, small_site):
    html = html_of(client, "/")
    assert '<a class="button quick-exit" href="https://www.weather.gov/" rel="noreferrer" data-quick-exit>' in html
    assert re.search(r'<script src="/static/js/quick-exit\.[\w.]*js" defer></script>', html)

    practice = PracticeSettings.load()
    practice.quick_exit_enabled = False
    practice.save()
    html = html_of(client, "/")
    assert "data-quick-exit" not in html
    assert "quick-exit.js" not in html


def test_good_faith_estimate_block_shows_the_notice_from_settings(client, home_page):
    fees = StandardPageFactory(
        parent=home_page, title="Fees", slug="fees",
        body=[{"type": "paragraph", "value": "<p>$160 a session.</p>"}, {"type": "good_faith_estimate", "value": None}],
    )
    practice = PracticeSettings.load()
    practice.good_faith_estimate_notice = "You can ask us for a written estimate of what therapy will cost."
    practice.save()

    html = html_of(client, fees.url)

    assert "Your right to a Good Faith Estimate" in html
    assert "You can ask us for a written estimate of what therapy will cost." in html


def test_faq_page_uses_collapsible_questions(client, home_page):
    faq = FAQPageFactory(parent=home_page, slug="faq")
    html = html_of(client, faq.url)
    assert '<details class="faq-item">' in html
    assert "<summary>Do you take insurance?</summary>" in html


def test_breadcrumbs_lead_back_up_the_tree(client, small_site):
    html = html_of(client, small_site.services[0].url)
    trail = html[html.index('aria-label="Breadcrumb"'):]
    trail = trail[: trail.index("</nav>")]
    assert 'href="/">Home</a>' in trail
    assert 'href="/services/">Services</a>' in trail
    assert 'aria-current="page"' in trail


def test_menu_and_footer_come_from_the_page_tree(client, small_site):
    small_site.services_index.show_in_menus = True
    small_site.services_index.save()
    StandardPageFactory(parent=small_site.home, title="Privacy policy", slug="privacy")
    StandardPageFactory(parent=small_site.home, title="Secret draft", slug="secret", live=False)

    html = html_of(client, "/")
    menu = html[html.index('aria-label="Main"'):]
    menu = menu[: menu.index("</nav>")]
    footer = html[html.index('aria-label="Policies"'):]

    assert 'href="/services/"' in menu
    assert 'href="/team/"' not in menu
    assert 'href="/privacy/">Privacy policy</a>' in footer
    assert "Secret draft" not in html


def test_public_pages_carry_no_inline_scripts_or_styles(client, small_site):
    ServiceFactory(parent=small_site.services_index)
    urls = ["/", "/services/", small_site.services[0].url, "/team/", small_site.clinicians[0].url, "/blog/",
            small_site.articles[0].url, "/search/?q=Article"]
    for url in urls:
        html = html_of(client, url)
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        # Absolute addresses appear only where they name this site itself (canonical link, sharing cards).
        for address in re.findall(r'(?:src|srcset|href|content)="((?:https?:)?//[^/"]*)', html):
            assert address in ("http://localhost", "http://testserver", "https://www.weather.gov"), (url, address)
