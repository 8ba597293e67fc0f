"""Which digibank a user is working in, and the two-factor requirement."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from digibank.accounts import permissions
from digibank.accounts.roles import Role

SESSION_KEY = "active_digibank"


class ActiveMembershipMiddleware:
    """Sets ``request.digibank`` and ``request.role`` from the user's memberships.

    A user with several memberships picks one with the switcher in the header; the choice
    lives in the session. Lists and new records use the active digibank; single records
    are fetched through ``for_user`` and so work from any of the user's digibanken.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.digibank = None
        request.role = None
        user = request.user
        if user.is_authenticated:
            memberships = list(user.memberships.active().select_related("digibank").order_by("pk"))
            request.memberships = memberships
            # The permission model reads the same rows: save it a query.
            user._digibank_grants = [
                permissions.Grant(m.digibank_id, m.role, m.organisation_id, m.municipality_id)
                for m in memberships
            ]
            chosen = request.session.get(SESSION_KEY)
            active = next((m for m in memberships if m.digibank_id == chosen), None)
            if active is None and memberships:
                active = memberships[0]
            if active is not None:
                request.digibank = active.digibank
                request.role = active.role
        else:
            request.memberships = []
        return self.get_response(request)


def needs_two_factor(user) -> bool:
    """Coordinators and administrators must use two-factor login if the installation says so."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(g.role == Role.COORDINATOR for g in permissions.grants(user))


class RequireTwoFactorMiddleware:
    """Sends a user who must use two-factor login to set it up or to verify first."""

    ALLOWED = (
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "accounts:logout",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and needs_two_factor(user):
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                from django_otp import user_has_device

                target = (
                    "accounts:two_factor_verify"
                    if user_has_device(user)
                    else ("accounts:two_factor_setup")
                )
                return redirect(target)
        return self.get_response(request)
