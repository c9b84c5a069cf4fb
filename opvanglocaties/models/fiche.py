"""The fiche of one childcare location (`LocationPage`) and the rows it repeats.

Opening hours, closing days, availability per age group and photos are inline rows
(`Orderable`s) edited on the fiche's own form.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.i18n import OneLanguagePageMixin

from .. import contracts, estimate, first_free, freshness, validation
from ..choices import (
    AgeGroup,
    AvailabilityStatus,
    CareType,
    ContractForm,
    Language,
    SubsidyFramework,
    TariffType,
    Weekday,
)
from ..fields import MultipleChoiceJSONField
from ..forms import LocationPageForm
from ..panels import LICENCE_PERMISSION, LicenceFieldPanel
from .geography import Neighbourhood, PostalCode, Region
from .organisers import Organiser
from .testers import FichePermissionsMixin

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class LocationPage(OneLanguagePageMixin, FichePermissionsMixin, Page):
    """The fiche of one childcare location, kept up to date and published by its own staff.

    Seed 000 art. 2 §4: each location explains its admission policy, response deadline,
    capacity, price and subsidy framework here.
    """

    summary = models.TextField(
        _("short description"),
        max_length=400,
        blank=True,
        help_text=_("Two or three sentences parents see in search results."),
    )
    organiser = models.ForeignKey(
        "opvanglocaties.Organiser",
        on_delete=models.PROTECT,
        related_name="locations",
        editable=False,
        verbose_name=_("organiser"),
        help_text=_("The organiser of the folder the fiche is in."),
    )
    care_type = models.CharField(_("type of care"), max_length=20, choices=CareType.choices)
    licence_number = models.CharField(
        _("licence number"), max_length=30, help_text=_("As on the licence from Opgroeien.")
    )
    licensed_capacity = models.PositiveSmallIntegerField(
        _("licensed capacity"),
        validators=[MinValueValidator(1, _("The capacity must be at least 1 place."))],
        help_text=_("Number of places the licence allows."),
    )
    subsidy_framework = models.CharField(
        _("subsidy framework"),
        max_length=20,
        choices=SubsidyFramework.choices,
        default=SubsidyFramework.NONE,
    )
    min_age_months = models.PositiveSmallIntegerField(
        _("minimum age (months)"), default=0, validators=[MaxValueValidator(72)]
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("maximum age (months)"),
        default=36,
        validators=[MaxValueValidator(72)],
        help_text=_("Usually until the child goes to nursery school (about 30-36 months)."),
    )

    street = models.CharField(_("street"), max_length=150)
    house_number = models.CharField(_("house number"), max_length=20)
    # Indexed: the search places a postcode at the middle of its fiches on every such search.
    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        "opvanglocaties.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("municipality"),
        help_text=_("Filled in from the postcode when it belongs to one municipality."),
    )
    neighbourhood = models.ForeignKey(
        "opvanglocaties.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("neighbourhood"),
        help_text=_("Filled in from the coordinates when left empty."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    tariff_type = models.CharField(
        _("price"), max_length=20, choices=TariffType.choices, default=TariffType.INCOME_RELATED
    )
    day_price = models.DecimalField(
        _("day price (euro)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For a full day, for locations with a free price."),
    )
    extra_costs = models.TextField(
        _("extra costs"), blank=True, help_text=_("For example nappies, meals or outings.")
    )
    # Issue 14.5: which contracts a parent can sign here, and from how many days a week
    # (`contracts.py` holds the rule of which form allows how many days).
    contract_forms = MultipleChoiceJSONField(
        _("contract forms"),
        item_choices=ContractForm.choices,
        help_text=_(
            "Full-time: 5 days a week. Part-time: fewer days, at least the minimum below. "
            "Flexible: days that change from week to week. Occasional: now and then."
        ),
    )
    min_days_per_week = models.PositiveSmallIntegerField(
        _("minimum days a week"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Enter a number of days from 1 to 5.")),
            MaxValueValidator(5, _("Enter a number of days from 1 to 5.")),
        ],
        help_text=_("The fewest days a week you take a child (part-time or flexible)."),
    )

    admission_policy = RichTextField(
        _("admission policy"),
        features=RICH_TEXT_FEATURES,
        help_text=_("How you decide which child gets a place."),
    )
    priority_rules = ParentalManyToManyField(
        "opvanglocaties.PriorityRule",
        blank=True,
        related_name="locations",
        verbose_name=_("priority rules applied"),
    )
    response_deadline_days = models.PositiveSmallIntegerField(
        _("response deadline (days)"),
        default=settings.OPVANGPUNT_DEFAULT_RESPONSE_DEADLINE_DAYS,
        help_text=_("Within how many days you answer a request, as agreed in the LOK."),
    )
    accepts_requests = models.BooleanField(
        _("takes requests through the portal"),
        default=True,
        help_text=_(
            "Switch off only while the location takes no new requests at all (for example "
            "before it closes); parents then cannot choose it in the request form."
        ),
    )
    intake_procedure = RichTextField(
        _("intake procedure"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What happens after a place is offered: visit, intake talk, contract."),
    )
    availability_confirmed_on = models.DateField(
        _("availability last confirmed on"),
        null=True,
        blank=True,
        help_text=_("Parents see this date next to the availability."),
    )
    # The availability rows summed up for the search (`first_free`): kept by `save()`.
    first_free_any = models.DateField(null=True, editable=False)
    first_free_baby = models.DateField(null=True, editable=False)
    first_free_toddler = models.DateField(null=True, editable=False)
    has_availability_rows = models.BooleanField(default=False, editable=False)

    languages = MultipleChoiceJSONField(_("languages spoken"), item_choices=Language.choices)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Access for wheelchairs and prams, care for children with specific needs."),
    )
    pedagogical_approach = RichTextField(
        _("pedagogical approach"), blank=True, features=RICH_TEXT_FEATURES
    )

    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    staff_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="location_page",
        verbose_name=_("staff group of this location"),
    )
    inspection_reports_url = models.URLField(
        _("inspection reports at Opgroeien"),
        blank=True,
        help_text=_("Link to this location's inspection reports on the Opgroeien website."),
    )

    base_form_class = LocationPageForm
    exclude_fields_in_copy = ["staff_group"]
    parent_page_types = ["opvanglocaties.OrganiserPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("street"),
        index.SearchField("admission_policy"),
        index.SearchField("pedagogical_approach"),
        index.RelatedFields("organiser", [index.SearchField("legal_name")]),
        index.RelatedFields("municipality", [index.SearchField("name_nl")]),
        index.RelatedFields("neighbourhood", [index.SearchField("name")]),
        index.FilterField("municipality"),
        index.FilterField("neighbourhood"),
        index.FilterField("care_type"),
        index.FilterField("tariff_type"),
        index.FilterField("subsidy_framework"),
        index.FilterField("postcode"),
        index.FilterField("latitude"),
        index.FilterField("longitude"),
        index.FilterField("min_age_months"),
        index.FilterField("max_age_months"),
    ]

    general_panels = [
        FieldPanel("title", heading=_("Name of the location")),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                LicenceFieldPanel("care_type"),
                LicenceFieldPanel("licence_number"),
                LicenceFieldPanel("licensed_capacity"),
                LicenceFieldPanel("subsidy_framework"),
            ],
            heading=_("Licence (changed by the loket)"),
        ),
        FieldRowPanel([FieldPanel("min_age_months"), FieldPanel("max_age_months")]),
        FieldPanel("pedagogical_approach"),
        InlinePanel("photos", label=_("Photos"), max_num=8),
    ]
    address_panels = [
        FieldRowPanel([FieldPanel("street"), FieldPanel("house_number")]),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
        FieldPanel("neighbourhood"),
        FieldRowPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Position on the map"),
        ),
        FieldPanel("wheelchair_accessible"),
        FieldPanel("accessibility"),
    ]
    hours_panels = [
        MultiFieldPanel(
            [FieldPanel("contract_forms"), FieldPanel("min_days_per_week")],
            heading=_("Contracts and days a week"),
        ),
        InlinePanel("opening_hours", label=_("Opening hours"), min_num=0),
        InlinePanel("closing_periods", label=_("Closing days")),
    ]
    price_panels = [
        FieldPanel("tariff_type"),
        FieldPanel("day_price"),
        FieldPanel("extra_costs"),
    ]
    admission_panels = [
        FieldPanel("admission_policy"),
        FieldPanel("priority_rules", widget=forms.CheckboxSelectMultiple),
        FieldPanel("response_deadline_days"),
        FieldPanel("accepts_requests"),
        FieldPanel("intake_procedure"),
        FieldPanel("languages"),
    ]
    availability_panels = [
        FieldPanel("availability_confirmed_on"),
        InlinePanel("availability", label=_("Availability per age group"), max_num=2),
    ]
    contact_panels = [
        FieldPanel("contact_name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("website"),
        FieldPanel("inspection_reports_url"),
    ]

    # The slug and the search engine texts are the loket's: providers need not see them
    # (issue 14.13). The permission on each field takes it out of their form (a tab's alone
    # would only hide it, and the hidden slug would then be missing); Wagtail's page form
    # checks the slug only when it is in the form.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", permission=LICENCE_PERMISSION),
                FieldPanel("seo_title", permission=LICENCE_PERMISSION),
                FieldPanel("search_description", permission=LICENCE_PERMISSION),
            ],
            heading=_("For search engines"),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(general_panels, heading=_("General")),
            ObjectList(address_panels, heading=_("Address")),
            ObjectList(hours_panels, heading=_("Opening hours")),
            ObjectList(price_panels, heading=_("Price")),
            ObjectList(admission_panels, heading=_("Admission")),
            ObjectList(availability_panels, heading=_("Availability")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(promote_panels, heading=_("Promote"), permission=LICENCE_PERMISSION),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("location fiche")
        verbose_name_plural = _("location fiches")
        permissions = [
            ("change_licence_fields", _("Can change the licence fields of a fiche")),
        ]

    @property
    def publishing_region(self):
        """The region whose rules apply to this fiche: the one of the website it is on.

        Its loket moderates the fiche and its deadline bounds apply, because the user
        agreement (seed 000) is between that city and the provider, whatever municipality
        the location lies in (a fiche on Gent's site may lie in a buurgemeente). Not to be
        confused with `Region.objects.serving(municipality)`, which the search uses to label
        results from other regions.
        """
        if self.__dict__.get("_publishing_region") is None and self.path:
            # Not cached while None: a page being added has no site until it is saved (the
            # admin form sets the region from the parent page instead).
            self._publishing_region = Region.objects.for_site(self.get_site())
        return self.__dict__.get("_publishing_region")

    @publishing_region.setter
    def publishing_region(self, region):
        self._publishing_region = region

    @classmethod
    def region_under(cls, parent_page):
        """The `publishing_region` of a new fiche that will be added under `parent_page`."""
        return Region.objects.for_site(parent_page.get_site()) if parent_page else None

    def save(self, *args, **kwargs):
        # The organiser is the folder's: kept on the fiche for queries, search and templates.
        # (Set before Wagtail's save runs full_clean, which requires it.)
        self.take_organiser_from_folder()
        if kwargs.get("update_fields") is None:
            # From the rows about to be stored with the fiche (a revision's, when publishing);
            # a save of some fields only (a draft's revision pointer) stores no rows.
            for name, value in first_free.summary(self.availability.all()).items():
                setattr(self, name, value)
        with first_free.saving_fiche():
            return super().save(*args, **kwargs)

    def take_organiser_from_folder(self):
        """Set `organiser` from the organiser folder this fiche sits in (when it has a place)."""
        if not self.path:
            return
        # Through the folder's `organiser` relation (`Organiser.folders`): this module does
        # not import the folder's page type, which lives with the index and lists fiches.
        organiser = (
            Organiser.objects.filter(folders__path=self.path[: -self.steplen])
            .values_list("pk", flat=True)
            .first()
        )
        if organiser is not None:
            self.organiser_id = organiser

    def clean(self):
        super().clean()
        self._derive_municipality()
        self._derive_neighbourhood()
        errors = validation.merge(
            self._postcode_errors(),
            validation.age_range_errors(self.min_age_months, self.max_age_months),
            validation.price_errors(self.tariff_type, self.day_price, self.subsidy_framework),
            validation.deadline_errors(self.response_deadline_days, self.publishing_region),
            validation.coordinate_errors(self.latitude, self.longitude),
            validation.confirmed_on_errors(self.availability_confirmed_on, timezone.localdate()),
            contracts.errors(self.contract_forms, self.min_days_per_week),
        )
        if self.municipality is None and "postcode" not in errors:
            errors["municipality"] = [
                _("Choose the municipality: postcode %(postcode)s belongs to several or none.")
                % {"postcode": self.postcode}
            ]
        if (
            self.neighbourhood is not None
            and self.municipality is not None
            and self.neighbourhood.municipality_id != self.municipality.pk
        ):
            errors.setdefault("neighbourhood", []).append(
                _("%(neighbourhood)s is not a neighbourhood of %(municipality)s.")
                % {"neighbourhood": self.neighbourhood, "municipality": self.municipality}
            )
        if errors:
            raise ValidationError(errors)

    def _derive_municipality(self):
        if self.municipality_id is None and self.postcode:
            candidates = list(
                PostalCode.objects.filter(code=self.postcode).values_list(
                    "municipality_id", flat=True
                )
            )
            if len(candidates) == 1:
                self.municipality_id = candidates[0]

    def _derive_neighbourhood(self):
        if self.neighbourhood_id is not None or self.municipality_id is None:
            return
        if self.latitude is not None and self.longitude is not None:
            for candidate in Neighbourhood.objects.filter(
                municipality_id=self.municipality_id
            ).containing(self.latitude, self.longitude):
                if candidate.contains(self.latitude, self.longitude):
                    self.neighbourhood = candidate
                    return

    def _postcode_errors(self):
        if self.municipality_id is None:
            known = set()
        else:
            known = set(
                PostalCode.objects.filter(municipality_id=self.municipality_id).values_list(
                    "code", flat=True
                )
            )
        return validation.postcode_errors(self.postcode, self.municipality, known)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["availability_current"] = freshness.is_current(
            self.availability_confirmed_on, Region.objects.availability_cutoff(request)
        )
        if self.tariff_type == TariffType.INCOME_RELATED:
            context.update(estimate.estimate_context(request))
        return context

    def serve(self, request, *args, **kwargs):
        # A fiche answered with a parent's income estimate is personal: never cached.
        return estimate.private_response(request, super().serve(request, *args, **kwargs))

    def photos_for_display(self):
        """The photos with their images and renditions (Wagtail's {% image %} looks in the
        prefetched renditions first): one query per relation, however many photos."""
        return self.photos.select_related("image").prefetch_related("image__renditions")

    def contract_summary(self):
        """The contract forms and minimum days in one line (`contracts.summary`), or ""."""
        return contracts.summary(self.contract_forms, self.min_days_per_week)

    def language_labels(self):
        return self._meta.get_field("languages").labels(self.languages)

    def opening_hours_by_day(self):
        """Each weekday with its time slots, in week order; closed days have none."""
        slots = {}
        for row in self.opening_hours.all():
            slots.setdefault(row.weekday, []).append(row)
        return [
            (Weekday(day).label, sorted(slots.get(day, []), key=lambda r: r.opens))
            for day in Weekday.values
        ]


class OpeningHours(Orderable):
    """One opening time slot on one weekday."""

    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class ClosingPeriod(Orderable):
    """Days the location is closed (holidays, bridge days), one day or a period."""

    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="closing_periods")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), help_text=_("The same date for a single day."))
    description = models.CharField(_("reason"), max_length=100, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("closing period")
        verbose_name_plural = _("closing periods")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class AgeGroupAvailability(Orderable):
    """Whether a location has room for an age group: free now, free from a month, or full."""

    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="availability")
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices)
    status = models.CharField(_("availability"), max_length=20, choices=AvailabilityStatus.choices)
    free_from = models.DateField(
        _("free from"), null=True, blank=True, help_text=_("Only for 'places free from a date'.")
    )
    free_places = models.PositiveSmallIntegerField(
        _("number of free places"), null=True, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("age_group"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("free_from"), FieldPanel("free_places")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("availability")
        verbose_name_plural = _("availability")

    def clean(self):
        super().clean()
        errors = validation.availability_row_errors(
            self.status, self.free_from, self.free_places, timezone.localdate()
        )
        if errors:
            raise ValidationError(errors)


class LocationPhoto(Orderable):
    """A photo of the location, with the text a screen reader reads out."""

    page = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("photo")
    )
    alt_text = models.CharField(
        _("description for screen readers"),
        max_length=200,
        help_text=_("What the photo shows, e.g. 'the garden with a sandpit'."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
