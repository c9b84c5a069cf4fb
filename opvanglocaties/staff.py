"""Provider staff accounts: who manages whose, making an account, and ending one.

Seed 000 art. 2 §7: each organiser tells the loket who works with the portal and at what
level, and asks for a leaver's login to be removed. Here:

- the loket of a region manages the staff of the organisers it serves
  (`permissions.organisers_served_by`) and of the locations on its region's websites;
- a location group (role LOCATION_GROUP) manages the staff of its own organiser(s) and of
  their locations, nobody else's;
- location staff (role LOCATION) and every other role manage nobody.

An account is scoped to an organiser (role LOCATION_GROUP plus the organiser's group: every
fiche in its folders) or to one location (role LOCATION plus the location's own staff group).
Only provider accounts are managed here: superusers and accounts holding any other role are
the administrators' (Wagtail's own user admin), so a loket cannot lock out a colleague.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.roles import LOCATION, LOCATION_GROUP, PROVIDER_ROLES, ROLE_GROUPS, has_role, role_group

from .models import LocationPage, Organiser
from .permissions import (
    is_loket,
    location_staff_group,
    loket_regions,
    organisers_served_by,
    region_location_indexes,
)

# Roles whose holders are never managed here (they are not provider staff).
OTHER_ROLES = tuple(name for name in ROLE_GROUPS if name not in PROVIDER_ROLES)


def _paths_in_regions(regions):
    """A filter for the pages on the regions' location indexes."""
    paths = Q(pk__in=[])
    for region in regions:
        for index in region_location_indexes(region):
            paths |= Q(path__startswith=index.path)
    return paths


class StaffScope:
    """The organisers and locations whose staff one user manages (read lazily, once)."""

    def __init__(self, user):
        self.user = user
        self._organisers = None
        self._locations = None

    @property
    def organisers(self):
        """Organisers whose staff the user manages (a queryset)."""
        if self._organisers is None:
            self._organisers = self._read_organisers()
        return self._organisers

    @property
    def locations(self):
        """Locations whose own staff the user manages (a queryset)."""
        if self._locations is None:
            self._locations = self._read_locations()
        return self._locations

    def _read_organisers(self):
        user = self.user
        if not user.is_active:
            return Organiser.objects.none()
        if user.is_superuser:
            return Organiser.objects.all()
        served = Organiser.objects.none()
        if is_loket(user):
            served = organisers_served_by(user)
        if has_role(user, LOCATION_GROUP):
            served = served | Organiser.objects.filter(group__user=user)
        return Organiser.objects.filter(pk__in=served.values("pk"))

    def _read_locations(self):
        user = self.user
        if not user.is_active:
            return LocationPage.objects.none()
        if user.is_superuser:
            return LocationPage.objects.all()
        wanted = _paths_in_regions(loket_regions(user))
        if has_role(user, LOCATION_GROUP):
            wanted |= Q(organiser__group__user=user)
        return LocationPage.objects.filter(wanted)

    def manages_anyone(self):
        """Whether the user manages staff at all (the loket, a location group, a superuser)."""
        user = self.user
        return user.is_active and (
            user.is_superuser or is_loket(user) or has_role(user, LOCATION_GROUP)
        )

    def accounts(self):
        """The provider accounts the user manages, active or not, by name."""
        User = get_user_model()
        groups = Group.objects.filter(
            Q(organiser__in=self.organisers.values("pk"))
            | Q(location_page__in=self.locations.values("pk"))
        )
        return (
            User.objects.filter(pk__in=User.objects.filter(groups__in=groups).values("pk"))
            .exclude(is_superuser=True)
            .exclude(pk__in=User.objects.filter(groups__name__in=OTHER_ROLES).values("pk"))
            .prefetch_related(
                Prefetch(
                    "groups",
                    queryset=Group.objects.select_related("organiser", "location_page"),
                )
            )
            .order_by("last_name", "first_name", "pk")
        )

    def choices(self):
        """(value, label) pairs for the scope of a new account: organisers, then locations."""
        organisers = [
            (f"organiser:{organiser.pk}", _("All locations of %(name)s") % {"name": organiser})
            for organiser in self.organisers.order_by("legal_name")
        ]
        locations = [
            (f"location:{page.pk}", page.title)
            for page in self.locations.order_by("title").only("pk", "title")
        ]
        return [
            (_("Organiser (location group)"), organisers),
            (_("One location"), locations),
        ]

    def resolve(self, value):
        """The Organiser or LocationPage a choice names, if this user manages it (else None)."""
        kind, _sep, pk = value.partition(":")
        if not pk.isdigit():
            return None
        if kind == "organiser":
            return self.organisers.filter(pk=pk).first()
        if kind == "location":
            return self.locations.filter(pk=pk).first()
        return None


def workplaces(account):
    """What an account works for, as the list shows it (from its prefetched groups)."""
    names = []
    for group in account.groups.all():
        organiser = getattr(group, "organiser", None)
        if organiser is not None:
            names.append(_("%(name)s (all locations)") % {"name": organiser.legal_name})
        page = getattr(group, "location_page", None)
        if page is not None:
            names.append(page.title)
    return names


@transaction.atomic
def create_account(*, email, first_name, last_name, workplace):
    """A new provider account for `workplace` (an Organiser or a LocationPage).

    No password: the person chooses one through the activation mail (`send_activation`),
    then enrols a second factor at their first login (core.twofactor).
    """
    User = get_user_model()
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    if isinstance(workplace, Organiser):
        user.groups.add(role_group(LOCATION_GROUP), workplace.group)
    else:
        user.groups.add(role_group(LOCATION), location_staff_group(workplace))
    return user


@transaction.atomic
def reactivate_account(user):
    """A returning colleague: the account is on again, without a usable password.

    They choose a new password through a fresh activation mail and enrol a new second factor
    at their first login (deactivation removed both the sessions and the devices), so nothing
    of the old access comes back by itself.
    """
    user.is_active = True
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    return user


def activation_link(request, user):
    """The link where `user` sets a password (Django's reset token: single use, expires
    after PASSWORD_RESET_TIMEOUT, void once the password changed)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return request.build_absolute_uri(path)


def send_activation(request, user):
    """Mail `user` the activation link (through the queued mail, after the commit)."""
    context = {"user": user, "link": activation_link(request, user)}
    send_mail(
        _("Your account on Opvangpunt"),
        render_to_string("opvanglocaties/staff/activation_email.txt", context),
        None,
        [user.email],
    )
