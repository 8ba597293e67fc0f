"""Programmes: programmes and calls, projects, the funders' overviews, and the import."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.accounts import permissions
from digibank.core import xlsx
from digibank.core.tenancy import require
from digibank.programmes import importer, overviews, services
from digibank.programmes.forms import (
    AmendmentForm,
    ImportForm,
    OverviewFilterForm,
    ProjectFilterForm,
    StatusForm,
)
from digibank.programmes.models import Milestone, Programme, Project
from digibank.programmes.templatetags.programmes_tags import cell, is_number


def _require(request, action: str = "programme.view") -> None:
    """Programmes are followed installation-wide: no digibank narrows the check."""
    require(request.user, action, None)


def _visible_projects(request):
    return Project.objects.for_user(request.user)


def index(request):
    _require(request)
    projects = _visible_projects(request)
    programmes = Programme.objects.for_user(request.user).select_related("funder")
    return render(
        request,
        "programmes/index.html",
        {
            "programmes": programmes,
            "overviews": overviews.OVERVIEWS.values(),
            "conflicts": services.cofunding_conflicts(projects),
            "may_manage": permissions.can(request.user, "programme.manage"),
        },
    )


def programme_detail(request, slug):
    _require(request)
    programme = get_object_or_404(
        Programme.objects.for_user(request.user).select_related("funder"), slug=slug
    )
    today = timezone.localdate()
    return render(
        request,
        "programmes/programme.html",
        {
            "programme": programme,
            "tracks": programme.tracks.prefetch_related("result_tiers"),
            "calls": programme.calls.select_related("track").prefetch_related("rounds"),
            "milestones": [
                services.milestone_progress(m, today) for m in programme.milestones.all()
            ],
            "cofunding": programme.no_cofunding_with.all(),
            "project_count": _visible_projects(request).filter(programme=programme).count(),
            "may_manage": permissions.can(request.user, "programme.manage"),
        },
    )


def project_list(request):
    _require(request)
    form = ProjectFilterForm(request.GET or None)
    projects = _visible_projects(request)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            projects = projects.filter(
                Q(title__icontains=data["q"]) | Q(reference__icontains=data["q"])
            )
        if data.get("programme"):
            projects = projects.filter(programme=data["programme"])
        if data.get("status"):
            projects = projects.filter(status=data["status"])
        if data.get("province"):
            projects = projects.filter(
                pk__in=Project.objects.filter(
                    places__municipality__province=data["province"]
                ).values("pk")
            )
    projects = projects.select_related("programme", "round__call", "applicant").order_by(
        "programme__name", "reference"
    )
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    template = "programmes/_project_results.html" if request.htmx else "programmes/projects.html"
    return render(request, template, {"form": form, "page_obj": page})


def _project(request, pk):
    try:
        return (
            _visible_projects(request)
            .select_related("programme__funder", "round__call", "track", "applicant", "predecessor")
            .prefetch_related("track__result_tiers")
            .get(pk=pk)
        )
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def project_detail(request, pk):
    _require(request)
    project = _project(request, pk)
    places = [p for p in overviews.places(Project.objects.filter(pk=project.pk))]
    payments = list(project.payments.select_related("changed_by"))
    budget_lines = services.budget_with_spending(project)
    return render(
        request,
        "programmes/project.html",
        {
            "project": project,
            "places": places,
            "partners": project.partner_links.select_related("organisation"),
            "digibanks": project.digibanks.all(),
            "successors": project.successors.all(),
            "history": project.history.select_related("by"),
            "payments": payments,
            "result": services.result_amount(project),
            "payment_totals": {
                "planned": sum(p.signed_planned for p in payments),
                "paid": sum(p.signed_paid for p in payments),
            },
            "reports": project.reports.select_related("changed_by").prefetch_related(
                "cost_lines__budget_line"
            ),
            "budget_lines": budget_lines,
            "budget_totals": {
                "amount": sum(b.amount for b in budget_lines),
                "spent": sum(b.spent for b in budget_lines),
                "remaining": sum(b.remaining for b in budget_lines),
            },
            "amendments": project.amendments.all(),
            "conflicts": services.conflicts_for(project, _visible_projects(request)),
            "may_manage": permissions.can(request.user, "programme.manage"),
            "today": timezone.localdate(),
        },
    )


def project_status(request, pk):
    _require(request, "programme.manage")
    project = _project(request, pk)
    form = StatusForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(
                project=project,
                to=data["status"],
                on=data["on"],
                by=request.user,
                by_name=data.get("by_name", ""),
                note=data.get("note", ""),
                amount_approved=data.get("amount_approved"),
            )
        except services.ProgrammeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The status is changed."))
            return redirect(project)
    return render(request, "programmes/status_form.html", {"project": project, "form": form})


def project_amend(request, pk):
    _require(request, "programme.manage")
    project = _project(request, pk)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.amend(
                project=project,
                by=request.user,
                decided_on=data["decided_on"],
                reference=data["reference"],
                new_end_date=data.get("new_end_date"),
                new_amount=data.get("new_amount"),
                note=data.get("note", ""),
            )
        except services.ProgrammeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The amendment is recorded."))
            return redirect(project)
    return render(request, "programmes/amend_form.html", {"project": project, "form": form})


def build_overview(request, key):
    """The overview table for the request's filters, and the filter form."""
    overview = overviews.OVERVIEWS.get(key)
    if overview is None:
        raise Http404
    form = OverviewFilterForm(request.GET or None, overview=overview)
    projects = _visible_projects(request)
    options = {"today": timezone.localdate()}
    if form.is_valid():
        data = form.cleaned_data
        if data.get("programme"):
            projects = projects.filter(programme=data["programme"])
        options["province"] = data.get("province")
        options["milestone"] = data.get("milestone")
    if overview.needs_milestone and not options.get("milestone"):
        options["milestone"] = Milestone.objects.order_by("programme__name", "pk").first()
    table = overview.build(projects, **options)
    if projects.filter(is_demo=True).exists():
        # Said on screen and in the workbook: nobody should quote invented figures.
        table.notes.insert(0, str(DEMO_NOTE))
        table.has_demo = True
    return overview, form, table


DEMO_NOTE = gettext_lazy(
    "Demo data: the programmes, budgets and counts come from the sources; the projects' "
    "names, amounts and municipalities are partly invented for the demonstration."
)


OVERVIEW_PAGE_SIZE = 100


def overview(request, key):
    """One page of the overview on screen; the totals are those of the whole table, as in
    the workbook, which always holds every row."""
    _require(request)
    overview, form, table = build_overview(request, key)
    page = Paginator(table.rows, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programmes/overview.html",
        {
            "overview": overview,
            "form": form,
            "table": table,
            "page_obj": page,
            "rows": [_display(row, table.columns) for row in page.object_list],
            "totals": _display(table.totals(), table.columns) if table.has_totals else None,
            "query": query.urlencode(),
        },
    )


def _display(row, columns):
    return [(cell(value, c), is_number(c)) for value, c in zip(row, columns, strict=True)]


def overview_xlsx(request, key):
    _require(request)
    overview, _form, table = build_overview(request, key)
    stamp = timezone.localdate().isoformat()
    name = f"{slugify(str(overview.title))}-{stamp}.xlsx"
    return xlsx.workbook_response(name, [table.sheet()])


def import_projects(request):
    _require(request, "programme.manage")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = importer.read_table(upload.name, upload.read())
        except importer.ImportFileError as exc:
            file_error = str(exc)
        else:
            result = importer.run(table, by=request.user, dry_run=form.cleaned_data["dry_run"])
            if result.imported:
                messages.success(
                    request,
                    _("Imported: %(created)s new projects, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
    if file_error:
        form.add_error("file", file_error)
    return render(
        request,
        "programmes/import.html",
        {"form": form, "result": result, "columns": list(importer.HEADERS)},
    )
