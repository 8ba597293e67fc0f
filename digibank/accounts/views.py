"""Login (with optional two-factor step), profile, two-factor set-up, and the team."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from digibank.accounts import services
from digibank.accounts.forms import (
    LoginForm,
    MemberForm,
    MembershipRoleForm,
    PasswordCheckForm,
    ProfileForm,
    TokenForm,
)
from digibank.accounts.middleware import needs_two_factor
from digibank.accounts.models import Membership
from digibank.core.tenancy import active_digibank, require

PENDING_USER = "pending_2fa_user"
PENDING_BACKEND = "pending_2fa_backend"
PENDING_NEXT = "pending_2fa_next"


def _safe_next(request, default="core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return reverse(default)


def _finish_login(request, user, backend, target, device=None):
    """Log in (and mark the session verified), then continue in the user's language."""
    login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    translation.activate(user.language)
    response = redirect(target)
    _remember_language(response, user.language)
    return response


def _remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


@login_not_required
@sensitive_post_parameters("password")
def login_view(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if user_has_device(user, confirmed=True):
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_BACKEND] = user.backend
            request.session[PENDING_NEXT] = _safe_next(request)
            return redirect("accounts:login_token")
        return _finish_login(request, user, user.backend, _safe_next(request))
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}
    )


@login_not_required
def login_token(request):
    """Second step of login for users with an authenticator app."""
    user_id = request.session.get(PENDING_USER)
    if not user_id:
        return redirect("accounts:login")
    user = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _verify_token(user, form.cleaned_data["token"])
        if device is not None:
            backend = request.session.pop(PENDING_BACKEND)
            target = request.session.pop(PENDING_NEXT, reverse("core:home"))
            request.session.pop(PENDING_USER, None)
            return _finish_login(request, user, backend, target, device)
        form.add_error("token", _("This code is not right, or it has expired. Try the new code."))
    return render(request, "accounts/login_token.html", {"form": form})


def _verify_token(user, token):
    return services.verify_second_factor(user, token)


BACKUP_CODES_SHOWN = "digibank_backup_codes"


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        translation.activate(request.user.language)
        messages.success(request, _("Your details are saved."))
        response = redirect("accounts:profile")
        _remember_language(response, request.user.language)
        return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "has_two_factor": user_has_device(request.user, confirmed=True),
            "must_use_two_factor": needs_two_factor(request.user),
            # Shown once, right after they are made; never stored in readable form.
            "backup_codes": request.session.pop(BACKUP_CODES_SHOWN, None),
            "disable_form": PasswordCheckForm(),
        },
    )


def two_factor_setup(request):
    """Link an authenticator app: show a QR code and the key, then check one code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            request.session[BACKUP_CODES_SHOWN] = services.make_backup_codes(request.user)
            messages.success(request, _("Two-factor login is on. Keep your phone with you."))
            return redirect("accounts:profile")
        form.add_error("token", _("This code is not right. Check the time on your phone."))
    qr = segno.make(device.config_url, error="m")
    qr_data = (
        "data:image/svg+xml;base64,"
        + base64.b64encode(qr.svg_inline(scale=5, dark="#1a1a1a").encode()).decode()
    )
    secret = base64.b32encode(device.bin_key).decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_data": qr_data, "secret": grouped},
    )


def two_factor_verify(request):
    """Verify a code for a logged-in user whose session is not verified yet."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _verify_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not right, or it has expired. Try the new code."))
    return render(request, "accounts/login_token.html", {"form": form})


@require_POST
@sensitive_post_parameters("password")
def two_factor_disable(request):
    """Switching off asks for the password: an unlocked computer is not enough."""
    form = PasswordCheckForm(request.POST, user=request.user)
    if needs_two_factor(request.user):
        messages.error(
            request, _("Your role requires two-factor login; it cannot be switched off.")
        )
    elif not form.is_valid():
        messages.error(request, _("Your password was not right. Two-factor login stays on."))
    else:
        services.switch_off_two_factor(request.user)
        messages.success(request, _("Two-factor login is off."))
    return redirect("accounts:profile")


@require_POST
def two_factor_backup_codes(request):
    """New backup codes (the old ones stop working), shown once on the profile page."""
    if user_has_device(request.user, confirmed=True):
        request.session[BACKUP_CODES_SHOWN] = services.make_backup_codes(request.user)
    return redirect("accounts:profile")


def members(request):
    """The team of the active digibank, and a form to add someone."""
    digibank = active_digibank(request, "members.manage")
    form = MemberForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_member(
                digibank=digibank,
                by=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                organisation=data["organisation"],
                municipality=data["municipality"],
                invite_domain=request.get_host(),
                use_https=request.is_secure(),
            )
        except services.MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("%(email)s was added to the team.") % {"email": data["email"]}
            )
            return redirect("accounts:members")
    team = (
        Membership.objects.filter(digibank=digibank)
        .select_related("user", "organisation", "municipality")
        .order_by("-is_active", "role", "user__first_name")
    )
    page = Paginator(team, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/members.html", {"form": form, "page_obj": page})


def member_edit(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, digibank=request.digibank
    )
    require(request.user, "members.manage", membership.digibank_id)
    form = MembershipRoleForm(request.POST or None, instance=membership)
    form.fields["role"].choices = [c for c in form.fields["role"].choices if c[0] != "funder"]
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(
                membership=Membership.objects.get(pk=membership.pk),
                by=request.user,
                role=form.cleaned_data["role"],
                is_active=form.cleaned_data["is_active"],
            )
        except services.MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The role is changed."))
            return redirect("accounts:members")
    return render(request, "accounts/member_edit.html", {"form": form, "membership": membership})
