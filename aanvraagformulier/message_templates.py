"""The locations' own message templates in the Wagtail admin: who edits which, and the views.

A user manages the templates of what they serve (scoping.served_locations): a location's own
templates when they may change its fiche, and the organiser-wide ones (no location) when they
are staff of that organiser (its group). Everything else answers 404: the list, the edit and
delete views start from `templates_for(user)`; the form offers only served organisers and
locations.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from opvanglocaties.models import Organiser

from .models import MessageTemplate
from .scoping import served_locations, serves_locations

ACTIONS = ("add", "change", "delete", "view")


def served_organisers(user):
    """The organisers whose staff group `user` is in (organiser-wide templates are theirs)."""
    if not user.is_active:
        return Organiser.objects.none()
    if user.is_superuser:
        return Organiser.objects.all()
    return Organiser.objects.filter(group__in=user.groups.all())


def templates_for(user):
    """The templates `user` may manage: of the fiches they serve, and organiser-wide ones of
    their organisers."""
    return MessageTemplate.objects.filter(
        Q(location__in=served_locations(user).values("pk"))
        | Q(location__isnull=True, organiser__in=served_organisers(user).values("pk"))
    )


class MessageTemplatePermissionPolicy(BasePermissionPolicy):
    """Anyone who serves a fiche manages templates; which ones is `templates_for`."""

    def __init__(self):
        super().__init__(MessageTemplate)

    def user_has_permission(self, user, action):
        return action in ACTIONS and serves_locations(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return action in ACTIONS and templates_for(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(action in ACTIONS for action in actions):
            return MessageTemplate.objects.none()
        return templates_for(user)


class MessageTemplateForm(WagtailAdminModelForm):
    """Only the user's organisers and fiches to choose from."""

    class Meta:
        model = MessageTemplate
        fields = ["name", "action", "organiser", "location", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        locations = served_locations(user)
        self.fields["location"].queryset = locations.order_by("title")
        self.fields["organiser"].queryset = Organiser.objects.filter(
            Q(pk__in=served_organisers(user).values("pk"))
            | Q(pk__in=locations.values("organiser_id"))
        ).order_by("legal_name")

    def clean(self):
        cleaned = super().clean()
        organiser, location = cleaned.get("organiser"), cleaned.get("location")
        whole_organiser = organiser is not None and location is None
        mine = served_organisers(self.for_user)
        if whole_organiser and not mine.filter(pk=organiser.pk).exists():
            raise ValidationError(
                {"location": _("Choose your location: you do not serve the whole organiser.")}
            )
        return cleaned


class ScopedObjectMixin:
    """The object comes from the user's templates: another organiser's answers 404."""

    def get_queryset(self):
        return templates_for(self.request.user)


class EditView(ScopedObjectMixin, generic.EditView):
    pass


class DeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return templates_for(self.request.user).select_related("organiser", "location")


class MessageTemplateViewSet(ModelViewSet):
    model = MessageTemplate
    name = "aanvraagformulier_message_templates"
    url_prefix = "berichtsjablonen"
    icon = "mail"
    menu_label = _("Message templates")
    menu_order = 206
    add_to_admin_menu = True
    edit_handler = ObjectList(
        [FieldPanel(name) for name in MessageTemplateForm.Meta.fields],
        base_form_class=MessageTemplateForm,
    )
    list_display = ["name", "action", "organiser", "location"]
    list_filter = ["action"]
    inspect_view_enabled = False
    copy_view_enabled = False
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView

    @property
    def permission_policy(self):
        return MessageTemplatePermissionPolicy()
