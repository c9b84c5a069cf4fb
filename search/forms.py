"""The search form: every filter is a GET parameter, so a search is a URL a parent can share.

The fields are named as the URL's parameters, in Dutch; `SearchForm.query()` turns them into a
`SearchQuery` with English names, and nothing after the form reads the parameters again.
Bad input never stops a search: a field that does not validate gets a Dutch message next to
it and its filter is left out, while the other filters still apply.
"""

import copy
import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from opvanglocaties.choices import CareType, ContractForm, Language, SubsidyFramework, Weekday
from opvanglocaties.models import Neighbourhood

from . import geography, places, widgets
from .choices import Availability, Sort
from .geo import in_belgium
from .months import parse_month
from .query import SearchQuery

MAX_QUERY_LENGTH = 200
MAX_RADIUS_KM = 100
# Places are planned a few years ahead at most; a later month is a typing error.
MAX_YEARS_AHEAD = 3
POSTCODE_IN_TEXT = re.compile(r"\b([1-9]\d{3})\b")


class MonthField(forms.DateField):
    """A month as parents type it ("03/2027", "maart 2027", "2027-03": `months.parse_month`);
    cleans to its first day. A text box, not `type="month"`, which takes only arrow keys in
    Chromium."""

    widget = widgets.DateInput(
        format="%m/%Y", attrs={"placeholder": _("e.g. 03/2027"), "autocomplete": "off"}
    )
    default_error_messages = {
        "invalid": _("Enter a month as month and year, e.g. 03/2027 or maart 2027.")
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class SearchForm(forms.Form):
    """All filters of the search page. `region` limits names to look up and the default scope."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Your search text is too long: use at most %(limit_value)d characters.")
        },
        widget=widgets.TextInput(attrs={"type": "search", "placeholder": _("name, street, …")}),
    )
    gemeente = forms.CharField(label=_("Municipality"), required=False, widget=widgets.TextInput)
    buurgemeenten = forms.BooleanField(
        label=_("Also neighbouring municipalities"), required=False, widget=widgets.CheckboxInput
    )
    wijk = forms.MultipleChoiceField(
        label=_("Neighbourhoods"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("We do not know a neighbourhood “%(value)s” here.")},
    )
    postcode = forms.CharField(
        label=_("From postcode or wijk"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "To sort by distance, e.g. 9000 or Ledeberg. Distance is measured from the middle "
            "of the postcode or wijk, not from a street address."
        ),
        widget=widgets.TextInput,
    )
    afstand = forms.FloatField(
        label=_("Within (km)"),
        required=False,
        min_value=0.1,
        max_value=MAX_RADIUS_KM,
        error_messages={
            "min_value": _("Enter a distance of at least 0.1 km."),
            "max_value": _("Enter a distance of at most %(limit_value)s km."),
            "invalid": _("Enter the distance as a number of kilometres."),
        },
        widget=widgets.NumberInput,
    )
    lat = forms.FloatField(required=False, widget=widgets.HiddenInput)
    lng = forms.FloatField(required=False, widget=widgets.HiddenInput)
    type = forms.ChoiceField(
        label=_("Type of care"),
        required=False,
        choices=[("", _("All")), *CareType.choices],
        widget=widgets.Select,
    )
    leeftijd = forms.IntegerField(
        label=_("Age of the child (months)"),
        required=False,
        min_value=0,
        max_value=72,
        error_messages={
            "min_value": _("The age cannot be negative."),
            "max_value": _("Childcare is for children up to 72 months (6 years)."),
            "invalid": _("Enter the age as a whole number of months."),
        },
        widget=widgets.NumberInput,
    )
    ikt = forms.BooleanField(
        label=_("Income-related tariff only"), required=False, widget=widgets.CheckboxInput
    )
    subsidie = forms.MultipleChoiceField(
        label=_("Subsidy framework"),
        required=False,
        choices=SubsidyFramework.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    beschikbaar = forms.ChoiceField(
        label=_("Availability"),
        required=False,
        choices=[("", _("No matter")), *Availability.choices],
        widget=widgets.Select,
    )
    # The wished start month: fiches with a place free by the end of that month, confirmed
    # within the region's freshness period (`LocationSearch.availability_condition`).
    vanaf = MonthField(
        label=_("Start of care (month)"),
        required=False,
        help_text=_(
            "Locations with a place free by then. Availability not confirmed "
            "recently counts as unknown."
        ),
    )
    opent_voor = forms.TimeField(
        label=_("Opens at or before"),
        required=False,
        widget=widgets.TimeInput(attrs={"type": "time"}),
        error_messages={"invalid": _("Enter a time such as 07:30.")},
    )
    sluit_na = forms.TimeField(
        label=_("Closes at or after"),
        required=False,
        widget=widgets.TimeInput(attrs={"type": "time"}),
        error_messages={"invalid": _("Enter a time such as 18:00.")},
    )
    dag = forms.TypedChoiceField(
        label=_("Open on"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any day")), *Weekday.choices],
        widget=widgets.Select,
    )
    dagen = forms.IntegerField(
        label=_("Days a week"),
        required=False,
        min_value=1,
        max_value=5,
        help_text=_("Locations that take a child this many days a week."),
        error_messages={
            "min_value": _("Enter a number of days from 1 to 5."),
            "max_value": _("Enter a number of days from 1 to 5."),
            "invalid": _("Enter a number of days from 1 to 5."),
        },
        widget=widgets.NumberInput,
    )
    contract = forms.MultipleChoiceField(
        label=_("Contract form"),
        required=False,
        choices=ContractForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    taal = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    sorteer = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=Sort.choices, widget=widgets.Select
    )

    def __init__(self, data=None, *, region=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.region = region
        self.notices = []
        # The place read from the search text (`places.read_place`), or an empty Place.
        self.understood = places.Place()
        self._read_place()
        self.neighbourhood_choices = list(self._neighbourhood_choices())
        self._name_neighbourhoods()
        self.fields["wijk"].choices = [
            (n.choice_value, n.label) for n in self.neighbourhood_choices
        ]

    def _read_place(self):
        # "Sint-Amandsberg 9040" or "crèche Gent" typed in the search box: the place fills
        # the place fields the parent left empty, and only the other words stay as text.
        # A place that contradicts a field the parent did fill is left as text.
        text = (self.data.get("q") or "") if self.data else ""
        if not text.strip() or len(text) > MAX_QUERY_LENGTH:
            return
        place, rest = places.read_place(text, places.gazetteer_for(text, self.region))
        if not place:
            return
        typed = self.data.get("gemeente") or ""
        if place.municipality is not None and typed:
            if self._municipality_from_data() != place.municipality:
                return
        elif typed and place.neighbourhoods:
            return  # a wijk read without its municipality, beside a municipality typed
        data = self.data.copy()
        data["q"] = rest
        if place.municipality is not None:
            data["gemeente"] = typed or place.municipality.name_nl
            self._municipality = place.municipality
        if place.neighbourhoods:
            chosen = data.getlist("wijk") if hasattr(data, "getlist") else []
            slugs = [*chosen, *(n.slug for n in place.neighbourhoods if n.slug not in chosen)]
            if hasattr(data, "setlist"):
                data.setlist("wijk", slugs)
            else:
                data["wijk"] = slugs
        if place.postcode and not data.get("postcode"):
            data["postcode"] = place.postcode
        self.data = data
        self.understood = place

    def _name_neighbourhoods(self):
        # Within one municipality a wijk's slug is unique. Across a region two municipalities
        # can both have a "centrum": there a wijk is "<municipality>/<wijk>" and its label
        # names the municipality. A plain slug from an older link still works when it is
        # unique in the region.
        qualified = self._municipality_from_data() is None and (
            len({n.municipality_id for n in self.neighbourhood_choices}) > 1
        )
        for n in self.neighbourhood_choices:
            n.choice_value = f"{n.municipality.slug}/{n.slug}" if qualified else n.slug
            n.label = f"{n.name} ({n.municipality.name_nl})" if qualified else n.name
        if qualified and self.data and hasattr(self.data, "getlist"):
            by_slug = {}
            for n in self.neighbourhood_choices:
                by_slug.setdefault(n.slug, []).append(n.choice_value)
            values = [
                by_slug[value][0] if len(by_slug.get(value, [])) == 1 else value
                for value in self.data.getlist("wijk")
            ]
            self.data = self.data.copy()
            self.data.setlist("wijk", values)

    def _neighbourhood_choices(self):
        # Copies of the wijken kept per publication (`geography`): this form labels them.
        municipality = self._municipality_from_data()
        if municipality is not None:
            kept = geography.municipality_neighbourhoods(municipality.pk)
        elif self.region is not None:
            kept = geography.region_neighbourhoods(self.region)
        else:
            kept = []
        return [copy.copy(neighbourhood) for neighbourhood in kept]

    def _municipality_from_data(self):
        # A name typed by the parent ("Sint-Niklaas"), a slug from a link and a postcode
        # ("9000": the municipality it serves, the region's first) all work.
        slug = slugify((self.data.get("gemeente") or "")[:100]) if self.data else ""
        if not slug:
            return None
        if not hasattr(self, "_municipality"):
            if POSTCODE_IN_TEXT.fullmatch(slug):
                self._municipality = self._municipality_serving(slug)
            else:
                self._municipality = geography.municipality_by_slug(slug)
        return self._municipality

    def _municipality_serving(self, code):
        served = geography.postcode_municipalities(code)
        ids = self.region.municipality_ids() if self.region is not None else set()
        return next((m for m in served if m.pk in ids), served[0] if served else None)

    def clean_gemeente(self):
        if not self.cleaned_data["gemeente"]:
            return None
        municipality = self._municipality_from_data()
        typed = self.cleaned_data["gemeente"].strip()
        if municipality is None and POSTCODE_IN_TEXT.fullmatch(typed):
            raise forms.ValidationError(
                _("We do not know postcode %(code)s."), params={"code": typed}
            )
        if municipality is None:
            raise forms.ValidationError(
                _("We do not know a municipality called “%(name)s”."),
                params={"name": self.cleaned_data["gemeente"][:50]},
            )
        return municipality

    def clean_wijk(self):
        slugs = self.cleaned_data["wijk"]
        if not slugs:
            return []
        return [n for n in self.neighbourhood_choices if n.choice_value in slugs]

    def clean_postcode(self):
        """A postcode (from an address too, with a notice), or a wijk typed by name: the
        place distances are measured from. There is no address register offline, so a
        street is never located; the notice says so rather than pretend."""
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return None
        match = POSTCODE_IN_TEXT.search(text)
        if match is None:
            neighbourhood = self._neighbourhood_named(text)
            if neighbourhood is None:
                raise forms.ValidationError(
                    _("Enter a Belgian postcode of four digits, or the name of a wijk.")
                )
            return neighbourhood
        code = match.group(1)
        if not geography.postcode_municipalities(code):
            raise forms.ValidationError(
                _("We do not know postcode %(code)s."), params={"code": code}
            )
        if text != code:
            self.notices.append(
                _(
                    "Distances are measured from the middle of postcode %(code)s, not from "
                    "the address you typed."
                )
                % {"code": code}
            )
        return code

    def _neighbourhood_named(self, text):
        slug = slugify(text[:100])
        return next(
            (n for n in self.neighbourhood_choices if slug in (n.slug, slugify(n.name))), None
        )

    def clean_vanaf(self):
        month = self.cleaned_data["vanaf"]
        if month and month < timezone.localdate().replace(day=1):
            self.notices.append(
                _("That month has passed: we searched for places free by the end of this month.")
            )
            return timezone.localdate().replace(day=1)
        if month and month.year > timezone.localdate().year + MAX_YEARS_AHEAD:
            raise forms.ValidationError(
                _("Choose a month within the next %(years)d years."),
                params={"years": MAX_YEARS_AHEAD},
            )
        return month

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("lat"), cleaned.get("lng")
        if (latitude is None) != (longitude is None) or (
            latitude is not None and not in_belgium(latitude, longitude)
        ):
            # A hidden field the parent cannot correct: ignore it and say so.
            cleaned["lat"] = cleaned["lng"] = None
            if self.data.get("lat") or self.data.get("lng"):
                self.notices.append(_("Your position could not be used: it is not in Belgium."))
        if cleaned.get("buurgemeenten") and not cleaned.get("gemeente"):
            self.notices.append(
                _("Choose a municipality to include its neighbouring municipalities.")
            )
        return cleaned

    def query(self):
        """The filters as a `SearchQuery`: the Dutch parameters in English, once.

        A field that did not validate is left out (its message is in `errors`).
        """
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return SearchQuery(
            text=data.get("q") or "",
            municipality=data.get("gemeente"),
            include_neighbours=bool(data.get("buurgemeenten")),
            neighbourhoods=tuple(data.get("wijk") or ()),
            postcode=data["postcode"] if isinstance(data.get("postcode"), str) else "",
            origin_neighbourhood=(
                data["postcode"] if isinstance(data.get("postcode"), Neighbourhood) else None
            ),
            radius_km=data.get("afstand"),
            latitude=data.get("lat"),
            longitude=data.get("lng"),
            care_type=data.get("type") or "",
            age_months=data.get("leeftijd"),
            income_related_tariff=bool(data.get("ikt")),
            subsidy_frameworks=tuple(data.get("subsidie") or ()),
            availability=data.get("beschikbaar") or "",
            free_by_month=data.get("vanaf"),
            opens_by=data.get("opent_voor"),
            closes_from=data.get("sluit_na"),
            weekday=data.get("dag"),
            languages=tuple(data.get("taal") or ()),
            days_per_week=data.get("dagen"),
            contract_forms=tuple(data.get("contract") or ()),
            sort=data.get("sorteer") or "",
        )
