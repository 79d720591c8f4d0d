"""The team finder's filters: what a query string asks for, read leniently, and the form that shows it.

The query string is a link people share and edit, so nothing in it is trusted: values that are not a known choice
are dropped, and the groups they came from are named so the page can say so.
"""

from dataclasses import dataclass, field

from django import forms

from practice_site.directory.choices import LANGUAGES, AgeGroup, SessionFormat

# Longer values cannot be a choice; they are dropped before any comparison.
MAX_VALUE_LENGTH = 40
# Shown at once on a phone; the rest wait behind "More languages". After English, the languages Houston speaks
# most at home (Census ACS): Spanish, Vietnamese, Chinese, Arabic.
COMMON_LANGUAGES = {"en", "es", "vi", "zh", "ar"}


@dataclass
class TeamFilters:
    concerns: list[int] = field(default_factory=list)
    ages: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    plans: list[int] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    # Only clinicians with an opening for one of the formats and age groups chosen (for any, if none is).
    accepting_only: bool = False
    # Legends of the groups that had values we could not use, in form order.
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.concerns or self.ages or self.languages or self.plans or self.formats or self.accepting_only)

    @property
    def chosen_count(self) -> int:
        """How many choices are ticked, for the folded form's summary ("Filter (2 chosen)")."""
        lists = (self.concerns, self.ages, self.languages, self.plans, self.formats)
        return sum(len(values) for values in lists) + self.accepting_only


class TeamFilterForm(forms.Form):
    """Never bound: it only renders the choices, with the ones read from the query string ticked.

    Each group is a CheckboxSelectMultiple, which Django renders as a <fieldset> with the label as its <legend>.
    Ticking several in one group widens the search; choosing in several groups narrows it.
    """

    concern = forms.TypedMultipleChoiceField(
        label="What would you like help with?", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    age = forms.MultipleChoiceField(
        label="Who are the sessions for?", choices=AgeGroup.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.MultipleChoiceField(
        label="Language of the sessions", choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    insurance = forms.TypedMultipleChoiceField(
        label="Insurance", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    format = forms.MultipleChoiceField(
        label="In person or video", choices=SessionFormat.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Named as before the openings, so links people shared still work.
    accepting = forms.MultipleChoiceField(
        label="Availability", choices=[("yes", "Has openings now")], required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, concerns, plans, **kwargs):
        """``concerns`` and ``plans`` are lists of (id, name), fetched once for both reading and rendering."""
        super().__init__(*args, **kwargs)
        self.fields["concern"].choices = concerns
        self.fields["insurance"].choices = plans

    def groups(self) -> list[dict]:
        """Each group's options for the template; a long group keeps its uncommon ones apart, under a disclosure
        that starts open when one of them is ticked."""
        groups = []
        for bound in self:
            options, more = [], []
            for option in bound.subwidgets:
                uncommon = bound.name == "language" and option.data["value"] not in COMMON_LANGUAGES
                (more if uncommon else options).append(option)
            groups.append({
                "field": bound, "options": options, "more": more,
                "more_open": any(option.data["selected"] for option in more),
            })
        return groups

    @classmethod
    def read(cls, query, *, concerns, plans) -> tuple["TeamFilterForm", TeamFilters]:
        """The filters a query string asks for, and the form to show them in."""
        form = cls(concerns=concerns, plans=plans)
        chosen = {}
        ignored = []
        for name, form_field in form.fields.items():
            known = {str(value): value for value, _ in form_field.choices}
            values = []
            for raw in query.getlist(name):
                value = known.get(raw.strip()) if len(raw) <= MAX_VALUE_LENGTH else None
                if value is None:
                    if raw.strip() and form_field.label not in ignored:
                        ignored.append(form_field.label)
                elif value not in values:
                    values.append(value)
            chosen[name] = values
        form.initial = chosen
        filters = TeamFilters(
            concerns=chosen["concern"], ages=chosen["age"], languages=chosen["language"], plans=chosen["insurance"],
            formats=chosen["format"], accepting_only=bool(chosen["accepting"]), ignored=ignored,
        )
        return form, filters
