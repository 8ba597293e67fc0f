"""The digibank's own page: service area, partners, locations."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.digibanks import services
from digibank.digibanks.forms import (
    DigibankForm,
    LocationForm,
    OpeningHoursFormSet,
    PartnerForm,
    PartnershipForm,
)
from digibank.digibanks.models import Digibank, Location, Partnership


def current(request):
    if request.digibank is None:
        raise Http404
    return redirect("digibanks:detail", request.digibank.pk)


def detail(request, pk):
    digibank = get_object_or_404(Digibank.objects.for_user(request.user, "digibank.view"), pk=pk)
    return render(
        request,
        "digibanks/detail.html",
        {
            "digibank": digibank,
            "municipalities": digibank.municipalities.select_related("province"),
            "partnerships": digibank.partnerships.select_related(
                "organisation", "organisation__municipality"
            ),
            "locations": digibank.locations.select_related("municipality").prefetch_related(
                "opening_hours"
            ),
        },
    )


def edit(request, pk):
    digibank = get_object_or_404(Digibank.objects.for_user(request.user, "digibank.view"), pk=pk)
    require(request.user, "digibank.manage", digibank)
    form = DigibankForm(request.POST or None, instance=digibank)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The digibank's details are saved."))
        return redirect(digibank)
    return render(request, "digibanks/edit.html", {"form": form, "digibank": digibank})


def partner_add(request):
    digibank = active_digibank(request, "digibank.manage")
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_partner(digibank=digibank, by=request.user, data=form.cleaned_data)
        except services.PartnershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The partner is added."))
            return redirect(digibank)
    return render(request, "digibanks/partner_form.html", {"form": form})


def partner_edit(request, pk):
    partnership = get_for_user_or_404(
        Partnership.objects.select_related("organisation"), request.user, "digibank.manage", pk=pk
    )
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST":
        if "remove" in request.POST:
            ended = services.remove_partner(partnership=partnership)
            messages.success(request, _("The partner is removed from the partnership."))
            if ended:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d account of this partner no longer has access.",
                        "%(count)d accounts of this partner no longer have access.",
                        ended,
                    )
                    % {"count": ended},
                )
            return redirect(partnership.digibank)
        if form.is_valid():
            form.save()
            messages.success(request, _("The partner is saved."))
            return redirect(partnership.digibank)
    return render(
        request, "digibanks/partnership_form.html", {"form": form, "partnership": partnership}
    )


def location_detail(request, pk):
    location = get_for_user_or_404(
        Location.objects.select_related("municipality", "host", "digibank").prefetch_related(
            "opening_hours"
        ),
        request.user,
        pk=pk,
    )
    return render(request, "digibanks/location_detail.html", {"location": location})


def location_form(request, pk=None):
    if pk is None:
        digibank = active_digibank(request, "digibank.manage")
        location = Location(digibank=digibank)
    else:
        location = get_for_user_or_404(Location, request.user, "digibank.manage", pk=pk)
        digibank = location.digibank
    form = LocationForm(request.POST or None, instance=location, digibank=digibank)
    formset = OpeningHoursFormSet(request.POST or None, instance=location, prefix="hours")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                location = form.save()
                formset.instance = location
                formset.save()
        except IntegrityError:  # the same name saved a moment ago by someone else
            form.add_error("name", _("This digibank already has a location with this name."))
        else:
            messages.success(request, _("The location is saved."))
            return redirect(location)
    return render(
        request,
        "digibanks/location_form.html",
        {"form": form, "formset": formset, "location": location if pk else None},
    )
