"""One search as a typed value: what the search form made of a query string.

The URL speaks Dutch (`gemeente`, `buurgemeenten`, `wijk`, `sorteer`, ...) because parents share
it; the code speaks English. `SearchForm.query()` is the one place where the one becomes the
other, and everything after the form (`LocationSearch`, the facets, the open data) reads a
`SearchQuery`.
"""

import datetime
from dataclasses import dataclass

from opvanglocaties.models import Municipality


@dataclass(frozen=True)
class SearchQuery:
    """The validated filters of one search; a filter left out or invalid is empty."""

    text: str = ""  # q: the words searched for, as typed
    municipality: Municipality | None = None  # gemeente
    include_neighbours: bool = False  # buurgemeenten: also the municipality's buurgemeenten
    neighbourhoods: tuple = ()  # wijk: Neighbourhood objects
    postcode: str = ""  # postcode: four digits, the place distances are measured from
    origin_neighbourhood: object = None  # postcode field: a wijk typed there instead (its middle)
    radius_km: float | None = None  # afstand
    latitude: float | None = None  # lat: the parent's position (in Belgium, with longitude)
    longitude: float | None = None  # lng
    care_type: str = ""  # type: a CareType value
    age_months: int | None = None  # leeftijd
    income_related_tariff: bool = False  # ikt
    subsidy_frameworks: tuple = ()  # subsidie: SubsidyFramework values
    availability: str = ""  # beschikbaar: an Availability value
    free_by_month: datetime.date | None = None  # vanaf: the first day of that month
    opens_by: datetime.time | None = None  # opent_voor
    closes_from: datetime.time | None = None  # sluit_na
    weekday: int | None = None  # dag: 0 is Monday
    languages: tuple = ()  # taal: Language values
    days_per_week: int | None = None  # dagen: the days a week care is needed (1 to 5)
    contract_forms: tuple = ()  # contract: ContractForm values, any of them
    sort: str = ""  # sorteer: a Sort value, or "" for the default

    @property
    def position(self):
        """The parent's own position as (latitude, longitude), or None."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude
