"""The availability of many fiches in one form, for an organiser with many (issue 14.13).

One row per fiche, one group of fields per age group. A row that changed goes through the
same rules as the fiche's own form (`validation`), becomes a new revision of that fiche
(history kept) with the availability confirmed today, and is published when the user may
publish; in a region with moderation it goes to the loket's workflow instead, as a save in
the fiche's own form would. Rows with an error are shown again with the message next to the
field; the other rows are saved.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import validation
from .choices import AgeGroup, AvailabilityStatus
from .models import AgeGroupAvailability

UNSET = ""
STATUS_CHOICES = [(UNSET, _("not given")), *AvailabilityStatus.choices]


def _field(group, name):
    return f"{group}_{name}"


class FicheAvailabilityForm(forms.Form):
    """The availability of one fiche: status, free from and free places per age group."""

    def __init__(self, *args, page, **kwargs):
        self.page = page
        rows = {row.age_group: row for row in page.availability.all()}
        initial = {}
        for group in AgeGroup.values:
            row = rows.get(group)
            initial[_field(group, "status")] = row.status if row else UNSET
            initial[_field(group, "free_from")] = row.free_from if row else None
            initial[_field(group, "free_places")] = row.free_places if row else None
        super().__init__(*args, initial=initial, prefix=f"fiche-{page.pk}", **kwargs)
        for group, label in AgeGroup.choices:
            self.fields[_field(group, "status")] = forms.ChoiceField(
                label=label, choices=STATUS_CHOICES, required=False
            )
            self.fields[_field(group, "free_from")] = forms.DateField(
                label=_("free from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields[_field(group, "free_places")] = forms.IntegerField(
                label=_("number of free places"), required=False, min_value=0, max_value=999
            )

    def groups(self):
        """(label, status field, free-from field, free-places field) per age group."""
        return [
            (
                label,
                self[_field(group, "status")],
                self[_field(group, "free_from")],
                self[_field(group, "free_places")],
            )
            for group, label in AgeGroup.choices
        ]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for group in AgeGroup.values:
            status = cleaned.get(_field(group, "status"))
            if not status:
                continue
            free_from = cleaned.get(_field(group, "free_from"))
            places = cleaned.get(_field(group, "free_places"))
            errors = validation.merge(
                validation.availability_row_errors(status, free_from, places, today),
                validation.free_places_errors(places, self.page.licensed_capacity),
            )
            for field, messages in errors.items():
                for message in messages:
                    self.add_error(_field(group, field), message)
        return cleaned

    def rows(self):
        """The availability rows the cleaned form describes (unsaved)."""
        rows = []
        for group in AgeGroup.values:
            status = self.cleaned_data.get(_field(group, "status"))
            if status:
                rows.append(
                    AgeGroupAvailability(
                        age_group=group,
                        status=status,
                        free_from=self.cleaned_data.get(_field(group, "free_from"))
                        if status == AvailabilityStatus.FREE_FROM
                        else None,
                        free_places=self.cleaned_data.get(_field(group, "free_places")),
                    )
                )
        return rows


def forms_for(pages, data=None):
    """One `FicheAvailabilityForm` per page (fetched with their availability rows)."""
    return [FicheAvailabilityForm(data, page=page) for page in pages]


def save(form, user):
    """A new revision of the form's fiche with its availability, confirmed today; published
    when `user` may, else submitted to the fiche's workflow (moderation). Returns "published",
    "submitted" or "saved"."""
    page = form.page.get_latest_revision_as_object()
    page.availability = form.rows()
    page.availability_confirmed_on = timezone.localdate()
    revision = page.save_revision(user=user, log_action=True)
    tester = page.permissions_for_user(user)
    if tester.can_publish():
        revision.publish(user=user)
        return "published"
    workflow = page.get_workflow()
    if workflow is not None and tester.can_submit_for_moderation():
        workflow.start(page, user)
        return "submitted"
    return "saved"
