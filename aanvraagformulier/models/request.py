"""A parent's request for childcare (`ChildcareRequest`) and the locations it asks for.

One request, several locations in the parent's order of preference; each location handles
its own row (`RequestedLocation`) with its own status, due date and history (seed 000 art. 2
§4: each location answers within its response deadline).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..fields import EncryptedTextField
from .base import PrivateModel

# Read out on the phone: no 0/O, 1/I/L, and grouped in fours.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference():
    """A reference code such as "K7QM-3XRA" (31^8, about 850 billion codes)."""
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class RequestStatus(models.TextChoices):
    """Statuses of a requested location (design.md, seed 002)."""

    NEW = "new", _("new")
    NO_PLACE = "no_place", _("no place")
    ACCEPTED_FOR_REVIEW = "accepted_for_review", _("accepted for review")
    APPROVED = "approved", _("approved (place offered)")
    NOT_APPROVED = "not_approved", _("not approved")
    ENROLLED = "enrolled", _("enrolled")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")
    # The parent accepted a place at another location: this row closes, and its location
    # no longer sees contact data (issue 12, visibility).
    PLACE_ELSEWHERE = "place_elsewhere", _("place found elsewhere")
    # The parent declined this location's offer on the private link (issue 12): closed, like
    # a withdrawal of this one row; the location no longer sees contact data.
    OFFER_DECLINED = "offer_declined", _("offer declined by the parent")
    # The loket confirmed a location's proposal that the request is no longer current
    # (seed 000 art. 2 §6): every open row of the request closes with this status.
    NO_LONGER_CURRENT = "no_longer_current", _("no longer current")


class StaleReason(models.TextChoices):
    """Why a location proposes that a request is no longer current (seed 000 art. 2 §6)."""

    CARE_ELSEWHERE = "care_elsewhere", _("care found elsewhere")
    MOVED = "moved", _("moved away")
    NO_RESPONSE = "no_response", _("the parent does not respond")
    OTHER = "other", _("other reason")


# A request is open while one of its locations may still offer a place.
OPEN_STATUSES = (
    RequestStatus.NEW,
    RequestStatus.NO_PLACE,
    RequestStatus.ACCEPTED_FOR_REVIEW,
    RequestStatus.APPROVED,
)


class CarePart(models.TextChoices):
    """Care on one weekday (opvangdelen)."""

    FULL = "full", _("full day")
    HALF = "half", _("half day")


class IncomeIndicator(models.TextChoices):
    """The family's income, in the bands the income-related tariff uses (seed 000 art. 4 §3)."""

    LOW = "low", _("low income (reduced or minimum tariff)")
    MIDDLE = "middle", _("middle income")
    HIGH = "high", _("high income (maximum tariff)")
    UNKNOWN = "unknown", _("I do not know")


class ChildcareRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests with at least one location that may still offer a place."""
        return self.filter(
            anonymised_at__isnull=True, locations__status__in=OPEN_STATUSES
        ).distinct()


class ChildcareRequest(PrivateModel):
    """One request for care for one child, to one or more locations.

    Personal data is limited to what the region asks (seed 002, data minimisation); who sees
    which field when is issue 12's visibility policy. The national register number is
    encrypted (fields.EncryptedTextField) and found again only through its keyed hash.
    """

    reference = models.CharField(
        _("reference"), max_length=9, unique=True, default=new_reference, editable=False
    )
    # Issued with the form; a second submit of the same form finds this request (services).
    idempotency_token = models.CharField(max_length=64, unique=True, editable=False)
    # What the private link signs: replaced on erasure, which makes every old link void.
    access_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        "opvanglocaties.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("region"),
    )
    language = models.CharField(_("language"), max_length=10, default="nl")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filed_requests",
        verbose_name=_("filed by (referrer)"),
    )

    # The parent
    parent_first_name = models.CharField(_("first name"), max_length=100)
    parent_last_name = models.CharField(_("last name"), max_length=100)
    parent_birth_date = models.DateField(_("parent's date of birth"), null=True, blank=True)
    partner_name = models.CharField(_("other parent's name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.ForeignKey(
        "opvanglocaties.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    national_number = EncryptedTextField(_("national register number"), blank=True)
    national_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    income_indicator = models.CharField(
        _("income indicator"), max_length=10, choices=IncomeIndicator.choices, blank=True
    )

    # The child and the care plan
    child_birth_date = models.DateField(_("child's date of birth"))
    child_is_expected = models.BooleanField(_("expected date of birth"), default=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # {"0": "full", "2": "half"}: weekday (Monday 0) to CarePart; days without care left out.
    care_parts = models.JSONField(_("care parts"), default=dict)

    # The region's priority rules the parent declared on honour (PriorityRule codes).
    priority_rule_codes = models.JSONField(_("priority rules declared"), default=list)
    declared_on_honour_at = models.DateTimeField(null=True, blank=True)

    emergency_list = models.BooleanField(_("on the emergency list"), default=False)
    # Same parent and child as an open request (services.find_duplicate).
    duplicate_key = models.CharField(max_length=64, blank=True, db_index=True)
    probable_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="probable_duplicates",
        verbose_name=_("probable duplicate of"),
    )
    last_confirmed_at = models.DateTimeField(_("need for care last confirmed"))
    created_at = models.DateTimeField(_("filed on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True)
    # Housekeeping markers (aanvraagformulier.confirmations, .retention), each written in the
    # transaction that queues the mail or hides the data, so a second run skips the request.
    confirmation_prompted_at = models.DateTimeField(
        _("asked to confirm the need for care on"), null=True, blank=True
    )
    retention_reduced_at = models.DateTimeField(
        _("shows less since"),
        null=True,
        blank=True,
        help_text=_("Closed and past the region's period: no name or contact data shown."),
    )

    history = HistoricalRecords(bases=[PrivateModel])
    objects = ChildcareRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("childcare request")
        verbose_name_plural = _("childcare requests")

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.anonymised_at is None and any(
            row.status in OPEN_STATUSES for row in self.locations.all()
        )


class RequestedLocation(PrivateModel):
    """One location a request asks for, handled by that location: status, due date, history."""

    request = models.ForeignKey(
        ChildcareRequest,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("request"),
    )
    location = models.ForeignKey(
        "opvanglocaties.LocationPage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="requests",
        verbose_name=_("location"),
    )
    # The request's region, copied when the row is made (a request never changes region): the
    # loket's scope and its counts per status then need no join to the requests, and the
    # index below answers them from the index alone (bench/README.md, backoffice_list).
    region = models.ForeignKey(
        "opvanglocaties.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        db_index=False,
        verbose_name=_("region"),
    )
    # Kept so the parent's overview still names a fiche that was deleted later.
    location_title = models.CharField(_("location name"), max_length=255)
    preference = models.PositiveSmallIntegerField(_("preference"))
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed on"))
    due_date = models.DateField(_("answer due by"))
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)
    # The location's message to the parent with its last decision (a template's text and/or
    # free text): mailed to the parent and shown on the private page; each version in the
    # history keeps the message of that decision (the row's timeline). Erased with the request.
    message = models.TextField(_("message to the parent"), blank=True)
    # The parent accepted this row's offer (status stays "approved"; the request's other open
    # rows closed as "place found elsewhere" at the same moment). Null: not (yet) accepted.
    parent_accepted_at = models.DateTimeField(_("offer accepted by the parent on"), null=True)
    # A location's pending proposal that the request is no longer current: the loket of the
    # request's region confirms (the request's open rows close) or rejects it (cleared).
    stale_reason = models.CharField(
        _("no longer current because"), max_length=20, choices=StaleReason.choices, blank=True
    )
    stale_note = models.CharField(_("explanation"), max_length=300, blank=True)
    stale_proposed_at = models.DateTimeField(_("proposed as no longer current on"), null=True)

    history = HistoricalRecords(bases=[PrivateModel])

    class Meta:
        ordering = ["request", "preference"]
        verbose_name = _("requested location")
        verbose_name_plural = _("requested locations")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "location"],
                condition=Q(location__isnull=False),
                name="one_row_per_location_per_request",
            )
        ]
        # The list's usual question: open rows of a status by due date (filters and sort).
        indexes = [
            models.Index(fields=["status", "due_date"], name="row_status_due"),
            # The loket's list: its region's rows by status and due date, counts per status.
            models.Index(fields=["region", "status", "due_date"], name="row_region_status_due"),
            # A served fiche's rows outside the user's loket regions, read from the index.
            models.Index(fields=["location", "region", "status"], name="row_location_region"),
        ]

    def __str__(self):
        return f"{self.request.reference}: {self.location_title}"

    def save(self, *args, **kwargs):
        if self.region_id is None and self.request_id is not None:
            self.region_id = self.request.region_id
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def stale_proposed(self):
        """Whether a proposal "no longer current" waits for the loket."""
        return self.stale_proposed_at is not None and self.is_open

    @property
    def offer_open(self):
        """Whether the parent may still accept or decline this row's offer."""
        return self.status == RequestStatus.APPROVED and self.parent_accepted_at is None
