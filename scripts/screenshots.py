"""The screenshots in docs/guides/img/: `make screenshots` (documentation, not a test).

Seeds the demo (`seed_demo`) into a throw-away SQLite database in a temporary folder, serves it
with `runserver` on a free loopback port, and drives Debian's chromium through Playwright the
way a parent, a provider and the loket click through the portal: search, fiche, compare, the
request form, the provider's dashboard and decisions, the parent answering the offer, the
loket's figures and emergency list. Each screenshot is cropped to the part a guide talks
about and written as an optimised palette PNG. The same seed gives the same portal; dates
("laatst bevestigd", deadlines) follow today's date.

    .venv/bin/python scripts/screenshots.py [--out docs/guides/img] [--only NAME ...]
                                            [--seeded FILE]

Needs the `test` extra (Playwright) and Debian's chromium (scripts/install-e2e-deps.sh);
Pillow, which makes the PNGs small, comes with Wagtail. The demo's accounts log in without a
second factor because the demo runs with DEBUG on (portal/settings/dev.py), as with `make
demo`. Nothing here touches the project's own database, media or mail: all of it lives in the
temporary folder and is removed at the end.
"""

import argparse
import datetime
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parents[1]
# The browser tests' chromium settings (plain constants: no Django is imported here).
sys.path.insert(0, str(BASE_DIR))
from tests.e2e.chromium import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402

PYTHON = sys.executable
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
PASSWORD = "demo"  # opvanglocaties.demo.builder.DEMO_PASSWORD
MAX_HEIGHT = 1100  # crop taller parts: a guide shows the top of a long list
# runserver answers one request at a time, and the machine may be busy with other work.
NAVIGATION_TIMEOUT = 120_000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_environment(folder, port):
    """The environment of the throw-away demo: its own database, media, mail and exports."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3",
        "MEDIA_ROOT": f"{folder}/media",
        "EMAIL_URL": f"file:///{folder}/mail",
        "EXPORT_DIR": f"{folder}/exports",
        "BACKUP_DIR": f"{folder}/backups",
        "DEMO_PORT": str(port),
        "DEMO_HOSTNAMES": "127.0.0.1,localhost",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Eight families filing from one address within a minute is what the request form's
        # rate limit (30 posts a minute) is there to stop: off in this throw-away demo only.
        "OPVANGPUNT_RATE_LIMITS": "off",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"runserver stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class Camera:
    """Takes cropped screenshots and writes them as small PNGs into `out`."""

    def __init__(self, out, only=()):
        self.out = out
        self.only = set(only)
        self.written = []

    def wanted(self, name):
        return not self.only or name in self.only

    def element(self, page, name, selector, *, last=None, pad=8, max_height=MAX_HEIGHT):
        """The box around the first `selector` (down to the bottom of the last `last`, if
        given), `pad` pixels around it, cut at `max_height`."""
        if not self.wanted(name):
            return
        self.unfocus(page)
        first = page.locator(selector).first
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        if last is not None:
            end = page.locator(last).last.bounding_box()
            bottom = max(box["y"] + box["height"], end["y"] + end["height"])
            right = max(box["x"] + box["width"], end["x"] + end["width"])
            box = {
                "x": box["x"],
                "y": box["y"],
                "width": right - box["x"],
                "height": bottom - box["y"],
            }
        scroll = page.evaluate("({x: window.scrollX, y: window.scrollY})")
        width = page.evaluate("document.documentElement.scrollWidth")
        x = max(box["x"] + scroll["x"] - pad, 0)
        y = max(box["y"] + scroll["y"] - pad, 0)
        clip = {
            "x": x,
            "y": y,
            "width": min(box["width"] + 2 * pad, width - x),
            "height": min(box["height"] + 2 * pad, max_height),
        }
        self.save(name, page.screenshot(full_page=True, clip=clip, animations="disabled"))

    def viewport(self, page, name, *, height=None):
        """What the window shows (its top `height` pixels, if given)."""
        if not self.wanted(name):
            return
        self.unfocus(page)
        size = page.viewport_size
        clip = {"x": 0, "y": 0, "width": size["width"], "height": height or size["height"]}
        self.save(name, page.screenshot(clip=clip, animations="disabled"))

    @staticmethod
    def unfocus(page):
        """No focus ring in the picture (the search moves focus to its result count)."""
        page.evaluate("document.activeElement && document.activeElement.blur()")

    def save(self, name, png):
        """A palette PNG (256 colours, no dithering: text stays sharp), optimised."""
        image = Image.open(io.BytesIO(png)).convert("RGB")
        small = image.quantize(colors=256, dither=Image.Dither.NONE)
        path = self.out / f"{name}.png"
        small.save(path, optimize=True)
        self.written.append(path)
        print(f"  {path.name}: {image.width}x{image.height}, {path.stat().st_size // 1024} KB")


def login(page, username):
    """Log in to the admin as a demo account (no second factor: the demo runs with DEBUG)."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    submit(page, page.locator("button[type=submit]"))


def open_context(browser, common, **options):
    """A new browser window (own cookies) on the demo, patient with a busy machine."""
    context = browser.new_context(**common, **options)
    context.set_default_timeout(NAVIGATION_TIMEOUT)
    return context


def submit(page, locator):
    """Click a button that sends a form, and wait for the page that answers."""
    with page.expect_navigation():
        locator.click()


def next_step(page):
    """Click "Bewaren en verder"; stop with the form's own message if a step refuses."""
    submit(page, page.get_by_role("button", name="Bewaren en verder"))
    errors = page.locator(".error-summary")
    if errors.count():
        raise SystemExit(f"{page.url}: {errors.inner_text()}")


def file_request(page, ids, parent, *, camera=None):
    """A parent files one request for the locations `ids` from compare, through the form's
    six steps; returns the reference. With a camera, the steps a guide shows are taken."""
    shoot = camera is not None
    today = datetime.date.today()
    joined = ",".join(str(pk) for pk in ids)
    page.goto(f"/vergelijken/?locaties={joined}")
    submit(page, page.locator(f"a[href='/aanvragen/?locaties={joined}']"))

    page.get_by_label("Mijn kind is geboren").check()
    page.fill(
        "#id_child_birth_date", (today - datetime.timedelta(days=parent["age_days"])).isoformat()
    )
    page.fill("#id_start_date", (today + datetime.timedelta(days=60)).isoformat())
    for day, part in parent["care"].items():
        page.select_option(f"#id_care_{day}", part)
    if shoot:
        camera.element(
            page, "request-step-1-phone", ".request-form", last=".care-parts", max_height=1900
        )
    next_step(page)

    if shoot:
        camera.element(page, "request-step-2-phone", ".request-form", last=".chosen-location")
    next_step(page)

    page.fill("#id_parent_first_name", parent["first_name"])
    page.fill("#id_parent_last_name", parent["last_name"])
    page.fill("#id_email", parent["email"])
    page.fill("#id_phone", parent["phone"])
    page.fill("#id_street", parent["street"])
    page.fill("#id_house_number", "12")
    page.fill("#id_postcode", parent["postcode"])
    next_step(page)

    rules = page.locator("input[type=checkbox][name=rules]")
    if rules.count():
        rules.first.check()
        page.get_by_label("Ik verklaar op eer").check()
    next_step(page)

    for consent in page.locator("input[type=checkbox]").all():
        consent.check()
    next_step(page)

    submit(page, page.get_by_role("button", name="Verstuur mijn aanvraag"))
    if shoot:
        camera.element(page, "request-sent-phone", ".request-form")
    return page.locator(".reference").inner_text().strip()


# The families of the demo's requests: the first files through the form with the camera on,
# the others fill the provider's list and the loket's figures.
FAMILIES = [
    ("Sofie", "Peeters", "Dendermondsesteenweg", "9040"),
    ("Yusuf", "Demir", "Sleepstraat", "9000"),
    ("Lotte", "Claes", "Kortrijksesteenweg", "9000"),
    ("Amira", "El Idrissi", "Wondelgemstraat", "9000"),
    ("Jonas", "Maes", "Antwerpsesteenweg", "9040"),
    ("Emma", "Wouters", "Brusselsesteenweg", "9050"),
    ("Noah", "Jacobs", "Kortrijksepoortstraat", "9000"),
    ("Marie", "Mertens", "Hundelgemsesteenweg", "9050"),
]
CARE_PLANS = [
    {0: "full", 1: "full", 3: "full", 4: "half"},
    {0: "full", 2: "half", 4: "full"},
    {1: "full", 2: "full", 3: "full"},
    {0: "full", 1: "full", 2: "full", 3: "full", 4: "full"},
]


def family(number):
    """The `number`-th demo family: names, contact, address, the child's age, a care plan."""
    first, last, street, postcode = FAMILIES[number]
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{first}.{last.replace(' ', '')}@voorbeeld.be".lower(),
        "phone": f"0470 12 34 {10 + number:02d}",
        "street": street,
        "postcode": postcode,
        "age_days": 60 + 20 * number,
        "care": CARE_PLANS[number % len(CARE_PLANS)],
    }


def ask_demo(env, code):
    """What Python `code` prints (JSON) when run by `manage.py shell` against the demo: the
    look-ups a person would do by reading a page or a mail (which fiche, which link)."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# Live fiches of the demo's organiser account (`organisator`) that take requests for a baby:
# the first three are the family's compare list, all five get requests. [(id, url), ...]
DEMO_LOCATIONS = """
import json
from opvanglocaties.models import LocationPage, Organiser
organiser = Organiser.objects.filter(group__user__username="organisator").get()
locations = LocationPage.objects.live().filter(
    organiser=organiser, accepts_requests=True, min_age_months__lte=2
).order_by("pk")[:5]
print(json.dumps([(page.pk, page.url) for page in locations]))
"""
# The private link the confirmation mail gives the parent, and the request's row at the
# first location (the provider's detail view).
REQUEST_LINKS = """
import json
from aanvraagformulier.models import ChildcareRequest
from aanvraagformulier.services import private_url
filed = ChildcareRequest.objects.get(reference=%r)
print(json.dumps([private_url(filed), filed.locations.get(location_id=%d).pk]))
"""


def parents(browser, common, camera, locations):
    """Search, a card, a fiche, compare (desktop); search and the request form on a phone.
    Returns the reference of the request and the phone's tab (the parent's browser)."""
    desktop = open_context(browser, common, viewport=DESKTOP)
    page = desktop.new_page()
    page.goto("/zoeken/?q=Sint-Amandsberg+9040&leeftijd=10")
    camera.viewport(page, "search-desktop")
    camera.element(page, "search-result-card", ".cards .card")
    page.goto(locations[0][1])
    camera.element(page, "fiche-availability", ".fiche-header", last=".contact-box")
    ids = [pk for pk, _url in locations[:3]]
    page.goto(f"/vergelijken/?locaties={','.join(map(str, ids))}")
    camera.element(page, "compare", "main table", max_height=800)

    phone = open_context(browser, common, viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto("/zoeken/?q=Sint-Amandsberg+9040&leeftijd=10&beschikbaar=nu")
    camera.viewport(page, "search-phone")
    reference = file_request(page, ids, family(0), camera=camera)
    # More families, each on its own browser, for the provider's list and the figures.
    for number in range(1, len(FAMILIES)):
        chosen = [locations[(number + k) % len(locations)][0] for k in range(1 + number % 3)]
        context = open_context(browser, common, viewport=PHONE)
        file_request(context.new_page(), chosen, family(number))
        context.close()
    return reference, page


def provider(browser, common, camera, row):
    """The organiser's dashboard, one-click confirm, many fiches, the request list and one
    request before and after "accept for review"; then offers the place."""
    context = open_context(browser, common, viewport=DESKTOP)
    staff = context.new_page()
    login(staff, "organisator")
    camera.element(staff, "provider-dashboard", "#your-fiches-section", max_height=620)
    submit(staff, staff.locator("#your-fiches-section button", has_text="Klopt nog").first)
    camera.viewport(staff, "provider-confirmed", height=560)
    # The rest without the menu: the lists need the width.
    context.add_cookies([{"name": "wagtail_sidebar_collapsed", "value": "1", "url": staff.url}])
    staff.goto("/admin/fiches/beschikbaarheid/")
    camera.viewport(staff, "provider-availability-many")
    staff.goto("/admin/aanvragen/")
    staff.click("button[aria-label='Toon filters']")
    staff.get_by_text("Filter op").wait_for()
    camera.viewport(staff, "provider-requests", height=700)
    staff.goto(f"/admin/aanvragen/{row}/")
    camera.element(staff, "provider-request-actions", "section[aria-labelledby=row-status]")
    camera.element(staff, "provider-request-new", "section[aria-labelledby=row-data]")
    submit(staff, staff.locator("button[value=accept_for_review]"))
    camera.element(staff, "provider-request-accepted", "section[aria-labelledby=row-data]")
    staff.fill("textarea[name=message]", "Welkom! We bellen je deze week voor een kennismaking.")
    submit(staff, staff.locator("button[value=approve]"))
    context.close()


def loket(browser, common, camera, reference):
    """The loket puts the family on the emergency list; the list, then the figures."""
    context = open_context(browser, common, viewport=DESKTOP)
    page = context.new_page()
    login(page, "loket")
    context.add_cookies([{"name": "wagtail_sidebar_collapsed", "value": "1", "url": page.url}])
    page.goto("/admin/noodlijst/plaatsen/")
    page.fill("[name=reference]", reference)
    page.fill("[name=reason]", "Alleenstaande ouder, start binnen zes weken een nieuwe job.")
    submit(page, page.locator("form:has([name=reference]) button[type=submit]"))
    page.goto("/admin/noodlijst/")
    camera.viewport(page, "loket-emergency-list", height=360)
    page.goto("/admin/cijfers/")
    page.select_option("#id_regio", label="Gent")
    submit(page, page.locator("form.figures-choice button[type=submit]"))
    camera.element(
        page, "loket-figures", "form.figures-choice", last="section[aria-labelledby=fig-per-wijk]"
    )
    context.close()


def run(base_url, env, camera):
    """Every screenshot, in the order a family's request goes through the portal."""
    locations = ask_demo(env, DEMO_LOCATIONS)
    with sync_playwright() as playwright:
        # Headless chromium writes date fields month first whatever the locale (neither
        # --lang nor LANG changes it): the pages themselves are Dutch (nl-BE).
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        common = {"base_url": base_url, "locale": "nl-BE", "reduced_motion": "reduce"}
        reference, parent_page = parents(browser, common, camera, locations)
        link, row = ask_demo(env, REQUEST_LINKS % (reference, locations[0][0]))
        provider(browser, common, camera, row)
        # The parent opens the private link from the mail and sees the offer.
        parent_page.goto(link)
        camera.viewport(parent_page, "private-page-phone")
        camera.element(parent_page, "private-offer-phone", "[data-offer]")
        loket(browser, common, camera, reference)
        browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BASE_DIR / "docs" / "guides" / "img")
    parser.add_argument("--only", nargs="+", default=(), metavar="NAME", help="only these images")
    parser.add_argument(
        "--seeded",
        type=Path,
        metavar="FILE",
        help="keep the freshly seeded database in FILE and start from a copy of it when it "
        "exists (saves the two minutes of seeding while you work on this script)",
    )
    args = parser.parse_args(argv)
    if not os.access(CHROMIUM_PATH, os.X_OK):
        raise SystemExit(f"chromium not found at {CHROMIUM_PATH}: run scripts/install-e2e-deps.sh")
    args.out.mkdir(parents=True, exist_ok=True)
    camera = Camera(args.out.resolve(), args.only)
    folder = tempfile.mkdtemp(prefix="opvangpunt-screenshots-")
    port = free_port()
    env = demo_environment(folder, port)
    database = Path(folder) / "demo.sqlite3"
    if args.seeded and args.seeded.exists():
        shutil.copyfile(args.seeded, database)
        manage(env, "seed_demo", "--port", str(port))  # moves the sites to this port
    else:
        print(f"Seeding the demo in {folder} ...")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo", "--port", str(port))
        if args.seeded:
            shutil.copyfile(database, args.seeded)
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_up(base_url + "/", server)
        run(base_url, env, camera)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(camera.written)} screenshots in {args.out}")
    unknown = set(args.only) - {path.stem for path in camera.written}
    if unknown:
        raise SystemExit(f"no screenshot is called {', '.join(sorted(unknown))}")


if __name__ == "__main__":
    main()
