"""The admin's "Login security" page: unlock a login, reset a user's second factor.

For administrators and the loket (the loket handles the providers' accounts). A lockout is
django-axes' AccessAttempt row (user and address); removing it unlocks at once. Resetting
two-factor authentication removes the user's devices (`core.twofactor.reset_devices`): here
for administrators only, for any account. The loket resets the second factor of the staff it
manages on the "Staff" page (`opvanglocaties.staff_views`), scoped to its region: this page
knows no regions, and a reset for any account would let one region's loket take over another's
accounts. Both are logged, without names or addresses.
"""

import logging

from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .roles import LOKET, has_role
from .twofactor import reset_devices

logger = logging.getLogger(__name__)


def can_manage_logins(user):
    """Administrators and the loket unlock logins and reset second factors."""
    return user.is_active and (user.is_superuser or has_role(user, LOKET))


class ResetTwoFactorForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)

    def clean_username(self):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: self.cleaned_data["username"]}).first()
        if user is None:
            raise forms.ValidationError(_("There is no user with this username."))
        return user


@require_http_methods(["GET", "POST"])
def login_security(request):
    """List locked logins; unlock one, or reset a user's two-factor authentication."""
    if not can_manage_logins(request.user):
        raise PermissionDenied
    reset_form = ResetTwoFactorForm()
    if request.method == "POST" and request.POST.get("action") == "unlock":
        AccessAttempt.objects.filter(pk=request.POST.get("attempt")).delete()
        logger.info("login unlocked by the loket or an administrator")
        messages.success(request, _("The login is unlocked."))
        return redirect("opvangpunt_login_security")
    if request.method == "POST" and request.POST.get("action") == "reset_2fa":
        if not request.user.is_superuser:
            raise PermissionDenied
        reset_form = ResetTwoFactorForm(request.POST)
        if reset_form.is_valid():
            target = reset_form.cleaned_data["username"]
            if target.is_superuser and not request.user.is_superuser:
                reset_form.add_error(
                    "username", _("Only an administrator resets an administrator's login.")
                )
            else:
                reset_devices(target)
                logger.info("two-factor authentication reset by the loket or an administrator")
                messages.success(
                    request,
                    _(
                        "Two-factor authentication of %(username)s is reset: they set it up again "
                        "at their next login."
                    )
                    % {"username": target.get_username()},
                )
                return redirect("opvangpunt_login_security")
    attempts = AccessAttempt.objects.order_by("-attempt_time")[:100]
    return TemplateResponse(
        request,
        "core/admin/login_security.html",
        {
            "attempts": attempts,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "reset_form": reset_form if request.user.is_superuser else None,
        },
    )
