"""Referrals: the digibank's list and inbox, the partner's own list, one referral, answers,
outcomes, exports and anonymous figures. Partners reach only their organisation's rows."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.audit import services as audit
from digibank.core import xlsx
from digibank.core.tenancy import active_digibank, require
from digibank.helpdesk.models import Contact
from digibank.people.models import Person
from digibank.referrals import figures, services
from digibank.referrals.forms import (
    AnswerForm,
    FiguresForm,
    InboxFilterForm,
    OutcomeForm,
    PartnerReferralForm,
    ReferralFilterForm,
    ReferralForm,
)
from digibank.referrals.models import OPEN_STATUSES, Direction, Referral

PAGE_SIZE = 25


def _rows(queryset):
    return queryset.select_related("organisation", "person", "created_by", "topic")


def _partner_scope(request):
    """The partner worker's digibank and organisations (403 for anyone else)."""
    digibank = active_digibank(request, "referral.partner")
    organisations = permissions.partner_organisation_ids(request.user, digibank)
    if not organisations:
        raise PermissionDenied
    return digibank, organisations


def referral_list(request):
    digibank = active_digibank(request, "referral.view")
    referrals = Referral.objects.for_user(request.user).filter(digibank=digibank)
    form = ReferralFilterForm(request.GET or None, digibank=digibank)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            referrals = referrals.filter(status=data["status"])
        if data["direction"]:
            referrals = referrals.filter(direction=data["direction"])
        if data["organisation"]:
            referrals = referrals.filter(organisation=data["organisation"])
    page = Paginator(_rows(referrals).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    new_in_inbox = (
        Referral.objects.for_user(request.user)
        .filter(digibank=digibank)
        .from_partners()
        .filter(status="new")
        .count()
    )
    return render(
        request,
        "referrals/list.html",
        {"form": form, "page_obj": page, "new_in_inbox": new_in_inbox, "digibank": digibank},
    )


def inbox(request):
    """Referrals from partners, filtered by what they ask for; staff pick them up."""
    digibank = active_digibank(request, "referral.view")
    referrals = Referral.objects.for_user(request.user).filter(digibank=digibank).from_partners()
    form = InboxFilterForm(request.GET or None)
    status = ""
    if form.is_valid():
        if form.cleaned_data["need"]:
            referrals = referrals.filter(need=form.cleaned_data["need"])
        status = form.cleaned_data["status"]
    if not status:
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        referrals = referrals.filter(status=status)
    page = Paginator(
        referrals.select_related("organisation", "answered_by", "person_municipality").order_by(
            "created_at", "pk"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/inbox.html",
        {
            "form": form,
            "page_obj": page,
            "may_manage": permissions.can(request.user, "referral.manage", digibank),
        },
    )


def partner_list(request):
    digibank, organisations = _partner_scope(request)
    referrals = Referral.objects.visible_to(request.user).filter(
        digibank=digibank, organisation_id__in=organisations
    )
    status = request.GET.get("status", "")
    if status == "open":
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    page = Paginator(_rows(referrals).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "referrals/partner_list.html", {"page_obj": page, "status": status})


def referral_create(request):
    digibank = active_digibank(request, "referral.manage")
    initial = {}
    contact = None
    contact_id = request.GET.get("contact") or request.POST.get("contact")
    if contact_id:
        contact = (
            Contact.objects.for_user(request.user)
            .readable_by(request.user)
            .filter(digibank=digibank, pk=contact_id if str(contact_id).isdigit() else 0)
            .select_related("person")
            .first()
        )
        if contact is None or contact.person is None:
            raise Http404
        initial["person"] = contact.person.reference
        first_topic = contact.topics.first()
        if first_topic:
            initial["topic"] = first_topic.pk
    person_id = request.GET.get("person", "")
    if person_id.isdigit():
        person = (
            Person.objects.for_user(request.user).filter(digibank=digibank, pk=person_id).first()
        )
        if person is None:
            raise Http404
        initial["person"] = person.reference
    # Pre-filled from another page (a Digiscan's next step): the partner, the topic and
    # a reason to edit. The form still checks the partner; consent is asked here.
    for name in ("organisation", "topic"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    if request.GET.get("reason"):
        initial["reason"] = request.GET["reason"][:2000]
    form = ReferralForm(request.POST or None, initial=initial, digibank=digibank, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.refer_to_partner(
                digibank=digibank,
                by=request.user,
                person=data["person"],
                organisation=data["organisation"],
                topic=data["topic"],
                helpdesk_contact=contact,
                reason=data["reason"],
                shared_fields=data["shared_fields"],
                consent_given=data["consent_given"],
                consent_on=data["consent_on"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
        except services.ReferralError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Referral %(ref)s is sent to %(partner)s.")
                % {"ref": referral.reference, "partner": referral.organisation},
            )
            return redirect(referral)
    return render(request, "referrals/form.html", {"form": form, "contact": contact})


def partner_create(request):
    digibank, organisations = _partner_scope(request)
    form = PartnerReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        from digibank.digibanks.models import Organisation

        organisation = Organisation.objects.get(pk=min(organisations))
        try:
            referral = services.refer_to_digibank(
                digibank=digibank,
                by=request.user,
                organisation=organisation,
                need=data["need"],
                reason=data["reason"],
                person_name=data["person_name"],
                person_phone=data["person_phone"],
                person_email=data["person_email"],
                person_municipality=data["person_municipality"],
                contact_phone=data["contact_phone"],
                consent_given=data["consent_given"],
                consent_on=data["consent_on"],
            )
        except services.ReferralError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Thank you. Referral %(ref)s has reached %(digibank)s.")
                % {"ref": referral.reference, "digibank": digibank},
            )
            return redirect(referral)
    return render(request, "referrals/partner_form.html", {"form": form, "digibank": digibank})


def _referral_for(request, pk) -> Referral:
    try:
        return (
            Referral.objects.visible_to(request.user)
            .select_related(
                "digibank",
                "organisation",
                "person__municipality",
                "created_by",
                "answered_by",
                "topic",
                "person_municipality",
            )
            .get(pk=pk)
        )
    except Referral.DoesNotExist as exc:
        raise Http404 from exc


def referral_detail(request, pk):
    referral = _referral_for(request, pk)
    is_staff = permissions.can(request.user, "referral.view", referral.digibank_id)
    audit.record(actor=request.user, action="view", target=referral)
    receiver = services._is_receiver(request.user, referral)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "is_staff": is_staff,
            "shared": referral.shared_details(),
            "may_answer": receiver and referral.status == "new",
            "landings": services.landings(referral, request.user) if is_staff else [],
            "may_link": not referral.is_to_partner
            and permissions.can(request.user, "referral.manage", referral.digibank_id),
            "may_close": receiver and referral.is_open,
            "may_withdraw": referral.is_open
            and (
                (
                    referral.is_to_partner
                    and permissions.can(request.user, "referral.manage", referral.digibank_id)
                )
                or (not referral.is_to_partner and not is_staff)
            ),
        },
    )


def referral_answer(request, pk):
    referral = _referral_for(request, pk)
    if not services._is_receiver(request.user, referral):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(
                referral=referral,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except services.ReferralError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your answer is saved."))
        return redirect(referral)
    return render(request, "referrals/answer.html", {"referral": referral, "form": form})


def referral_outcome(request, pk):
    referral = _referral_for(request, pk)
    if not services._is_receiver(request.user, referral):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(
                referral=referral,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except services.ReferralError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The outcome is saved. The referral is closed."))
        return redirect(referral)
    return render(request, "referrals/outcome.html", {"referral": referral, "form": form})


@require_POST
def referral_pickup(request, pk):
    """A staff member takes a referral from the inbox (it is theirs from now on)."""
    referral = _referral_for(request, pk)
    require(request.user, "referral.manage", referral.digibank_id)
    if referral.direction != Direction.FROM_PARTNER:
        raise Http404
    try:
        services.answer(referral=referral, by=request.user, accept=True)
    except services.ReferralError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("You picked up referral %(ref)s.") % {"ref": referral.reference}
        )
    return redirect(referral)


@require_POST
def referral_link_person(request, pk):
    """Link a referral from a partner to a registered person (typed reference or name)."""
    referral = _referral_for(request, pk)
    require(request.user, "referral.manage", referral.digibank_id)
    text = request.POST.get("person", "").strip()[:120]
    matches = list(
        Person.objects.for_user(request.user)
        .filter(digibank_id=referral.digibank_id)
        .active()
        .search(text)[:2]
        if text
        else []
    )
    if len(matches) != 1:
        messages.error(
            request,
            _("We found nobody for “%(text)s”. Type the reference, e.g. P-000123.") % {"text": text}
            if not matches
            else _("More than one person matches “%(text)s”. Type the reference, e.g. P-000123.")
            % {"text": text},
        )
        return redirect(referral)
    try:
        services.link_person(referral=referral, by=request.user, person=matches[0])
    except services.ReferralError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The referral is linked to %(ref)s.") % {"ref": matches[0].reference}
        )
    return redirect(referral)


@require_POST
def referral_withdraw(request, pk):
    referral = _referral_for(request, pk)
    try:
        services.withdraw(referral=referral, by=request.user)
    except services.ReferralError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The referral is withdrawn."))
    return redirect(referral)


def referral_export(request):
    """XLSX (default) or CSV of the referrals the user may see: a partner gets only theirs."""
    if permissions.can(request.user, "referral.view", getattr(request, "digibank", None)):
        digibank = active_digibank(request, "referral.view")
        referrals = Referral.objects.for_user(request.user).filter(digibank=digibank)
        is_staff = True
    else:
        digibank, organisations = _partner_scope(request)
        referrals = Referral.objects.visible_to(request.user).filter(
            digibank=digibank, organisation_id__in=organisations
        )
        is_staff = False
    rows_qs = list(_rows(referrals).order_by("-created_at", "-pk")[:5000])
    audit.record_many(actor=request.user, action="export", targets=rows_qs)
    headers = [
        _("Reference"),
        _("Date"),
        _("Direction"),
        _("Partner"),
        _("Asked for"),
        _("Status"),
        _("Outcome"),
        _("Person"),
    ]
    rows = []
    for r in rows_qs:
        if r.is_to_partner:
            if is_staff:
                person = r.person.reference if r.person else ""
            else:
                person = dict(r.shared_details()).get(str(_("Name")), "")
        else:
            person = r.person_name
        rows.append(
            [
                r.reference,
                timezone.localtime(r.created_at).date(),
                r.get_direction_display(),
                r.organisation.name,
                r.get_need_display(),
                r.get_status_display(),
                r.get_outcome_display(),
                person,
            ]
        )
    filename = f"referrals-{timezone.localdate().isoformat()}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([xlsx._clean(v, "text") if isinstance(v, str) else v for v in row])
        return response
    columns = [xlsx.Column(h) for h in headers]
    columns[1] = xlsx.Column(headers[1], kind="date", width=12)
    return xlsx.workbook_response(
        f"{filename}.xlsx", [xlsx.Sheet(title=_("Referrals"), columns=columns, rows=rows)]
    )


def referral_figures(request):
    digibank = active_digibank(request, "referral.view")
    form = FiguresForm(request.GET or None)
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    table = figures.by_partner(digibank=digibank, start=start, end=end)
    months = figures.by_month(digibank=digibank, start=start, end=end)
    return render(
        request,
        "referrals/figures.html",
        {"form": form, "table": table, "months": months},
    )
