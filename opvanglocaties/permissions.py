"""Who may edit and publish which fiche: role groups and per-page grants.

The rules in one place:
- every organiser has its own Wagtail group; that group may edit (and, unless its region asks
  for moderation, publish) exactly the fiches of that organiser, nothing else;
- a location may also have its own staff group with the same rights on that one fiche;
- the loket edits every fiche of its location index, including the licence fields;
- where a region requires moderation, providers only submit, and the loket's workflow decides.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

LOKET = "Loket"
COMMUNICATION = "Communicatie"
LOCATION_GROUP = "Opvanglocatiegroep"
LOCATION = "Opvanglocatie"
ROLE_GROUPS = (LOKET, COMMUNICATION, LOCATION_GROUP, LOCATION)

MODERATION_WORKFLOW = "Goedkeuring door het loket"

PROVIDER_PAGE_PERMISSIONS = ("change_page", "publish_page")
LOKET_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def organiser_group_for(organiser):
    """A new staff group for an organiser, named so the loket recognises it."""
    name = f"Organisator: {organiser.legal_name}"[:150]
    if Group.objects.filter(name=name).exists():
        name = f"Organisator: {organiser.legal_name} ({organiser.kbo_number})"[:150]
    return Group.objects.create(name=name)


def location_staff_group(page):
    """The staff group of one location (created on first use), for the 'location' role."""
    if page.staff_group_id is None:
        page.staff_group = Group.objects.create(name=f"Locatie: {page.title} ({page.pk})"[:150])
        page.save(update_fields=["staff_group"], clean=False)
        grant_location_permissions(page)
    return page.staff_group


def provider_page_permissions(page):
    """The page permissions providers get on this fiche, given its region's rules."""
    region = page.region
    if region is not None and region.requires_moderation:
        return ("change_page",)
    return PROVIDER_PAGE_PERMISSIONS


@transaction.atomic
def grant_location_permissions(page):
    """Make the fiche's page permissions match its organiser, staff group and region.

    Idempotent: called when a fiche is created, when its organiser changes and when a region
    turns moderation on or off. Rows of groups that no longer own the fiche are removed.
    """
    owners = [group_id for group_id in (page.organiser.group_id, page.staff_group_id) if group_id]
    wanted = {_page_permission(codename) for codename in provider_page_permissions(page)}
    provider_groups = Group.objects.filter(organiser__isnull=False) | Group.objects.filter(
        location_page__isnull=False
    )
    GroupPagePermission.objects.filter(page=page, group__in=provider_groups).exclude(
        group_id__in=owners, permission__in=wanted
    ).delete()
    for group_id in owners:
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group_id=group_id, page=page, permission=permission
            )


@transaction.atomic
def grant_index_permissions(index_page):
    """The loket may add, edit and publish every fiche under a location index."""
    loket = Group.objects.get(name=LOKET)
    for codename in LOKET_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=loket, page=index_page, permission=_page_permission(codename)
        )


def moderation_workflow():
    """The workflow in which the loket approves fiche changes (created on first use)."""
    workflow, created = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    if created:
        task = GroupApprovalTask.objects.create(name=str(_("Approval by the loket")))
        task.groups.set([Group.objects.get(name=LOKET)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def region_location_indexes(region):
    """The location index pages on the region's website."""
    from .models import LocationIndexPage

    if region.site is None:
        return LocationIndexPage.objects.none()
    return LocationIndexPage.objects.descendant_of(region.site.root_page, inclusive=True)


@transaction.atomic
def apply_region_moderation(region):
    """Switch a region between direct publishing and moderation by its loket."""
    from .models import LocationPage

    for index_page in region_location_indexes(region):
        if region.requires_moderation:
            WorkflowPage.objects.update_or_create(
                page=index_page, defaults={"workflow": moderation_workflow()}
            )
        else:
            WorkflowPage.objects.filter(
                page=index_page, workflow__name=MODERATION_WORKFLOW
            ).delete()
    for page in LocationPage.objects.filter(municipality__regions=region).select_related(
        "organiser"
    ):
        page.__dict__["region"] = region
        grant_location_permissions(page)
