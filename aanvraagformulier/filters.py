"""The back-office request list's filters (issue 12 item 2): a django-filter FilterSet as
Wagtail's IndexView takes it.

Every filter narrows rows the user may already see (`scoping.rows_for`); none of them shows
personal data. Invalid input (an unknown status, a date that is not a date) leaves the form
invalid: Wagtail then shows the message next to the field and lists without that filter.
"""

import django_filters
from django import forms
from django.db.models import Case, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from opvanglocaties.models import PriorityRule

from .deadlines import DUE_SOON, OVERDUE, deadline_q
from .models import CarePart, RequestedLocation, RequestStatus
from .visibility import WEEKDAYS

DEADLINE_CHOICES = [(OVERDUE, _("answer overdue")), (DUE_SOON, _("answer due soon"))]

# Age bands of the child at the requested start date, in whole months: (code, from, below).
AGE_BANDS = (
    ("0-6", 0, 6),
    ("6-12", 6, 12),
    ("12-18", 12, 18),
    ("18-24", 18, 24),
    ("24-36", 24, 36),
    ("36+", 36, None),
)
AGE_CHOICES = [
    ("0-6", _("under 6 months")),
    ("6-12", _("6 to 12 months")),
    ("12-18", _("12 to 18 months")),
    ("18-24", _("18 to 24 months")),
    ("24-36", _("2 to 3 years")),
    ("36+", _("3 years or older")),
]

CARE_CHOICES = [
    (f"{day}:{part}", f"{WEEKDAYS[day]} {label}")
    for day in range(len(WEEKDAYS))
    for part, label in CarePart.choices
]


def months_at_start():
    """The child's age in whole months at the requested start date, as an SQL expression on
    RequestedLocation (year, month and day arithmetic: the same on SQLite and PostgreSQL)."""
    birth, start = "request__child_birth_date", "request__start_date"
    return (
        (ExtractYear(start) - ExtractYear(birth)) * 12
        + ExtractMonth(start)
        - ExtractMonth(birth)
        - Case(
            When(GreaterThan(ExtractDay(birth), ExtractDay(start)), then=Value(1)),
            default=Value(0),
        )
    )


def care_part_q(choice):
    """Rows whose request asks `choice` ("<weekday>:<part>", e.g. "0:full").

    The care plan is a JSON object keyed by weekday digits; Django's key lookups read a
    digit as an array index, so this matches the object's text instead ("0": "full"), which
    SQLite and PostgreSQL both write with the same separators."""
    day, part = choice.split(":")
    return Q(request__care_parts__icontains=f'"{day}": "{part}"')


def priority_rule_q(code):
    """Rows whose parent declared priority rule `code` (a slug, stored in a JSON list)."""
    return Q(request__priority_rule_codes__icontains=f'"{code}"')


class RequestedLocationFilterSet(WagtailFilterSet):
    """Status, deadline, start date, priority rules, care parts and the child's age."""

    status = django_filters.MultipleChoiceFilter(
        label=_("status"),
        choices=RequestStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    deadline = django_filters.ChoiceFilter(
        label=_("deadline"), choices=DEADLINE_CHOICES, method="filter_deadline"
    )
    start_date = django_filters.DateFromToRangeFilter(
        label=_("start date"), field_name="request__start_date", widget=DateRangePickerWidget
    )
    priority = django_filters.MultipleChoiceFilter(
        label=_("priority rules"),
        method="filter_priority",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    care = django_filters.MultipleChoiceFilter(
        label=_("care parts"),
        choices=CARE_CHOICES,
        method="filter_care",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    age = django_filters.ChoiceFilter(
        label=_("child's age at the start"), choices=AGE_CHOICES, method="filter_age"
    )

    # No filter joins a many-valued relation, so none needs DISTINCT (django-filter's
    # default for multiple choices), which would make the database sort every row first.

    class Meta:
        model = RequestedLocation
        fields = []

    def __init__(self, *args, priority_rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        rules = PriorityRule.objects.all() if priority_rules is None else priority_rules
        self.filters["priority"].extra["choices"] = lambda: [
            (rule.code, rule.name) for rule in rules
        ]

    def filter_deadline(self, queryset, name, value):
        return queryset.filter(deadline_q(value))

    def filter_priority(self, queryset, name, value):
        # Any of the chosen rules: a provider looks for families with one or another.
        wanted = Q()
        for code in value:
            wanted |= priority_rule_q(code)
        return queryset.filter(wanted)

    def filter_care(self, queryset, name, value):
        # Every chosen care part: "Monday full day and Wednesday half day".
        wanted = Q()
        for choice in value:
            wanted &= care_part_q(choice)
        return queryset.filter(wanted)

    def filter_age(self, queryset, name, value):
        _code, low, below = next(band for band in AGE_BANDS if band[0] == value)
        queryset = queryset.alias(months_at_start=months_at_start())
        queryset = queryset.filter(months_at_start__gte=low)
        if below is not None:
            queryset = queryset.filter(months_at_start__lt=below)
        return queryset
