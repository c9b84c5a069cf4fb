"""The parameters of the Flemish income-related tariff (IKT), one row per year they apply to.

The loket keeps them current (admin: "Geography and rules" > "Income-related tariff"), from
the figures Opgroeien publishes every year; `docs/ikt-tariff.md` says where and what the demo
uses. `opvanglocaties.tariff.estimate_day_price` computes a day price from them.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class IncomeTariffQuerySet(models.QuerySet):
    def for_year(self, year):
        """The tariff that applies in `year`: that year's, else the latest earlier one (the
        loket has not entered the new year's figures yet), else None."""
        return self.filter(year__lte=year).order_by("-year").first()


class IncomeTariff(models.Model):
    """One year's income-related tariff: the day price rises with the family's monthly
    taxable income from the minimum (at or below the lower bound) to the maximum (at or above
    the upper bound), less a reduction for every further child the family has."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2014), MaxValueValidator(2100)],
        help_text=_("The calendar year these figures apply to (they are indexed every year)."),
    )
    lower_income_bound = models.DecimalField(
        _("lower income bound (euro a month)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Up to this monthly taxable family income the minimum day price applies."),
    )
    upper_income_bound = models.DecimalField(
        _("upper income bound (euro a month)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("From this monthly taxable family income the maximum day price applies."),
    )
    min_day_price = models.DecimalField(
        _("minimum day price (euro)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    max_day_price = models.DecimalField(
        _("maximum day price (euro)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    reduction_per_further_child = models.DecimalField(
        _("reduction per further child (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "For every child the family has beyond the first, the day price is this "
            "percentage lower."
        ),
    )
    half_day_percentage = models.DecimalField(
        _("half day (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("A day of less than 5 hours costs this percentage of the day price."),
    )
    source = models.URLField(
        _("source"),
        blank=True,
        help_text=_("Where these figures were published (Opgroeien's page or brochure)."),
    )

    objects = IncomeTariffQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("income-related tariff")
        verbose_name_plural = _("income-related tariffs")

    def __str__(self):
        return str(_("Income-related tariff %(year)s") % {"year": self.year})

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.lower_income_bound is not None
            and self.upper_income_bound is not None
            and self.upper_income_bound <= self.lower_income_bound
        ):
            errors["upper_income_bound"] = _("The upper bound must be above the lower bound.")
        if (
            self.min_day_price is not None
            and self.max_day_price is not None
            and self.max_day_price < self.min_day_price
        ):
            errors["max_day_price"] = _("The maximum day price cannot be below the minimum.")
        if errors:
            raise ValidationError(errors)
