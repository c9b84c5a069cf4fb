"""The checks of the request form as plain functions: each returns a Dutch message (through
the catalogue) or None. The forms put the message next to their field; the final submit and
the private page run the same functions, so a rule is written once.
"""

import datetime
import re

import phonenumbers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from stdnum.be import nn as national_number
from stdnum.exceptions import ValidationError as StdnumValidationError

from opvanglocaties.models import PostalCode

from .rules import add_months, months_between

# Care for babies and toddlers ends when the child goes to nursery school (2.5 to 3 years);
# a request for an older child is a typing error more often than not.
MAX_CHILD_AGE_MONTHS = 48
# A pregnancy lasts about 40 weeks: an expected date further ahead cannot be known yet.
MAX_EXPECTED_MONTHS_AHEAD = 10
PARENT_AGE_YEARS = (12, 80)


def child_birth_date_error(birth_date, expected, today):
    """The child's (expected) date of birth must fit a baby or toddler, or a pregnancy."""
    if expected:
        if birth_date < today:
            return _(
                "The expected date of birth is in the past. If your child is born, choose "
                '"my child is born" and give the date of birth.'
            )
        if birth_date > add_months(today, MAX_EXPECTED_MONTHS_AHEAD):
            return _("The expected date of birth can be at most %(months)s months ahead.") % {
                "months": MAX_EXPECTED_MONTHS_AHEAD
            }
        return None
    if birth_date > today:
        return _(
            "The date of birth is in the future. If your child is not born yet, choose "
            '"I am expecting a child".'
        )
    if months_between(birth_date, today) >= MAX_CHILD_AGE_MONTHS:
        return _(
            "Childcare for babies and toddlers is for children up to school age; check the "
            "date of birth."
        )
    return None


def start_date_error(start_date, rules, today):
    """Not in the past, and within the region's window (rules.RequestRules)."""
    if start_date < today:
        return _("The start date cannot be in the past.")
    earliest = rules.earliest_start(today)
    if start_date < earliest:
        return ngettext(
            "File your request at least %(count)d day before the start: choose %(date)s or later.",
            "File your request at least %(count)d days before the start: choose %(date)s or later.",
            rules.min_days_before_start,
        ) % {"count": rules.min_days_before_start, "date": earliest.strftime("%d/%m/%Y")}
    latest = rules.latest_start(today)
    if start_date > latest:
        return ngettext(
            "The start date can be at most %(count)d month ahead, until %(date)s.",
            "The start date can be at most %(count)d months ahead, until %(date)s.",
            rules.max_months_ahead,
        ) % {"count": rules.max_months_ahead, "date": latest.strftime("%d/%m/%Y")}
    return None


def start_after_birth_error(start_date, birth_date):
    if birth_date and start_date and start_date < birth_date:
        return _("Care can only start after your child is born.")
    return None


def end_date_error(start_date, end_date):
    if start_date and end_date and end_date <= start_date:
        return _("The end date must be after the start date.")
    return None


def care_parts_error(care_parts):
    if not any(care_parts.values()):
        return _("Choose at least one day of care: a full or a half day.")
    return None


def parse_phone(value):
    """A Belgian phone number in E.164 (+3291234567), or None when it is not one."""
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or number.country_code != 32:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_error(value):
    if parse_phone(value) is None:
        return _("Enter a Belgian phone number, such as 0470 12 34 56 or 09 210 10 10.")
    return None


POSTCODE = re.compile(r"^[1-9][0-9]{3}$")


def postcode_error(value, municipality_ids=None):
    """The message for a postcode that does not exist, or None. `municipality_ids`: what the
    caller already looked up for this postcode (the final submit does), saving the query."""
    if municipality_ids is not None:
        exists = bool(municipality_ids)
    else:
        exists = PostalCode.objects.filter(code=value).exists()
    if not POSTCODE.match(value) or not exists:
        return _("Enter an existing Belgian postcode of four digits, such as 9000.")
    return None


def clean_national_number(value):
    """The number's eleven digits; raises ValueError with the message when it is not valid."""
    try:
        return national_number.validate(value)
    except StdnumValidationError as error:
        raise ValueError(
            _(
                "This is not a valid national register number: check the eleven digits "
                "(on the back of your identity card, such as 85.07.30-033.28)."
            )
        ) from error


def national_number_birth_date_error(digits, birth_date):
    """The number encodes a date of birth (seed: consistent with the parent's)."""
    if birth_date is None:
        return _("Enter your date of birth too: we check it against the national number.")
    try:
        encoded = national_number.get_birth_date(digits)
    except StdnumValidationError:
        encoded = None
    # Numbers of people whose exact date of birth is unknown encode none (month or day 00).
    if encoded is not None and encoded != birth_date:
        return _("The national register number does not match your date of birth.")
    return None


def parent_birth_date_error(birth_date, today):
    low, high = PARENT_AGE_YEARS
    age = months_between(birth_date, today) // 12
    if birth_date > today or not low <= age <= high:
        return _("Check your date of birth.")
    return None


def location_count_error(count, rules):
    if count == 0:
        return _("Choose at least one location.")
    if count > rules.max_locations:
        return ngettext(
            "You can ask for at most %(count)d location in one request.",
            "You can ask for at most %(count)d locations in one request.",
            rules.max_locations,
        ) % {"count": rules.max_locations}
    return None


def first_of_month(day):
    return datetime.date(day.year, day.month, 1)
