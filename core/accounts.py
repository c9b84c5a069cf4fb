"""Protection of the staff accounts: lockout message, password-reset limits, short sessions.

- Lockout after repeated wrong passwords is django-axes (settings: AXES_*), on every login
  form (the admin's and Wagtail's public `/_util/login/`), keyed by user and client
  (`core.throttle.client_ip`). `lockout_response` says so in Dutch; the loket and
  administrators unlock in the admin (`core.account_admin`).
- Password reset: a client may ask a few times an hour (`ThrottledPasswordResetView`), and
  one address gets at most a few mails a day whoever asks (`CappedPasswordResetForm`).
- Staff sessions end when the browser closes and at most OPVANGPUNT_STAFF_SESSION_SECONDS
  after login (`StaffSessionMiddleware`), whatever "remember me" said.
"""

import logging
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

from .throttle import allow, client_ip

logger = logging.getLogger(__name__)

STAFF_SESSION_KEY = "opvangpunt_staff_session_ends"


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out client sees (AXES_LOCKOUT_CALLABLE), in the interface language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "core/account_locked.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@receiver(user_locked_out)
def _log_lockout(sender, request=None, **kwargs):
    # No username or address in the log (docs/data-protection.md): the admin page lists them.
    logger.warning("login locked out after %s failures", settings.AXES_FAILURE_LIMIT)


class CappedPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form; one address gets at most OPVANGPUNT_RESET_MAILS_PER_ADDRESS a day.

    Past the cap the form still says "if the address is known, a mail is on its way", as for
    an unknown address: the cap must not tell anyone which addresses have an account.
    """

    def get_users(self, email):
        users = list(super().get_users(email))
        if users and not allow(
            "reset-mail", email, settings.OPVANGPUNT_RESET_MAILS_PER_ADDRESS, 24 * 60 * 60
        ):
            logger.warning("password reset mail not sent: daily cap for the address reached")
            return []
        return users


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's reset view; a client may ask OPVANGPUNT_RESET_REQUESTS_PER_CLIENT an hour.

    (Its form is CappedPasswordResetForm, through WAGTAILADMIN_USER_PASSWORD_RESET_FORM.)
    """

    def form_valid(self, form):
        limit = settings.OPVANGPUNT_RESET_REQUESTS_PER_CLIENT
        if not allow("reset-client", client_ip(self.request), limit, 60 * 60):
            form.add_error(
                None,
                _("Too many password reset requests from your connection. Try again in an hour."),
            )
            return self.form_invalid(form)
        return super().form_valid(form)


def is_staff_account(user):
    """Whether `user` works in the admin (every role does; parents have no account)."""
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


@receiver(user_logged_in)
def _start_staff_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and is_staff_account(user):
        request.session[STAFF_SESSION_KEY] = time.time() + settings.OPVANGPUNT_STAFF_SESSION_SECONDS


class StaffSessionMiddleware:
    """Staff sessions: cookie until the browser closes, and never longer than a working day.

    Wagtail's "remember me" would keep a session for SESSION_COOKIE_AGE (two weeks, which
    parents' compare lists keep); staff see personal data and publish, so theirs end sooner.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only requests that carry a session: reading it otherwise would add "Vary: Cookie"
        # to every anonymous page (and keep it out of shared caches).
        had_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if had_session:
            ends = request.session.get(STAFF_SESSION_KEY)
            if ends is not None and time.time() > ends:
                logout(request)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and (had_session or session.modified)
            and STAFF_SESSION_KEY in session
            and session.get("_session_expiry") != 0
        ):
            session.set_expiry(0)
        return response
