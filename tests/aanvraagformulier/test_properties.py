"""Arbitrary values at every field of every step: never a 500, never an unescaped echo."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanvraagformulier.models import ChildcareRequest

from .conftest import private_link_from_mail

pytestmark = pytest.mark.django_db

MARK = "<zz"  # our templates never write this; an unescaped echo of a value would
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60).map(
    lambda value: MARK + value
)
maybe_text = st.one_of(text, st.sampled_from(["", "on", "full", "half", "born", "expected"]))

STEP_FIELDS = {
    "kind": [
        "child_status",
        "child_birth_date",
        "start_date",
        "end_date",
        *(f"care_{day}" for day in range(5)),
        "locaties",
    ],
    "locaties": ["action"],
    "ouder": [
        "parent_first_name",
        "parent_last_name",
        "partner_name",
        "email",
        "phone",
        "street",
        "house_number",
        "postcode",
        "parent_birth_date",
        "national_number",
        "income_indicator",
    ],
    "voorrang": ["rules", "declaration"],
    "toestemming": ["processing", "referrer_consent", "share_1"],
}
QUICK = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(response):
    assert response.status_code < 500
    if response.get("Content-Type", "").startswith("text/html"):
        assert MARK not in response.content.decode()


@pytest.fixture
def ready(filler, request_region, locations):
    """A browser with a draft that reached the review (every step reachable)."""
    request_region.asks_national_number = request_region.asks_income_indicator = True
    request_region.save()
    filler.through_consent(
        [locations[0].pk],
        parent={
            "parent_first_name": "Sofie",
            "parent_last_name": "Peeters",
            "email": "sofie.peeters@voorbeeld.be",
            "phone": "0470123456",
            "street": "Veldstraat",
            "house_number": "1",
            "postcode": "9000",
            "income_indicator": "middle",
        },
    )
    return filler


@pytest.mark.parametrize("slug", list(STEP_FIELDS))
def test_every_step_survives_arbitrary_values(ready, slug):
    fields = STEP_FIELDS[slug]

    @QUICK
    @given(st.fixed_dictionaries({name: maybe_text for name in fields}), text)
    def post(values, search):
        check(ready.client.post(f"/aanvragen/stap/{slug}/", values))
        check(ready.client.get(f"/aanvragen/stap/{slug}/", {"zoek": search}))

    post()


def test_the_start_send_and_new_link_survive_arbitrary_values(ready):
    @QUICK
    @given(text, text, text)
    def post(locaties, token, email):
        check(ready.client.get("/aanvragen/", {"locaties": locaties}))
        check(ready.client.post("/aanvragen/verstuur/", {"token": token, "website": email}))
        check(ready.client.post("/aanvraag/nieuwe-link/", {"email": email}))

    post()
    assert not ChildcareRequest.objects.exists()


def test_the_private_page_survives_arbitrary_values(ready):
    ready.send()
    link = private_link_from_mail("sofie.peeters@voorbeeld.be")
    names = [
        "plan-child_status",
        "plan-child_birth_date",
        "plan-start_date",
        "plan-care_0",
        "contact-email",
        "contact-phone",
        "contact-partner_name",
        "address-street",
        "address-house_number",
        "address-postcode",
        "address-share",
        "confirm",
    ]

    @QUICK
    @given(
        st.sampled_from(["care_plan", "contact", "address", "add", "up", "down", "withdraw", "x"]),
        text,
        st.fixed_dictionaries({name: maybe_text for name in names}),
    )
    def post(action, value, values):
        check(ready.client.post(link, {"action": f"{action}:{value}", **values}))
        check(ready.client.get(link, {"zoek": value}))
        check(ready.client.get(link + "wissen/", {"confirm": value}))
        check(ready.client.get(f"/aanvraag/{value}/"))

    post()
    check(ready.client.post(link + "wissen/", {"confirm": MARK}))
