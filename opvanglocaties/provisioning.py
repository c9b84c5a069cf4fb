"""This app's part of a region's site (steps of `setup_region`, core.provisioning).

The region with its municipalities, the location index under the home page (with the loket's
rights on it), and, when asked, an organiser with its folder under that index. Existing
rows are completed, never overwritten: a municipality is added, none is taken away, and a
region's name or an organiser's details that the loket changed stay as they are.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.provisioning import ProvisioningError

from .models import LocationIndexPage, Municipality, Organiser, OrganiserPage, PriorityRule, Region
from .models.organisers import LegalForm, format_kbo_number, validate_kbo_number
from .permissions import grant_index_permissions, organiser_folder

INDEX_TITLE = "Kinderopvang"
INDEX_SLUG = "kinderopvang"
INDEX_INTRO = "<p>Alle opvanglocaties.</p>"


def check_region(spec):
    """Unknown NIS codes, and an organiser without a valid KBO number (or the reverse)."""
    problems = []
    name_length = Region._meta.get_field("name").max_length
    slug_length = Region._meta.get_field("slug").max_length
    if len(spec.name) > name_length or len(spec.slug) > slug_length:
        problems.append(
            _("A region's name has at most %(name)d characters, its slug at most %(slug)d.")
            % {"name": name_length, "slug": slug_length}
        )
    known = set(
        Municipality.objects.filter(nis_code__in=spec.municipalities).values_list(
            "nis_code", flat=True
        )
    )
    unknown = [code for code in spec.municipalities if code not in known]
    if unknown:
        problems.append(
            ngettext(
                "Unknown NIS code: %(codes)s. A municipality's NIS code has five digits, "
                "e.g. 44021 for Gent.",
                "Unknown NIS codes: %(codes)s. A municipality's NIS code has five digits, "
                "e.g. 44021 for Gent.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown)}
        )
    if spec.organiser and not spec.kbo_number:
        problems.append(_("An organiser needs its KBO number (--kbo)."))
    if spec.kbo_number and not spec.organiser:
        problems.append(_("A KBO number needs the organiser's name (--organiser)."))
    if spec.kbo_number:
        try:
            validate_kbo_number(spec.kbo_number)
        except ValidationError as error:
            problems.extend(error.messages)
    if len(spec.organiser) > Organiser._meta.get_field("legal_name").max_length:
        problems.append(_("An organiser's name has at most 200 characters."))
    if spec.organiser and spec.legal_form not in LegalForm.values:
        problems.append(
            _("Unknown legal form “%(form)s”: choose one of %(choices)s.")
            % {"form": spec.legal_form, "choices": ", ".join(LegalForm.values)}
        )
    return problems


def build_region_row(build):
    """The region (by slug) on the site, with at least the asked municipalities."""
    spec = build.spec
    municipalities = list(Municipality.objects.filter(nis_code__in=spec.municipalities))
    region = Region.objects.filter(slug=spec.slug).first()
    other = Region.objects.filter(site=build.site).exclude(slug=spec.slug).first()
    if build.site is not None and other is not None:
        raise ProvisioningError(
            [
                _("The website %(address)s already serves the region “%(name)s”.")
                % {"address": spec.address, "name": other.name}
            ]
        )
    if region is None:
        build.created(
            ngettext(
                "region “%(name)s” with %(count)d municipality",
                "region “%(name)s” with %(count)d municipalities",
                len(municipalities),
            )
            % {"name": spec.name, "count": len(municipalities)}
        )
        if not build.dry_run:
            region = Region.objects.create(name=spec.name, slug=spec.slug, site=build.site)
            region.municipalities.add(*municipalities)
            # The request form asks the decree's priority rules; the loket can change the list.
            region.request_priority_rules.set(PriorityRule.objects.all())
        return
    site_id = build.site.pk if build.site is not None else None
    present = set(region.municipalities.values_list("pk", flat=True))
    missing = [municipality for municipality in municipalities if municipality.pk not in present]
    if region.site_id == site_id and site_id is not None and not missing:
        build.found(_("region “%(name)s”") % {"name": region.name})
        return
    if region.site_id != site_id or site_id is None:
        build.updated(_("region “%(name)s” served by this website") % {"name": region.name})
    if missing:
        build.updated(
            _("region “%(name)s”: municipalities added: %(names)s")
            % {"name": region.name, "names": ", ".join(str(m) for m in missing)}
        )
    if not build.dry_run:
        if region.site_id != site_id:
            region.site = build.site
            region.save()
        region.municipalities.add(*missing)


def location_index(home):
    """The location index under a home page, or None (also when the home page is still to be
    made, in a dry run)."""
    if home is None:
        return None
    return LocationIndexPage.objects.child_of(home).first()


def build_location_index(build):
    """The list of the region's fiches at /kinderopvang/, which the loket may fill and edit."""
    index = location_index(build.home_page)
    if index is not None:
        build.found(_("location index “%(title)s”") % {"title": index.title})
        return
    build.created(_("location index “%(title)s”") % {"title": INDEX_TITLE})
    if build.dry_run:
        return
    index = build.home_page.add_child(
        instance=LocationIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO)
    )
    index.save_revision().publish()
    grant_index_permissions(index)


def build_organiser(build):
    """The organiser asked for (found by KBO number) and its folder under the location index."""
    spec = build.spec
    if not spec.organiser:
        return
    kbo_number = format_kbo_number(spec.kbo_number)
    organiser = Organiser.objects.filter(kbo_number=kbo_number).first()
    if organiser is not None:
        build.found(
            _("organiser “%(name)s” (%(kbo)s)") % {"name": organiser.legal_name, "kbo": kbo_number}
        )
    else:
        build.created(
            _("organiser “%(name)s” (%(kbo)s) and its staff group")
            % {"name": spec.organiser, "kbo": kbo_number}
        )
        if not build.dry_run:
            organiser = Organiser(
                legal_name=spec.organiser, kbo_number=kbo_number, legal_form=spec.legal_form
            )
            organiser.full_clean()
            organiser.save()
    index = location_index(build.home_page)
    has_folder = (
        organiser is not None
        and index is not None
        and OrganiserPage.objects.child_of(index).filter(organiser=organiser).exists()
    )
    name = organiser.legal_name if organiser is not None else spec.organiser
    if has_folder:
        build.found(_("folder of “%(name)s” in the location index") % {"name": name})
        return
    build.created(_("folder of “%(name)s” in the location index") % {"name": name})
    if not build.dry_run:
        organiser_folder(index, organiser)
