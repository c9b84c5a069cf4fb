"""Choice lists of the fiche, with Dutch labels through gettext."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CareType(models.TextChoices):
    GROUP = "group", _("group care (childcare centre)")
    FAMILY = "family", _("family care (childminder)")


class TariffType(models.TextChoices):
    INCOME_RELATED = "income_related", _("income-related tariff (IKT)")
    FREE_PRICE = "free_price", _("free price (day price set by the location)")


class SubsidyFramework(models.TextChoices):
    """The subsidy tiers (subsidietrappen) of the Flemish childcare decree."""

    NONE = "none", _("no subsidy")
    BASIC = "basic", _("basic subsidy (tier 1)")
    INCOME_RELATED = "income_related", _("income-related tariff subsidy (tier 2)")
    PLUS = "plus", _("plus subsidy (tier 3)")


# Only tier 2 and 3 locations are bound to the income-related tariff.
SUBSIDIES_WITH_INCOME_RELATED_TARIFF = {SubsidyFramework.INCOME_RELATED, SubsidyFramework.PLUS}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AgeGroup(models.TextChoices):
    BABY = "baby", _("babies (under 18 months)")
    TODDLER = "toddler", _("toddlers (18 months and older)")


class AvailabilityStatus(models.TextChoices):
    FREE_NOW = "free_now", _("places free now")
    FREE_FROM = "free_from", _("places free from a date")
    FULL = "full", _("full")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    POLISH = "pl", _("Polish")
    SPANISH = "es", _("Spanish")
    BERBER = "ber", _("Berber (Tamazight)")
    ROMANIAN = "ro", _("Romanian")
    BULGARIAN = "bg", _("Bulgarian")
    UKRAINIAN = "uk", _("Ukrainian")
    SIGN_LANGUAGE = "vgt", _("Flemish Sign Language")


class ContractForm(models.TextChoices):
    """The contract forms (contractvormen) a location accepts; `contracts.py` says which
    allow how many days a week."""

    FULL_TIME = "full_time", _("full-time")
    PART_TIME = "part_time", _("part-time")
    FLEXIBLE = "flexible", _("flexible")
    OCCASIONAL = "occasional", _("occasional")
