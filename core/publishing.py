"""Who may take a page offline, whatever the path: unpublish, expiry, privacy, aliases.

Wagtail lets whoever may publish a page also unpublish it, schedule its expiry (`expire_at`
in the page form) and put it behind a password or a login (view restrictions). Here taking
a page offline is a right of its own, `can_take_offline()` on the page's permission tester:

- `can_unpublish()` and `can_set_view_restrictions()` need it (the admin's unpublish and
  privacy views, their bulk actions and menu items all ask these);
- the page form locks `expire_at` for whoever lacks it (`core.forms.PortalPageForm`);
- unpublishing a page also unpublishes its aliases, so the hooks in `core.wagtail_hooks`
  refuse it when the user may not take one of those aliases offline (`aliases_blocking`).

Page types decide who holds the right by overriding `can_take_offline()` in their tester:
the home page not for communication staff (home.models.pages), fiches and folders only for
the loket (opvanglocaties.models.pages).
"""

from wagtail.models import Page, PagePermissionTester


class OfflineRightsMixin:
    """For a PagePermissionTester: unpublish and restrict only with `can_take_offline()`."""

    def can_take_offline(self):
        """Whether the user may make this page unreachable for visitors (by default: publish)."""
        if not self.user.is_active or self.page_is_root:
            return False
        return self.user.is_superuser or "publish" in self.permissions

    def can_unpublish(self):
        return super().can_unpublish() and self.can_take_offline()

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self.can_take_offline()


class PortalPagePermissionTester(OfflineRightsMixin, PagePermissionTester):
    """Wagtail's page permission tester with taking offline as a right of its own."""


def may_take_offline(user, page):
    """Whether `user` may take `page` offline (a tester without our mixin: publish rights)."""
    tester = page.permissions_for_user(user)
    if isinstance(tester, OfflineRightsMixin):
        return tester.can_take_offline()
    return tester.can_publish()


def aliases_blocking(user, pages):
    """The aliases of `pages` that `user` may not take offline (Wagtail takes them along)."""
    return [
        alias
        for alias in Page.objects.filter(alias_of__in=pages).specific()
        if not may_take_offline(user, alias)
    ]
