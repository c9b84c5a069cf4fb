"""The admin form of the fiche: rules that span several inline rows."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.permissions import policy_registry

from core.forms import PortalPageForm

from . import validation


def _kept_forms(formset):
    """The inline forms that will be saved: not deleted and with clean data."""
    kept = []
    for form in formset.forms:
        form.errors  # noqa: B018 - runs the row's own validation so cleaned_data exists
        if form.cleaned_data and not form.cleaned_data.get("DELETE"):
            kept.append(form)
    return kept


class LocationPageForm(PortalPageForm):
    """Adds the checks across opening-hour and availability rows, each shown at its row.

    A new fiche starts with its region's default response deadline.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.parent_page is not None:
            # A new fiche has no place in the tree yet: its rules come from where it will be.
            region = type(self.instance).region_under(self.parent_page)
            self.instance.publishing_region = region
            if region is not None and "response_deadline_days" in self.fields:
                self.initial["response_deadline_days"] = region.default_response_deadline_days

    def clean(self):
        cleaned_data = super().clean()
        self._check_opening_hours()
        self._check_availability()
        self._confirm_changed_availability()
        return cleaned_data

    def _confirm_changed_availability(self):
        """Saving changed availability confirms it today (issue 14): whoever changes the rows
        has just looked at them. A date typed in the field itself is kept as typed."""
        formset = self.formsets.get("availability")
        if (
            formset is None
            or "availability_confirmed_on" not in self.fields
            or "availability_confirmed_on" in self.changed_data
            or "availability_confirmed_on" in self.errors
        ):
            return
        if formset.has_changed():
            self.cleaned_data["availability_confirmed_on"] = timezone.localdate()

    def _check_opening_hours(self):
        formset = self.formsets.get("opening_hours")
        if formset is None:
            return
        forms = _kept_forms(formset)
        rows = [
            (
                f.cleaned_data.get("weekday"),
                f.cleaned_data.get("opens"),
                f.cleaned_data.get("closes"),
            )
            for f in forms
        ]
        for index in validation.opening_hours_overlaps(rows):
            forms[index].add_error(
                "opens", _("This time slot overlaps another slot on the same day.")
            )

    def _check_availability(self):
        formset = self.formsets.get("availability")
        if formset is None:
            return
        forms = _kept_forms(formset)
        groups = [f.cleaned_data.get("age_group") for f in forms]
        for index in validation.duplicate_indexes(groups):
            forms[index].add_error("age_group", _("This age group is listed twice."))
        # Providers do not have the licence fields in their form: the stored value counts.
        capacity = self.cleaned_data.get("licensed_capacity", self.instance.licensed_capacity)
        for form in forms:
            errors = validation.free_places_errors(form.cleaned_data.get("free_places"), capacity)
            for field, messages in errors.items():
                for message in messages:
                    form.add_error(field, message)


class OrganiserPageForm(PortalPageForm):
    """An organiser's folder: the loket gives it only an organiser of its own region.

    Which organisers those are is the organiser permission policy's answer
    (opvanglocaties.policies); without this check a folder under one's own index would make
    another region's organiser one's own.
    """

    def clean_organiser(self):
        organiser = self.cleaned_data.get("organiser")
        if organiser is None or self.for_user is None:
            return organiser
        policy = policy_registry.get_by_type(type(organiser))
        if not policy.user_has_any_permission_for_instance(
            self.for_user, ("view", "change"), organiser
        ):
            raise ValidationError(_("Choose an organiser of your own region."))
        return organiser
