"""People: find, register (with a duplicate warning), view, change, export, erase."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.audit import services as audit
from digibank.core.pagination import DeferredJoinPaginator
from digibank.core.tenancy import active_digibank, get_for_user_or_404
from digibank.people import gdpr, printable, sections, services
from digibank.people.forms import EraseForm, PersonFilterForm, PersonForm
from digibank.people.models import Person


def person_list(request):
    digibank = active_digibank(request, "person.view")
    sensitive = permissions.can(request.user, "person.view_sensitive", digibank)
    form = PersonFilterForm(request.GET or None, sensitive=sensitive)
    people = Person.objects.for_user(request.user).filter(digibank=digibank)
    searched = False
    if form.is_valid():
        data = form.cleaned_data
        if not data.get("show_anonymised"):
            people = people.active()
        if data.get("q"):
            people = people.search(data["q"])
            searched = True
        if data.get("municipality"):
            people = people.filter(municipality=data["municipality"])
        if data.get("target_group"):
            people = people.filter(target_groups__code=data["target_group"])
    else:
        people = people.active()
    people = people.select_related("municipality").order_by("search_name", "pk")
    page = DeferredJoinPaginator(people, 25).get_page(request.GET.get("page"))
    # Typing a reference, or a search with one match, goes straight to the person.
    if searched and page.paginator.count == 1 and request.GET.get("page") is None:
        return redirect(page.object_list[0])
    template = "people/_results.html" if request.htmx else "people/list.html"
    return render(request, template, {"form": form, "page_obj": page, "sensitive": sensitive})


def person_create(request):
    digibank = active_digibank(request, "person.add")
    sensitive = permissions.can(request.user, "person.view_sensitive", digibank)
    form = PersonForm(request.POST or None, sensitive=sensitive, creating=True)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data.get("confirm_new"):
            duplicates = services.find_likely_duplicates(
                digibank=digibank,
                name=data["name"],
                year_of_birth=data.get("year_of_birth"),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
            )
        if not duplicates:
            person = services.register_person(
                digibank=digibank,
                by=request.user,
                data=form.person_data(),
                target_groups=data.get("target_groups", []),
                consents=data.get("consents", []),
            )
            messages.success(
                request,
                _("%(name)s is registered as %(ref)s.")
                % {
                    "name": person.name,
                    "ref": person.reference,
                },
            )
            return redirect(person)
    return render(
        request,
        "people/form.html",
        {"form": form, "duplicates": duplicates, "creating": True, "sensitive": sensitive},
    )


def person_detail(request, pk):
    person = get_for_user_or_404(
        Person.objects.select_related("municipality", "digibank", "created_by"), request.user, pk=pk
    )
    sensitive = permissions.can(request.user, "person.view_sensitive", person.digibank_id)
    audit.record(actor=request.user, action="view", target=person)
    shown = [
        (section, section.get_context(request, person))
        for section in sections.SECTIONS
        if permissions.can(request.user, section.action, person.digibank_id)
    ]
    context = {"person": person, "sensitive": sensitive, "sections": shown}
    if sensitive:
        context["target_groups"] = list(person.target_groups.all())
        context["consents"] = list(person.consents.select_related("recorded_by"))
    return render(request, "people/detail.html", context)


def person_edit(request, pk):
    person = get_for_user_or_404(
        Person.objects.select_related("municipality"), request.user, "person.change", pk=pk
    )
    if person.is_anonymised:
        messages.error(request, _("This person has been anonymised and can no longer be changed."))
        return redirect(person)
    sensitive = permissions.can(request.user, "person.view_sensitive", person.digibank_id)
    form = PersonForm(request.POST or None, instance=person, sensitive=sensitive, creating=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The service compares with the stored row (the form already changed the instance).
        changed = services.update_person(
            person=person,
            by=request.user,
            data=form.person_data(),
            target_groups=data["target_groups"] if sensitive else None,
            consents=data["consents"] if sensitive else None,
        )
        if changed:
            messages.success(request, _("The changes are saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect(person)
    return render(
        request,
        "people/form.html",
        {"form": form, "person": person, "creating": False, "sensitive": sensitive},
    )


def person_export(request, pk):
    """The right of access: everything we hold about one person, as a file."""
    person = get_for_user_or_404(Person, request.user, "person.export", pk=pk)
    if request.method == "POST":
        data = services.export_person(person=person, by=request.user)
        if request.POST.get("format") == "print":
            printed = printable.sections(data, gdpr.providers())
            return render(
                request,
                "people/export_print.html",
                {
                    "person": person,
                    "data": data,
                    "sections": printed,
                    "exported_on": timezone.localdate(),
                },
            )
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{person.reference}.json"'
        return response
    return render(request, "people/export.html", {"person": person})


def person_erase(request, pk):
    person = get_for_user_or_404(Person, request.user, "person.erase", pk=pk)
    if person.is_anonymised:
        messages.info(request, _("This person has already been anonymised."))
        return redirect(person)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.erase_person(person=person, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("The details of %(ref)s are erased. The anonymous figures stay.")
            % {"ref": person.reference},
        )
        return redirect("people:list")
    context = {"person": person, "form": form, "ongoing": services.ongoing_business(person)}
    return render(request, "people/erase.html", context)


@require_POST
def person_duplicates(request):
    """htmx: a live duplicate warning while a name is typed (the form checks again)."""
    digibank = active_digibank(request, "person.add")
    candidates = services.find_likely_duplicates(
        digibank=digibank,
        name=request.POST.get("name", "")[:120],
        phone=request.POST.get("phone", "")[:30],
        email=request.POST.get("email", "")[:254],
    )
    return render(request, "people/_duplicates.html", {"duplicates": candidates})
