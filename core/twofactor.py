"""Two-factor authentication on /admin/ for every staff account (django-otp).

Every role sees personal data or publishes, so the whole admin asks for a second factor: a
TOTP code from an authenticator app, or one of ten single-use recovery codes. The flow:

1. password (Wagtail's login form, with axes' lockout);
2. first time: `setup` shows a QR code (SVG drawn by segno, no script) and the secret, and
   asks for a code to confirm the app works; then `recovery_codes` shows the codes once;
3. later logins: `verify` asks for a code (django-otp slows down repeated wrong codes).

`TwoFactorMiddleware` sends an authenticated but unverified session to step 2 or 3 from any
admin URL but these and login, logout and password reset. A lost phone: the loket or an
administrator removes the user's devices (`reset_devices`, in the admin's "Login security"
page or `manage.py reset_two_factor USERNAME`); the next login enrols anew.

The demo: with DEBUG on, and only then, OPVANGPUNT_TWO_FACTOR_EXEMPT names accounts that
skip the second factor (`portal.settings.dev` lists the demo accounts).
"""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery codes"
APP_DEVICE_NAME = "authenticator app"

# Admin URLs a session without its second factor may reach.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    # The icons, which the admin's script fetches and puts into the page.
    "wagtailadmin_sprite",
    "opvangpunt_2fa_setup",
    "opvangpunt_2fa_verify",
    "opvangpunt_2fa_recovery_codes",
}


def is_exempt(user):
    """A demo account with DEBUG on (never otherwise: production has DEBUG off)."""
    return bool(settings.DEBUG) and user.get_username() in getattr(
        settings, "OPVANGPUNT_TWO_FACTOR_EXEMPT", ()
    )


def needs_second_factor(user):
    """Whether this logged-in user must still give a code before using the admin."""
    return user.is_authenticated and not user.is_verified() and not is_exempt(user)


def _safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def _to_step(name, target):
    """A redirect to the two-factor page `name`, going on to `target` afterwards."""
    return redirect(f"{reverse(name)}?{urlencode({'next': target})}")


class TwoFactorMiddleware:
    """Under /admin/, an unverified session goes to enrolment or to the code page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIX) and needs_second_factor(
            request.user
        ):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in OPEN_URL_NAMES:
                return second_factor_first(request)
        return self.get_response(request)


def second_factor_first(request):
    """Send an unverified session to enrolment or to the code page, then back here."""
    step = "opvangpunt_2fa_verify" if user_has_device(request.user) else "opvangpunt_2fa_setup"
    return _to_step(step, request.get_full_path())


def guard_restricted_document(document, request):
    """A document only some groups may open asks for the second factor too (a
    `before_serve_document` hook).

    The provider documents are served outside /admin/, so the middleware does not see them; a
    password alone must not open what the admin guards with two factors. A request that the
    collection's restriction refuses anyway is left to Wagtail's own hook, which answers it.
    """
    restrictions = document.collection.get_view_restrictions()
    if not restrictions or not all(r.accept_request(request) for r in restrictions):
        return None
    if needs_second_factor(request.user):
        return second_factor_first(request)
    return None


class TokenForm(forms.Form):
    """One code: six digits from the app, or a recovery code."""

    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


def app_device(user):
    """The user's unconfirmed authenticator device for enrolment (one, made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_of(device):
    """The device's secret as an authenticator app asks for it (base32, in groups of four)."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The otpauth:// link of the device as an inline SVG QR code (no script, no image URL)."""
    # segno writes the SVG itself; the otpauth link is in the QR pattern, not in the markup.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, border=2))


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones; returns them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset_devices(user):
    """Remove every second factor of `user` (a lost phone): the next login enrols anew."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed


@sensitive_post_parameters("token")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Enrolment: scan the QR code (or type the secret), confirm with a first code."""
    if user_has_device(request.user):
        if request.user.is_verified():
            return redirect(_safe_next(request))
        return redirect(
            f"{reverse('opvangpunt_2fa_verify')}?{urlencode({'next': _safe_next(request)})}"
        )
    device = app_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            codes = new_recovery_codes(request.user)
            return render(
                request,
                "core/twofactor/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
        form.add_error(
            "token",
            _("This code is not right. Check the time on your phone, and try the next code."),
        )
    return render(
        request,
        "core/twofactor/setup.html",
        {
            "form": form,
            "qr_code": qr_code_svg(device),
            "secret": secret_of(device),
            "next": _safe_next(request),
        },
    )


@sensitive_post_parameters("token")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """The second step of every login: a code from the app, or a recovery code."""
    if not user_has_device(request.user):
        return redirect(
            f"{reverse('opvangpunt_2fa_setup')}?{urlencode({'next': _safe_next(request)})}"
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        waiting = [
            device for device in devices_for_user(request.user) if not device.verify_is_allowed()[0]
        ]
        if waiting:
            form.add_error("token", _("Too many wrong codes. Wait a moment before you try again."))
        else:
            form.add_error("token", _("This code is not right."))
    return render(
        request, "core/twofactor/verify.html", {"form": form, "next": _safe_next(request)}
    )


@login_required(login_url="wagtailadmin_login")
def recovery_codes(request):
    """New recovery codes, for a verified user who used or lost theirs (POST only)."""
    if request.method != "POST" or not request.user.is_verified():
        return redirect(reverse("wagtailadmin_home"))
    codes = new_recovery_codes(request.user)
    return render(
        request,
        "core/twofactor/recovery_codes.html",
        {"codes": codes, "next": reverse("wagtailadmin_home")},
    )
