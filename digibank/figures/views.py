from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from digibank.accounts import permissions
from digibank.accounts.roles import Role
from digibank.core import stats, xlsx
from digibank.core.forms import PeriodForm
from digibank.figures import services
from digibank.helpdesk import figures as helpdesk_figures
from digibank.people.models import Service, TargetGroupCode
from digibank.people.services import reach


def _period(request):
    form = PeriodForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data.get("start"), form.cleaned_data.get("end")
    return form, None, None


def overview(request):
    """Reach of the active digibank; for a funder, of every digibank they follow."""
    if not permissions.can(request.user, "figures.view", request.digibank):
        raise PermissionDenied
    form, start, end = _period(request)
    across = request.role == Role.FUNDER or request.digibank is None
    digibank = None if across else request.digibank
    activities = services.scoped_activities(user=request.user, digibank=digibank)
    counted_at, (figures, per_digibank, online) = services.cached(
        ("overview", services.scope_key(request.user), getattr(digibank, "pk", None), start, end),
        lambda: (
            reach(activities=activities, start=start, end=end),
            services.per_digibank(user=request.user, start=start, end=end) if across else [],
            services.online_services(user=request.user, start=start, end=end) if across else [],
        ),
    )
    if request.GET.get("format") == "xlsx":
        return _overview_xlsx(figures, per_digibank)
    if across and request.GET.get("format") in ("services", "services_csv"):
        fmt = "csv" if request.GET["format"] == "services_csv" else "xlsx"
        return helpdesk_figures.export_services(rows=online, start=start, end=end, fmt=fmt)
    return render(
        request,
        "figures/overview.html",
        {
            "form": form,
            "figures": figures,
            "per_digibank": per_digibank,
            "online_services": online,
            "across": across,
            "counted_at": counted_at,
            "services": Service.choices,
            "target_groups": [
                (label, figures.by_target_group.get(code, 0))
                for code, label in TargetGroupCode.choices
            ],
        },
    )


def _overview_xlsx(figures, per_digibank):
    note = _("Groups of fewer than 5 people are left empty to protect privacy.")
    sheets = [
        xlsx.Sheet(
            _("Per service"),
            [xlsx.Column(_("Service"), width=40), xlsx.Column(_("People"), "int")],
            [
                (label, stats.sheet_value(figures.by_service.get(code, 0)))
                for code, label in Service.choices
            ]
            + [(_("All services (each person once)"), stats.sheet_value(figures.people))],
            notes=[note],
        ),
        xlsx.Sheet(
            _("Per target group"),
            [xlsx.Column(_("Target group"), width=40), xlsx.Column(_("People"), "int")],
            [
                (label, stats.sheet_value(figures.by_target_group.get(code, 0)))
                for code, label in TargetGroupCode.choices
            ],
            notes=[note],
        ),
        xlsx.Sheet(
            _("Per municipality"),
            [
                xlsx.Column(_("REFNIS code"), width=12),
                xlsx.Column(_("Municipality"), width=30),
                xlsx.Column(_("People"), "int"),
            ],
            [(code, name, stats.sheet_value(n)) for code, name, n in figures.by_municipality],
            notes=[note],
        ),
    ]
    if per_digibank:
        sheets.append(
            xlsx.Sheet(
                _("Per digibank"),
                [xlsx.Column(_("Digibank"), width=40), xlsx.Column(_("People"), "int")],
                [(d.name, stats.sheet_value(n)) for d, n in per_digibank],
                notes=[note],
            )
        )
    return xlsx.workbook_response("digibank-figures.xlsx", sheets)


def municipality(request):
    if not permissions.can(request.user, "figures.municipality"):
        raise PermissionDenied
    form, start, end = _period(request)
    counted_at, rows = services.cached(
        ("municipality", sorted(permissions.officer_municipality_ids(request.user)), start, end),
        lambda: services.municipality_reach(user=request.user, start=start, end=end),
    )
    return render(
        request,
        "figures/municipality.html",
        {
            "form": form,
            "rows": rows,
            "counted_at": counted_at,
            "services": Service.choices,
            "target_group_choices": TargetGroupCode.choices,
        },
    )
