"""The Wagtail Site of a region (a step of `setup_region`, core.provisioning).

Wagtail's first migration makes a page "Welcome to your new Wagtail site!" and a default Site
on localhost:80 for it. A region's site replaces it as the default; the welcome page and its
site go when nobody touched them (a plain page without children or revisions), otherwise they
only lose the default.
"""

import re

from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .provisioning import ProvisioningError

# A host name as Wagtail's Site stores it: no scheme, no path, no port.
HOSTNAME = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")


def check_site(spec):
    """What is wrong with the host name and port of `spec`."""
    problems = []
    if not HOSTNAME.match(spec.hostname):
        problems.append(
            _(
                "“%(hostname)s” is not a host name: give it without http:// and without a "
                "path or port, e.g. opvang.gent.be."
            )
            % {"hostname": spec.hostname}
        )
    if not 0 < spec.port < 65536:
        problems.append(_("The port must be a number from 1 to 65535."))
    if not spec.name.strip() or not spec.slug:
        problems.append(_("Give the region a name with at least one letter or digit."))
    return problems


def is_wagtail_welcome(site):
    """Whether `site` is Wagtail's starter site: its root is a plain page, not a region's."""
    return site.root_page.specific_class is Page


def is_untouched(page):
    """Whether nobody edited the page or put anything below it since the migration made it."""
    return page.numchild == 0 and not page.revisions.exists()


def build_site(build):
    """The region's Site on the home page: created, or moved to the asked host name and port."""
    spec = build.spec
    home = build.home_page
    site = Site.objects.filter(root_page=home).first() if home is not None else None
    taken = Site.objects.filter(hostname=spec.hostname, port=spec.port).select_related("root_page")
    if site is not None:
        taken = taken.exclude(pk=site.pk)
    taken = taken.first()
    if taken is not None and not (is_wagtail_welcome(taken) and is_untouched(taken.root_page)):
        raise ProvisioningError(
            [
                _("%(address)s already serves another site (“%(site)s”).")
                % {"address": spec.address, "site": taken.site_name or taken.root_page.title}
            ]
        )
    if site is not None:
        build.site = site
        if (site.hostname, site.port) == (spec.hostname, spec.port):
            build.found(_("website %(address)s") % {"address": spec.address})
            return
        build.updated(
            _("website moved from %(old)s to %(new)s")
            % {"old": f"{site.hostname}:{site.port}", "new": spec.address}
        )
        _retire_welcome(build, taken)  # it stood on the address the site moves to
        if not build.dry_run:
            site.hostname, site.port = spec.hostname, spec.port
            site.save()
        return
    default = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    becomes_default = default is None or is_wagtail_welcome(default)
    build.created(
        (
            _("website %(address)s (the default site)")
            if becomes_default
            else _("website %(address)s")
        )
        % {"address": spec.address}
    )
    for welcome in {default if becomes_default else None, taken} - {None}:
        _retire_welcome(build, welcome)
    if not build.dry_run:
        build.site = Site.objects.create(
            hostname=spec.hostname,
            port=spec.port,
            root_page=home,
            site_name=f"Opvangpunt {spec.name}",
            is_default_site=becomes_default,
        )


def _retire_welcome(build, welcome):
    """Wagtail's welcome site makes way: removed when untouched, else no longer the default."""
    if welcome is None:
        return
    page = welcome.root_page
    address = f"{welcome.hostname}:{welcome.port}"
    if is_untouched(page):
        build.removed(_("Wagtail's welcome page and its site %(address)s") % {"address": address})
        if not build.dry_run:
            welcome.delete()
            page.delete()
        return
    build.updated(
        _("Wagtail's welcome site %(address)s is no longer the default") % {"address": address}
    )
    if not build.dry_run:
        welcome.is_default_site = False
        welcome.save()
