"""The admin's "Staff" pages: list, create, deactivate and reactivate provider accounts
(rules in `staff`).

Not Wagtail's user admin: that lets anyone with the user permissions see every account. Here
every page starts from `StaffScope(user)`: a user who manages nobody gets 403, an account
outside the scope 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.sessions import end_access
from core.twofactor import reset_devices

from .staff import StaffScope, create_account, reactivate_account, send_activation, workplaces

PER_PAGE = 50


class StaffAccountForm(forms.Form):
    """A new provider account: who, their email address, and where they work."""

    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy("Their own work address: the activation mail goes there."),
    )
    workplace = forms.ChoiceField(label=gettext_lazy("Works for"))

    def __init__(self, scope, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["workplace"].choices = [("", "---------"), *scope.choices()]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            raise forms.ValidationError(
                _("There is an account with this email address already. Ask the loket.")
            )
        return email

    def clean_workplace(self):
        workplace = self.scope.resolve(self.cleaned_data["workplace"])
        if workplace is None:
            raise forms.ValidationError(_("Choose an organiser or a location you manage."))
        return workplace


def _scope(request):
    scope = StaffScope(request.user)
    if not scope.manages_anyone():
        raise PermissionDenied
    return scope


@require_http_methods(["GET"])
def staff_index(request):
    """The accounts the user manages, 50 a page, searchable by name or address."""
    scope = _scope(request)
    accounts = scope.accounts()
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(username__icontains=query)
        )
    page = Paginator(accounts, PER_PAGE).get_page(request.GET.get("p"))
    rows = [(account, workplaces(account)) for account in page.object_list]
    return TemplateResponse(
        request,
        "opvanglocaties/staff/index.html",
        {"page": page, "rows": rows, "query": query},
    )


@require_http_methods(["GET", "POST"])
def staff_create(request):
    """Make an account and send its activation mail."""
    scope = _scope(request)
    form = StaffAccountForm(scope, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = create_account(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            workplace=data["workplace"],
        )
        send_activation(request, account)
        messages.success(
            request,
            _("The account of %(name)s is made; the activation mail is on its way to %(email)s.")
            % {"name": account.get_full_name(), "email": account.email},
        )
        return redirect("opvangpunt_staff_index")
    return TemplateResponse(request, "opvanglocaties/staff/create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def staff_deactivate(request, pk):
    """Confirm, then end a leaver's access: account off, sessions gone, second factor gone."""
    scope = _scope(request)
    account = get_object_or_404(scope.accounts(), pk=pk)
    if account.pk == request.user.pk:
        messages.error(request, _("You cannot deactivate your own account. Ask the loket."))
        return redirect("opvangpunt_staff_index")
    if request.method == "POST":
        end_access(account)
        messages.success(
            request,
            _("%(name)s no longer has access: the account is off and every session ended.")
            % {"name": account.get_full_name() or account.get_username()},
        )
        return redirect("opvangpunt_staff_index")
    return TemplateResponse(request, "opvanglocaties/staff/deactivate.html", {"account": account})


@require_POST
def staff_reactivate(request, pk):
    """Turn a deactivated account on again; the person sets a new password through the
    activation mail and enrols a new second factor."""
    scope = _scope(request)
    account = get_object_or_404(scope.accounts().filter(is_active=False), pk=pk)
    reactivate_account(account)
    send_activation(request, account)
    messages.success(
        request,
        _(
            "%(name)s has access again once they choose a password: the mail is on its way "
            "to %(email)s."
        )
        % {"name": account.get_full_name() or account.get_username(), "email": account.email},
    )
    return redirect("opvangpunt_staff_index")


@require_POST
def staff_send_activation(request, pk):
    """Send the activation mail again (the link expired, or the mail got lost)."""
    scope = _scope(request)
    account = get_object_or_404(scope.accounts().filter(is_active=True), pk=pk)
    send_activation(request, account)
    messages.success(
        request, _("The activation mail is on its way to %(email)s.") % {"email": account.email}
    )
    return redirect("opvangpunt_staff_index")


@require_POST
def staff_reset_two_factor(request, pk):
    """Remove an account's second factor (a lost phone): they set up a new app at their next
    login. Only for accounts the user manages: the loket of another region, or another
    organiser, could otherwise take over an account whose password it had learnt."""
    scope = _scope(request)
    account = get_object_or_404(scope.accounts().filter(is_active=True), pk=pk)
    reset_devices(account)
    messages.success(
        request,
        _(
            "Two-factor authentication of %(username)s is reset: they set it up again at their "
            "next login."
        )
        % {"username": account.get_username()},
    )
    return redirect("opvangpunt_staff_index")
