"""Each account's open sessions, so that a leaver's access ends at once (seed 000 art. 2 §7).

Sessions live in the database with the user id inside their encoded data. `UserSession`
indexes them by account: written at login (`user_logged_in`) and again whenever a logged-in
session gets a new key (a password change cycles it: `SessionIndexMiddleware`).
`end_access(user)` then deactivates the account, deletes every open session of it and removes
its second factors; the person's next request is anonymous and lands on the login page.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db import transaction
from django.dispatch import receiver

from .models import UserSession
from .twofactor import reset_devices

# The engines that keep sessions in django.contrib.sessions' table (the index points there).
DATABASE_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def index_session(user, session):
    """Remember that `session` (saved in the database) is `user`'s."""
    key = session.session_key
    if key and settings.SESSION_ENGINE in DATABASE_ENGINES:
        UserSession.objects.update_or_create(session_id=key, defaults={"user": user})


@receiver(user_logged_in)
def _index_login(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        # login() cycled the key: the database row of the new key exists already.
        index_session(user, session)


class SessionIndexMiddleware:
    """Index a logged-in session again when its key changed during the request.

    Reads only the key (never the session's data), so anonymous pages stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        before = session.session_key if session is not None else None
        response = self.get_response(request)
        after = session.session_key if session is not None else None
        # A key cycled by update_session_auth_hash (login() was indexed by its signal), once
        # the session's row exists.
        if (
            after
            and after != before
            and request.user.is_authenticated
            and Session.objects.filter(session_key=after).exists()
        ):
            index_session(request.user, session)
        return response


def end_sessions(user):
    """Delete every open session of `user` through the session engine (a cached engine's
    copies go too); returns how many there were."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_id", flat=True))
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


@transaction.atomic
def end_access(user):
    """A leaver: the account is deactivated, its sessions end and its second factors go.

    Deactivation alone already stops a session on its next request (the authentication
    backend refuses inactive users); deleting the sessions makes sure nothing of them stays
    usable if the account is ever reactivated, and the devices force a new enrolment then.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions(user)
    reset_devices(user)
