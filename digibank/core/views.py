"""The shell: start page per role, digibank switcher, health check, static info pages."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from digibank.accounts.middleware import SESSION_KEY
from digibank.accounts.roles import Role
from digibank.core import navigation, start


def home(request):
    """The start page: the tiles and the work of the user's role in the active digibank."""
    tiles = [
        item
        for item in navigation.visible_items(request.user, request.digibank, request.role)
        if item.key != "home"
    ]
    return render(
        request,
        "core/home.html",
        {
            "tiles": tiles,
            "sections": start.sections_for(request),
            "role_label": Role(request.role).label if request.role else "",
        },
    )


@require_POST
def switch_digibank(request):
    wanted = request.POST.get("digibank", "")
    for membership in request.memberships:
        if str(membership.digibank_id) == wanted:
            request.session[SESSION_KEY] = membership.digibank_id
            break
    target = request.POST.get("next") or request.headers.get("Referer") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)


@login_not_required
def health(request):
    """For the load balancer and monitoring: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def privacy(request):
    return render(request, "core/privacy.html")


@login_not_required
def about(request):
    return render(request, "core/about.html")


def csrf_failure(request, reason=""):
    return render(
        request,
        "403.html",
        {"message": _("The form had expired. Go back, reload the page and try again.")},
        status=403,
    )


# The language switch is on every page, the login page included.
login_not_required_set_language = login_not_required(set_language)
