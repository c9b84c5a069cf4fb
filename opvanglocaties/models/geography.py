"""Municipalities, postal codes, neighbourhoods and regions.

Polygons are stored as GeoJSON geometry in a JSON field, with a bounding box in plain columns
so that a query can pre-filter without a spatial database: the embedded default is SQLite and
no PostGIS or SpatiaLite is needed. Exact point-in-polygon tests use shapely on that small set.
"""

from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from model_utils import FieldTracker
from shapely.geometry import Point, shape
from wagtail.models import Site

from core import cache as page_cache

from .. import freshness

FLEMISH_REGION_CODE = "02000"
REGION_CACHE_SECONDS = 3600
NO_REGION = "none"  # cached for a site without a region (None cannot be told from a miss)


class Municipality(models.Model):
    """A Belgian municipality as Statbel lists it (NIS code), after the 2025 mergers."""

    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    # In the URLs of search filters and landing pages ("/zoeken/?gemeente=sint-niklaas").
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province_code = models.CharField(_("province code"), max_length=5, blank=True)
    province_name = models.CharField(_("province"), max_length=100, blank=True)
    region_code = models.CharField(
        _("Belgian region code"),
        max_length=5,
        help_text=_("02000 is the Flemish Region."),
    )
    neighbours = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        verbose_name=_("neighbouring municipalities"),
    )

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name_nl

    @property
    def is_flemish(self):
        return self.region_code == FLEMISH_REGION_CODE


class PostalCode(models.Model):
    """A postal code and one municipality it serves (a code can serve several)."""

    code = models.CharField(_("postal code"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="postal_codes",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
        constraints = [
            models.UniqueConstraint(fields=["code", "municipality"], name="unique_postal_code")
        ]

    def __str__(self):
        return f"{self.code} {self.municipality}"


class NeighbourhoodQuerySet(models.QuerySet):
    def containing(self, latitude, longitude):
        """Neighbourhoods whose bounding box holds the point (exact test: `contains`)."""
        return self.filter(
            min_latitude__lte=latitude,
            max_latitude__gte=latitude,
            min_longitude__lte=longitude,
            max_longitude__gte=longitude,
        )


class Neighbourhood(models.Model):
    """A wijk or district of a municipality, with an optional (approximate) polygon."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    postcode = models.CharField(
        _("main postal code"), max_length=4, blank=True, help_text=_("Used to suggest the wijk.")
    )
    geometry = models.JSONField(
        _("polygon (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon or MultiPolygon geometry in WGS84 (longitude, latitude)."),
    )
    min_latitude = models.FloatField(null=True, blank=True, editable=False)
    max_latitude = models.FloatField(null=True, blank=True, editable=False)
    min_longitude = models.FloatField(null=True, blank=True, editable=False)
    max_longitude = models.FloatField(null=True, blank=True, editable=False)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name_nl", "name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="unique_neighbourhood_slug"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The bounding box is derived from the polygon, so it can never disagree with it.
        self.__dict__.pop("shape", None)
        polygon = self.shape
        if polygon is None:
            self.min_latitude = self.max_latitude = None
            self.min_longitude = self.max_longitude = None
        else:
            min_lon, min_lat, max_lon, max_lat = polygon.bounds
            self.min_latitude, self.max_latitude = min_lat, max_lat
            self.min_longitude, self.max_longitude = min_lon, max_lon
        super().save(*args, **kwargs)

    @cached_property
    def shape(self):
        """The polygon as a shapely geometry, or None."""
        return shape(self.geometry) if self.geometry else None

    def contains(self, latitude, longitude):
        """True when the point lies inside the polygon (boundary included)."""
        polygon = self.shape
        return bool(polygon) and polygon.intersects(Point(longitude, latitude))


class RegionQuerySet(models.QuerySet):
    def for_site(self, site):
        """The region whose website `site` is, or None (a site without a region)."""
        if site is None:
            return None
        return self.filter(site=site).first()

    def serving(self, municipality):
        """The region whose loket serves `municipality`, or None.

        Not the same question as `for_site`: a fiche on Gent's website may lie in a
        neighbouring municipality that another region (or none) serves.
        """
        if municipality is None:
            return None
        return self.filter(municipalities=municipality).order_by("pk").first()


class RegionManager(models.Manager.from_queryset(RegionQuerySet)):
    REQUEST_CACHE_ATTRIBUTE = "_opvangpunt_region"

    def for_request(self, request):
        """The region of the site this request is for, looked up once per request.

        Cached on the request the way Wagtail's `BaseSiteSetting.for_request` caches site
        settings: the page, its template tags, the search and the request form all ask. Across
        requests it is kept per site until the next publication (`cached_for_site`).
        """
        if request is None:
            return None
        if not hasattr(request, self.REQUEST_CACHE_ATTRIBUTE):
            site = Site.find_for_request(request)
            setattr(request, self.REQUEST_CACHE_ATTRIBUTE, self.cached_for_site(site))
        return getattr(request, self.REQUEST_CACHE_ATTRIBUTE)

    def availability_cutoff(self, request):
        """The freshness cut-off (`freshness.stale_before`) of the region of this request."""
        return freshness.stale_before(self.for_request(request))

    def cached_for_site(self, site):
        """`for_site(site)` with its municipality ids, from the cache of the publication
        generation (`core.cache`: a change to a region, a municipality, a wijk or a postal
        code bumps it too, opvanglocaties.signals)."""
        if site is None:
            return None
        key = f"region-for-site:{page_cache.generation()}:{site.pk}"
        region = cache.get(key)
        if region is None:
            region = self.get_queryset().for_site(site)
            if region is not None:
                region.municipality_ids()  # kept on the instance, and so in the cache
            cache.set(key, region if region is not None else NO_REGION, REGION_CACHE_SECONDS)
        return None if isinstance(region, str) else region


class Region(models.Model):
    """The municipalities one loket serves, with that loket's rules.

    A region is served by one Wagtail Site; parents may still search and request across its
    border into neighbouring municipalities. Its loket is a group of its own (`loket_group`,
    made with the region: opvanglocaties.signals), scoped to the region's fiches, organisers
    and settings (opvanglocaties.permissions).
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    site = models.OneToOneField(
        "wagtailcore.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="region",
        verbose_name=_("website"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="regions", verbose_name=_("municipalities"), blank=True
    )
    default_response_deadline_days = models.PositiveSmallIntegerField(
        _("default response deadline (days)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("As agreed in the local childcare council (LOK)."),
    )
    min_response_deadline_days = models.PositiveSmallIntegerField(
        _("shortest allowed response deadline (days)"),
        default=1,
        validators=[MinValueValidator(1)],
    )
    max_response_deadline_days = models.PositiveSmallIntegerField(
        _("longest allowed response deadline (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    loket_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="loket_region",
        verbose_name=_("loket group"),
        help_text=_(
            "Its members are this region's loket: its fiches, organisers and settings "
            "(with the Loket role for the admin)."
        ),
    )
    requires_moderation = models.BooleanField(
        _("fiches need the loket's approval"),
        default=False,
        help_text=_(
            "When on, providers submit changes to their fiche for moderation by the loket "
            "instead of publishing them directly."
        ),
    )

    # -- Rules of the request form (aanvraagformulier.rules reads them; parents see them) ----
    max_locations_per_request = models.PositiveSmallIntegerField(
        _("locations per request"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many locations a parent may ask for in one request."),
    )
    request_max_months_ahead = models.PositiveSmallIntegerField(
        _("start date at most (months ahead)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("How far ahead the start of care may lie when a parent files a request."),
    )
    request_min_days_before_start = models.PositiveSmallIntegerField(
        _("request at least (days before the start)"),
        default=0,
        validators=[MaxValueValidator(365)],
        help_text=_("How early before the start of care a request must be filed (0: any time)."),
    )
    request_priority_rules = models.ManyToManyField(
        "opvanglocaties.PriorityRule",
        blank=True,
        related_name="regions",
        verbose_name=_("priority rules parents may declare"),
    )
    asks_national_number = models.BooleanField(_("ask the national register number"), default=False)
    asks_income_indicator = models.BooleanField(_("ask the income indicator"), default=False)
    confirmation_days = models.PositiveSmallIntegerField(
        _("days to confirm the need for care"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "How many days a parent has to confirm they still need care when asked; "
            "without an answer the request expires."
        ),
    )
    # -- Freshness of the fiches' availability (opvanglocaties.freshness) -------------------
    availability_fresh_days = models.PositiveSmallIntegerField(
        _("availability stays confirmed for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Availability a location has not confirmed for longer is shown to parents as "
            "unconfirmed, and its staff get a reminder (one per period)."
        ),
    )

    # -- Retention (aanvraagformulier.retention reads it) --------------------------------
    # Seed 002, method 1: "after a time x (child 2.5 years)" a closed request no longer shows
    # the parent's name or contact data, to anyone; anonymisation follows after 5 years.
    reduce_closed_requests_at_child_months = models.PositiveSmallIntegerField(
        _("closed requests show less from the child's age (months)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Once the child is this old, a closed request no longer shows the parent's name "
            "or contact data to locations or the loket. After 5 years it is anonymised."
        ),
    )

    objects = RegionManager()
    tracker = FieldTracker(fields=["name", "requires_moderation", "site"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_response_deadline_days__lte=models.F("max_response_deadline_days")),
                name="region_deadline_bounds_ordered",
            )
        ]

    def __str__(self):
        return self.name

    def municipality_ids(self):
        """The ids of the region's municipalities, read once per instance (a region from
        `Region.objects.for_request` carries them in the cache)."""
        if "_municipality_ids" not in self.__dict__:
            self._municipality_ids = set(self.municipalities.values_list("pk", flat=True))
        return self._municipality_ids

    @property
    def moderation_changed(self):
        """True for a new region or when `requires_moderation` differs from the stored value.

        Saving a region re-grants its fiches only then (the grant walks every fiche).
        """
        return self.pk is None or self.tracker.has_changed("requires_moderation")

    @property
    def site_changed(self):
        """True for a new region or when its website differs from the stored one."""
        return self.pk is None or self.tracker.has_changed("site")

    def clean(self):
        super().clean()
        low, high = self.min_response_deadline_days, self.max_response_deadline_days
        default = self.default_response_deadline_days
        if low is None or high is None or default is None:
            return
        if low > high:
            raise ValidationError(
                {
                    "max_response_deadline_days": _(
                        "The longest deadline must not be shorter than the shortest."
                    )
                }
            )
        if not low <= default <= high:
            raise ValidationError(
                {
                    "default_response_deadline_days": _(
                        "The default deadline must lie between the shortest and the longest."
                    )
                }
            )
