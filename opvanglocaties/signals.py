"""Keep page permissions in step with what was published and with region rules."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import page_published, post_page_move

from core import cache as page_cache

from . import first_free
from .models import (
    AgeGroupAvailability,
    LocationIndexPage,
    LocationPage,
    Municipality,
    Neighbourhood,
    Organiser,
    OrganiserPage,
    PostalCode,
    Region,
)
from .permissions import (
    apply_region_moderation,
    grant_folder_permissions,
    grant_index_permissions,
    loket_group_for,
    loket_group_name,
    organiser_group_for,
)


@receiver(pre_save, sender=Organiser)
def give_organiser_a_group(sender, instance, raw=False, **kwargs):
    # Every organiser's staff is a Wagtail group; the folder permissions are granted to it.
    if not raw and instance.group_id is None:
        instance.group = organiser_group_for(instance)


@receiver(page_published, sender=OrganiserPage)
def grant_on_publish(sender, instance, **kwargs):
    # The loket may give a folder to another organiser; the page row changes on publish.
    grant_folder_permissions(instance)
    LocationPage.objects.child_of(instance).exclude(organiser=instance.organiser_id).update(
        organiser=instance.organiser_id
    )


@receiver(post_page_move)
def hand_over_moved_fiche(sender, instance, **kwargs):
    # Moving a fiche into another organiser's folder hands it over to that organiser.
    page = instance.specific
    if isinstance(page, LocationPage):
        page.take_organiser_from_folder()
        page.save(update_fields=["organiser"], clean=False)


@receiver(pre_save, sender=Region)
def give_region_a_loket(sender, instance, raw=False, **kwargs):
    # Every region has its own loket group, named after it (renamed with it).
    if raw:
        return
    if instance.loket_group_id is None:
        instance.loket_group = loket_group_for(instance)
    elif instance.tracker.has_changed("name"):
        wanted = loket_group_name(instance)
        group = instance.loket_group
        if group.name != wanted and not type(group).objects.filter(name=wanted).exists():
            group.name = wanted
            group.save(update_fields=["name"])


@receiver(post_save, sender=Region)
def region_saved(sender, instance, raw=False, **kwargs):
    # Re-granting walks every fiche of the region: only when moderation or the website
    # changed. (The tracker still holds the stored values here: it is reset after save().)
    if raw:
        return
    if kwargs.get("created") or instance.moderation_changed or instance.site_changed:
        apply_region_moderation(instance)
    if not kwargs.get("created") and instance.site_changed:
        # The website it left is no longer this loket's.
        previous = instance.tracker.previous("site")
        site = Site.objects.filter(pk=getattr(previous, "pk", previous)).first()
        if site is not None:
            for index in LocationIndexPage.objects.descendant_of(site.root_page, inclusive=True):
                grant_index_permissions(index)


@receiver(m2m_changed, sender=Region.municipalities.through)
def region_municipalities_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Region):
        apply_region_moderation(instance)


@receiver(post_save, sender=Region)
@receiver(post_delete, sender=Region)
@receiver(post_save, sender=Municipality)
@receiver(post_delete, sender=Municipality)
@receiver(post_save, sender=Neighbourhood)
@receiver(post_delete, sender=Neighbourhood)
@receiver(post_save, sender=PostalCode)
@receiver(post_delete, sender=PostalCode)
@receiver(m2m_changed, sender=Region.municipalities.through)
@receiver(m2m_changed, sender=Municipality.neighbours.through)
def _geography_changed(sender, **kwargs):
    # A site's region and its municipalities are cached per publication generation
    # (Region.objects.cached_for_site), and the cached pages and search results show them.
    page_cache.invalidate()


@receiver(post_save, sender=AgeGroupAvailability)
@receiver(post_delete, sender=AgeGroupAvailability)
def availability_row_written(sender, instance, raw=False, **kwargs):
    # A row written on its own (not by its fiche's save, which sums up its rows itself):
    # the fiche's summary for the search (`first_free`) is worked out again from its rows.
    if raw or first_free.kept_by_fiche_save():
        return
    rows = AgeGroupAvailability.objects.filter(page=instance.page_id).values(
        "age_group", "status", "free_from"
    )
    LocationPage.objects.filter(pk=instance.page_id).update(**first_free.summary(rows))
