"""Suggesting referrals from a request's answers: who can see the person at all, then who fits best."""

import pytest

from practice_site.referrals.matching import RequestAnswers, suggest
from practice_site.referrals.models import ReferralEntry

pytestmark = pytest.mark.django_db
Kind = ReferralEntry.Kind


def names(entries):
    return [entry.name for entry in entries]


def test_the_entry_offering_most_of_what_was_asked_comes_first(make_entry, concerns, plans):
    make_entry("Grief only", concerns=[concerns["Grief and loss"]])
    make_entry("Anxiety and grief", concerns=[concerns["Anxiety"], concerns["Grief and loss"]])
    make_entry("Anxiety in Spanish", concerns=[concerns["Anxiety"]], languages=["en", "es"])
    make_entry("Nothing asked for", concerns=[concerns["Eating disorders"]])

    answers = RequestAnswers(concerns=[concerns["Anxiety"].pk, concerns["Grief and loss"].pk], language="es")
    suggested = suggest(answers)

    # Spanish (4) + one concern (3) beats two concerns (6) beats one concern (3); three at most.
    assert names(suggested) == ["Anxiety in Spanish", "Anxiety and grief", "Grief only"]
    assert [entry.match_score for entry in suggested] == [7, 6, 3]


def test_insurance_typed_by_the_person_matches_the_plan_name_either_way(make_entry, plans):
    make_entry("Takes Medicaid", plans=[plans["Medicaid"]])
    make_entry("Takes Aetna", plans=[plans["Aetna"]])
    make_entry("Takes nothing listed")

    assert names(suggest(RequestAnswers(insurance="aetna ppo"), limit=1)) == ["Takes Aetna"]
    assert names(suggest(RequestAnswers(insurance="medicaid"), limit=1)) == ["Takes Medicaid"]
    # Two letters are in too many names to mean one plan.
    assert [entry.match_score for entry in suggest(RequestAnswers(insurance="ae"))] == [0, 0, 0]


def test_someone_paying_themselves_on_a_budget_is_offered_low_fees_first(make_entry):
    make_entry("Standard fees", kind=Kind.COLLEAGUE)
    make_entry("Sliding scale clinic", kind=Kind.CLINIC, fees=ReferralEntry.Fees.SLIDING_SCALE)
    make_entry("Free clinic", kind=Kind.LOW_COST, fees=ReferralEntry.Fees.FREE)

    assert names(suggest(RequestAnswers(low_cost=True))) == ["Free clinic", "Sliding scale clinic", "Standard fees"]


def test_crisis_lines_are_never_suggested_for_an_ordinary_request(make_entry, concerns):
    make_entry("988 Lifeline", kind=Kind.CRISIS, nationwide=True, formats=[], concerns=[concerns["Anxiety"]],
               languages=["en", "es"])
    make_entry("A colleague")

    ordinary = RequestAnswers(concerns=[concerns["Anxiety"].pk], language="es")
    assert names(suggest(ordinary)) == ["A colleague"]

    asked = RequestAnswers(concerns=[concerns["Anxiety"].pk], language="es", crisis=True)
    assert names(suggest(asked)) == ["988 Lifeline", "A colleague"]


def test_stale_entries_come_after_every_fresh_one_however_well_they_match(make_entry, concerns):
    make_entry("Perfect but unchecked", concerns=[concerns["Anxiety"]], languages=["es"], checked_days_ago=400)
    make_entry("Fresh, less fitting", checked_days_ago=10)
    make_entry("Checked a year ago today", checked_days_ago=365)

    suggested = suggest(RequestAnswers(concerns=[concerns["Anxiety"].pk], language="es"))

    assert names(suggested) == ["Checked a year ago today", "Fresh, less fitting", "Perfect but unchecked"]
    assert [entry.is_stale for entry in suggested] == [False, False, True]


def test_only_entries_that_can_see_the_person_where_they_are_are_suggested(make_entry):
    make_entry("Houston office only", formats=["in_person"], telehealth_states=[])
    make_entry("Video in Texas", formats=["telehealth"], city="", telehealth_states=["TX"])
    make_entry("Video in Louisiana", formats=["telehealth"], city="", telehealth_states=["LA", "TX"])
    make_entry("National network", formats=["telehealth"], city="", telehealth_states=[], nationwide=True)
    make_entry("New Orleans office", formats=["in_person"], city="New Orleans", state="LA", telehealth_states=[])

    video_in_texas = RequestAnswers(session_format="telehealth")
    assert set(names(suggest(video_in_texas, limit=10))) == {"Video in Texas", "Video in Louisiana",
                                                             "National network"}
    in_person_in_texas = RequestAnswers(session_format="in_person")
    assert set(names(suggest(in_person_in_texas, limit=10))) == {"Houston office only", "National network"}
    in_louisiana = RequestAnswers(in_texas=False, state="LA")
    assert set(names(suggest(in_louisiana, limit=10))) == {"Video in Louisiana", "National network",
                                                           "New Orleans office"}
    # Out of Texas and nobody knows where: only what reaches anywhere.
    assert names(suggest(RequestAnswers(in_texas=False), limit=10)) == ["National network"]


def test_age_group_leaves_out_entries_that_do_not_see_it(make_entry):
    make_entry("Adults only", ages_served=["adults"])
    make_entry("Children and teens", ages_served=["children", "teens"])
    make_entry("Every age", ages_served=[])

    assert names(suggest(RequestAnswers(age_group="teens"))) == ["Children and teens", "Every age"]


def test_inactive_entries_are_never_suggested(make_entry):
    make_entry("Retired colleague", active=False)
    assert suggest(RequestAnswers()) == []


def test_suggesting_is_one_query_however_many_entries(make_entry, concerns, plans, django_assert_num_queries):
    for number in range(20):
        make_entry(f"Entry {number:02}", concerns=list(concerns.values())[: number % 3],
                   plans=[plans["Aetna"]] if number % 2 else [], languages=["en", "es"][: number % 2 + 1])
    answers = RequestAnswers(
        concerns=[concern.pk for concern in concerns.values()], age_group="adults", language="es",
        insurance="Aetna", low_cost=True, session_format="telehealth", crisis=True,
    )
    with django_assert_num_queries(1):
        suggested = suggest(answers)
        assert [(entry.name, entry.is_stale, entry.match_score) for entry in suggested]
    assert len(suggested) == 3
