"""Keep cached pages in step with the site settings every page shows (menus, footer, contact),
and the rights on a content section in step with the workflow that applies to it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Workflow, WorkflowPage

from portal import cache

from .models import LoketContact, NavigationSettings
from .permissions import regrant_sections_around


@receiver(post_save, sender=NavigationSettings)
@receiver(post_save, sender=LoketContact)
def _settings_changed(sender, created=False, **kwargs):
    # Menus and the footer are on every page: all cached pages are stale at once. A row that
    # was just created (empty, on a site's first page view) changes nothing anyone sees.
    if not created:
        cache.invalidate()


@receiver(post_save, sender=WorkflowPage)
@receiver(post_delete, sender=WorkflowPage)
def _workflow_assignment_changed(sender, instance, **kwargs):
    # Under a workflow the authors lose publish, or the workflow could be skipped.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # None: the assignment went with its deleted page
        regrant_sections_around(page)


@receiver(post_save, sender=Workflow)
def _workflow_changed(sender, instance, created=False, **kwargs):
    # Switching a workflow off (or on again) changes who may publish where it is assigned.
    if not created:
        for assignment in WorkflowPage.objects.filter(workflow=instance).select_related("page"):
            regrant_sections_around(assignment.page)
