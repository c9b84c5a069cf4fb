"""The answers a benchmarked parent gives at each step of the request form.

Shared by `bench.run` (the `request_submit` figure, in process) and `bench/load_request.py`
(50 parents over HTTP against gunicorn), so both walk the same form.
"""

import datetime
import random
import re

TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def child(today, rng=random):
    birth = today - datetime.timedelta(days=rng.randint(30, 300))
    return {
        "child_status": "born",
        "child_birth_date": birth.isoformat(),
        "start_date": (today + datetime.timedelta(days=rng.randint(30, 300))).isoformat(),
        "care_0": "full",
        "care_1": "full",
        "care_3": "half",
    }


def parent(number, rng=random):
    return {
        "parent_first_name": "Bench",
        "parent_last_name": f"Ouder {number}",
        "email": f"ouder{number}.{rng.randint(0, 10**9)}@bench.invalid",
        "phone": "0470 12 34 56",
        "street": "Veldstraat",
        "house_number": str(rng.randint(1, 200)),
        "postcode": "9000",
    }


def steps(location_ids, number, today, rng=random):
    """(path, data) for every step up to the review, in order."""
    first = child(today, rng)
    first["locaties"] = ",".join(str(pk) for pk in location_ids)
    return [
        ("/aanvragen/stap/kind/", first),
        ("/aanvragen/stap/locaties/", {"action": "next"}),
        ("/aanvragen/stap/ouder/", parent(number, rng)),
        ("/aanvragen/stap/voorrang/", {}),
        # Consent for each location too: some lie outside the parent's municipality.
        (
            "/aanvragen/stap/toestemming/",
            {"processing": "on", **{f"share_{pk}": "on" for pk in location_ids}},
        ),
    ]
