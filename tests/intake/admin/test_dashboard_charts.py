"""The coordinators' dashboard chart of requests referred out this month, checked against the database."""

import datetime

import pytest
from django.utils import timezone

from contact import deadlines
from contact.models import ConsultationRequest, ReferralReply
from contact.review.charts import WIDTH, bar_chart, referred_out_by_reason
from tests.factories.consultations import ConsultationRequestFactory
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


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
