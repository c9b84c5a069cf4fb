"""Who edits the public content: communication staff, section by section.

- Communication staff get add, edit, publish and lock rights on each content section directly
  under a home page (news index, leaflet index, information pages, privacy page, the
  accessibility statement); Wagtail passes those rights to the pages inside the section.
- A section that needs a second pair of eyes has a workflow ("Redactie en loket"). Wagtail
  offers Publish to whoever holds publish rights, workflow or not, so there nobody but an
  administrator holds publish: communication staff and the final editors (Eindredactie) keep
  add and edit, and the workflow publishes once its last step is approved
  (`core.workflows.publish_approved`). Assigning or removing a workflow, and moving a page
  between sections, re-grants the sections concerned (`signals.py`).
- Never on the home page itself: rights there would reach the location index and every fiche.
  The home page's own text they may edit through a Django permission that HomePage's
  permission tester reads (home.models.pages.EDIT_HOME_PERMISSION, migration 0003).
- Private documents for providers live in one collection with a view restriction for the
  staff roles, so Wagtail's document view refuses everyone else. The collection is made on
  first use (the demo, or an administrator in Settings > Collections), not by a migration:
  with a second collection every upload form asks which collection to use.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.roles import COMMUNICATION, FINAL_EDITORS, LOCATION, LOCATION_GROUP, LOKET
from opvanglocaties.models import Region

from .models import (
    AccessibilityStatementPage,
    HomePage,
    InformationPage,
    LeafletIndexPage,
    NewsIndexPage,
    PrivacyPage,
)

logger = logging.getLogger(__name__)

# The two-step workflow of migration 0003: the loket checks the facts, the final editors approve.
REVIEW_WORKFLOW = "Redactie en loket"
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
REVIEWED_SECTION_PERMISSIONS = tuple(c for c in SECTION_PAGE_PERMISSIONS if c != "publish_page")
PROVIDER_COLLECTION = "Documenten voor aanbieders"
# Every provider account has one of the two provider roles: only the roles give access to the
# admin, where providers log in. The loket and communication staff keep these documents.
PROVIDER_DOCUMENT_GROUPS = (LOCATION_GROUP, LOCATION, LOKET, COMMUNICATION)


def is_content_section(page):
    """Whether `page` is a communication section: one of our page types under a home page."""
    section_types = (
        AccessibilityStatementPage,
        InformationPage,
        LeafletIndexPage,
        NewsIndexPage,
        PrivacyPage,
    )
    parent = page.get_parent()
    return isinstance(page.specific, section_types) and isinstance(
        parent.specific if parent else None, HomePage
    )


def section_of(page):
    """The content section `page` is or lies in, or None (a fiche, the home page)."""
    for candidate in [page, *page.get_ancestors().filter(depth__gte=3).order_by("-depth")]:
        if is_content_section(candidate):
            return candidate
    return None


def requires_review(section):
    """Whether an active workflow applies to the section or to any page inside it.

    Rights go from a section down, so a workflow on one page inside a section puts the
    whole section under review: nobody could take the publish right away on that page alone.
    """
    if section.get_workflow() is not None:
        return True
    return WorkflowPage.objects.filter(
        page__in=Page.objects.descendant_of(section), workflow__active=True
    ).exists()


SECTION_GROUPS = (COMMUNICATION, FINAL_EDITORS)


@transaction.atomic
def grant_section_permissions(page):
    """Hand a content section to communication staff and the final editors (idempotent).

    They may add, edit and publish; in a section under review they may not publish, the
    workflow does. Without the groups (an administrator removed them) the page is still
    created; the log says so.
    """
    codenames = REVIEWED_SECTION_PERMISSIONS if requires_review(page) else SECTION_PAGE_PERMISSIONS
    for name in SECTION_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is None:
            logger.warning("no %r group: section %s was not handed to it", name, page.pk)
            continue
        wanted = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
        GroupPagePermission.objects.filter(
            group=group, page=page, permission__codename__in=SECTION_PAGE_PERMISSIONS
        ).exclude(permission__in=wanted).delete()


def review_workflow_name(region):
    """The name of a region's copy of the review workflow."""
    return f"{REVIEW_WORKFLOW}: {region.slug}"[:255]


def review_workflow(region):
    """The review workflow in which `region`'s own loket checks the facts (made on first use).

    Wagtail's group approval lets every member of a step's group act on every page the
    workflow runs on. With one workflow for all regions, whose first step is the Loket role
    group, any city's loket could approve another city's privacy notice. Each region
    therefore gets a copy whose first step is its loket group; the last step, the final
    editors' independent approval, is the shared workflow's own task. Without a region or a
    loket group the shared workflow applies.
    """
    shared = Workflow.objects.get(name=REVIEW_WORKFLOW)
    if region is None or region.loket_group_id is None:
        return shared
    workflow, created = Workflow.objects.get_or_create(name=review_workflow_name(region))
    if created:
        steps = list(shared.workflow_tasks.select_related("task").order_by("sort_order"))
        first = GroupApprovalTask.objects.create(name=f"{steps[0].task.name}: {region.name}"[:255])
        first.groups.set([region.loket_group])
        WorkflowTask.objects.create(workflow=workflow, task=first, sort_order=0)
        for order, step in enumerate(steps[1:], start=1):
            WorkflowTask.objects.create(workflow=workflow, task=step.task, sort_order=order)
    return workflow


def put_under_review(section):
    """Give `section` its region's review workflow (the signal then takes publish from the
    authors)."""
    region = Region.objects.for_site(section.get_site())
    WorkflowPage.objects.update_or_create(
        page=section, defaults={"workflow": review_workflow(region)}
    )


def revoke_section_permissions(page):
    """Take the section rights off a page that is no longer a section (it moved deeper).

    The section it now lies in passes its own rights down; rows left on the page would keep
    publish there when that section comes under review.
    """
    GroupPagePermission.objects.filter(
        group__name__in=SECTION_GROUPS,
        page=page,
        permission__codename__in=SECTION_PAGE_PERMISSIONS,
    ).delete()


def regrant_after_move(page, old_parent):
    """After `page` moved from under `old_parent`: the sections it left and joined, and itself."""
    if is_content_section(page):
        grant_section_permissions(page)
    else:
        revoke_section_permissions(page)
    for section in {section_of(old_parent), section_of(page)} - {None}:
        grant_section_permissions(section)


def regrant_sections_around(page):
    """Re-grant every section a workflow on `page` can touch: its own, and those below it."""
    sections = [page] if is_content_section(page) else []
    containing = section_of(page)
    if containing is not None and containing not in sections:
        sections.append(containing)
    for candidate in Page.objects.descendant_of(page).filter(depth__lte=page.depth + 2):
        if candidate not in sections and is_content_section(candidate):
            sections.append(candidate)
    for section in sections:
        grant_section_permissions(section)


@transaction.atomic
def provider_documents_collection():
    """The collection only provider staff (and the loket) may download from; made on first use."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PROVIDER_COLLECTION).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=PROVIDER_COLLECTION))
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    if restriction.restriction_type == CollectionViewRestriction.GROUPS:
        restriction.groups.add(*Group.objects.filter(name__in=PROVIDER_DOCUMENT_GROUPS))
    return collection
