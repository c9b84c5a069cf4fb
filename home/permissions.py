"""Who edits the public content: communication staff, section by section.

- Communication staff get add, edit, publish and lock rights on each content section directly
  under a home page (news index, leaflet index, information pages, privacy page, the
  accessibility statement); Wagtail passes those rights to the pages inside the section.
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
from wagtail.models import Collection, CollectionViewRestriction, GroupPagePermission

from opvanglocaties.permissions import COMMUNICATION, LOCATION, LOCATION_GROUP, LOKET

logger = logging.getLogger(__name__)

SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
PROVIDER_COLLECTION = "Documenten voor aanbieders"
# Every provider account has one of the two provider roles: only the roles give access to the
# admin, where providers log in. The loket and communication staff keep these documents.
PROVIDER_DOCUMENT_GROUPS = (LOCATION_GROUP, LOCATION, LOKET, COMMUNICATION)


def is_content_section(page):
    """Whether `page` is a communication section: one of our page types under a home page."""
    from .models import (
        AccessibilityStatementPage,
        HomePage,
        InformationPage,
        LeafletIndexPage,
        NewsIndexPage,
        PrivacyPage,
    )

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


@transaction.atomic
def grant_section_permissions(page):
    """Communication staff may add, edit and publish in this section (idempotent).

    Without the group (an administrator removed it) the page is still created; the log says
    that nobody was given the section.
    """
    group = Group.objects.filter(name=COMMUNICATION).first()
    if group is None:
        logger.warning("no %r group: section %s was not handed to anyone", COMMUNICATION, page.pk)
        return
    for codename in SECTION_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


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
