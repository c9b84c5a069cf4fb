"""Build a region's website, or complete it: `manage.py setup_region --name Gent ...`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...provisioning import ProvisioningError, RegionSpec, build_region, quiet_wagtail_log


class Command(BaseCommand):
    help = (
        "Build a region's website: home page, Wagtail site (the default one), region with its "
        "municipalities, location index, search page, privacy page (a draft) and the "
        "provider-documents collection; optionally an organiser and its folder. Idempotent: "
        "a second run only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The region's name, e.g. Gent.")
        parser.add_argument(
            "--slug", default="", help="The region's slug (default: made from the name)."
        )
        parser.add_argument(
            "--hostname", required=True, help="The site's host name, e.g. opvang.gent.be."
        )
        parser.add_argument(
            "--port", type=int, default=443, help="The port parents use (default 443)."
        )
        parser.add_argument(
            "--municipalities",
            nargs="+",
            action="extend",
            required=True,
            metavar="NIS_CODE",
            help="NIS codes of the municipalities the region's loket serves, e.g. 44021.",
        )
        parser.add_argument("--organiser", default="", help="A first organiser's legal name.")
        parser.add_argument("--kbo", default="", help="That organiser's KBO number.")
        parser.add_argument(
            "--legal-form", default="other", help="That organiser's legal form (default other)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be made; write nothing."
        )

    def handle(self, *args, **options):
        spec = RegionSpec(
            name=options["name"].strip(),
            slug=options["slug"],
            hostname=options["hostname"],
            port=options["port"],
            municipalities=[code.strip() for code in options["municipalities"]],
            organiser=options["organiser"].strip(),
            kbo_number=options["kbo"].strip(),
            legal_form=options["legal_form"],
        )
        try:
            with quiet_wagtail_log():
                build = build_region(spec, dry_run=options["dry_run"])
        except ProvisioningError as error:
            raise CommandError("\n".join(error.messages)) from error
        for change in build.changes:
            self.stdout.write(f"  {change}")
        if not build.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Nothing to do: region “%(name)s” on %(address)s is complete.")
                    % {"name": spec.name, "address": spec.address}
                )
            )
        elif build.dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Region “%(name)s” is ready on %(address)s.")
                    % {"name": spec.name, "address": spec.address}
                )
            )
