"""The places in what a parent types in the search box: "9040", "Gent Ledeberg", "crèche 9040".

`read_place(text, gazetteer)` is a pure function: it splits the text into a `Place` (a
postcode, a municipality, wijken) and the words that are not a place, which stay as text to
match in the fiches. `gazetteer_for(text, region)` reads from the database the few names the
text could mean (a constant number of queries, none for an empty text), so the parsing itself
is tested without a database.
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from opvanglocaties.models import LocationPage

from . import geography

POSTCODE = re.compile(r"[1-9]\d{3}")
# The longest place name in words ("Sint-Martens-Latem" is one, "Muide Meulestede
# Afrikalaan" three): longer spans are not tried.
MAX_NAME_WORDS = 4
# Separators between words; punctuation left at the end of a remaining word is dropped.
TOKEN = re.compile(r"[^\s,;/()]+")


@dataclass(frozen=True)
class Place:
    """Where a search text said to search: each part is empty when the text did not say."""

    postcode: str = ""
    municipality: object = None  # a Municipality
    neighbourhoods: tuple = ()  # Neighbourhood objects, all of `municipality`

    def __bool__(self):
        return bool(self.postcode or self.municipality or self.neighbourhoods)

    @property
    def label(self):
        """The place as the page names it: "Sint-Amandsberg (9040)", "Gent", "9000"."""
        names = [n.name for n in self.neighbourhoods]
        if not names and self.municipality is not None:
            names = [self.municipality.name_nl]
        name = ", ".join(names)
        if self.postcode:
            return f"{name} ({self.postcode})" if name else self.postcode
        return name


@dataclass
class Gazetteer:
    """The names a text could mean, read once for that text (`gazetteer_for`)."""

    # A postcode to the municipalities it serves.
    postcodes: dict = field(default_factory=dict)
    # A municipality's slug to the municipality.
    municipalities: dict = field(default_factory=dict)
    # Wijken of the region and of the municipalities named, with their municipality.
    neighbourhoods: list = field(default_factory=list)
    # The ids of the region's municipalities (a name there wins over one elsewhere).
    region_municipality_ids: frozenset = frozenset()
    # True when the whole text is a location's title: a name is searched, not a place.
    is_a_title: bool = False


def _tokens(text):
    return TOKEN.findall(text or "")


def _spans(tokens):
    """Every run of up to MAX_NAME_WORDS tokens, as (start, length, slug)."""
    for start in range(len(tokens)):
        for length in range(min(MAX_NAME_WORDS, len(tokens) - start), 0, -1):
            yield start, length, slugify(" ".join(tokens[start : start + length]))


def gazetteer_for(text, region=None):
    """Read the postcodes, municipalities and wijken that words of `text` could name.

    At most one query whatever the data: (only when a place was found) whether the whole
    text is a location's title. Postcodes, municipalities and wijken are kept per
    publication (`geography`).
    """
    tokens = _tokens(text)
    if not tokens:
        return Gazetteer()
    slugs = {slug for _start, _length, slug in _spans(tokens) if slug}
    codes = {token for token in tokens if POSTCODE.fullmatch(token)}
    # Postcodes and municipalities from what the search keeps per publication (`geography`).
    postcodes = {code: geography.postcode_municipalities(code) for code in codes}
    postcodes = {code: served for code, served in postcodes.items() if served}
    municipalities = {
        slug: municipality
        for slug in slugs
        if (municipality := geography.municipality_by_slug(slug)) is not None
    }
    region_ids = frozenset(region.municipality_ids()) if region is not None else frozenset()
    # The wijken of the region and of the municipalities named, kept per publication too.
    candidates = list(geography.region_neighbourhoods(region)) if region is not None else []
    named = [*municipalities.values(), *(m for served in postcodes.values() for m in served)]
    for municipality_id in dict.fromkeys(m.pk for m in named):
        if municipality_id not in region_ids:
            candidates += geography.municipality_neighbourhoods(municipality_id)
    neighbourhoods = [n for n in candidates if n.slug in slugs]
    gazetteer = Gazetteer(postcodes, municipalities, neighbourhoods, region_ids)
    if postcodes or municipalities or neighbourhoods:
        gazetteer.is_a_title = (
            LocationPage.objects.live().filter(title__iexact=text.strip()).exists()
        )
    return gazetteer


def read_place(text, gazetteer):
    """Split `text` into (`Place`, the remaining text).

    A word is a place when it is a known postcode, or a run of words is the name of a
    municipality or of a wijk (of the region, or of the municipality named). The text stays
    whole when it is a location's title, or when its places contradict each other (two
    municipalities, a postcode of another municipality, a wijk of another municipality).
    """
    tokens = _tokens(text)
    if not tokens or gazetteer.is_a_title:
        return Place(), text
    wijk_slugs = {n.slug for n in gazetteer.neighbourhoods}
    codes, municipalities, wijken, rest = [], [], [], []
    start = 0
    while start < len(tokens):
        for length in range(min(MAX_NAME_WORDS, len(tokens) - start), 0, -1):
            phrase = tokens[start : start + length]
            slug = slugify(" ".join(phrase))
            if length == 1 and slug in gazetteer.postcodes:
                codes.append(slug)
            elif slug in gazetteer.municipalities and (
                slug not in wijk_slugs
                or gazetteer.municipalities[slug].pk in gazetteer.region_municipality_ids
            ):
                municipalities.append(gazetteer.municipalities[slug])
            elif slug in wijk_slugs:
                wijken.append(slug)
            else:
                continue
            start += length
            break
        else:
            rest.append(tokens[start])
            start += 1
    place = _resolve(codes, municipalities, wijken, gazetteer)
    if place is None:
        return Place(), text
    beyond_region = (
        place.municipality is not None
        and place.municipality.pk not in gazetteer.region_municipality_ids
    )
    if rest and beyond_region:
        # Beyond the region a name is read only when it is all the text ("Mechelen",
        # "Boom 2850"): a word such as "boom" or "ham" in a location's name is not a place.
        return Place(), text
    return place, " ".join(rest)


def _resolve(codes, municipalities, wijken, gazetteer):
    """The one place the parts name, or None when they name none or contradict each other."""
    if len(set(codes)) > 1 or len({m.pk for m in municipalities}) > 1:
        return None
    municipality = municipalities[0] if municipalities else None
    code = codes[0] if codes else ""
    if code:
        served = gazetteer.postcodes[code]
        if municipality is not None and municipality.pk not in {m.pk for m in served}:
            return None
        if municipality is None:
            in_region = [m for m in served if m.pk in gazetteer.region_municipality_ids]
            candidates = in_region or served
            municipality = candidates[0] if len(candidates) == 1 else None
    neighbourhoods = []
    for slug in dict.fromkeys(wijken):
        matches = [
            n
            for n in gazetteer.neighbourhoods
            if n.slug == slug
            and (
                n.municipality_id == municipality.pk
                if municipality is not None
                else n.municipality_id in gazetteer.region_municipality_ids
            )
        ]
        if len(matches) != 1:
            return None  # a wijk of another municipality, or one name in two municipalities
        neighbourhoods.append(matches[0])
        if municipality is None:
            municipality = matches[0].municipality
    if len({n.municipality_id for n in neighbourhoods}) > 1:
        return None
    if not (code or municipality or neighbourhoods):
        return None
    return Place(postcode=code, municipality=municipality, neighbourhoods=tuple(neighbourhoods))
