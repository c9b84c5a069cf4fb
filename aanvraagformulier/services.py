"""What the request views call: the draft, the final submit, duplicates, private links and
the mails. Views stay thin; every write of a request happens here.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from . import crypto, policies, steps
from .checks import location_count_error
from .figures.keeping import keeping
from .models import (
    ChildcareRequest,
    Consent,
    ConsentKind,
    RequestDraft,
    RequestedLocation,
    RequestStatus,
)
from .rules import rules_for

DRAFT_SESSION_KEY = "aanvraagformulier_draft"
DONE_SESSION_KEY = "aanvraagformulier_done"
LINK_SALT = "aanvraagformulier.private-link"


# -- The draft --------------------------------------------------------------------------------


def current_draft(request):
    """The draft of this browser session, or None."""
    key = request.session.get(DRAFT_SESSION_KEY)
    if not key:
        return None
    return RequestDraft.objects.filter(key=key).select_related("region").first()


def start_draft(request, region):
    """A new draft for this browser session."""
    draft = RequestDraft.objects.create(region=region)
    request.session[DRAFT_SESSION_KEY] = draft.key
    return draft


def save_step(draft, key, values):
    """Store a step's POSTed values and mark the step done."""
    draft.data = {**draft.data, key: values}
    if key not in draft.completed_steps:
        draft.completed_steps = [*draft.completed_steps, key]
    draft.save()


def set_locations(draft, ids, *, completed=None):
    """The draft's locations, in this order. The step is done when the parent moves on
    (`completed`), and undone when the list becomes empty."""
    draft.data = {**draft.data, "locations": [int(pk) for pk in ids]}
    done = [key for key in draft.completed_steps if key != "locations"]
    if completed or (completed is None and ids and "locations" in draft.completed_steps):
        done.append("locations")
    draft.completed_steps = done
    draft.save()


def add_locations(draft, ids, rules):
    """Add requestable fiches to the draft, once each, up to the region's limit.

    Returns (added, left out because of the limit, left out because they take no requests).
    """
    current = draft.location_ids
    wanted = [pk for pk in ids if pk not in current]
    found = [page.pk for page in policies.locations_in_order(wanted)]
    room = max(rules.max_locations - len(current), 0)
    set_locations(draft, [*current, *found[:room]])
    return found[:room], len(found[room:]), len(wanted) - len(found)


def move(ids, pk, offset):
    """`ids` with `pk` moved `offset` places (-1 up, +1 down), within bounds."""
    ids = list(ids)
    if pk not in ids:
        return ids
    index = ids.index(pk)
    target = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    return ids


@dataclass
class Answers:
    """The draft's answers, validated: the cleaned data of every step."""

    child: dict
    locations: list
    parent: dict
    priority: dict
    consent: dict
    sharing_needs: list
    municipality_ids: set  # of the parent's postcode


class Incomplete(Exception):
    """A step of the draft does not validate (any more): the parent goes back to it."""

    def __init__(self, step):
        super().__init__(step.key)
        self.step = step


def validate_draft(draft, rules, user=None):
    """Every step's answers checked again, now; raises Incomplete at the first that fails."""
    # Without availability rows: only the warnings on the form's pages need them.
    locations = policies.locations_in_order(draft.location_ids, availability=False)
    # Looked up once: the consent step's sharing needs and the request's municipality use it.
    municipality_ids = steps.draft_municipality_ids(draft)
    cleaned = {}
    for step in steps.STEPS:
        if step.key == "review":
            continue
        if step.key == "locations":
            if (
                len(locations) != len(draft.location_ids)
                or location_count_error(len(locations), rules) is not None
            ):
                raise Incomplete(step)
            continue
        form = steps.build_form(
            step, draft, rules, user=user, locations=locations, municipality_ids=municipality_ids
        )
        if form is None or not form.is_bound or not form.is_valid():
            raise Incomplete(step)
        cleaned[step.key] = form.cleaned_data
        if step.key == "consent":
            needs = form.sharing_needs
    return Answers(
        child=cleaned["child"],
        locations=locations,
        parent=cleaned["parent"],
        priority=cleaned["priority"],
        consent=cleaned["consent"],
        sharing_needs=needs,
        municipality_ids=municipality_ids,
    )


# -- Duplicates -------------------------------------------------------------------------------


def duplicate_key(email, child_birth_date):
    """Keyed hash of the parent's email and the child's date of birth."""
    return crypto.lookup_hash(f"{email.strip().casefold()}|{child_birth_date.isoformat()}")


def national_number_hash(digits):
    return crypto.lookup_hash(f"nn|{digits}") if digits else ""


def find_duplicate(email, child_birth_date, digits="", exclude=None):
    """An open request for the same parent and child, or None.

    Same parent and child: the same email address and child's date of birth, or the same
    national number and child's date of birth (a second child of the same parent is no
    duplicate). Compared through keyed hashes; the number itself is encrypted.
    """
    match = Q(duplicate_key=duplicate_key(email, child_birth_date))
    if digits:
        match |= Q(
            national_number_hash=national_number_hash(digits), child_birth_date=child_birth_date
        )
    found = ChildcareRequest.objects.open().filter(match)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.order_by("created_at").first()


def draft_duplicate(draft):
    """The open request the draft would duplicate (told to the parent before they send)."""
    child = draft.step_data("child")
    parent = draft.step_data("parent")
    try:
        birth = datetime.date.fromisoformat((child.get("child_birth_date") or [""])[0])
    except ValueError:
        return None
    email = (parent.get("email") or [""])[0]
    if not email:
        return None
    return find_duplicate(email, birth)


# -- The submit -------------------------------------------------------------------------------


class StaleForm(Exception):
    """A send form whose token belongs to no draft of this session and no request."""


def submit(draft, *, token, user=None, language="nl", today=None):
    """File the draft as a request, once: returns (request, created).

    The idempotency token came with the form. A second submit with the same token (double
    click, back button, a retry after a time-out, or two at once) finds the request the first
    one made: the unique constraint on the token decides between concurrent ones, and the
    loser returns the winner's request. Everything is written in one transaction; the mails
    are queued in it and delivered after the commit (core.mail).
    """
    if draft is None or token != draft.idempotency_token:
        # A draft is deleted in the transaction that files it: while it exists, no request
        # carries its token, so only a form without its draft needs this look-up.
        existing = ChildcareRequest.objects.filter(idempotency_token=token).first()
        if existing is not None:
            return existing, False
        raise StaleForm
    rules = rules_for(draft.region)
    answers = validate_draft(draft, rules, user)
    try:
        with transaction.atomic():
            filed = _create(draft, answers, token=token, user=user, language=language)
            RequestDraft.objects.filter(pk=draft.pk).delete()
    except IntegrityError:
        existing = ChildcareRequest.objects.filter(idempotency_token=token).first()
        if existing is None:
            raise
        return existing, False
    return filed, True


def _create(draft, answers, *, token, user, language):
    now = timezone.now()
    child, parent = answers.child, answers.parent
    digits = parent.get("national_number", "")
    municipality_ids = answers.municipality_ids
    filed = ChildcareRequest(
        idempotency_token=token,
        region=draft.region,
        language=language,
        filed_by=user if steps.is_referrer(user) else None,
        parent_first_name=parent["parent_first_name"],
        parent_last_name=parent["parent_last_name"],
        parent_birth_date=parent.get("parent_birth_date"),
        partner_name=parent.get("partner_name", ""),
        email=parent["email"],
        phone=parent["phone"],
        street=parent["street"],
        house_number=parent["house_number"],
        postcode=parent["postcode"],
        municipality_id=min(municipality_ids) if municipality_ids else None,
        national_number=digits,
        national_number_hash=national_number_hash(digits),
        income_indicator=parent.get("income_indicator", ""),
        child_birth_date=child["child_birth_date"],
        child_is_expected=child["child_status"] == "expected",
        start_date=child["start_date"],
        end_date=child.get("end_date"),
        care_parts=child["care_parts"],
        priority_rule_codes=list(answers.priority.get("rules", [])),
        declared_on_honour_at=now if answers.priority.get("rules") else None,
        duplicate_key=duplicate_key(parent["email"], child["child_birth_date"]),
        probable_duplicate_of=find_duplicate(parent["email"], child["child_birth_date"], digits),
        last_confirmed_at=now,
    )
    filed.save()
    rows = add_rows(filed, answers.locations, now=now, new_request=True)
    consents = [Consent(request=filed, kind=ConsentKind.PROCESSING)]
    for need in answers.sharing_needs:
        if need.other_municipality:
            consents.append(
                Consent(
                    request=filed,
                    kind=ConsentKind.SHARE_OUTSIDE_MUNICIPALITY,
                    location=need.location,
                )
            )
        if need.outside_region:
            consents.append(
                Consent(request=filed, kind=ConsentKind.SHARE_OTHER_REGION, location=need.location)
            )
    if filed.filed_by is not None:
        consents.append(Consent(request=filed, kind=ConsentKind.REFERRER))
    if filed.priority_rule_codes:
        consents.append(Consent(request=filed, kind=ConsentKind.PRIORITY_DECLARATION))
    for consent in consents:
        consent.text_version = policies.CONSENT_TEXT_VERSION
        consent.given_at = now
    Consent.objects.bulk_create(consents)
    # The parent's confirmation and every staff mail: one INSERT, one delivery task.
    notify_locations(rows, also=[confirmation_message(filed, rows)])
    return filed


def add_rows(filed, locations, *, now=None, first_preference=1, new_request=False):
    """A "new" row per location, due after the fiche's response deadline (seed 000 art. 2 §4).

    One INSERT for the rows and one for their first history versions, whatever the number of
    locations (django-simple-history's bulk_create_with_history records what save() would:
    a "+" version with the request's user, from its middleware).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = [
        RequestedLocation(
            request=filed,
            region_id=filed.region_id,
            location=location,
            location_title=location.title,
            preference=first_preference + offset,
            status=RequestStatus.NEW,
            status_changed_at=now,
            due_date=today + datetime.timedelta(days=location.response_deadline_days),
        )
        for offset, location in enumerate(locations)
    ]
    if not rows:
        return rows
    # SQLite and PostgreSQL return the new ids from the INSERT, so no query reads them back.
    # A bulk insert sends no signals: the loket's counts are kept here (figures.keeping);
    # a request just filed (`new_request`) counted nothing before its rows.
    with keeping([filed.pk], fresh=new_request):
        return bulk_create_with_history(rows, RequestedLocation, default_date=now)


# -- Private links ----------------------------------------------------------------------------


def link_token(filed):
    """The signed, expiring token of the parent's private link."""
    return signing.TimestampSigner(salt=LINK_SALT).sign(filed.access_key.hex)


def private_url(filed):
    return reverse("request_private", args=[link_token(filed)])


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def request_for_token(token):
    """The (not erased) request behind a private-link token; LinkExpired or LinkInvalid."""
    max_age = datetime.timedelta(days=settings.OPVANGPUNT_PRIVATE_LINK_MAX_AGE_DAYS)
    try:
        key = signing.TimestampSigner(salt=LINK_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    filed = ChildcareRequest.objects.filter(access_key=key, anonymised_at__isnull=True).first()
    if filed is None:
        raise LinkInvalid
    return filed


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


# -- Mail -------------------------------------------------------------------------------------


def confirmation_message(filed, rows):
    """The parent's confirmation with the reference and the private link."""
    with translation.override(filed.language):
        context = {
            "request": filed,
            "link": base_url() + private_url(filed),
            "link_days": settings.OPVANGPUNT_PRIVATE_LINK_MAX_AGE_DAYS,
            "rows": rows,
        }
        subject = render_to_string("aanvraagformulier/mail/confirmation_subject.txt", context)
        body = render_to_string("aanvraagformulier/mail/confirmation.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [filed.email])


def send_confirmation(filed, rows):
    """The parent's confirmation (queued mail)."""
    get_connection().send_messages([confirmation_message(filed, rows)])


def send_new_links(email):
    """Mail fresh private links for the open requests of `email`; nothing when it has none.

    The page that calls this answers the same either way (no account enumeration).
    """
    found = list(
        ChildcareRequest.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)
        .prefetch_related("locations")
        .order_by("created_at")
    )
    found = [filed for filed in found if filed.is_open]
    if not found:
        return 0
    with translation.override(found[0].language):
        context = {
            "links": [(filed, base_url() + private_url(filed)) for filed in found],
            "link_days": settings.OPVANGPUNT_PRIVATE_LINK_MAX_AGE_DAYS,
        }
        subject = render_to_string("aanvraagformulier/mail/new_link_subject.txt", context)
        body = render_to_string("aanvraagformulier/mail/new_link.txt", context)
    send_mail(" ".join(subject.split()), body, None, [found[0].email])
    return len(found)


def location_staff(locations):
    """{location id: [email, ...]} of the active users with an email in each fiche's organiser
    group or its own staff group, in one query."""
    groups = {}
    for location in locations:
        for group_id in (location.organiser.group_id, location.staff_group_id):
            if group_id:
                groups.setdefault(group_id, set()).add(location.pk)
    recipients = {location.pk: [] for location in locations}
    memberships = (
        get_user_model()
        .groups.through.objects.filter(
            group_id__in=groups, user__is_active=True, user__email__gt=""
        )
        .values_list("group_id", "user__email")
        .order_by("user_id")
    )
    for group_id, email in memberships:
        for location_id in groups[group_id]:
            if email not in recipients[location_id]:
                recipients[location_id].append(email)
    return recipients


def staff_messages(rows):
    """A mail per staff member of each row's location: no personal data, a link to the
    admin. Each location's text is rendered once, whatever the number of its staff."""
    admin_url = base_url() + reverse("aanvraagformulier_requests:index")
    staff = location_staff([row.location for row in rows])
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for row in rows:
            if not staff[row.location.pk]:
                continue
            context = {"location": row.location, "row": row, "admin_url": admin_url}
            subject = render_to_string("aanvraagformulier/mail/new_request_subject.txt", context)
            body = render_to_string("aanvraagformulier/mail/new_request.txt", context)
            subject = " ".join(subject.split())
            # One message per person: staff of other organisers never see each other.
            messages += [
                EmailMessage(subject, body, None, [email]) for email in staff[row.location.pk]
            ]
    return messages


def notify_locations(rows, *, also=()):
    """Tell each location's staff a request arrived (queued mail); the messages in `also`
    (the parent's confirmation) are queued with them in one go."""
    messages = [*also, *staff_messages(rows)]
    if messages:
        get_connection().send_messages(messages)
