"""Public pages (map, register, calendar, digest sign-up) and the coordinators' tracker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from digibank.core.tenancy import require
from digibank.regional import maps, register, services, tracker
from digibank.regional.forms import MapFilterForm, RegionForm, SubscribeForm
from digibank.regional.models import Region

PAGE_SIZE = 50


def _filters(request):
    form = MapFilterForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data.get("programme"), form.cleaned_data.get("province")
    return form, None, None


def _require(request, action: str = "programme.view") -> None:
    """Programmes are followed installation-wide: no digibank narrows the check."""
    require(request.user, action, None)


# --- Public: map, register, calendar --------------------------------------------------


@login_not_required
def map_view(request):
    form, programme, province = _filters(request)
    places = maps.reach(programme, province.code if province else None)
    return render(
        request,
        "regional/map.html",
        {
            "form": form,
            "programme": programme,
            "drawing": maps.draw(places, single=programme is not None),
            "demo": maps.demo_notice(programme, province.code if province else None),
        },
    )


@login_not_required
def map_table(request):
    form, programme, province = _filters(request)
    places = maps.reach(programme, province.code if province else None)
    show_all = request.GET.get("all") == "1"
    rows = places if show_all else [p for p in places if p.programmes]
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "regional/map_table.html",
        {
            "form": form,
            "programme": programme,
            "page_obj": page,
            "show_all": show_all,
            "reached": sum(1 for p in places if p.programmes),
            "total": len(places),
            "demo": maps.demo_notice(programme, province.code if province else None),
        },
    )


@login_not_required
def register_view(request):
    form, programme, province = _filters(request)
    projects = register.awarded_projects(programme, province)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "regional/register.html",
        {
            "form": form,
            "page_obj": page,
            "rows": [(project, register.place_names(project)) for project in page],
            "schema": register.SCHEMA,
        },
    )


class _Echo:
    def write(self, value):
        return value


@login_not_required
def register_csv(request):
    _form, programme, province = _filters(request)
    projects = register.awarded_projects(programme, province)

    def lines():
        import csv

        writer = csv.DictWriter(_Echo(), fieldnames=register.COLUMNS, lineterminator="\r\n")
        yield writer.writeheader()
        for project in projects.iterator(chunk_size=500):
            yield writer.writerow(register.row(project))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="awarded-subsidies.csv"'
    return response


@login_not_required
def calendar(request):
    _form, programme, _province = _filters(request)
    body = tracker.calendar(base_url=services.absolute(""), programme=programme)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="digibank-calls.ics"'
    return response


# --- Public: the digest ---------------------------------------------------------------


@login_not_required
def subscribe(request):
    form = SubscribeForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        services.subscribe(
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            province=form.cleaned_data["province"],
        )
        return redirect("regional:subscribe_sent")
    return render(request, "regional/subscribe.html", {"form": form})


@login_not_required
def subscribe_sent(request):
    return render(request, "regional/subscribe_sent.html", {"days": services.CONFIRM_DAYS})


@login_not_required
def confirm(request, token):
    try:
        subscriber = services.check_confirm_token(token)
        if request.method == "POST":
            services.confirm(token=token)
            return render(request, "regional/confirmed.html", {"subscriber": subscriber})
    except services.DigestError as exc:
        return render(request, "regional/link_problem.html", {"message": str(exc)}, status=400)
    return render(request, "regional/confirm.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token is the key.
@login_not_required
def unsubscribe(request, token):
    if request.method == "POST":
        try:
            services.unsubscribe(token=token)
        except services.DigestError as exc:
            return render(request, "regional/link_problem.html", {"message": str(exc)}, status=400)
        return render(request, "regional/unsubscribed.html")
    return render(request, "regional/unsubscribe.html")


# --- Coordinators: tracker and regions ------------------------------------------------


def tracker_view(request):
    _require(request)
    regions = list(Region.objects.for_user(request.user))
    region = None
    wanted = request.GET.get("region")
    if wanted:
        region = next((r for r in regions if str(r.pk) == wanted), None)
    elif regions:
        region = regions[0]
    form, programme, _province = _filters(request)
    today = timezone.localdate()
    tracked = tracker.track(user=request.user, today=today, region=region, programme=programme)
    return render(
        request,
        "regional/tracker.html",
        {
            "form": form,
            "regions": regions,
            "region": region,
            "open_rounds": [t for t in tracked if t.state == "open"],
            "upcoming_rounds": [t for t in tracked if t.state == "upcoming"],
            "closed_rounds": [t for t in tracked if t.state == "closed"],
            "not_applied": tracker.not_applied(region, tracked) if region else [],
            "recent_days": tracker.RECENT_DAYS,
        },
    )


def regions(request):
    _require(request)
    form = RegionForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        region = form.save()
        messages.success(request, _("Region saved."))
        return redirect(f"{_tracker_url()}?region={region.pk}")
    return render(
        request,
        "regional/regions.html",
        {
            "form": form,
            "regions": Region.objects.for_user(request.user).prefetch_related("municipalities"),
        },
    )


def region_edit(request, pk):
    _require(request)
    region = get_object_or_404(Region.objects.for_user(request.user), pk=pk)
    form = RegionForm(request.POST or None, instance=region, owner=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Region saved."))
        return redirect(f"{_tracker_url()}?region={region.pk}")
    return render(request, "regional/region_edit.html", {"form": form, "region": region})


@require_POST
def region_delete(request, pk):
    _require(request)
    region = get_object_or_404(Region.objects.for_user(request.user), pk=pk)
    region.delete()
    messages.success(request, _("Region deleted."))
    return redirect("regional:regions")


def _tracker_url():
    from django.urls import reverse

    return reverse("regional:tracker")
