"""Organisers: the legal entities that run childcare locations."""

import contextlib

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from stdnum.be import vat as enterprise_number
from stdnum.exceptions import ValidationError as StdnumValidationError


def format_kbo_number(value):
    """The KBO number in its usual notation (0123.456.749); raises if it is not one."""
    digits = enterprise_number.validate(value)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def kbo_number_from(serial):
    """A valid KBO number from its first eight digits (a number below 10**8): stdnum's
    checksum wants the first eight digits plus the last two to be a multiple of 97."""
    digits = f"{serial:08d}"
    return format_kbo_number(f"{digits}{97 - int(digits) % 97:02d}")


def validate_kbo_number(value):
    """A KBO (enterprise) number: ten digits, starting with 0 or 1, with a valid check number."""
    try:
        enterprise_number.validate(value)
    except StdnumValidationError as error:
        raise ValidationError(
            _("%(value)s is not a valid KBO number (ten digits, such as 0123.456.749)."),
            code="invalid_kbo",
            params={"value": value},
        ) from error


class LegalForm(models.TextChoices):
    VZW = "vzw", _("non-profit association (vzw)")
    BV = "bv", _("private limited company (bv)")
    NV = "nv", _("public limited company (nv)")
    CV = "cv", _("cooperative company (cv)")
    SOLE_TRADER = "sole_trader", _("sole trader (natural person)")
    PUBLIC = "public", _("local government or public body")
    OTHER = "other", _("other")


class Organiser(models.Model):
    """An organiser (organisator) runs one or more locations; its staff form a Wagtail group.

    The group is made when the organiser is first saved (`signals.give_organiser_a_group`).
    """

    legal_name = models.CharField(_("legal name"), max_length=200)
    kbo_number = models.CharField(
        _("KBO number"),
        # Room for the notations people type ("BE 0123.456.749"); stored as 0123.456.749.
        max_length=20,
        unique=True,
        validators=[validate_kbo_number],
        help_text=_(
            "Enterprise number from the Crossroads Bank for Enterprises, e.g. 0123.456.749."
        ),
    )
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    street_address = models.CharField(_("registered address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="organiser",
        verbose_name=_("staff group"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def __str__(self):
        return self.legal_name

    def save(self, *args, **kwargs):
        # One notation in the database, so the unique constraint also catches "BE 0123456749".
        with contextlib.suppress(StdnumValidationError):  # full_clean() reports it at the field
            self.kbo_number = format_kbo_number(self.kbo_number)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # Normalised before validate_unique runs, so "BE 0123456749" is caught as a duplicate
        # of "0123.456.749" with a message rather than by the database constraint.
        with contextlib.suppress(StdnumValidationError):  # the field validator reported it
            self.kbo_number = format_kbo_number(self.kbo_number)
