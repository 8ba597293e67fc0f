"""Devices: import an inventory (dry run first, all or nothing) and the device figures."""

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digibank.core import xlsx
from digibank.core.forms import PeriodForm
from digibank.core.tenancy import active_digibank
from digibank.devices import figures as device_figures
from digibank.devices import importer
from digibank.devices.forms import ImportForm
from digibank.devices.impact import FACTORS
from digibank.devices.services import DeviceError
from digibank.figures.services import cached


def _stored_path(digibank, token: str, ext: str) -> str:
    return f"devices/imports/{digibank.pk}/{token}{ext}"


def import_devices(request):
    """Step 1: upload and check (nothing is written). Step 2: import the checked file."""
    digibank = active_digibank(request, "device.import")
    form = ImportForm(request.POST or None, request.FILES or None, digibank=digibank)
    report = None
    token = ""
    if request.method == "POST" and request.POST.get("token"):
        return _import_checked(request, digibank)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        ext = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
        try:
            report = importer.check(
                upload=upload,
                filename=upload.name,
                digibank=digibank,
                default_location=form.cleaned_data["location"],
            )
        except importer.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if report.ok:
                token = uuid.uuid4().hex
                upload.seek(0)
                default_storage.save(_stored_path(digibank, token, ext), ContentFile(upload.read()))
                token = f"{token}{ext}:{form.cleaned_data['location'].pk}"
    return render(
        request,
        "devices/import.html",
        {"form": form, "report": report, "token": token, "columns": importer.COLUMNS},
    )


def _import_checked(request, digibank):
    from digibank.digibanks.models import Location

    raw = request.POST.get("token", "")
    try:
        name, location_pk = raw.split(":", 1)
        token, ext = name[:32], name[32:]
        uuid.UUID(hex=token)
        if ext not in (".csv", ".xlsx"):
            raise ValueError
        location = Location.objects.get(pk=int(location_pk), digibank=digibank)
    except (ValueError, Location.DoesNotExist):
        messages.error(request, _("This check is no longer valid. Upload the file again."))
        return redirect("devices:import")
    path = _stored_path(digibank, token, ext)
    if not default_storage.exists(path):
        messages.error(request, _("This check is no longer valid. Upload the file again."))
        return redirect("devices:import")
    try:
        with default_storage.open(path, "rb") as upload:
            report, count = importer.run(
                upload=upload,
                filename=path,
                digibank=digibank,
                default_location=location,
                by=request.user,
            )
    except (importer.ImportFileError, DeviceError) as exc:
        # DeviceError: something changed since the check; nothing was imported.
        messages.error(request, str(exc))
        return redirect("devices:import")
    if not report.ok:
        # Something changed since the check (e.g. a serial registered meanwhile).
        form = ImportForm(digibank=digibank)
        return render(
            request,
            "devices/import.html",
            {"form": form, "report": report, "token": "", "columns": importer.COLUMNS},
        )
    default_storage.delete(path)
    messages.success(request, _("%(count)s devices are imported.") % {"count": count})
    return redirect("devices:list")


def figures(request):
    digibank = active_digibank(request, "device.view")
    form = PeriodForm(request.GET or None)
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
    by = "month" if request.GET.get("by") == "month" else "location"
    # Counting every event of a big stock takes a while; a few minutes old is fine.
    counted_at, ((rows, total), (impact_rows, total_kg, total_co2e)) = cached(
        ("devices", digibank.pk, start, end, by, get_language(), timezone.localdate()),
        lambda: (
            device_figures.flow(digibank=digibank, start=start, end=end, by=by),
            device_figures.impact(digibank=digibank, start=start, end=end),
        ),
    )
    labels = [
        _("Collected"), _("Wiped"), _("Refurbished (ready)"), _("Lent"),
        _("Given or sold"), _("Recycled or destroyed"), _("Lost or stolen"),
    ]  # fmt: skip
    # A wrong period shows its message on the page; never an all-time workbook instead.
    if request.GET.get("format") == "xlsx" and not form.errors:
        C = xlsx.Column
        first = _("Month") if by == "month" else _("Location")
        flow_sheet = xlsx.Sheet(
            _("Devices"),
            columns=[
                C(first, width=26),
                *[C(str(label), "int", 14, total=True) for label in labels],
            ],
            rows=[(r.label or _("No location"), *r.values()) for r in rows],
        )
        impact_sheet = xlsx.Sheet(
            _("Impact"),
            columns=[
                C(_("Type"), width=20),
                C(_("Devices reused"), "int", 14, total=True),
                C(_("kg e-waste avoided"), "decimal", 16, total=True),
                C(_("kg CO2e avoided"), "decimal", 16, total=True),
                C(_("Source of the weight"), width=60),
                C(_("Source of the CO2e"), width=60),
            ],
            rows=[
                (
                    r.label,
                    r.devices,
                    r.kg,
                    r.co2e,
                    str(r.factor.kg_source),
                    str(r.factor.co2e_source),
                )
                for r in impact_rows
            ],
            notes=[_("Estimates for reporting, not measurements. See the sources per row.")],
        )
        return xlsx.workbook_response("device-figures.xlsx", [flow_sheet, impact_sheet])
    return render(
        request,
        "devices/figures.html",
        {
            "form": form,
            "by": by,
            "labels": labels,
            "rows": rows,
            "total": total,
            "impact_rows": impact_rows,
            "total_kg": total_kg,
            "total_co2e": total_co2e,
            "factors": FACTORS,
            "counted_at": counted_at,
        },
    )
