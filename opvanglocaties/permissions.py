"""Who may edit and publish which fiche: role groups and per-page grants.

The rules in one place:
- every organiser has its own Wagtail group; that group may edit (and, unless its region asks
  for moderation, publish) its folder of fiches (`OrganiserPage`), nothing else;
- a location may also have its own staff group with the same rights on that one fiche;
- the loket edits every fiche of its location index, including the licence fields;
- where a region requires moderation, providers only submit, and the loket's workflow decides.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.roles import LOKET, role_group

from .models import LocationIndexPage, LocationPage, OrganiserPage, Region

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


def site_region(page):
    """The region whose website the page is on (its loket moderates it), or None."""
    return Region.objects.for_site(page.get_site())


def provider_page_permissions(region):
    """The page permissions providers get, given their region's rules."""
    if region is not None and region.requires_moderation:
        return ("change_page",)
    return PROVIDER_PAGE_PERMISSIONS


def _provider_groups():
    return Group.objects.filter(organiser__isnull=False) | Group.objects.filter(
        location_page__isnull=False
    )


def _grant(page, owner_group_ids, region):
    """Give exactly these provider groups the provider permissions on `page`."""
    wanted = {_page_permission(codename) for codename in provider_page_permissions(region)}
    GroupPagePermission.objects.filter(page=page, group__in=_provider_groups()).exclude(
        group_id__in=owner_group_ids, permission__in=wanted
    ).delete()
    for group_id in owner_group_ids:
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group_id=group_id, page=page, permission=permission
            )


@transaction.atomic
def grant_folder_permissions(folder, region=None):
    """The organiser's group may edit (and publish) everything in its folder, nothing else.

    One pair of rows per organiser and region, however many fiches it has (see OrganiserPage).
    Idempotent: called when a folder is created or its organiser changes, and when a region
    turns moderation on or off.
    """
    _grant(folder, [folder.organiser.group_id], region or site_region(folder))


@transaction.atomic
def grant_location_permissions(page, region=None):
    """The location's own staff group (if it has one) may edit (and publish) this one fiche."""
    owners = [page.staff_group_id] if page.staff_group_id else []
    _grant(page, owners, region or site_region(page))


def organiser_folder(index_page, organiser):
    """The organiser's folder under a region's location index, created on first use."""
    folder = OrganiserPage.objects.child_of(index_page).filter(organiser=organiser).first()
    if folder is None:
        slug = slugify(organiser.legal_name)[:60].strip("-") or "organisator"
        if index_page.get_children().filter(slug=slug).exists():
            slug = f"{slug}-{organiser.pk}"  # two organisers with the same name
        folder = index_page.add_child(
            instance=OrganiserPage(title=organiser.legal_name, slug=slug, organiser=organiser)
        )
        grant_folder_permissions(folder)
    return folder


@transaction.atomic
def grant_index_permissions(index_page):
    """The loket may add, edit and publish every fiche under a location index."""
    loket = role_group(LOKET)
    for codename in LOKET_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=loket, page=index_page, permission=_page_permission(codename)
        )


def moderation_workflow():
    """The workflow in which the loket approves fiche changes (created on first use)."""
    workflow, created = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    if created:
        task = GroupApprovalTask.objects.create(name=str(_("Approval by the loket")))
        task.groups.set([role_group(LOKET)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def region_location_indexes(region):
    """The location index pages on the region's website."""
    if region.site is None:
        return LocationIndexPage.objects.none()
    return LocationIndexPage.objects.descendant_of(region.site.root_page, inclusive=True)


@transaction.atomic
def apply_region_moderation(region):
    """Switch a region between direct publishing and moderation by its loket."""
    for index_page in region_location_indexes(region):
        if region.requires_moderation:
            WorkflowPage.objects.update_or_create(
                page=index_page, defaults={"workflow": moderation_workflow()}
            )
        else:
            WorkflowPage.objects.filter(
                page=index_page, workflow__name=MODERATION_WORKFLOW
            ).delete()
        for folder in OrganiserPage.objects.child_of(index_page).select_related("organiser"):
            grant_folder_permissions(folder, region)
        for page in LocationPage.objects.descendant_of(index_page).filter(
            staff_group__isnull=False
        ):
            grant_location_permissions(page, region)
