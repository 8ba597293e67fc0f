"""Entry forms for programme managers: payments, budget lines, reports, costs, milestones.

Each view is the same short story: check ``programme.manage``, fetch the project (scoped,
so an invisible project is a 404) and the row inside it, validate the form, call the
service, and go back to the project page; a rule that says no shows in the form's error
summary. The services hold the rules and run in a transaction.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from digibank.programmes import services
from digibank.programmes.forms import (
    ApprovedForm,
    BudgetLineForm,
    CostLineForm,
    MilestoneForm,
    PaidForm,
    PaymentForm,
    ReportForm,
    SubmittedForm,
)
from digibank.programmes.models import Milestone, Programme
from digibank.programmes.views import _project, _require


def _handle(request, *, project, form, save, done, title, section, intro="", parent=None):
    """Validate ``form``, call ``save(cleaned_data)``; redirect to the project's section
    on success, else show the form again with the reason."""
    back_url = f"{(parent or project).get_absolute_url()}#{section}"
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except services.ProgrammeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect(back_url)
    return render(
        request,
        "programmes/entry_form.html",
        {
            "project": project,
            "parent": parent,
            "form": form,
            "title": title,
            "intro": intro,
            "back_url": back_url,
        },
    )


def _euro(amount) -> str:
    return number_format(amount, 2, force_grouping=True)


def _manage(request, pk):
    _require(request, "programme.manage")
    return _project(request, pk)


def payment_add(request, pk):
    project = _manage(request, pk)
    form = PaymentForm(request.POST or None)
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.plan_payment(project=project, by=request.user, **data),
        done=_("The payment is planned."),
        title=_("Plan a payment"),
        section="payments",
        intro=(
            _("Approved amount: € %(amount)s.") % {"amount": _euro(project.amount_approved)}
            if project.amount_approved is not None
            else ""
        ),
    )


def payment_paid(request, pk, payment_pk):
    project = _manage(request, pk)
    payment = get_object_or_404(project.payments, pk=payment_pk)
    initial = {"paid_amount": payment.paid_amount or payment.planned_amount}
    if payment.paid_on:
        initial["paid_on"] = payment.paid_on
    form = PaidForm(request.POST or None, initial=initial)
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.record_paid(payment=payment, by=request.user, **data),
        done=_("The payment is recorded."),
        title=_("Record a payment as paid"),
        section="payments",
        intro=_("%(payment)s, planned amount € %(amount)s.")
        % {"payment": payment.get_kind_display(), "amount": _euro(payment.planned_amount)},
    )


def budget_line_add(request, pk):
    project = _manage(request, pk)
    form = BudgetLineForm(request.POST or None)
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.save_budget_line(project=project, by=request.user, **data),
        done=_("The budget line is added."),
        title=_("Add a budget line"),
        section="budget",
    )


def budget_line_edit(request, pk, line_pk):
    project = _manage(request, pk)
    line = get_object_or_404(project.budget_lines, pk=line_pk)
    form = BudgetLineForm(
        request.POST or None,
        initial={"category": line.category, "label": line.label, "amount": line.amount},
    )
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.save_budget_line(
            project=project, by=request.user, line=line, **data
        ),
        done=_("The budget line is changed."),
        title=_("Change a budget line"),
        section="budget",
    )


def report_add(request, pk):
    project = _manage(request, pk)
    form = ReportForm(request.POST or None)
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.add_report(project=project, by=request.user, **data),
        done=_("The reporting duty is added."),
        title=_("Add a reporting duty"),
        section="reports",
    )


def report_submitted(request, pk, report_pk):
    project = _manage(request, pk)
    report = get_object_or_404(project.reports, pk=report_pk)
    form = SubmittedForm(
        request.POST or None,
        initial={
            "submitted_on": report.submitted_on,
            "users_reached": report.users_reached,
            "note": report.note,
        },
    )
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.record_submitted(report=report, by=request.user, **data),
        done=_("The report is recorded as submitted."),
        title=_("Record a report as submitted"),
        section="reports",
        intro=_("%(report)s, due on %(date)s.")
        % {"report": report, "date": report.due_on.strftime("%d/%m/%Y")},
    )


def report_approved(request, pk, report_pk):
    project = _manage(request, pk)
    report = get_object_or_404(project.reports, pk=report_pk)
    form = ApprovedForm(request.POST or None, initial={"approved_on": report.approved_on})
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.record_approved(report=report, by=request.user, **data),
        done=_("The report is recorded as approved."),
        title=_("Record a report as approved"),
        section="reports",
        intro=(
            _("%(report)s, submitted on %(date)s.")
            % {"report": report, "date": report.submitted_on.strftime("%d/%m/%Y")}
            if report.submitted_on
            else _("%(report)s is not submitted yet: record the submission first.")
            % {"report": report}
        ),
    )


def cost_line_add(request, pk, report_pk):
    project = _manage(request, pk)
    report = get_object_or_404(project.reports, pk=report_pk)
    form = CostLineForm(request.POST or None, project=project)
    return _handle(
        request,
        project=project,
        form=form,
        save=lambda data: services.add_cost_line(report=report, by=request.user, **data),
        done=_("The costs are added to the report."),
        title=_("Report costs"),
        section="budget",
        intro=_("%(report)s, due on %(date)s. Costs are reported against a budget line.")
        % {"report": report, "date": report.due_on.strftime("%d/%m/%Y")},
    )


def milestone_edit(request, slug, pk):
    _require(request, "programme.manage")
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    milestone = get_object_or_404(Milestone.objects.filter(programme=programme), pk=pk)
    form = MilestoneForm(
        request.POST or None,
        initial={"evidence_note": milestone.evidence_note, "due_on": milestone.due_on},
    )
    return _handle(
        request,
        project=None,
        parent=programme,
        form=form,
        save=lambda data: services.update_milestone(milestone=milestone, by=request.user, **data),
        done=_("The milestone is saved."),
        title=_("Milestone: evidence and due date"),
        section="milestones",
        intro=_(
            "%(name)s. The value and the status are measured from the data; "
            "here you record what counts as evidence and when it is due."
        )
        % {"name": milestone.name},
    )
