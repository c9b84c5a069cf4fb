"""A location's own messages to parents (seed 000 art. 1 §1: each location its own
communication): texts its staff pick when they decide on a request."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionAction(models.TextChoices):
    """The decisions a location takes on a row (the keys of `transitions.TRANSITIONS`)."""

    ACCEPT_FOR_REVIEW = "accept_for_review", _("Accept for review")
    NO_PLACE = "no_place", _("No place")
    APPROVE = "approve", _("Offer a place")
    NOT_APPROVE = "not_approve", _("Not approved")
    ENROL = "enrol", _("Enrolled")


class MessageTemplate(models.Model):
    """A text an organiser (all its locations) or one location sends with a decision.

    Who edits which template is `aanvraagformulier.message_templates` (the staff of the
    organiser, or of that one location). The text goes into the parent's mail as it stands:
    it should hold no personal data (it is the same for every family).
    """

    organiser = models.ForeignKey(
        "opvanglocaties.Organiser",
        on_delete=models.CASCADE,
        related_name="message_templates",
        verbose_name=_("organiser"),
    )
    location = models.ForeignKey(
        "opvanglocaties.LocationPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        verbose_name=_("location"),
        help_text=_("Leave empty to use this message at every location of the organiser."),
    )
    name = models.CharField(_("name"), max_length=100)
    action = models.CharField(_("for the decision"), max_length=20, choices=DecisionAction.choices)
    text = models.TextField(_("text"), max_length=2000)

    class Meta:
        ordering = ["action", "name"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self):
        return self.name

    def clean(self):
        location = self.location if self.location_id else None
        if location is not None and location.organiser_id != self.organiser_id:
            raise ValidationError({"location": _("This location belongs to another organiser.")})

    @classmethod
    def for_row(cls, row):
        """The templates offered on `row`: its location's own and its organiser's."""
        location = row.location
        if location is None:
            return cls.objects.none()
        return cls.objects.filter(
            models.Q(location=location)
            | models.Q(location__isnull=True, organiser_id=location.organiser_id)
        )
