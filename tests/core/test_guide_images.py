"""The screenshots in the user guides (docs/guides/, made by `make screenshots`): every image
a guide shows exists and has alt text, every image in docs/guides/img/ is shown somewhere,
and each stays small enough to keep in the repository."""

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = DOCS / "guides"
IMAGES = GUIDES / "img"
# ![alt text](path "optional title"): the only way the guides show an image.
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
MAX_BYTES = 150 * 1024


def shown():
    """(guide, alt text, resolved path) of every image the guides show."""
    for guide in sorted(GUIDES.glob("*.md")):
        for match in MARKDOWN_IMAGE.finditer(guide.read_text(encoding="utf-8")):
            yield guide.name, match["alt"], (guide.parent / match["src"]).resolve()


def test_the_guides_show_screenshots():
    assert len(list(shown())) >= 10


def test_every_image_a_guide_shows_exists():
    missing = [(guide, path.name) for guide, _alt, path in shown() if not path.is_file()]
    assert missing == []


def test_every_image_a_guide_shows_is_in_the_guides_image_folder():
    elsewhere = [(guide, str(path)) for guide, _alt, path in shown() if path.parent != IMAGES]
    assert elsewhere == []


def test_every_image_has_alt_text_that_says_what_it_shows():
    # Alt text is read instead of the picture: a file name or one word says nothing.
    poor = [(guide, path.name, alt) for guide, alt, path in shown() if len(alt.split()) < 5]
    assert poor == []


def test_the_guides_use_no_html_images():
    # An <img> would escape the checks above (alt text, existence).
    with_html = [
        guide.name for guide in GUIDES.glob("*.md") if HTML_IMAGE.search(guide.read_text())
    ]
    assert with_html == []


def test_every_screenshot_is_shown_in_a_guide():
    used = {path for _guide, _alt, path in shown()}
    unused = sorted(path.name for path in IMAGES.iterdir() if path.resolve() not in used)
    assert unused == []


def test_the_screenshots_are_small_pngs():
    too_big = {
        path.name: path.stat().st_size
        for path in IMAGES.iterdir()
        if path.suffix != ".png" or path.stat().st_size > MAX_BYTES
    }
    assert too_big == {}
