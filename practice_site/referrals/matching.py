"""Suggest the two or three directory entries that fit a person best, from their request's answers.

The answers come in as plain values (``RequestAnswers``) so this app knows nothing of how requests are stored.
Entries that cannot see the person at all (wrong state for a video session, an in-person office in another state,
no sessions for their age) are left out; the rest are ranked by how much of what they asked for they offer.
Entries nobody has checked for a year come after every fresh one. Crisis lines are suggested only when asked for:
an ordinary request is not a crisis, and being sent a hotline when you asked for a therapist reads as a brush-off.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower, StrIndex

from practice_site.directory.choices import SessionFormat

from .models import ReferralEntry

DEFAULT_LIMIT = 3
# How much each answer an entry meets counts. The language weighs most: therapy happens in words.
WEIGHTS = {"language": 4, "concern": 3, "insurance": 3, "low_cost": 3, "age": 1}
# Fewer letters typed than this are in too many plan names ("a" is in Aetna and Medicaid) to say which was meant.
SHORTEST_PLAN_FRAGMENT = 3


@dataclass(frozen=True)
class RequestAnswers:
    concerns: Sequence[int] = ()
    """Ids of directory Concerns the person named (or that the service they chose treats)."""
    age_group: str = ""
    """An AgeGroup value; empty when unknown."""
    language: str = ""
    """A language code from the directory's list; empty for no preference."""
    insurance: str = ""
    """The insurer as the person typed it; matched against the names of the entries' plans."""
    low_cost: bool = False
    """Paying themselves and looking for a sliding scale or free care."""
    session_format: str = ""
    """A SessionFormat value, or empty for either."""
    in_texas: bool = True
    state: str = ""
    """USPS code of where they will be during sessions, if known; Texas whenever ``in_texas``."""
    crisis: bool = False
    """Set only when the coordinator asks for crisis lines too."""


def reachable(answers: RequestAnswers) -> Q:
    """Entries that can legally and practically see the person where they are, in the format they want."""
    state = "TX" if answers.in_texas else answers.state
    where = Q(nationwide=True)
    if state:
        if answers.session_format != SessionFormat.TELEHEALTH:
            where |= Q(formats__contains=[SessionFormat.IN_PERSON], state=state)
        if answers.session_format != SessionFormat.IN_PERSON:
            where |= Q(formats__contains=[SessionFormat.TELEHEALTH], telehealth_states__contains=[state])
    if answers.age_group:
        where &= Q(ages_served=[]) | Q(ages_served__contains=[answers.age_group])
    return where


def _points(condition: Q, weight: int) -> Case:
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def _score(answers: RequestAnswers):
    score = Value(0, output_field=IntegerField())
    if answers.concerns:
        through = ReferralEntry.concerns.through
        matched = (
            through.objects.filter(referralentry=OuterRef("pk"), concern__in=list(answers.concerns))
            .values("referralentry").annotate(count=Count("pk")).values("count")
        )
        score += Coalesce(Subquery(matched, output_field=IntegerField()), 0) * WEIGHTS["concern"]
    if answers.language:
        speaks = Q(languages__contains=[answers.language])
        if answers.language == "en":
            # An entry that lists no language works in English.
            speaks |= Q(languages=[])
        score += _points(speaks, WEIGHTS["language"])
    if answers.insurance.strip():
        score += _points(Q(pk__in=_plan_matches(answers.insurance.strip())), WEIGHTS["insurance"])
    if answers.low_cost:
        score += _points(Q(fees__in=[ReferralEntry.Fees.SLIDING_SCALE, ReferralEntry.Fees.FREE]), WEIGHTS["low_cost"])
    if answers.age_group:
        score += _points(Q(ages_served__contains=[answers.age_group]), WEIGHTS["age"])
    return score


def _plan_matches(typed: str):
    """Entries taking a plan whose name the person typed ("Aetna PPO" names Aetna) or that contains what they typed
    ("blue cross" is in Blue Cross Blue Shield of Texas)."""
    through = ReferralEntry.insurance_plans.through
    named = Q(at__gt=0)
    if len(typed) >= SHORTEST_PLAN_FRAGMENT:
        named |= Q(insuranceplan__name__icontains=typed)
    return (
        through.objects.annotate(at=StrIndex(Lower(Value(typed)), Lower("insuranceplan__name")))
        .filter(named).values("referralentry")
    )


def suggest(answers: RequestAnswers, *, limit: int = DEFAULT_LIMIT, today=None) -> list[ReferralEntry]:
    """The best ``limit`` active entries for these answers, best first, in one query.

    Each comes with ``match_score`` (higher fits more of the answers) and ``is_stale``.
    """
    entries = ReferralEntry.objects.filter(active=True).filter(reachable(answers))
    order = ["is_stale", "-match_score", "name", "pk"]
    if answers.crisis:
        order.insert(0, "-is_crisis")
    else:
        entries = entries.exclude(kind=ReferralEntry.Kind.CRISIS)
    entries = entries.with_staleness(today).annotate(
        match_score=_score(answers), is_crisis=_points(Q(kind=ReferralEntry.Kind.CRISIS), 1),
    )
    return list(entries.order_by(*order)[:limit])
