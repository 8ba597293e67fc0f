"""Connectivity help and the anonymous lending figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.core import stats, xlsx
from digibank.core.forms import PeriodForm
from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.figures.services import cached
from digibank.loans import eligibility, exports, services
from digibank.loans.figures import lending_figures
from digibank.loans.forms import ConnectivityForm
from digibank.loans.models import ConnectivityHelp, LoanKind, LoanStatus
from digibank.people.models import Person


def connectivity_list(request):
    digibank = active_digibank(request, "loan.view")
    rows = (
        ConnectivityHelp.objects.for_user(request.user)
        .filter(digibank=digibank)
        .select_related("person")
        .order_by("-helped_on", "-pk")
    )
    if request.GET.get("format") == "xlsx":
        return exports.connectivity(rows, by=request.user)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "loans/connectivity.html",
        {
            "page_obj": page,
            "can_manage": permissions.can(request.user, "loan.manage", digibank),
            "today": timezone.localdate(),
        },
    )


def connectivity_create(request, person_pk):
    person = get_for_user_or_404(
        Person.objects.select_related("digibank"), request.user, pk=person_pk
    )
    require(request.user, "loan.manage", person.digibank_id)
    policy = eligibility.policy_for(person.digibank)
    form = ConnectivityForm(request.POST or None, lends_sim_cards=policy.lends_sim_cards)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_connectivity(person=person, by=request.user, data=form.cleaned_data)
        except services.LoanError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The help is recorded."))
            return redirect(person)
    return render(request, "loans/connectivity_form.html", {"form": form, "person": person})


@require_POST
def sim_returned(request, pk):
    help_ = get_for_user_or_404(ConnectivityHelp, request.user, "loan.manage", pk=pk)
    try:
        services.sim_returned(help_=help_, by=request.user)
    except services.LoanError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The SIM card is back."))
    return redirect("loans:connectivity")


def figures(request):
    """Lending and connectivity figures of the active digibank, anonymous."""
    digibank = getattr(request, "digibank", None)
    if digibank is None or not permissions.can(request.user, "figures.view", digibank):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
    today = timezone.localdate()
    counted_at, data = cached(
        ("loans", digibank.pk, start, end, today),
        lambda: lending_figures(digibank=digibank, start=start, end=end, today=today),
    )
    if request.GET.get("format") == "xlsx":
        return _figures_xlsx(data)
    return render(
        request,
        "loans/figures.html",
        {
            "form": form,
            "f": data,
            "counted_at": counted_at,
            "kinds": [(label, data.by_kind.get(code, 0)) for code, label in LoanKind.choices],
            "ended": [
                (label, data.ended.get(code, 0))
                for code, label in LoanStatus.choices
                if code != LoanStatus.OPEN
            ],
        },
    )


def _figures_xlsx(data):
    note = _("Groups of fewer than 5 are left empty to protect privacy.")
    groups = [
        (
            g.label,
            stats.sheet_value(g.lent),
            stats.sheet_value(g.given),
            stats.sheet_value(g.people),
        )
        for g in data.by_target_group
    ]
    total = (data.loans_started, data.gifts, data.people_equipped)
    groups.append((_("Total (each person once)"), *map(stats.sheet_value, total)))
    return xlsx.workbook_response(
        "digibank-lending-figures.xlsx",
        [
            xlsx.Sheet(
                _("Per location"),
                [
                    xlsx.Column(_("Location"), width=40),
                    xlsx.Column(_("Loans"), "int"),
                    xlsx.Column(_("People"), "int"),
                ],
                [
                    (name or _("unknown"), stats.sheet_value(n), stats.sheet_value(p))
                    for name, n, p in data.by_location
                ],
                notes=[note],
            ),
            xlsx.Sheet(
                _("Per target group"),
                [
                    xlsx.Column(_("Target group"), width=40),
                    xlsx.Column(_("Devices lent"), "int"),
                    xlsx.Column(_("Devices given"), "int"),
                    xlsx.Column(_("People equipped"), "int"),
                ],
                groups,
                notes=[note, _("A person in two target groups counts in both groups.")],
            ),
            xlsx.Sheet(
                _("Per month"),
                [xlsx.Column(_("Month"), "date"), xlsx.Column(_("Loans"), "int")],
                [(month, stats.sheet_value(n)) for month, n in data.by_month],
                notes=[note],
            ),
            xlsx.Sheet(
                _("Connectivity"),
                [xlsx.Column(_("Kind of help"), width=40), xlsx.Column(_("People"), "int")],
                [(label, stats.sheet_value(n)) for label, n in data.connectivity],
                notes=[note],
            ),
        ],
    )
