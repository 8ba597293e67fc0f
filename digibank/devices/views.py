"""Devices: the inventory, a device's page and what is done to it, and donations.

Short views: scoped fetch -> form -> service -> render or redirect. The rules live in
``services.py``; a ``DeviceError`` becomes a message on the same page, never a 500.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.audit import services as audit
from digibank.core import xlsx
from digibank.core.pagination import DeferredJoinPaginator
from digibank.core.pdf import pdf_response, render_pdf
from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.devices import labels, services
from digibank.devices.filters import DeviceFilter
from digibank.devices.forms import (
    ConfirmForm,
    DeviceForm,
    DonationForm,
    MoveForm,
    RefurbishForm,
    RepairForm,
    TransitionForm,
    WipeForm,
)
from digibank.devices.models import (
    IN_STOCK_STATES,
    Device,
    DeviceState,
    Donation,
    DonorKind,
)
from digibank.devices.services import DeviceError

PAGE_SIZE = 25


# --- Inventory ------------------------------------------------------------------------------


def _filtered(request, digibank):
    devices = Device.objects.for_user(request.user).filter(digibank=digibank)
    filterset = DeviceFilter(request.GET or None, queryset=devices, digibank=digibank)
    return filterset, filterset.qs.select_related("location").order_by("-pk")


def device_list(request):
    digibank = active_digibank(request, "device.view")
    query = (request.GET.get("q") or "").strip()
    tag = services.tag_from_text(query)
    if tag:
        # Typing or scanning a tag opens the device.
        device = Device.objects.for_user(request.user).filter(tag=tag).only("pk").first()
        if device:
            return redirect("devices:detail", pk=device.pk)
    filterset, devices = _filtered(request, digibank)
    if request.GET.get("format") == "xlsx":
        return _devices_xlsx(devices)
    page = DeferredJoinPaginator(devices, PAGE_SIZE).get_page(request.GET.get("page"))
    if query and page.paginator.count == 1 and request.GET.get("page") is None:
        return redirect(page.object_list[0])
    template = "devices/_device_rows.html" if request.htmx else "devices/list.html"
    return render(
        request,
        template,
        {"filter": filterset, "form": filterset.form, "page_obj": page, "digibank": digibank},
    )


def _devices_xlsx(devices):
    rows = (
        (
            d.tag, d.get_kind_display(), d.brand, d.model_name, d.serial_number, d.made_year,
            d.processor, d.memory_gb, d.storage_gb, d.get_storage_kind_display(),
            d.battery_health, d.accessories, d.get_condition_display(), d.get_state_display(),
            d.get_wipe_status_display(), d.grade, d.os_installed,
            d.location.name if d.location_id else "", d.received_on,
        )
        for d in devices.iterator(chunk_size=2000)
    )  # fmt: skip
    C = xlsx.Column
    columns = [
        C(_("Asset tag"), width=12), C(_("Type")), C(_("Brand")), C(_("Model"), width=24),
        C(_("Serial number"), width=22), C(_("Year of manufacture"), "int", 10),
        C(_("Processor"), width=22), C(_("Memory (GB)"), "int", 10),
        C(_("Storage (GB)"), "int", 10), C(_("Storage type")), C(_("Battery health (%)"), "int"),
        C(_("Accessories"), width=24), C(_("Condition on arrival"), width=24), C(_("State")),
        C(_("Wipe")), C(_("Grade"), width=8), C(_("Operating system"), width=20),
        C(_("Location"), width=24), C(_("Received on"), "date", 12),
    ]  # fmt: skip
    return xlsx.workbook_response(
        "devices.xlsx", [xlsx.Sheet(_("Devices"), columns=columns, rows=rows)]
    )


def by_tag(request, tag):
    """The address in a QR label: opens the device (within the user's scope)."""
    canonical = services.tag_from_text(tag)
    device = (
        Device.objects.for_user(request.user).filter(tag=canonical).only("pk").first()
        if canonical
        else None
    )
    if device is None:
        raise Http404
    return redirect("devices:detail", pk=device.pk)


def stock(request):
    """How many devices each location holds, per state and type."""
    digibank = active_digibank(request, "device.view")
    devices = Device.objects.for_user(request.user).filter(
        digibank=digibank, state__in=IN_STOCK_STATES
    )
    per_state = {s: Count("pk", filter=Q(state=s)) for s in (x.value for x in IN_STOCK_STATES)}
    rows = list(
        devices.values("location__name", "kind")
        .annotate(total=Count("pk"), **per_state)
        .order_by("location__name", "kind")
    )
    states = [DeviceState(s) for s in per_state]
    from digibank.devices.models import DeviceKind

    for row in rows:
        row["kind_label"] = DeviceKind(row["kind"]).label
        row["counts"] = [row[s.value] for s in states]
    if request.GET.get("format") == "xlsx":
        C = xlsx.Column
        columns = [
            C(_("Location"), width=28), C(_("Type")),
            *[C(str(s.label), "int", 12, total=True) for s in states],
            C(_("Total"), "int", 10, total=True),
        ]  # fmt: skip
        data = (
            (r["location__name"] or _("No location"), r["kind_label"], *r["counts"], r["total"])
            for r in rows
        )
        return xlsx.workbook_response(
            "stock.xlsx", [xlsx.Sheet(_("Stock"), columns=columns, rows=data)]
        )
    return render(request, "devices/stock.html", {"rows": rows, "states": states})


def labels_pdf(request):
    """A sheet of QR labels for the devices of the current filter (at most 480)."""
    digibank = active_digibank(request, "device.view")
    _filterset, devices = _filtered(request, digibank)
    selected = list(devices[: labels.MAX_LABELS])
    if not selected:
        messages.info(request, _("No devices match: there are no labels to print."))
        return redirect(reverse("devices:list") + "?" + request.GET.urlencode())
    items = labels.label_items(request, selected)
    pdf = render_pdf("devices/pdf/labels.html", {"items": items, "digibank": digibank})
    return pdf_response(pdf, "labels.pdf")


# --- A device ---------------------------------------------------------------------------------


def _device(request, pk, action=None):
    return get_for_user_or_404(
        Device.objects.select_related("location", "donation", "digibank"),
        request.user,
        action,
        pk=pk,
    )


def device_detail(request, pk):
    device = _device(request, pk)
    may_change = permissions.can(request.user, "device.change", device.digibank_id)
    allowed = [s for s in services.allowed_transitions(device) if s != DeviceState.WIPED]
    context = {
        "device": device,
        "may_change": may_change,
        "transition_form": TransitionForm(allowed=allowed) if may_change and allowed else None,
        "wipes": device.wipes.select_related("operator").order_by("-wiped_on", "-pk")[:20],
        "repairs": device.repairs.select_related("by", "trainee").order_by("-done_on", "-pk")[:50],
        "events": device.events.select_related("by", "location").order_by("-at", "-pk")[:50],
        "moves": device.moves.select_related("from_location", "to_location", "by")[:20],
        "can_wipe": device.state in services.WIPEABLE_STATES,
        "can_leave": services.can_go_out(device),
    }
    return render(request, "devices/detail.html", context)


def device_edit(request, pk):
    device = _device(request, pk, "device.change")
    form = DeviceForm(request.POST or None, instance=device)
    refurbish = RefurbishForm(
        request.POST or None,
        initial={"grade": device.grade, "os_installed": device.os_installed},
    )
    if request.method == "POST" and form.is_valid() and refurbish.is_valid():
        data = {**form.cleaned_data, **refurbish.cleaned_data}
        try:
            changed = services.update_device(device=device, by=request.user, data=data)
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            if "wipe_status" in changed:
                messages.warning(
                    request,
                    _(
                        "The changes are saved. The type, storage or serial number changed "
                        "after the wipe, so the device needs a new wipe before it can go out."
                    ),
                )
            elif changed:
                messages.success(request, _("The changes are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(device)
    return render(
        request,
        "devices/device_form.html",
        {"form": form, "refurbish": refurbish, "device": device},
    )


@require_POST
def device_transition(request, pk):
    device = _device(request, pk, "device.change")
    allowed = [s for s in services.allowed_transitions(device) if s != DeviceState.WIPED]
    form = TransitionForm(request.POST, allowed=allowed or [device.state])
    if not form.is_valid():
        messages.error(request, _("Choose a state this device can go to now."))
        return redirect(device)
    data = form.cleaned_data
    try:
        services.transition(
            device=device,
            to_state=data["to_state"],
            by=request.user,
            note=data["note"],
            handed_to=data["handed_to"],
            reference=data["reference"],
        )
    except DeviceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(tag)s is now “%(state)s”.")
            % {"tag": device.tag, "state": device.get_state_display()},
        )
    return redirect(device)


def device_wipe(request, pk):
    device = _device(request, pk, "device.change")
    form = WipeForm(request.POST or None, request.FILES or None, mobile=device.is_mobile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.record_wipe(
                device=device,
                by=request.user,
                method=data["method"],
                tool=data["tool"],
                result=data["result"],
                verification=data["verification"],
                wiped_on=data["wiped_on"],
                notes=data["notes"],
                checklist=data.get("checklist", []),
                log_file=data.get("log_file"),
            )
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            if record.serial_mismatch:
                messages.warning(
                    request,
                    _(
                        "The wipe is recorded, but the serial number in the log (%(log)s) "
                        "differs from the device's. Check that you wiped the right disk."
                    )
                    % {"log": record.log_serial},
                )
            elif record.result == "passed":
                messages.success(request, _("The wipe is recorded: passed."))
            else:
                messages.warning(
                    request,
                    _("The failed wipe is recorded. The device is blocked until it passes."),
                )
            return redirect(device)
    return render(request, "devices/wipe_form.html", {"form": form, "device": device})


def device_repair(request, pk):
    device = _device(request, pk, "device.change")
    form = RepairForm(request.POST or None, digibank=device.digibank)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_repair(
                device=device,
                by=request.user,
                work=data["work"],
                parts=data["parts"],
                minutes=data["minutes"],
                trainee=data["trainee"],
                done_on=data["done_on"],
            )
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The repair is recorded."))
            return redirect(device)
    return render(request, "devices/repair_form.html", {"form": form, "device": device})


def device_move(request, pk):
    device = _device(request, pk, "device.change")
    form = MoveForm(request.POST or None, digibank=device.digibank, current=device.location)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_device(
                device=device,
                to_location=form.cleaned_data["to_location"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The device is now at %(place)s.") % {"place": device.location}
            )
            return redirect(device)
    return render(request, "devices/move_form.html", {"form": form, "device": device})


# --- Donations --------------------------------------------------------------------------------


def donation_list(request):
    digibank = active_digibank(request, "device.view")
    donations = (
        Donation.objects.for_user(request.user)
        .filter(digibank=digibank)
        .search(request.GET.get("q", "")[:100])
        .select_related("location", "organisation")
        .annotate(device_count=Count("devices"))
        .order_by("-received_on", "-pk")
    )
    if request.GET.get("format") == "xlsx":
        C = xlsx.Column
        columns = [
            C(_("Reference"), width=12), C(_("Received on"), "date", 12),
            C(_("Donor is a"), width=18), C(_("Donor"), width=30), C(_("Received at"), width=24),
            C(_("Devices"), "int", 10, total=True),
        ]  # fmt: skip
        rows = (
            (
                d.reference, d.received_on, d.get_donor_kind_display(),
                d.donor_display if d.donor_kind != DonorKind.PERSON else _("Private person"),
                d.location.name, d.device_count,
            )
            for d in donations
        )  # fmt: skip
        return xlsx.workbook_response(
            "donations.xlsx", [xlsx.Sheet(_("Donations"), columns=columns, rows=rows)]
        )
    page = Paginator(donations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "devices/donations.html", {"page_obj": page, "q": request.GET.get("q", "")}
    )


def donation_create(request):
    digibank = active_digibank(request, "device.change")
    form = DonationForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        try:
            donation = services.register_donation(
                digibank=digibank, by=request.user, data=form.cleaned_data
            )
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Donation %(ref)s is registered. Now add its devices.")
                % {"ref": donation.reference},
            )
            return redirect("devices:device_add", pk=donation.pk)
    return render(request, "devices/donation_form.html", {"form": form, "creating": True})


def _donation(request, pk, action=None):
    return get_for_user_or_404(
        Donation.objects.select_related("location", "organisation", "digibank", "created_by"),
        request.user,
        action,
        pk=pk,
    )


def donation_detail(request, pk):
    donation = _donation(request, pk)
    if (
        donation.donor_kind == DonorKind.PERSON
        and not donation.donor_erased_at
        and permissions.can(request.user, "person.view_sensitive", donation.digibank_id)
    ):
        audit.record(actor=request.user, action="view", target=donation)
    devices = donation.devices.select_related("location").order_by("pk")
    return render(
        request,
        "devices/donation_detail.html",
        {
            "donation": donation,
            "devices": devices,
            "may_change": permissions.can(request.user, "device.change", donation.digibank_id),
            "may_erase": permissions.can(request.user, "person.erase", donation.digibank_id),
            # A private donor's contact is personal data: staff see it, volunteers do not.
            "show_contact": donation.donor_kind != DonorKind.PERSON
            or permissions.can(request.user, "person.view_sensitive", donation.digibank_id),
        },
    )


def donation_edit(request, pk):
    donation = _donation(request, pk, "device.change")
    if donation.donor_kind == DonorKind.PERSON:
        # The form shows a private donor's contact details: staff only.
        require(request.user, "person.view_sensitive", donation.digibank_id)
    if donation.donor_erased_at:
        messages.error(request, _("The donor's details were erased; this donation cannot change."))
        return redirect(donation)
    form = DonationForm(request.POST or None, instance=donation, digibank=donation.digibank)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_donation(donation=donation, by=request.user, data=form.cleaned_data)
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(donation)
    return render(request, "devices/donation_form.html", {"form": form, "donation": donation})


def device_add(request, pk):
    donation = _donation(request, pk, "device.change")
    form = DeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.add_device(
                donation=donation, digibank=donation.digibank, by=request.user,
                data=form.cleaned_data,
            )  # fmt: skip
        except DeviceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(device)s is registered with asset tag %(tag)s.")
                % {"device": device.label, "tag": device.tag},
            )
            if "add_another" in request.POST:
                return redirect("devices:device_add", pk=donation.pk)
            return redirect(donation)
    return render(request, "devices/device_add.html", {"form": form, "donation": donation})


def donation_receipt(request, pk):
    """The donor's receipt (PDF): what we received, when and where."""
    donation = _donation(request, pk)
    devices = list(donation.devices.order_by("pk"))
    pdf = render_pdf("devices/pdf/receipt.html", {"donation": donation, "devices": devices})
    return pdf_response(pdf, f"receipt-{donation.reference}.pdf")


def donation_certificate(request, pk):
    """The data-wipe certificate (PDF): every device's serial, method, date and result."""
    donation = _donation(request, pk)
    devices = list(donation.devices.order_by("pk").prefetch_related("wipes__operator"))
    rows = []
    for device in devices:
        wipes = sorted(device.wipes.all(), key=lambda w: (w.wiped_on, w.pk))
        rows.append({"device": device, "wipe": wipes[-1] if wipes else None})
    pdf = render_pdf("devices/pdf/certificate.html", {"donation": donation, "rows": rows})
    return pdf_response(pdf, f"wipe-certificate-{donation.reference}.pdf")


def donor_erase(request, pk):
    donation = _donation(request, pk, "person.erase")
    if donation.donor_erased_at:
        messages.info(request, _("The donor's details were already erased."))
        return redirect(donation)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.erase_donor(donation=donation, by=request.user)
        messages.success(request, _("The donor's details are erased. The devices stay."))
        return redirect(donation)
    return render(request, "devices/donor_erase.html", {"form": form, "donation": donation})
