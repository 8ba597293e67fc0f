"""Lending: the waiting list, lending a device, the loans, reminders and conditions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.audit import services as audit
from digibank.core.pagination import DeferredJoinPaginator
from digibank.core.pdf import pdf_response, render_pdf, render_pdfs
from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.devices.models import Device
from digibank.devices.services import tag_from_text
from digibank.loans import eligibility, exports, reminders, services
from digibank.loans.forms import (
    CloseRequestForm,
    ExtendForm,
    GiftForm,
    LendForm,
    LoanFilterForm,
    LoanRequestForm,
    LostForm,
    PolicyForm,
    ReturnForm,
    default_due_on,
)
from digibank.loans.models import (
    Channel,
    DeviceWish,
    Loan,
    LoanKind,
    LoanRequest,
    LoanStatus,
    Reminder,
    ReminderMessage,
    RequestStatus,
)
from digibank.people.models import Person

PAGE_SIZE = 25
CALLS_PER_PAGE = 100


def _error(request, exc: services.LoanError) -> None:
    messages.error(request, " ".join([exc.message, *exc.reasons]))


# --- Loans -------------------------------------------------------------------------------


def loan_list(request):
    digibank = active_digibank(request, "loan.view")
    form = LoanFilterForm(request.GET or None)
    loans = Loan.objects.for_user(request.user).filter(digibank=digibank)
    status = LoanStatus.OPEN
    if form.is_valid():
        data = form.cleaned_data
        status = data.get("status") or ""
        text = (data.get("q") or "").strip()
        if text:
            loans = loans.filter(_loan_search(text))
    if status:
        loans = loans.filter(status=status)
    loans = loans.select_related("person", "device").order_by("-started_on", "-pk")
    if request.GET.get("format") == "xlsx":
        return exports.loans(loans, by=request.user)
    page = DeferredJoinPaginator(loans, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "loans/_loan_rows.html" if request.htmx else "loans/list.html"
    return render(
        request,
        template,
        {"form": form, "page_obj": page, "today": timezone.localdate(), "status": status},
    )


def _loan_search(text: str) -> Q:
    upper = text.upper()
    if upper.startswith("L-") and upper[2:].isdigit():
        return Q(pk=int(upper[2:]))
    tag = tag_from_text(text)
    if tag:
        return Q(device__tag=tag)
    return Q(person__search_name__contains=_normalise(text))


def _normalise(text: str) -> str:
    from digibank.geo.text import normalise

    return normalise(text)


def overdue(request):
    """Overdue loans, oldest first; printable as a call list."""
    digibank = active_digibank(request, "loan.view")
    today = timezone.localdate()
    loans = (
        Loan.objects.for_user(request.user)
        .filter(digibank=digibank)
        .overdue(today)
        .select_related("person", "device")
        .order_by("due_on", "pk")
    )
    if request.GET.get("format") == "xlsx":
        return exports.overdue(loans, by=request.user, today=today)
    page = Paginator(loans, 50).get_page(request.GET.get("page"))
    return render(request, "loans/overdue.html", {"page_obj": page, "today": today})


def loan_detail(request, pk):
    loan = get_for_user_or_404(
        Loan.objects.select_related("person", "device", "location", "request", "created_by"),
        request.user,
        pk=pk,
    )
    audit.record(actor=request.user, action="view", target=loan)
    can_manage = permissions.can(request.user, "loan.manage", loan.digibank_id)
    return render(
        request,
        "loans/detail.html",
        {
            "loan": loan,
            "today": timezone.localdate(),
            "can_manage": can_manage,
            "extensions": list(loan.extension_log.select_related("extended_by")),
            "reminders": list(loan.reminders.select_related("message").order_by("pk")),
        },
    )


def agreement_pdf(request, pk):
    """The loan agreement, in the person's own language (nl, fr or en)."""
    loan = get_for_user_or_404(
        Loan.objects.select_related("person", "device", "digibank", "location"),
        request.user,
        pk=pk,
    )
    audit.record(actor=request.user, action="view", target=loan, note="agreement")
    pdf = render_pdf(
        "loans/pdf/agreement.html",
        {"loan": loan, "person": loan.person, "device": loan.device, "digibank": loan.digibank},
        language=loan.person.document_language,
    )
    return pdf_response(pdf, f"{loan.reference}-agreement.pdf")


def transfer_pdf(request, pk):
    """The ownership transfer document of a long-term loan that became a gift."""
    loan = get_for_user_or_404(
        Loan.objects.select_related("person", "device", "digibank"),
        request.user,
        pk=pk,
        status=LoanStatus.GIFTED,
    )
    audit.record(actor=request.user, action="view", target=loan, note="transfer")
    pdf = render_pdf(
        "loans/pdf/transfer.html",
        {"loan": loan, "person": loan.person, "device": loan.device, "digibank": loan.digibank},
        language=loan.person.document_language,
    )
    return pdf_response(pdf, f"{loan.reference}-transfer.pdf")


def _manage_open_loan(request, pk):
    loan = get_for_user_or_404(
        Loan.objects.select_related("person", "device"), request.user, "loan.manage", pk=pk
    )
    return loan


def loan_extend(request, pk):
    loan = _manage_open_loan(request, pk)
    if not loan.is_open or loan.kind != LoanKind.FIXED:
        messages.error(request, _("Only an open loan for a fixed period can be extended."))
        return redirect(loan)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend(loan=loan, by=request.user, new_due_on=form.cleaned_data["new_due_on"])
        except services.LoanError as exc:
            form.add_error("new_due_on", exc.message)
        else:
            messages.success(request, _("The loan is extended."))
            return redirect(loan)
    return render(request, "loans/action.html", _action(loan, form, _("Extend the loan")))


def loan_return(request, pk):
    loan = _manage_open_loan(request, pk)
    if not loan.is_open:
        messages.error(request, _("This loan has already ended."))
        return redirect(loan)
    form = ReturnForm(
        request.POST or None,
        initial={"returned_on": timezone.localdate(), "condition_in": loan.condition_out},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.return_loan(
                loan=loan,
                by=request.user,
                condition_in=data["condition_in"],
                accessories_complete=data["accessories_complete"],
                deposit_refunded=data["deposit_refunded"],
                note=data["note"],
                returned_on=data["returned_on"],
            )
        except services.LoanError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("The device is back. It must be wiped again before it goes out."),
            )
            return redirect(loan)
    return render(request, "loans/action.html", _action(loan, form, _("Take the device back")))


def loan_lost(request, pk):
    loan = _manage_open_loan(request, pk)
    if not loan.is_open:
        messages.error(request, _("This loan has already ended."))
        return redirect(loan)
    form = LostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_lost(
                loan=loan,
                by=request.user,
                stolen=data["what"] == LoanStatus.STOLEN,
                note=data["note"],
            )
        except services.LoanError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The device is recorded as lost or stolen."))
            return redirect(loan)
    return render(
        request, "loans/action.html", _action(loan, form, _("Report the device lost or stolen"))
    )


def loan_gift(request, pk):
    loan = _manage_open_loan(request, pk)
    if not loan.is_open or loan.kind != LoanKind.LONG_TERM:
        messages.error(request, _("Only an open long-term loan can become a gift."))
        return redirect(loan)
    form = GiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.make_gift(loan=loan, by=request.user, note=form.cleaned_data["note"])
        except services.LoanError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("The device now belongs to the person. Print the transfer document.")
            )
            return redirect(loan)
    return render(request, "loans/action.html", _action(loan, form, _("Give the device")))


def _action(loan, form, title) -> dict:
    return {"loan": loan, "form": form, "title": title}


# --- Requests and the waiting list ---------------------------------------------------------


def request_list(request):
    """The waiting list in its fair order: who asked first goes first."""
    digibank = active_digibank(request, "loan.view")
    requests = (
        LoanRequest.objects.for_user(request.user)
        .filter(digibank=digibank)
        .waiting()
        .select_related("person", "referrer")
        .in_queue_order()
    )
    if request.GET.get("format") == "xlsx":
        return exports.waiting_list(requests, by=request.user)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(page.start_index() + i, r) for i, r in enumerate(page.object_list)]
    return render(request, "loans/requests.html", {"page_obj": page, "rows": rows})


def request_create(request, person_pk):
    person = get_for_user_or_404(
        Person.objects.select_related("digibank", "municipality"),
        request.user,
        pk=person_pk,
    )
    require(request.user, "loan.manage", person.digibank_id)
    # A referral from a partner lands here with the partner filled in (?referrer=).
    referrer = request.GET.get("referrer", "")
    initial = {"referrer": referrer} if referrer.isdigit() and len(referrer) < 10 else {}
    form = LoanRequestForm(request.POST or None, digibank=person.digibank, initial=initial)
    reasons = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loan_request = services.register_request(
                person=person,
                by=request.user,
                wish=data["wish"],
                purpose=data["purpose"],
                referrer=data["referrer"],
                proof=data["proof"],
                proof_valid_until=data["proof_valid_until"],
            )
        except services.LoanError as exc:
            form.add_error(None, exc.message)
            reasons = exc.reasons
        else:
            position = services.queue_position(loan_request)
            messages.success(
                request,
                _("%(name)s is on the waiting list, in place %(position)s.")
                % {"name": person.name, "position": position},
            )
            return redirect(loan_request)
    return render(
        request, "loans/request_form.html", {"form": form, "person": person, "reasons": reasons}
    )


def request_detail(request, pk):
    loan_request = get_for_user_or_404(
        LoanRequest.objects.select_related("person__municipality", "referrer", "digibank"),
        request.user,
        pk=pk,
    )
    audit.record(actor=request.user, action="view", target=loan_request)
    sensitive = permissions.can(request.user, "person.view_sensitive", loan_request.digibank_id)
    checks = []
    if sensitive and loan_request.status == RequestStatus.WAITING:
        checks = _checks(loan_request)
    return render(
        request,
        "loans/request_detail.html",
        {
            "req": loan_request,
            "position": services.queue_position(loan_request),
            "checks": checks,
            "sensitive": sensitive,
            "can_manage": permissions.can(request.user, "loan.manage", loan_request.digibank_id),
            "loan": getattr(loan_request, "loan", None),
        },
    )


def _checks(loan_request):
    return eligibility.check_person(
        person=loan_request.person,
        policy=eligibility.policy_for(loan_request.digibank),
        referrer=loan_request.referrer,
        proof=loan_request.proof,
        proof_valid_until=loan_request.proof_valid_until,
        for_request=loan_request,
    )


def request_close(request, pk):
    loan_request = get_for_user_or_404(LoanRequest, request.user, "loan.manage", pk=pk)
    if loan_request.status != RequestStatus.WAITING:
        messages.info(request, _("This request is already closed."))
        return redirect(loan_request)
    form = CloseRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_request(
                request=loan_request,
                by=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except services.LoanError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The request is closed."))
            return redirect("loans:requests")
    return render(request, "loans/request_close.html", {"req": loan_request, "form": form})


def lend(request, pk):
    """Lend a device to the person of a waiting request."""
    loan_request = get_for_user_or_404(
        LoanRequest.objects.select_related("person", "digibank", "referrer"),
        request.user,
        "loan.manage",
        pk=pk,
    )
    if loan_request.status != RequestStatus.WAITING:
        messages.info(request, _("This request is already closed."))
        return redirect(loan_request)
    digibank = loan_request.digibank
    policy = eligibility.policy_for(digibank)
    form = LendForm(
        request.POST or None,
        digibank=digibank,
        initial={
            "tag": request.GET.get("tag", "")[:20],
            "kind": LoanKind.FIXED,
            "due_on": default_due_on(policy),
            "condition_out": "good",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        device = _device_by_tag(digibank, data["tag"])
        if device is None:
            form.add_error("tag", _("No device with this tag in this digibank."))
        else:
            try:
                loan = services.lend(
                    device=device,
                    person=loan_request.person,
                    by=request.user,
                    kind=data["kind"],
                    due_on=data["due_on"],
                    condition_out=data["condition_out"],
                    accessories=data["accessories"],
                    deposit=data["deposit"],
                    request=loan_request,
                    location=data["location"],
                )
            except services.LoanError as exc:
                form.add_error(None, " ".join([exc.message, *exc.reasons]))
            else:
                messages.success(
                    request,
                    _("Device %(tag)s is lent to %(name)s. Print the agreement and sign it.")
                    % {"tag": device.tag, "name": loan_request.person.name},
                )
                return redirect(loan)
    available = Device.objects.filter(digibank=digibank).available()
    if loan_request.wish != DeviceWish.ANY:
        available = available.filter(kind=loan_request.wish)
    return render(
        request,
        "loans/lend.html",
        {
            "req": loan_request,
            "form": form,
            "available": list(available.select_related("location").order_by("pk")[:10]),
            "position": services.queue_position(loan_request),
            "ahead": list(services.waited_longer(loan_request)[:5]),
            "ahead_count": services.waited_longer(loan_request).count(),
        },
    )


def _device_by_tag(digibank, text):
    tag = tag_from_text(text) or text.strip().upper()
    return Device.objects.filter(digibank=digibank, tag=tag).first()


# --- Conditions ----------------------------------------------------------------------------


def conditions(request):
    """The lending conditions of the active digibank; the coordinator changes them."""
    digibank = active_digibank(request, "loan.view")
    policy = eligibility.policy_for(digibank)
    can_change = permissions.can(request.user, "digibank.manage", digibank)
    form = PolicyForm(request.POST or None, instance=policy) if can_change else None
    if request.method == "POST":
        require(request.user, "digibank.manage", digibank)
        if form.is_valid():
            form.save()
            messages.success(request, _("The lending conditions are saved."))
            return redirect("loans:conditions")
    return render(
        request,
        "loans/conditions.html",
        {"policy": policy, "form": form, "groups": list(policy.target_groups.all())},
    )


# --- Reminders: letters to print and calls to make -----------------------------------------


def _to_do(request, digibank):
    return (
        ReminderMessage.objects.for_user(request.user, "loan.manage")
        .filter(digibank=digibank)
        .to_do()
        .select_related("person__municipality")
        .prefetch_related(
            Prefetch(
                "reminders",
                queryset=Reminder.objects.select_related("loan__device").order_by("pk"),
            )
        )
        .order_by("channel", "created_on", "pk")
    )


def reminder_list(request):
    digibank = active_digibank(request, "loan.manage")
    to_do = _to_do(request, digibank)
    if request.GET.get("format") == "xlsx":
        return exports.reminders_to_do(to_do, by=request.user)
    page = Paginator(to_do, 50).get_page(request.GET.get("page"))
    recent = (
        ReminderMessage.objects.for_user(request.user, "loan.manage")
        .filter(digibank=digibank, channel=Channel.EMAIL)
        .select_related("person")
        .order_by("-created_on", "-pk")[:10]
    )
    return render(request, "loans/reminders.html", {"page_obj": page, "recent": recent})


def call_list(request):
    """The calls to make, to print or to use at the phone: number, language, message."""
    digibank = active_digibank(request, "loan.manage")
    calls = _to_do(request, digibank).filter(channel=Channel.CALL)
    page = Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(message, reminders.call_items(message)) for message in page.object_list]
    audit.record_many(
        actor=request.user,
        action="view",
        targets=[message.person for message, _items in rows],
        note="call list",
    )
    return render(request, "loans/call_list.html", {"page_obj": page, "rows": rows})


def reminder_letter(request, pk):
    """A reminder letter to print, in the person's own language."""
    message = get_for_user_or_404(
        ReminderMessage.objects.select_related("person__digibank"),
        request.user,
        "loan.manage",
        pk=pk,
    )
    person = message.person
    audit.record(actor=request.user, action="view", target=person, note="reminder letter")
    pdf = render_pdf(
        "loans/pdf/letter.html",
        reminders.message_context(message),
        language=person.document_language,
    )
    return pdf_response(pdf, f"{message.reference}-letter.pdf")


LETTERS_PER_PRINT = 100


def reminder_letters(request):
    """Every letter still to send, in one PDF to print at once (each in its reader's
    language); the oldest first, at most ``LETTERS_PER_PRINT``."""
    digibank = active_digibank(request, "loan.manage")
    letters = list(
        _to_do(request, digibank)
        .filter(channel=Channel.LETTER)
        .select_related("person__digibank")[:LETTERS_PER_PRINT]
    )
    if not letters:
        messages.info(request, _("There are no letters to print."))
        return redirect("loans:reminders")
    audit.record_many(
        actor=request.user,
        action="view",
        targets=[m.person for m in letters],
        note="reminder letters",
    )
    pdf = render_pdfs(
        [
            (
                "loans/pdf/letter.html",
                reminders.message_context(m, [(r.loan, r.stage) for r in m.reminders.all()]),
                m.person.document_language,
            )
            for m in letters
        ]
    )
    return pdf_response(pdf, "letters.pdf")


@require_POST
def reminder_done(request, pk):
    message = get_for_user_or_404(ReminderMessage, request.user, "loan.manage", pk=pk)
    if message.done_on is None:
        message.done_on = timezone.localdate()
        message.done_by = request.user
        message.save(update_fields=["done_on", "done_by"])
    messages.success(request, _("Marked as done."))
    # Back to the list the button was on: a fixed choice, never a URL from the form.
    if request.POST.get("back") == "calls":
        return redirect("loans:call_list")
    return redirect("loans:reminders")
