"""Rules about locations in a request: which ones may be asked, which need their own consent,
what a parent is warned about, and which data goes to a location when. Plain functions, so
the form, the private page, the services and issue 12's back-office all ask the same place.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvanglocaties.choices import AvailabilityStatus
from opvanglocaties.models import LocationPage, Region

from .models import RequestStatus
from .rules import months_between

# The version of the consent texts on the form; stored with every consent (Consent).
CONSENT_TEXT_VERSION = "2026-1"

# Which data a location sees at which status of its row (design.md, seed 002 method 1).
# Issue 12 turns this into the one visibility policy; the form explains it from here.
SHARED_FROM_THE_START = gettext_lazy(
    "your first name, the priority rules you declare, the care plan, the month your child is "
    "(expected to be) born and your postcode"
)
SHARED_FROM_REVIEW = gettext_lazy(
    "your last name, email address and phone number, once the location accepts your request "
    "for review"
)
SHARED_FROM_APPROVAL = gettext_lazy(
    "your full address and, if asked, your national register number and income indicator, once "
    "the location offers a place"
)
SHARING_STEPS = (
    (RequestStatus.NEW, SHARED_FROM_THE_START),
    (RequestStatus.ACCEPTED_FOR_REVIEW, SHARED_FROM_REVIEW),
    (RequestStatus.APPROVED, SHARED_FROM_APPROVAL),
)


def requestable_locations(*, availability=True):
    """Fiches a parent may ask for: live, public, taking requests. Any region's.

    With their availability rows (for location_warnings) unless `availability` is False."""
    found = (
        LocationPage.objects.live()
        .public()
        .filter(accepts_requests=True)
        .select_related("municipality", "organiser")
    )
    return found.prefetch_related("availability") if availability else found


def locations_in_order(ids, *, availability=True):
    """The requestable fiches among `ids`, in the order of `ids` (missing ones left out)."""
    found = requestable_locations(availability=availability).filter(pk__in=ids)
    by_id = {page.pk: page for page in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def search_locations(text, exclude=(), limit=10):
    """Requestable fiches whose name holds `text`, at most `limit`, by name."""
    text = " ".join(str(text).split())[:100]
    if len(text) < 2:
        return []
    return list(
        requestable_locations()
        .filter(title__icontains=text)
        .exclude(pk__in=list(exclude))
        .order_by("title")[:limit]
    )


@dataclass
class SharingNeed:
    """A location that needs the parent's own consent, and why."""

    location: LocationPage
    other_municipality: bool = False
    outside_region: bool = False
    other_region: Region | None = None
    reasons: list = field(default_factory=list)

    @property
    def field_name(self):
        return f"share_{self.location.pk}"


def serving_regions(locations):
    """{municipality id: region serving it} for the locations' municipalities, in one query."""
    ids = {page.municipality_id for page in locations if page.municipality_id}
    regions = {}
    links = (
        Region.municipalities.through.objects.filter(municipality_id__in=ids)
        .select_related("region")
        .order_by("region_id")
    )
    for link in links:
        # The first region by id, as Region.objects.serving() answers.
        regions.setdefault(link.municipality_id, link.region)
    return regions


def sharing_needs(locations, parent_municipality_ids, region):
    """Locations outside the parent's municipality or the form's region: each needs its own
    explicit consent (seed 000 art. 4 §1 c; design.md "Regions")."""
    regions = serving_regions(locations)
    needs = []
    for location in locations:
        need = SharingNeed(location)
        if location.municipality_id not in parent_municipality_ids:
            need.other_municipality = True
            need.reasons.append(
                _("%(location)s lies in %(municipality)s, another municipality than yours.")
                % {"location": location.title, "municipality": location.municipality}
            )
        serving = regions.get(location.municipality_id)
        if region is not None and (serving is None or serving.pk != region.pk):
            need.outside_region = True
            need.other_region = serving
            need.reasons.append(
                _("It is outside the region of %(region)s: your data leaves this region.")
                % {"region": region.name}
            )
        if need.reasons:
            needs.append(need)
    return needs


def location_warnings(location, child_birth_date, start_date):
    """What a parent should know before asking this location (warnings, never refusals)."""
    warnings = []
    if child_birth_date and start_date:
        age = months_between(child_birth_date, start_date)
        if age < location.min_age_months:
            warnings.append(
                _(
                    "Your child will be %(age)s months old at the start; this location takes "
                    "children from %(min)s months."
                )
                % {"age": max(age, 0), "min": location.min_age_months}
            )
        elif age > location.max_age_months:
            warnings.append(
                _(
                    "Your child will be %(age)s months old at the start; this location takes "
                    "children up to %(max)s months."
                )
                % {"age": age, "max": location.max_age_months}
            )
    rows = list(location.availability.all())
    if rows and all(row.status == AvailabilityStatus.FULL for row in rows):
        warnings.append(_("The location says it is full at the moment."))
    elif start_date and rows:
        dates = [row.free_from for row in rows if row.status == AvailabilityStatus.FREE_FROM]
        free_now = any(row.status == AvailabilityStatus.FREE_NOW for row in rows)
        if dates and not free_now and min(dates) > start_date:
            warnings.append(
                _("The location has places from %(date)s, after your start date.")
                % {"date": min(dates).strftime("%d/%m/%Y")}
            )
    return warnings
