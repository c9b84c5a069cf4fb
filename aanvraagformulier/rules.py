"""A region's rules for requests, read from one place (the `Region` row the loket edits).

Every form step, check and text shown to parents asks `rules_for(region)`; a site without a
region gets the defaults of the Region model's fields.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvanglocaties.models import PriorityRule, Region


def add_months(day, months):
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def months_between(earlier, later):
    """Whole months from `earlier` to `later` (negative when `later` comes first)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


# How often a parent of an open request is asked whether they still need care; they then
# have the region's `confirmation_days` to answer before the request expires (confirmations).
CONFIRMATION_INTERVAL_DAYS = 90

# The legal retention period (decree of 20 April 2012 art. 24; seed 000 art. 4): a request
# closed this long ago is anonymised (retention.py). Law, not a region's choice.
RETENTION_YEARS = 5


@dataclass(frozen=True)
class RequestRules:
    """What a region allows and asks in a request."""

    region: Region | None
    max_locations: int
    max_months_ahead: int
    min_days_before_start: int
    asks_national_number: bool
    asks_income_indicator: bool
    confirmation_days: int

    def priority_rules(self):
        """The priority rules parents of this region may declare, in the loket's order."""
        if self.region is None or self.region.pk is None:
            return PriorityRule.objects.none()
        return self.region.request_priority_rules.all()

    def earliest_start(self, today):
        return today + datetime.timedelta(days=self.min_days_before_start)

    def latest_start(self, today):
        return add_months(today, self.max_months_ahead)

    def sentences(self):
        """The rules in plain Dutch (through the catalogue), as parents read them on the form."""
        lines = [
            ngettext(
                "You can ask for at most %(count)d location in one request, "
                "in your order of preference.",
                "You can ask for at most %(count)d locations in one request, "
                "in your order of preference.",
                self.max_locations,
            )
            % {"count": self.max_locations},
            ngettext(
                "The start of care may lie at most %(count)d month ahead.",
                "The start of care may lie at most %(count)d months ahead.",
                self.max_months_ahead,
            )
            % {"count": self.max_months_ahead},
        ]
        if self.min_days_before_start:
            lines.append(
                ngettext(
                    "File your request at least %(count)d day before the start of care.",
                    "File your request at least %(count)d days before the start of care.",
                    self.min_days_before_start,
                )
                % {"count": self.min_days_before_start}
            )
        if self.asks_national_number:
            lines.append(_("We ask your national register number; we store it encrypted."))
        if self.asks_income_indicator:
            lines.append(_("We ask an indication of your income, for the income-related tariff."))
        lines.append(
            ngettext(
                "Now and then we ask whether you still need care: answer within %(count)d day, "
                "or your request stops.",
                "Now and then we ask whether you still need care: answer within %(count)d days, "
                "or your request stops.",
                self.confirmation_days,
            )
            % {"count": self.confirmation_days}
        )
        return lines


def _default(field_name):
    return Region._meta.get_field(field_name).default


def rules_for(region):
    """The rules of `region` (None: the defaults every new region starts with)."""

    def value(name):
        return getattr(region, name) if region is not None else _default(name)

    return RequestRules(
        region=region,
        max_locations=value("max_locations_per_request"),
        max_months_ahead=value("request_max_months_ahead"),
        min_days_before_start=value("request_min_days_before_start"),
        asks_national_number=value("asks_national_number"),
        asks_income_indicator=value("asks_income_indicator"),
        confirmation_days=value("confirmation_days"),
    )
