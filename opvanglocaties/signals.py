"""Keep page permissions in step with what was published and with region rules."""

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from .models import LocationPage, Organiser, OrganiserPage, Region
from .permissions import apply_region_moderation, grant_folder_permissions, organiser_group_for


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


@receiver(post_save, sender=Region)
def region_saved(sender, instance, raw=False, **kwargs):
    # Re-granting walks every fiche of the region: only when moderation was switched.
    # (The tracker still holds the stored value here: it is reset after save() returns.)
    if not raw and (kwargs.get("created") or instance.moderation_changed):
        apply_region_moderation(instance)


@receiver(m2m_changed, sender=Region.municipalities.through)
def region_municipalities_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Region):
        apply_region_moderation(instance)
