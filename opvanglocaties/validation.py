"""The rules a fiche must satisfy, as plain functions that views, forms and tests share.

Each returns a dict of field name to a list of Dutch messages (through gettext); empty when the
input is fine. Models and forms turn them into ValidationErrors next to the right field.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from .choices import SUBSIDIES_WITH_INCOME_RELATED_TARIFF, AvailabilityStatus, TariffType

# Belgium's bounding box with a margin: coordinates outside it are a typing error.
BELGIUM_LATITUDE = (49.4, 51.6)
BELGIUM_LONGITUDE = (2.4, 6.5)


def _errors():
    return defaultdict(list)


def postcode_errors(postcode, municipality, known_codes):
    """The postcode must be one of the municipality's postal codes."""
    errors = _errors()
    if postcode and municipality is not None and postcode not in known_codes:
        errors["postcode"].append(
            _("Postcode %(postcode)s does not belong to %(municipality)s.")
            % {"postcode": postcode, "municipality": municipality}
        )
    return errors


def age_range_errors(min_months, max_months):
    """The youngest age must be below the oldest."""
    errors = _errors()
    if min_months is not None and max_months is not None and min_months >= max_months:
        errors["max_age_months"].append(_("The maximum age must be higher than the minimum age."))
    return errors


def price_errors(tariff_type, day_price, subsidy_framework):
    """A free price needs a day price; tier 2 and 3 subsidies require the income tariff."""
    errors = _errors()
    if tariff_type == TariffType.FREE_PRICE and day_price is None:
        errors["day_price"].append(_("Enter the day price for a location with a free price."))
    if day_price is not None and day_price <= 0:
        errors["day_price"].append(_("The day price must be more than 0 euro."))
    if (
        subsidy_framework in SUBSIDIES_WITH_INCOME_RELATED_TARIFF
        and tariff_type != TariffType.INCOME_RELATED
    ):
        errors["tariff_type"].append(
            _("With this subsidy framework the location must apply the income-related tariff.")
        )
    return errors


def deadline_errors(days, region):
    """The response deadline must lie within the bounds the region's LOK agreed."""
    errors = _errors()
    if days is None or region is None:
        return errors
    low, high = region.min_response_deadline_days, region.max_response_deadline_days
    if not low <= days <= high:
        errors["response_deadline_days"].append(
            _("In %(region)s the response deadline must be between %(low)s and %(high)s days.")
            % {"region": region, "low": low, "high": high}
        )
    return errors


def coordinate_errors(latitude, longitude):
    """Both coordinates or neither, and inside Belgium."""
    errors = _errors()
    if (latitude is None) != (longitude is None):
        field = "longitude" if latitude is not None else "latitude"
        errors[field].append(_("Enter both latitude and longitude, or neither."))
        return errors
    if latitude is None:
        return errors
    if not BELGIUM_LATITUDE[0] <= latitude <= BELGIUM_LATITUDE[1]:
        errors["latitude"].append(_("This latitude lies outside Belgium."))
    if not BELGIUM_LONGITUDE[0] <= longitude <= BELGIUM_LONGITUDE[1]:
        errors["longitude"].append(_("This longitude lies outside Belgium."))
    return errors


def opening_hours_overlaps(rows):
    """Indexes of rows whose time slot overlaps an earlier slot on the same weekday.

    `rows` are (weekday, opens, closes) tuples; rows with a missing value are skipped (their
    own field errors say what is missing).
    """
    seen = defaultdict(list)
    overlapping = []
    for index, (weekday, opens, closes) in enumerate(rows):
        if weekday is None or opens is None or closes is None:
            continue
        if any(
            opens < other_closes and other_opens < closes
            for other_opens, other_closes in seen[weekday]
        ):
            overlapping.append(index)
        seen[weekday].append((opens, closes))
    return overlapping


def duplicate_indexes(values):
    """Indexes of values that already occurred earlier in the list."""
    seen = set()
    duplicates = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            duplicates.append(index)
        seen.add(value)
    return duplicates


def availability_row_errors(status, free_from, free_places=None, today=None):
    """A 'free from' row needs a date that has not passed; a full row has no free places.

    Issue 14: fiches published "full" with 3 free places and "free from" a date gone by, and
    parents read them as true.
    """
    errors = _errors()
    if status == AvailabilityStatus.FREE_FROM and free_from is None:
        errors["free_from"].append(_("Enter the month from which places are free."))
    if (
        status == AvailabilityStatus.FREE_FROM
        and free_from is not None
        and today is not None
        and free_from < today
    ):
        errors["free_from"].append(
            _("This date has passed: choose 'places free now', or a date from today on.")
        )
    if status == AvailabilityStatus.FULL and free_places:
        errors["free_places"].append(
            _("A full location has no free places: leave this empty or choose another status.")
        )
    return errors


def free_places_errors(free_places, licensed_capacity):
    """No age group can have more free places than the licence allows places in all."""
    errors = _errors()
    if free_places is not None and licensed_capacity and free_places > licensed_capacity:
        errors["free_places"].append(
            _("The licence allows %(capacity)s places: there cannot be %(places)s free.")
            % {"capacity": licensed_capacity, "places": free_places}
        )
    return errors


def confirmed_on_errors(confirmed_on, today):
    """The availability cannot have been confirmed on a day still to come."""
    errors = _errors()
    if confirmed_on is not None and confirmed_on > today:
        errors["availability_confirmed_on"].append(
            _("This date lies in the future: enter the day you last checked the free places.")
        )
    return errors


def merge(*error_dicts):
    """All messages of several rule results, per field."""
    merged = _errors()
    for errors in error_dicts:
        for field, messages in errors.items():
            merged[field].extend(messages)
    return dict(merged)
