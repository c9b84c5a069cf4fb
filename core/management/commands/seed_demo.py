"""Load the demo: two regions with fiches, their content and one account per role (DEBUG only).

The regions are built by the same steps as `setup_region`; each app adds its demo content
(core.provisioning). A real installation uses `setup_region`, never this command.
"""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...provisioning import DemoBuild, ProvisioningError, build_demo, quiet_wagtail_log


class Command(BaseCommand):
    help = (
        "For demos only: the Gent and Antwerpen-Mechelen-Turnhout regions with fiches, their "
        "content and demo accounts (password 'demo'). Refuses to run without DEBUG; a real "
        "region is set up with setup_region."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hostnames",
            nargs="+",
            default=settings.OPVANGPUNT_DEMO_HOSTNAMES,
            metavar="HOST",
            help="Host names of the demo regions, in order (default: DEMO_HOSTNAMES or "
            "127.0.0.1 localhost).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=settings.OPVANGPUNT_DEMO_PORT,
            help="The port the demo is served on (default: DEMO_PORT or 8000).",
        )
        parser.add_argument(
            "--locations",
            type=int,
            default=0,
            help="For benchmarks: instead of the demo regions, create N fiches spread over all "
            "Flemish municipalities (8000 is about Flanders' real number).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off: for the benchmark database only, never on a "
            "real installation.",
        )

    def handle(self, *args, hostnames, port, locations, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "seed_demo is for demos only: it makes accounts with the password 'demo' "
                    "and invented childcare locations, so it refuses to run without DEBUG. "
                    "To set up a real region, use: manage.py setup_region --name ... "
                    "--hostname ... --municipalities ... (docs/operations.md)."
                )
            )
        if locations < 0:
            raise CommandError(_("--locations must be a positive number."))
        demo = DemoBuild(
            rng=random.Random(seed),
            hostnames=tuple(hostnames),
            port=port,
            benchmark_locations=locations,
            stdout=self.stdout,
        )
        try:
            with quiet_wagtail_log():
                build_demo(demo)
        except ProvisioningError as error:
            raise CommandError("\n".join(error.messages)) from error
