"""Who may edit and publish which fiche: role groups and per-page grants.

The rules in one place:
- every organiser has its own Wagtail group; that group may edit (and, unless its region asks
  for moderation, publish) its folder of fiches (`OrganiserPage`), nothing else;
- a location may also have its own staff group with the same rights on that one fiche;
- the loket edits every fiche of its location index, including the licence fields;
- where a region requires moderation, providers only submit, and the loket's workflow decides.

One loket per region: the role group "Loket" (core.roles) gives access to the admin and the
model permissions (organisers, licence fields, region settings); each region's own group
(`Region.loket_group`, "Loket <region>") gives the scope: page permissions on that region's
location indexes, its moderation workflow, and (through the permission policies in
`opvanglocaties.policies`) its organisers and its own region settings. A loket user is in
both; `loket_regions(user)` answers which regions they serve.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.roles import LOKET, remembered

from .models import LocationIndexPage, LocationPage, Organiser, OrganiserPage, Region

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


def loket_group_name(region):
    """The name of a region's loket group, as the admin's group list shows it."""
    return f"Loket {region.name}"[:150]


def loket_group_for(region):
    """A new loket group for `region` (its name made unique if another group has it)."""
    name = loket_group_name(region)
    if Group.objects.filter(name=name).exists():
        name = f"{name} ({region.slug})"[:150]
    return Group.objects.create(name=name)


def loket_regions(user):
    """The regions `user` serves as loket (every region for a superuser, none when inactive).

    The one answer to "whose loket is this user": page grants, the organiser and region
    policies, and the back-office all ask it.
    """
    if not user.is_active:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(loket_group__user=user)


def is_loket(user):
    """Whether `user` is the loket of at least one region (asked once per request's user)."""
    return remembered(user, "is_loket", lambda: loket_regions(user).exists())


def organisers_served_by(user):
    """The organisers `user`'s loket serves: with a folder under one of its regions' location
    indexes or a fiche in one of its municipalities, and those in no region yet (just made,
    waiting for their first folder)."""
    if user.is_active and user.is_superuser:
        return Organiser.objects.all()
    regions = list(loket_regions(user))
    if not regions:
        return Organiser.objects.none()
    served = Q(folders__isnull=True, locations__isnull=True)
    served |= Q(locations__municipality__regions__in=regions)
    for region in regions:
        for index in region_location_indexes(region):
            served |= Q(folders__path__startswith=index.path)
    return Organiser.objects.filter(pk__in=Organiser.objects.filter(served).values("pk"))


def _loket_groups():
    """Every group that gives loket rights on pages: the role's (before 0008) and the regions'."""
    return Group.objects.filter(Q(loket_region__isnull=False) | Q(name=LOKET))


@transaction.atomic
def grant_index_permissions(index_page, region=None):
    """The loket of the index's region may add, edit and publish every fiche under it.

    Only that region's loket: rows of other lokets on the index are removed. An index on a
    website without a region is the administrators' alone.
    """
    region = region or site_region(index_page)
    wanted_group = region.loket_group if region is not None else None
    wanted = [_page_permission(codename) for codename in LOKET_PAGE_PERMISSIONS]
    stale = GroupPagePermission.objects.filter(page=index_page, group__in=_loket_groups())
    if wanted_group is not None:
        stale = stale.exclude(group=wanted_group, permission__in=wanted)
    stale.delete()
    if wanted_group is not None:
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(
                group=wanted_group, page=index_page, permission=permission
            )


def moderation_workflow_name(region):
    """The name of a region's moderation workflow (one per region: its own loket approves)."""
    return f"{MODERATION_WORKFLOW}: {region.slug}"[:255]


def moderation_workflow(region):
    """The workflow in which the region's loket approves fiche changes (made on first use)."""
    workflow, created = Workflow.objects.get_or_create(name=moderation_workflow_name(region))
    if created:
        task = GroupApprovalTask.objects.create(
            name=f"{_('Approval by the loket')}: {region.name}"[:255]
        )
        task.groups.set([region.loket_group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def region_location_indexes(region):
    """The location index pages on the region's website."""
    if region.site is None:
        return LocationIndexPage.objects.none()
    return LocationIndexPage.objects.descendant_of(region.site.root_page, inclusive=True)


@transaction.atomic
def apply_region_moderation(region):
    """Give the region's indexes to its loket, with or without moderation by that loket."""
    for index_page in region_location_indexes(region):
        grant_index_permissions(index_page, region)
        if region.requires_moderation:
            WorkflowPage.objects.update_or_create(
                page=index_page, defaults={"workflow": moderation_workflow(region)}
            )
        else:
            WorkflowPage.objects.filter(
                page=index_page, workflow__name__startswith=MODERATION_WORKFLOW
            ).delete()
        for folder in OrganiserPage.objects.child_of(index_page).select_related("organiser"):
            grant_folder_permissions(folder, region)
        for page in LocationPage.objects.descendant_of(index_page).filter(
            staff_group__isnull=False
        ):
            grant_location_permissions(page, region)
