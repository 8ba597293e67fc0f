"""Writes and domain rules for programmes and projects.

Functions take keyword arguments and the acting user, never a request, and raise
``ProgrammeError`` with a message for the user when a rule says no. The allowed status
changes live in ``models.TRANSITIONS``; this module is the only one that changes a
project's status or applies an amendment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.programmes.models import (
    AWARDED,
    TRANSITIONS,
    Amendment,
    AmendmentKind,
    BudgetLine,
    CostLine,
    Milestone,
    MilestoneMeasure,
    Payment,
    PaymentKind,
    Project,
    ProjectMunicipality,
    ProjectStatus,
    Report,
    ReportNature,
    StatusChange,
)

CENT = Decimal("0.01")


class ProgrammeError(Exception):
    """A rule about programmes or projects said no; the message is meant for the user."""


# --- Status ------------------------------------------------------------------------------


@transaction.atomic
def change_status(
    *,
    project: Project,
    to: str,
    on: datetime.date,
    by=None,
    by_name: str = "",
    note: str = "",
    amount_approved: Decimal | None = None,
) -> StatusChange:
    """Move a project to status ``to`` on date ``on``, if ``TRANSITIONS`` allows it."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to not in ProjectStatus.values:
        raise ProgrammeError(_("Unknown status."))
    if to not in TRANSITIONS[project.status]:
        raise ProgrammeError(
            _("A project that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": ProjectStatus(project.status).label,
                "new": ProjectStatus(to).label,
            }
        )
    if on < project.submitted_on:
        raise ProgrammeError(_("The date cannot be before the application was submitted."))
    last = project.history.order_by("-on", "-pk").first()
    if last and on < last.on:
        raise ProgrammeError(
            _("The date cannot be before the previous status change (%(date)s).")
            % {"date": last.on.strftime("%d/%m/%Y")}
        )
    if to == ProjectStatus.APPROVED:
        amount = amount_approved if amount_approved is not None else project.amount_approved
        if amount is None:
            raise ProgrammeError(_("An approval needs the approved amount."))
        if amount < 0:
            raise ProgrammeError(_("The approved amount cannot be negative."))
        if amount > project.amount_requested and not project.amount_amended:
            raise ProgrammeError(_("The approved amount cannot be more than the amount requested."))
        project.amount_approved = amount
    if to in (ProjectStatus.APPROVED, ProjectStatus.REJECTED, ProjectStatus.INADMISSIBLE):
        project.decided_on = on
    if to == ProjectStatus.RUNNING and project.start_date is None:
        project.start_date = on
    change = StatusChange.objects.create(
        project=project,
        from_status=project.status,
        to_status=to,
        on=on,
        by=by if getattr(by, "pk", None) else None,
        by_name=by_name,
        note=note,
    )
    project.status = to
    project.save()
    return change


# --- Amendments --------------------------------------------------------------------------


@transaction.atomic
def amend(
    *,
    project: Project,
    by,
    decided_on: datetime.date,
    reference: str,
    new_end_date: datetime.date | None = None,
    new_amount: Decimal | None = None,
    note: str = "",
) -> Amendment:
    """Record a decided change of end date and/or amount and apply it to the project.

    A running project whose end date moves later becomes "extended".
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    if new_end_date is None and new_amount is None:
        raise ProgrammeError(_("An amendment changes the end date, the amount, or both."))
    if not project.is_awarded:
        raise ProgrammeError(_("Only an approved project can be amended."))
    if not reference.strip():
        raise ProgrammeError(_("Give the reference of the decision."))
    if new_end_date is not None and project.start_date and new_end_date < project.start_date:
        raise ProgrammeError(_("The new end date cannot be before the start of the project."))
    if new_amount is not None and new_amount < 0:
        raise ProgrammeError(_("The new amount cannot be negative."))
    if new_end_date is not None and new_amount is not None:
        kind = AmendmentKind.BOTH
    elif new_end_date is not None:
        kind = AmendmentKind.END_DATE
    else:
        kind = AmendmentKind.AMOUNT
    amendment = Amendment.objects.create(
        project=project,
        kind=kind,
        old_end_date=project.end_date if new_end_date is not None else None,
        new_end_date=new_end_date,
        old_amount=project.amount_approved if new_amount is not None else None,
        new_amount=new_amount,
        decided_on=decided_on,
        reference=reference.strip(),
        note=note,
        recorded_by=by if getattr(by, "pk", None) else None,
    )
    later = new_end_date is not None and (
        project.end_date is None or new_end_date > project.end_date
    )
    if new_end_date is not None:
        project.end_date = new_end_date
    if new_amount is not None:
        project.amount_approved = new_amount
        project.amount_amended = True
    project.save()
    if later and project.status == ProjectStatus.RUNNING:
        change_status(
            project=project,
            to=ProjectStatus.EXTENDED,
            on=max(decided_on, _last_change_date(project)),
            by=by,
            note=reference.strip()[:300],
        )
    return amendment


def _last_change_date(project: Project) -> datetime.date:
    last = project.history.order_by("-on", "-pk").first()
    return last.on if last else project.submitted_on


# --- Payments, budget and reports -------------------------------------------------------


def _validated(obj):
    """Run the model's own rules (``clean``, field validators, constraints) and turn a
    failure into a ``ProgrammeError`` the view can show."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ProgrammeError(" ".join(exc.messages)) from exc
    return obj


def _locked_awarded(project: Project) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not project.is_awarded:
        raise ProgrammeError(_("Payments, budgets and reports are for approved projects only."))
    return project


# Saved with every change: who did it (``Entered``) and when.
ENTERED = ("changed_by", "changed_at")


def _user(by):
    return by if getattr(by, "pk", None) else None


def _not_in_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise ProgrammeError(_("%(what)s cannot be in the future.") % {"what": what})


@transaction.atomic
def plan_payment(
    *,
    project: Project,
    by,
    kind: str,
    planned_amount: Decimal | None = None,
    percentage: Decimal | None = None,
    planned_on: datetime.date | None = None,
    reference: str = "",
) -> Payment:
    """Plan an instalment of an approved project, as an amount or as a percentage of the
    approved amount. A recovery is its own kind with a positive amount (it counts
    negative, see ``Payment.signed_paid``). The instalments, without recoveries, may
    not add up to more than the approved amount."""
    project = _locked_awarded(project)
    if kind not in PaymentKind.values:
        raise ProgrammeError(_("Unknown kind of payment."))
    if (planned_amount is not None and planned_amount < 0) or (
        percentage is not None and percentage < 0
    ):
        raise ProgrammeError(
            _("Amounts are never negative. Money paid back is a payment of the kind “Recovery”.")
        )
    if planned_amount is None:
        if percentage is None:
            raise ProgrammeError(_("Give an amount or a percentage of the approved amount."))
        if project.amount_approved is None:
            raise ProgrammeError(_("This project has no approved amount to take a percentage of."))
        planned_amount = (project.amount_approved * percentage / 100).quantize(CENT)
    payment = Payment(
        project=project,
        kind=kind,
        percentage=percentage,
        planned_amount=planned_amount,
        planned_on=planned_on,
        reference=reference.strip(),
        changed_by=_user(by),
    )
    _validated(payment)
    if kind != PaymentKind.RECOVERY and project.amount_approved is not None:
        planned = project.payments.exclude(kind=PaymentKind.RECOVERY).aggregate(
            total=Sum("planned_amount")
        )["total"] or Decimal("0")
        if planned + planned_amount > project.amount_approved:
            raise ProgrammeError(
                _(
                    "The payments would add up to more than the approved amount "
                    "(€ %(approved)s; € %(planned)s is already planned)."
                )
                % {"approved": project.amount_approved, "planned": planned}
            )
    payment.save()
    return payment


@transaction.atomic
def record_paid(*, payment: Payment, by, paid_on: datetime.date, paid_amount: Decimal) -> Payment:
    """Record what was actually paid (or, for a recovery, paid back), and when."""
    payment = Payment.objects.select_for_update().select_related("project").get(pk=payment.pk)
    if paid_amount is None or paid_amount < 0:
        raise ProgrammeError(_("The amount paid cannot be negative."))
    _not_in_future(paid_on, _("The payment date"))
    payment.paid_on = paid_on
    payment.paid_amount = paid_amount
    payment.changed_by = _user(by)
    _validated(payment)
    payment.save(update_fields=["paid_on", "paid_amount", *ENTERED])
    return payment


@transaction.atomic
def save_budget_line(
    *,
    project: Project,
    by,
    category: str,
    label: str,
    amount: Decimal,
    line: BudgetLine | None = None,
) -> BudgetLine:
    """Add a budget line to a project, or change one of its lines."""
    project = _locked_awarded(project)
    if line is None:
        line = BudgetLine(project=project)
    elif line.project_id != project.pk:
        raise ProgrammeError(_("This budget line belongs to another project."))
    if amount is not None and amount < 0:
        raise ProgrammeError(_("A budgeted amount cannot be negative."))
    line.category = category
    line.label = label.strip()
    line.amount = amount
    line.changed_by = _user(by)
    _validated(line)
    line.save()
    return line


@transaction.atomic
def add_report(*, project: Project, by, period: str, nature: str, due_on: datetime.date) -> Report:
    """Add a reporting duty (interim or final, content or financial) with its due date."""
    project = _locked_awarded(project)
    if project.reports.filter(period=period, nature=nature, due_on=due_on).exists():
        raise ProgrammeError(_("This report is already planned on that date."))
    report = Report(
        project=project, period=period, nature=nature, due_on=due_on, changed_by=_user(by)
    )
    _validated(report)
    report.save()
    return report


@transaction.atomic
def record_submitted(
    *,
    report: Report,
    by,
    submitted_on: datetime.date,
    users_reached: int | None = None,
    note: str = "",
) -> Report:
    """Record that a report was handed in. The users it reports reached become the
    project's figure (the highest reported, as the count only grows)."""
    report = Report.objects.select_for_update().select_related("project").get(pk=report.pk)
    _not_in_future(submitted_on, _("The date of submission"))
    if users_reached is not None and users_reached < 0:
        raise ProgrammeError(_("The number of users reached cannot be negative."))
    report.submitted_on = submitted_on
    report.users_reached = users_reached
    report.note = note.strip()
    report.changed_by = _user(by)
    _validated(report)
    report.save(update_fields=["submitted_on", "users_reached", "note", *ENTERED])
    reached = report.project.reports.aggregate(most=Max("users_reached"))["most"]
    if reached is not None and reached != report.project.users_reached:
        Project.objects.filter(pk=report.project_id).update(users_reached=reached)
    return report


@transaction.atomic
def record_approved(*, report: Report, by, approved_on: datetime.date) -> Report:
    """Record the funder's approval of a submitted report."""
    report = Report.objects.select_for_update().select_related("project").get(pk=report.pk)
    if report.submitted_on is None:
        raise ProgrammeError(_("A report can only be approved after it was submitted."))
    _not_in_future(approved_on, _("The approval date"))
    report.approved_on = approved_on
    report.changed_by = _user(by)
    _validated(report)
    report.save(update_fields=["approved_on", *ENTERED])
    return report


@transaction.atomic
def add_cost_line(
    *, report: Report, by, budget_line: BudgetLine, amount: Decimal, description: str = ""
) -> CostLine:
    """Report costs in a financial report against a budget line of the same project.
    An approved report is closed: its costs no longer change."""
    report = Report.objects.select_for_update().select_related("project").get(pk=report.pk)
    if report.nature != ReportNature.FINANCIAL:
        raise ProgrammeError(_("Costs are only reported in a financial report."))
    if report.approved_on is not None:
        raise ProgrammeError(_("This report is approved: its costs can no longer change."))
    if amount is None or amount < 0:
        raise ProgrammeError(_("Costs cannot be negative."))
    line = CostLine(
        report=report,
        budget_line=budget_line,
        amount=amount,
        description=description.strip(),
        changed_by=_user(by),
    )
    _validated(line)
    line.save()
    return line


def budget_with_spending(project: Project) -> list[BudgetLine]:
    """The project's budget lines, each with ``spent`` (costs reported against it) and
    ``remaining``; one query whatever the number of lines or costs."""
    lines = list(project.budget_lines.annotate(spent_sum=Sum("cost_lines__amount")))
    for line in lines:
        line.spent = line.spent_sum or Decimal("0")
        line.remaining = line.amount - line.spent
    return lines


@transaction.atomic
def update_milestone(
    *, milestone: Milestone, by, evidence_note: str, due_on: datetime.date | None
) -> Milestone:
    """Record what counts as evidence for a milestone and when it is due. Its value and
    status are always measured from the data (``milestone_progress``), never typed in."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    milestone.evidence_note = evidence_note.strip()
    milestone.due_on = due_on
    milestone.changed_by = _user(by)
    _validated(milestone)
    milestone.save(update_fields=["evidence_note", "due_on", *ENTERED])
    return milestone


@dataclass
class ResultAmount:
    users: int
    earned: Decimal
    next_from: int | None  # users needed for the next tier
    next_amount: Decimal | None


def result_amount(project: Project) -> ResultAmount | None:
    """What the project earns under its track's result tiers for the users it reached (the
    2025–2026 digibank extension), and what the next tier would add; None without tiers."""
    if project.track is None:
        return None
    tiers = sorted(project.track.result_tiers.all(), key=lambda t: t.from_users)
    if not tiers:
        return None
    users = project.users_reached or 0
    upcoming = next((t for t in tiers if t.from_users > users), None)
    return ResultAmount(
        users=users,
        earned=project.track.amount_for_users(users),
        next_from=upcoming.from_users if upcoming else None,
        next_amount=upcoming.amount if upcoming else None,
    )


# --- Co-funding --------------------------------------------------------------------------


@dataclass
class CofundingConflict:
    project: Project
    other: Project
    reason: str


def cofunding_conflicts(projects=None) -> list[CofundingConflict]:
    """Awarded projects of programmes that may not co-fund each other, funding the same
    digibank or the same applicant in overlapping periods."""
    qs = (projects if projects is not None else Project.objects.all()).awarded()
    qs = qs.filter(programme__no_cofunding_with__isnull=False).distinct()
    qs = qs.select_related("programme", "applicant").prefetch_related(
        "digibanks", "programme__no_cofunding_with"
    )
    rows = list(qs)
    found: list[CofundingConflict] = []
    seen: set[tuple[int, int]] = set()
    for project in rows:
        excluded = {p.pk for p in project.programme.no_cofunding_with.all()}
        banks = {d.pk for d in project.digibanks.all()}
        for other in rows:
            if other.pk == project.pk or other.programme_id not in excluded:
                continue
            key = (min(project.pk, other.pk), max(project.pk, other.pk))
            if key in seen or not _overlap(project, other):
                continue
            shared_banks = banks & {d.pk for d in other.digibanks.all()}
            if shared_banks:
                reason = _("Both fund the same digibank.")
            elif project.applicant_id == other.applicant_id:
                reason = _("Both fund the same applicant in the same period.")
            else:
                continue
            seen.add(key)
            found.append(CofundingConflict(project, other, reason))
    return found


def _overlap(a: Project, b: Project) -> bool:
    far = datetime.date(9999, 12, 31)
    near = datetime.date(1, 1, 1)
    return (a.start_date or near) <= (b.end_date or far) and (b.start_date or near) <= (
        a.end_date or far
    )


def conflicts_for(project: Project, projects=None) -> list[CofundingConflict]:
    """The conflicts of one project, among ``projects`` (those the user may see): only the
    few candidates that share a digibank or the applicant are compared, not every pair."""
    base = projects if projects is not None else Project.objects.all()
    candidates = (
        base.awarded()
        .filter(programme__in=project.programme.no_cofunding_with.all())
        .filter(Q(digibanks__in=project.digibanks.all()) | Q(applicant_id=project.applicant_id))
        .exclude(pk=project.pk)
        .values_list("pk", flat=True)
        .distinct()
    )
    pool = Project.objects.filter(Q(pk=project.pk) | Q(pk__in=list(candidates)))
    return [c for c in cofunding_conflicts(pool) if project.pk in (c.project.pk, c.other.pk)]


# --- Milestones --------------------------------------------------------------------------


class MilestoneStatus:
    REACHED = "reached"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"


def milestone_status_label(status: str) -> str:
    labels = {
        MilestoneStatus.REACHED: _("Reached"),
        MilestoneStatus.ON_TRACK: _("On track"),
        MilestoneStatus.AT_RISK: _("At risk"),
        MilestoneStatus.MISSED: _("Missed"),
    }
    return labels[status]


@dataclass
class MilestoneProgress:
    milestone: Milestone
    value: int
    status: str
    evidence: list[str] = field(default_factory=list)
    series: list[tuple[datetime.date, int]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return milestone_status_label(self.status)

    @property
    def percent(self) -> int:
        if not self.milestone.target:
            return 100
        return min(100, round(100 * self.value / self.milestone.target))


def _awarded_on(project_ids) -> dict[int, datetime.date]:
    """The date each project was approved, from the status history (or its decision)."""
    dates: dict[int, datetime.date] = {}
    for pid, on in StatusChange.objects.filter(
        project_id__in=project_ids, to_status=ProjectStatus.APPROVED
    ).values_list("project_id", "on"):
        dates[pid] = min(on, dates.get(pid, on))
    for pid, decided in Project.objects.filter(pk__in=project_ids).values_list("pk", "decided_on"):
        if pid not in dates and decided:
            dates[pid] = decided
    return dates


def milestone_progress(milestone: Milestone, today: datetime.date) -> MilestoneProgress:
    """Measure a milestone now and month by month, with the evidence behind the number."""
    projects = Project.objects.filter(programme_id=milestone.programme_id, status__in=AWARDED)
    ids = list(projects.values_list("pk", flat=True))
    awarded_on = _awarded_on(ids)
    # Each counted item with the date from which it counts.
    items: dict[str, datetime.date] = {}
    labels: dict[str, str] = {}
    if milestone.measure in (
        MilestoneMeasure.MUNICIPALITIES,
        MilestoneMeasure.MUNICIPALITIES_AGREEMENT,
    ):
        places = ProjectMunicipality.objects.filter(project_id__in=ids).select_related(
            "municipality", "former"
        )
        for place in places:
            if milestone.measure == MilestoneMeasure.MUNICIPALITIES_AGREEMENT:
                since = place.agreement_on
            else:
                since = awarded_on.get(place.project_id)
            if since is None:
                continue
            key = place.municipality_id
            if key not in items or since < items[key]:
                items[key] = since
            labels[key] = str(place.municipality)
    elif milestone.measure == MilestoneMeasure.PROJECTS_APPROVED:
        for project in projects.only("pk", "reference", "title"):
            since = awarded_on.get(project.pk)
            if since:
                items[str(project.pk)] = since
                labels[str(project.pk)] = str(project)
    value = len(items)
    if milestone.measure == MilestoneMeasure.USERS_REACHED:
        value = sum(
            projects.values_list("users_reached", flat=True).filter(users_reached__isnull=False)
        )
    series = _monthly_series(items, today)
    if value >= milestone.target:
        status = MilestoneStatus.REACHED
    elif milestone.due_on and today > milestone.due_on:
        status = MilestoneStatus.MISSED
    elif _on_track(series, milestone, today):
        status = MilestoneStatus.ON_TRACK
    else:
        status = MilestoneStatus.AT_RISK
    evidence = sorted(labels.values())
    return MilestoneProgress(milestone, value, status, evidence, series)


def _monthly_series(items: dict[str, datetime.date], today: datetime.date):
    if not items:
        return []
    first = min(items.values()).replace(day=1)
    series = []
    month = first
    dates = sorted(items.values())
    while month <= today:
        nxt = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        end = nxt - datetime.timedelta(days=1)
        end = min(end, today)
        series.append((end, sum(1 for d in dates if d <= end)))
        month = nxt
    return series


def _on_track(series, milestone: Milestone, today: datetime.date) -> bool:
    """On track when the growth of the last twelve months, continued, reaches the target
    by the due date (no due date: any growth counts)."""
    if not series:
        return False
    value = series[-1][1]
    past = series[-13][1] if len(series) > 12 else 0
    per_month = (value - past) / min(12, len(series))
    if milestone.due_on is None:
        return per_month > 0
    months_left = max(
        0, (milestone.due_on.year - today.year) * 12 + milestone.due_on.month - today.month
    )
    return value + per_month * months_left >= milestone.target
