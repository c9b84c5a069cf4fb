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

    def _is_loket(self):
        return self.user.is_superuser or self.user.has_perm(LICENCE_PERMISSION)

    def can_take_offline(self):
        return super().can_take_offline() and self._is_loket()

    # Deleting, moving or copying a fiche or folder is the loket's: a fiche exists as long as
    # its licence, under its organiser's folder (issue 14.13: providers were offered Move,
    # Copy and Delete in the menus and then refused). Saying no here hides them everywhere
    # Wagtail offers them, and its views refuse them as before (the delete hooks stay).

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._is_loket()

    def can_move(self):
        return super().can_move() and self._is_loket()

    def can_copy(self):
        return super().can_copy() and self._is_loket()


class FichePermissionsMixin:
    """The fiche's permission tester for the index, the organiser folders and the fiches."""

    def permissions_for_user(self, user):
        return FichePermissionTester(user, self)
