"""The coordinators' dashboard charts (requests referred out this month, the waitlist, openings by clinician),
checked against the database, shown only to coordinators, in the same number of queries at 10 and 1,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contact import deadlines
from contact.models import ConsultationRequest, ReferralReply, WaitlistEntry
from contact.review.availability_charts import openings_by_clinician, waitlist_report
from contact.review.charts import WIDTH, bar_chart, referred_out_by_reason, stacked_bar_chart
from practice_site.bench.generate import copy_pages
from practice_site.pages.models import ClinicianPage
from practice_site.pages.openings import ClinicianOpening, OpeningStatus
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.pages import ClinicianFactory
from tests.security.helpers import force_login_verified
from tests.waitlist import conftest as waitlist_fixtures
from tests.waitlist.conftest import make_entry

pytestmark = pytest.mark.django_db
clinicians = waitlist_fixtures.clinicians


def referred(reason, sent_at=None):
    return ReferralReply.objects.create(
        consultation=ConsultationRequestFactory(status="referred"), reason=reason, subject="S", body="B",
        emailed=True, sent_at=sent_at or timezone.now(),
    )


def test_bars_are_scaled_to_the_largest_count_and_a_zero_draws_nothing():
    chart = bar_chart("Caption", [("A", 4), ("B", 1), ("C", 0)])
    assert [(bar.label, bar.value, bar.width) for bar in chart.bars] == [("A", 4, WIDTH), ("B", 1, WIDTH // 4),
                                                                         ("C", 0, 0)]
    assert bar_chart("Empty", []).height == 0
    assert [bar.width for bar in bar_chart("All zero", [("A", 0)]).bars] == [0]


def test_referred_out_this_month_counts_each_reason_from_the_first_of_the_month():
    today = deadlines.today()
    first = deadlines.start_of(today.replace(day=1))
    referred("full", first)
    referred("full")
    referred("insurance")
    referred("full", first - datetime.timedelta(seconds=1))  # last month

    chart = referred_out_by_reason(today)

    assert [(bar.label, bar.value) for bar in chart.bars] == [
        ("Practice full", 2), ("Not a fit for the concern", 0), ("Out of state", 0), ("Insurance not taken", 1),
    ]
    assert chart.caption == f"Referred out since {today:%B} 1, by reason"


def test_coordinators_see_the_chart_and_its_table_and_clinicians_do_not(client, coordinator_user, clinician_user):
    referred("out_of_state")
    force_login_verified(client, coordinator_user)
    html = " ".join(client.get("/admin/").content.decode().split())
    assert '<svg aria-hidden="true"' in html
    assert '<th scope="row">Out of state</th><td>1</td>' in html
    assert '<th scope="row">Practice full</th><td>0</td>' in html

    force_login_verified(client, clinician_user)
    assert "Referred out since" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("replies", [10, 1000])
def test_the_chart_is_one_query_however_many_were_referred(replies, django_assert_num_queries):
    template = ConsultationRequestFactory.build(status="referred")
    fields = {field.attname: getattr(template, field.attname) for field in template._meta.concrete_fields[1:]}
    consultations = ConsultationRequest.objects.bulk_create(ConsultationRequest(**fields) for _ in range(replies))
    ReferralReply.objects.bulk_create(
        ReferralReply(consultation=consultation, reason="full", subject="S", body="B", emailed=True)
        for consultation in consultations
    )
    today = deadlines.today()
    with django_assert_num_queries(1):
        chart = referred_out_by_reason(today)
    assert chart.bars[0].value == replies


def test_stacked_bars_split_each_row_by_series_scaled_to_the_largest_total():
    chart = stacked_bar_chart("Caption", ("A", "B", "C"), [("One", (2, 1, 1)), ("Two", (0, 1, 0)), ("None", (0, 0, 0))])
    one, two, none = chart.bars
    assert [(part.x, part.width) for part in one.segments] == [(0, WIDTH // 2), (WIDTH // 2, WIDTH // 4),
                                                               (3 * WIDTH // 4, WIDTH // 4)]
    assert [(part.x, part.width) for part in two.segments] == [(0, WIDTH // 4)]
    assert (one.value, one.width, two.value, none.segments) == (4, WIDTH, 1, ())
    assert [name for name, _ in chart.legend] == ["A", "B", "C"]
    assert bar_chart("One series", [("A", 1)]).legend == []


def test_the_waitlist_report_counts_every_entry_by_whole_weeks_on_the_list(clinicians):
    for days in (0, 27, 28, 60, 100, 200, 400):
        make_entry(days=days)
    WaitlistEntry.objects.filter(joined_at__lt=timezone.now() - datetime.timedelta(days=150)).update(
        lapsed_at=timezone.now())

    report = waitlist_report(timezone.now())

    assert [(bar.label, bar.value) for bar in report.chart.bars] == [
        ("Under 4 weeks", 2), ("4 to 7 weeks", 1), ("8 to 12 weeks", 1), ("13 to 25 weeks", 1),
        ("26 weeks or more", 2),
    ]
    assert (report.total, report.lapsed, report.oldest_days) == (
        WaitlistEntry.objects.count(), WaitlistEntry.objects.filter(lapsed_at__isnull=False).count(), 400)
    assert sum(bar.value for bar in report.chart.bars) == report.total


def test_an_empty_waitlist_reports_zeros_and_no_oldest_wait():
    report = waitlist_report(timezone.now())
    assert (report.total, report.lapsed, report.oldest_days) == (0, 0, None)
    assert {bar.value for bar in report.chart.bars} == {0}


def openings_in_database():
    """Per visible clinician, their rows by status, counted one row at a time."""
    counted = {}
    for clinician in ClinicianPage.objects.live().order_by("title"):
        statuses = [opening.status for opening in ClinicianOpening.objects.filter(page=clinician)]
        counted[clinician.title] = tuple(statuses.count(status) for status in OpeningStatus.values)
    return counted


def test_openings_by_clinician_match_their_rows(clinicians):
    ana, ben = clinicians
    ClinicianOpening.objects.create(page=ana, session_format="in_person", age_group="teens", status="closed")
    ClinicianOpening.objects.filter(page=ben, session_format="telehealth").update(status="waitlist")
    ClinicianFactory(parent=ana.get_parent(), title="Cam Draft", live=False)
    ClinicianFactory(parent=ana.get_parent(), title="Dee None", openings=[])

    chart = openings_by_clinician()

    assert {bar.label: bar.values for bar in chart.bars} == openings_in_database() == {
        "Ana Ruiz": (2, 0, 1), "Ben Cole": (1, 1, 0), "Dee None": (0, 0, 0),
    }
    assert chart.series == ("Open to new clients", "Waitlist only", "Closed")


def test_coordinators_see_the_waitlist_and_openings_with_their_tables(client, coordinator_user, clinician_user,
                                                                      clinicians):
    make_entry(days=40)
    lapsed = make_entry(days=3)
    WaitlistEntry.objects.filter(pk=lapsed.pk).update(lapsed_at=timezone.now())
    force_login_verified(client, coordinator_user)
    html = " ".join(client.get("/admin/").content.decode().split())
    assert "2 on the waitlist</a>, 1 lapsed (no answer to two check-ins); the oldest has waited 40 days." in html
    assert '<th scope="row">Under 4 weeks</th><td>1</td>' in html
    assert '<th scope="row">4 to 7 weeks</th><td>1</td>' in html
    assert ('<th scope="col">Clinician</th><th scope="col">Open to new clients</th><th scope="col">Waitlist only'
            '</th><th scope="col">Closed</th>') in html
    assert '<th scope="row">Ana Ruiz</th><td>2</td><td>0</td><td>0</td>' in html

    force_login_verified(client, clinician_user)
    html = client.get("/admin/").content.decode()
    assert "on the waitlist" not in html and "Openings by clinician" not in html


def bulk_waitlist(count, clinician):
    template = ConsultationRequestFactory.build(status="waitlist")
    fields = {field.attname: getattr(template, field.attname) for field in template._meta.concrete_fields[1:]}
    consultations = ConsultationRequest.objects.bulk_create(ConsultationRequest(**fields) for _ in range(count))
    entries = WaitlistEntry.objects.bulk_create(
        WaitlistEntry(consultation=consultation, session_format="telehealth", age_group="adults",
                      joined_at=timezone.now() - datetime.timedelta(days=n % 300))
        for n, consultation in enumerate(consultations)
    )
    WaitlistEntry.clinicians.through.objects.bulk_create(
        WaitlistEntry.clinicians.through(waitlistentry_id=entry.pk, clinicianpage_id=clinician.pk)
        for entry in entries
    )


def add_clinicians(template, count):
    """More clinicians copied from ``template`` as rows (the bench's generator), each with one open, one waitlist
    and one closed row."""
    def openings(clinicians):
        ClinicianOpening.objects.bulk_create(
            ClinicianOpening(page_id=clinician.pk, session_format="telehealth", age_group=age, status=status)
            for clinician in clinicians for age, status in zip(("adults", "teens", "children"), OpeningStatus.values,
                                                                strict=True)
        )
    copy_pages(template, count, "clinician", openings)


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_the_dashboard_takes_as_many_queries_at_1000_entries_and_clinicians_as_at_10(client, coordinator_user,
                                                                                    clinicians):
    ana, _ = clinicians
    bulk_waitlist(10, ana)
    add_clinicians(ana, 8)
    force_login_verified(client, coordinator_user)
    client.get("/admin/")  # the first load reads the session and settings caches
    at_ten = dashboard_queries(client)
    bulk_waitlist(990, ana)
    add_clinicians(ana, 990)
    at_thousand = dashboard_queries(client)
    bars = openings_by_clinician().bars
    assert len(bars) == 1000 and bars[-1].values == (1, 1, 1), "the copies are live, with their rows"
    assert waitlist_report(timezone.now()).total == 1000
    assert (at_ten, at_thousand) == (PINNED_DASHBOARD, PINNED_DASHBOARD)


# Wagtail's dashboard (session, user, menu, its own panels) plus the requests panel: its counts, the oldest new
# request, the practice settings, and one query for each chart (referrals, the waitlist, openings).
PINNED_DASHBOARD = 32
