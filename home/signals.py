"""Keep cached pages in step with the site settings every page shows (menus, footer, contact)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from portal import cache

from .models import LoketContact, NavigationSettings


@receiver(post_save, sender=NavigationSettings)
@receiver(post_save, sender=LoketContact)
def _settings_changed(sender, created=False, **kwargs):
    # Menus and the footer are on every page: all cached pages are stale at once. A row that
    # was just created (empty, on a site's first page view) changes nothing anyone sees.
    if not created:
        cache.invalidate()
