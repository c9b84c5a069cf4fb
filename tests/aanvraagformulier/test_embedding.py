"""Where the form starts: the block on an information page, a fiche, the compare page."""

import pytest
from wagtail.blocks import StreamValue

import home.blocks
from aanvraagformulier.models import RequestDraft
from home.blocks import BodyBlock

from ..factories import InformationPageFactory
from .conftest import child_data

pytestmark = pytest.mark.django_db


def test_the_body_offers_the_request_form_block_without_home_importing_it():
    assert "request_form" in BodyBlock().child_blocks

    assert "aanvraagformulier" not in home.blocks.__dict__


def test_the_block_on_an_information_page_renders_step_one_and_starts_a_request(
    client, home_page, request_region, locations
):
    page = InformationPageFactory(parent=home_page, title="Opvang aanvragen", slug="aanvragen-info")
    page.body = StreamValue(
        page.body.stream_block,
        [
            (
                "request_form",
                {
                    "title": "Vraag hier opvang aan",
                    "intro": "Het duurt tien minuten.",
                    "location": locations[1],
                },
            )
        ],
        is_lazy=False,
    )
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "Vraag hier opvang aan" in html and "Het duurt tien minuten." in html
    assert "Stap 1 van 6" in html
    assert 'action="/aanvragen/stap/kind/"' in html
    assert f'name="locaties" value="{locations[1].pk}"' in html
    assert "hoogstens 5 opvanglocaties" in html
    assert 'name="csrfmiddlewaretoken"' in html
    # Filled in on the page, the step goes on at /aanvragen/ with that location chosen.
    response = client.post(
        "/aanvragen/stap/kind/", {**child_data(), "locaties": str(locations[1].pk)}
    )
    assert response["Location"] == "/aanvragen/stap/locaties/"
    assert RequestDraft.objects.get().location_ids == [locations[1].pk]


def test_a_fiche_links_to_the_form_with_itself_chosen(client, make_location, request_region):
    location = make_location(title="Kinderdagverblijf Vlinder")
    closed = make_location(title="Gesloten", accepts_requests=False)

    html = client.get(location.url).content.decode()
    closed_html = client.get(closed.url).content.decode()

    assert f'href="/aanvragen/?locaties={location.pk}"' in html
    assert "Vraag opvang aan" in html
    assert "/aanvragen/?locaties=" not in closed_html
    start = client.get(f"/aanvragen/?locaties={location.pk}").content.decode()
    assert "Kinderdagverblijf Vlinder" in start


def test_compare_leads_to_the_form_with_its_locations(client, locations):
    ids = ",".join(str(loc.pk) for loc in locations)

    compare = client.get("/vergelijken/", {"locaties": ids}).content.decode()
    start = client.get("/aanvragen/", {"locaties": ids})

    assert f'href="/aanvragen/?locaties={ids}"' in compare
    assert [loc.pk for loc in start.context["preselected"]] == [loc.pk for loc in locations]
