"""Who may do what with the fiche pages: Wagtail's permission tester, plus our rules."""

from wagtail.models import PagePermissionTester

from core.publishing import OfflineRightsMixin

from ..panels import LICENCE_PERMISSION


class FichePermissionTester(OfflineRightsMixin, PagePermissionTester):
    """Providers edit and publish their fiches; only the loket takes one offline.

    A location leaving the portal is the loket's decision (the user agreement, seed 000):
    unpublishing, an expiry date or a view restriction on a fiche, a folder or the index
    needs the loket's permission as well as publish rights on the page (which the loket
    has on its own region's indexes only). Providers ask the loket instead
    (opvanglocaties.removal).
    """

    def can_take_offline(self):
        return super().can_take_offline() and (
            self.user.is_superuser or self.user.has_perm(LICENCE_PERMISSION)
        )


class FichePermissionsMixin:
    """The fiche's permission tester for the index, the organiser folders and the fiches."""

    def permissions_for_user(self, user):
        return FichePermissionTester(user, self)
