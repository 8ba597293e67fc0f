"""The Django admin, for platform administrators only (superusers), behind our login."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class DigibankAdminSite(admin.AdminSite):
    site_header = _("Digibank platform administration")
    site_title = _("Digibank administration")
    index_title = _("Platform administration")

    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_superuser):
            return False
        return not settings.REQUIRE_2FA or user.is_verified()

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            # A logged-in user without the right gets a plain 403, not a login loop.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return wrapped(request, *args, **kwargs)

        return update_wrapper(inner, view)

    def login(self, request, extra_context=None):
        # One login page for everybody: ours, with throttling and two-factor. A logged-in
        # user who is not an administrator is refused, not sent round in circles.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or request.get_full_path())
