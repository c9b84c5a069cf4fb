"""Keep cached pages in step with the site settings every page shows (menus, footer, contact),
and the rights on a content section in step with the workflow that applies to it."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.signals import copy_for_translation_done, post_page_move

from core import cache

from .models import HomePage, LoketContact, NavigationSettings
from .permissions import (
    grant_section_permissions,
    is_content_section,
    regrant_after_move,
    regrant_sections_around,
)


@receiver(post_save, sender=NavigationSettings)
@receiver(post_save, sender=LoketContact)
def _settings_changed(sender, created=False, **kwargs):
    # Menus and the footer are on every page: all cached pages are stale at once. A row that
    # was just created (empty, on a site's first page view) changes nothing anyone sees.
    if not created:
        cache.invalidate()


@receiver(post_save, sender=HomePage)
def _home_page_saved(sender, **kwargs):
    # Each site's home page is cached with its Site (core.sitecache) until the generation
    # changes; a home page saved outside publishing (a script, setup_region) changes it too.
    cache.invalidate()


@receiver(post_save, sender=WorkflowPage)
def _workflow_assigned(sender, instance, **kwargs):
    # Under a workflow the authors lose publish, or the workflow could be skipped.
    regrant_sections_around(instance.page)


@receiver(post_delete, sender=WorkflowPage)
def _workflow_unassigned(sender, instance, origin=None, **kwargs):
    # Only when the assignment itself was removed (or the workflow switched off). When its
    # page is being deleted, the rows go with the page: re-granting now would add rights
    # to a page on its way out.
    removed_itself = isinstance(origin, WorkflowPage) or (
        isinstance(origin, QuerySet) and origin.model is WorkflowPage
    )
    if removed_itself:
        regrant_sections_around(Page.objects.get(pk=instance.page_id))


@receiver(post_page_move)
def _page_moved(sender, instance, parent_page_before, **kwargs):
    # A page can take its workflow into another section, or stop (or start) being a section.
    regrant_after_move(instance, parent_page_before)


@receiver(post_save, sender=Workflow)
def _workflow_changed(sender, instance, created=False, **kwargs):
    # Switching a workflow off (or on again) changes who may publish where it is assigned.
    if not created:
        for assignment in WorkflowPage.objects.filter(workflow=instance).select_related("page"):
            regrant_sections_around(assignment.page)


@receiver(copy_for_translation_done)
def _section_translated(sender, source_obj, target_obj, **kwargs):
    # The English copy of a section (made by wagtail-localize, parents included) is a new
    # page: without its own rights, only administrators could edit the translation; and a
    # section under review (the privacy notice) keeps its review in English.
    if not isinstance(target_obj, Page) or not is_content_section(target_obj):
        return
    workflow = source_obj.get_workflow() if isinstance(source_obj, Page) else None
    if workflow is not None and target_obj.get_workflow() is None:
        WorkflowPage.objects.get_or_create(page=target_obj, defaults={"workflow": workflow})
    grant_section_permissions(target_obj)
