"""The figures the privacy page quotes, read from the configuration, never typed into a page.

Retention periods come from `settings.OPVANGPUNT_*`; the response deadline is the region's
when the page is on a region's site, else the default setting. The privacy page and the
"figure from configuration" block both ask this module, so a change of setting changes
every page that mentions it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opvanglocaties.models import Region

FIGURE_CHOICES = [
    ("request_retention_years", _("How long requests are kept")),
    ("response_deadline_days", _("Response deadline of a location")),
    ("data_request_response_days", _("Time to answer a request about your data")),
]
DESCRIPTIONS = dict(FIGURE_CHOICES)


@dataclass(frozen=True)
class Figure:
    """One figure: its key, its standard description and its value in words."""

    key: str
    description: str
    number: int
    text: str


def _years(number):
    return ngettext("%(number)d year", "%(number)d years", number) % {"number": number}


def _days(number):
    return ngettext("%(number)d day", "%(number)d days", number) % {"number": number}


def _region_deadline(request):
    region = Region.objects.for_request(request)
    return region.default_response_deadline_days if region else None


def figure_value(key, request=None):
    """The figure named `key` (one of FIGURE_CHOICES) for the site of `request`."""
    if key == "request_retention_years":
        number = settings.OPVANGPUNT_REQUEST_RETENTION_YEARS
        return Figure(key, str(DESCRIPTIONS[key]), number, _years(number))
    if key == "data_request_response_days":
        number = settings.OPVANGPUNT_DATA_REQUEST_RESPONSE_DAYS
        return Figure(key, str(DESCRIPTIONS[key]), number, _days(number))
    if key == "response_deadline_days":
        number = _region_deadline(request) or settings.OPVANGPUNT_DEFAULT_RESPONSE_DEADLINE_DAYS
        return Figure(key, str(DESCRIPTIONS[key]), number, _days(number))
    raise KeyError(key)


def all_figures(request=None):
    """Every figure, in the order of FIGURE_CHOICES."""
    return [figure_value(key, request) for key, _label in FIGURE_CHOICES]
