"""The overviews funders and parliament ask for, computed once for screen and Excel.

Each overview is a ``Table``: columns (``core.xlsx.Column``, so the kinds and totals are the
same on screen and in the workbook), rows of typed values, and totals computed the same
way the workbook computes them. The screen shows exactly these rows; the XLSX is built
from them, so both give the same figures.

Municipalities are the ones since 2025: a project that names two municipalities that
merged into one counts once under the successor, with the former names shown beside it.
A project's amount is allocated over its municipalities: the allocated amounts where the
funder gave them, otherwise evenly (to the cent, the remainder on the first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.core.xlsx import Column, Sheet
from digibank.geo.models import Province
from digibank.programmes import services
from digibank.programmes.models import (
    ADMISSIBLE_OR_LATER,
    AWARDED,
    Amendment,
    Call,
    Milestone,
    Payment,
    PaymentKind,
    Programme,
    Project,
    ProjectStatus,
    Report,
    Round,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
WEST_FLANDERS = "30000"


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]
    notes: list[str] = field(default_factory=list)
    has_demo: bool = False  # some rows come from demo data (a notice says so)

    @property
    def has_totals(self) -> bool:
        return any(c.total for c in self.columns)

    def totals(self) -> list:
        """The totals row, as ``core.xlsx`` writes it (first cell "Total" if not summed)."""
        sums: list = [None] * len(self.columns)
        for index, column in enumerate(self.columns):
            if column.total:
                total = ZERO if column.kind in ("money", "decimal") else 0
                for row in self.rows:
                    value = row[index]
                    if isinstance(value, int | float | Decimal):
                        total += value
                sums[index] = total
        if not self.columns[0].total:
            sums[0] = _("Total")
        return sums

    def sheet(self) -> Sheet:
        return Sheet(title=self.title, columns=self.columns, rows=self.rows, notes=self.notes)


@dataclass(frozen=True)
class Overview:
    key: str  # a letter, as in the issue: a–i
    title: object
    description: object
    build: Callable[..., Table]
    needs_province: bool = False
    needs_milestone: bool = False


# --- Building blocks ---------------------------------------------------------------------


def allocate(amount: Decimal | None, given: list[Decimal | None]) -> list[Decimal]:
    """Split ``amount`` over places: given amounts where known, the rest evenly."""
    if amount is None:
        return [ZERO for _g in given]
    known = sum((g for g in given if g is not None), ZERO)
    unknown = [i for i, g in enumerate(given) if g is None]
    result = [g if g is not None else ZERO for g in given]
    if unknown:
        rest = max(ZERO, amount - known)
        share = (rest / len(unknown)).quantize(CENT, rounding=ROUND_DOWN)
        for i in unknown:
            result[i] = share
        result[unknown[0]] += rest - share * len(unknown)
    return result


@dataclass
class Place:
    """A project in one (current) municipality; former names it was given, and its share."""

    project: Project
    municipality: object
    former_names: list[str]
    amount: Decimal  # allocated part of the approved amount (0 if not awarded)


def places(projects) -> list[Place]:
    """Every (project, current municipality) once, with the allocated approved amount."""
    projects = projects.select_related(
        "programme", "round__call", "track", "applicant"
    ).prefetch_related("places__municipality__province", "places__former")
    result = []
    for project in projects:
        rows = list(project.places.all())
        amount = project.amount_approved if project.status in AWARDED else None
        shares = allocate(amount, [r.allocated_amount for r in rows]) if rows else []
        grouped: dict[str, Place] = {}
        for row, share in zip(rows, shares, strict=True):
            place = grouped.get(row.municipality_id)
            if place is None:
                place = grouped[row.municipality_id] = Place(project, row.municipality, [], ZERO)
            if row.former_id:
                place.former_names.append(row.former.name)
            place.amount += share
        result.extend(grouped.values())
    result.sort(
        key=lambda p: (
            p.municipality.province_id,
            p.municipality.name_nl,
            p.project.programme.name,
            p.project.reference,
        )
    )
    return result


def _round_label(project: Project) -> str:
    return _("%(call)s, round %(number)s") % {
        "call": project.round.call.name,
        "number": project.round.number,
    }


def _status(project: Project) -> str:
    return str(ProjectStatus(project.status).label)


# --- (a) every project per province and municipality -------------------------------------


def projects_by_municipality(projects, **_kw) -> Table:
    columns = [
        Column(_("Province"), width=22),
        Column(_("Municipality"), width=22),
        Column(_("Former municipality"), width=22),
        Column(_("REFNIS code"), width=10),
        Column(_("Programme"), width=30),
        Column(_("Call round"), width=30),
        Column(_("Track"), width=22),
        Column(_("File reference"), width=16),
        Column(_("Project"), width=40),
        Column(_("Status"), width=14),
        Column(_("Awarded amount (allocated)"), "money", 18, total=True),
    ]
    rows = [
        [
            p.municipality.province.short_name,
            p.municipality.name,
            ", ".join(sorted(p.former_names)),
            p.municipality.code,
            p.project.programme.name,
            _round_label(p.project),
            p.project.track.name if p.project.track_id else "",
            p.project.reference,
            p.project.title,
            _status(p.project),
            p.amount,
        ]
        for p in places(projects)
    ]
    return Table(
        _("Projects per municipality"),
        columns,
        rows,
        [
            _(
                "One row per project and municipality; "
                "merged municipalities count under their successor."
            )
        ],
    )


# --- (b) per province: approved projects and amount --------------------------------------


def per_province(projects, **_kw) -> Table:
    awarded = projects.filter(status__in=AWARDED)
    counts: dict[str, set[int]] = defaultdict(set)
    towns: dict[str, set[str]] = defaultdict(set)
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for place in places(awarded):
        code = place.municipality.province_id
        counts[code].add(place.project.pk)
        towns[code].add(place.municipality.code)
        amounts[code] += place.amount
    columns = [
        Column(_("Province"), width=26),
        Column(_("Approved projects"), "int", 16, total=True),
        Column(_("Municipalities reached"), "int", 16, total=True),
        Column(_("Approved amount"), "money", 18, total=True),
    ]
    rows = [
        [
            province.short_name,
            len(counts[province.code]),
            len(towns[province.code]),
            amounts[province.code],
        ]
        for province in Province.objects.order_by("code")
    ]
    distinct = len(set().union(*counts.values())) if counts else 0
    return Table(
        _("Per province"),
        columns,
        rows,
        [
            _(
                "A project that serves municipalities in more than one province counts in each; "
                "its amount is split over its municipalities. Distinct approved projects: %(n)s."
            )
            % {"n": distinct}
        ],
    )


# --- (c) one province: per municipality, each project's status and awarded budget ----------


def one_province(projects, province: Province | None = None, **_kw) -> Table:
    province = province or Province.objects.get(code=WEST_FLANDERS)
    chosen = projects.filter(places__municipality__province=province).distinct()
    columns = [
        Column(_("Municipality"), width=22),
        Column(_("Former municipality"), width=22),
        Column(_("Project"), width=40),
        Column(_("Programme"), width=30),
        Column(_("Call round"), width=30),
        Column(_("Status"), width=14),
        Column(_("Awarded budget (allocated)"), "money", 18, total=True),
    ]
    rows = [
        [
            p.municipality.name,
            ", ".join(sorted(p.former_names)),
            str(p.project),
            p.project.programme.name,
            _round_label(p.project),
            _status(p.project),
            p.amount,
        ]
        for p in places(chosen)
        if p.municipality.province_id == province.code
    ]
    return Table(
        _("Province %(name)s") % {"name": province.short_name},
        columns,
        rows,
        [_("Province: %(name)s.") % {"name": province.short_name}],
    )


# --- (d) progress to a milestone over time ------------------------------------------------


def milestone_over_time(projects, milestone: Milestone | None = None, today=None, **_kw) -> Table:
    today = today or timezone.localdate()
    columns = [
        Column(_("End of month"), "date", 14),
        Column(_("Reached"), "int", 12),
        Column(_("Target"), "int", 12),
        Column(_("Share of target"), "percent", 14),
    ]
    if milestone is None:
        return Table(_("Milestone"), columns, [], [_("No milestone chosen.")])
    progress = services.milestone_progress(milestone, today)
    rows = [
        [end, value, milestone.target, (value / milestone.target) if milestone.target else 1]
        for end, value in progress.series
    ]
    notes = [
        _("%(name)s: %(value)s of %(target)s (%(status)s).")
        % {
            "name": milestone.name,
            "value": progress.value,
            "target": milestone.target,
            "status": progress.status_label,
        }
    ]
    if milestone.evidence_note:
        notes.append(milestone.evidence_note)
    return Table(_("Milestone"), columns, rows, notes)


# --- (e) per programme: committed and paid against the budget ------------------------------


def per_programme(projects, **_kw) -> Table:
    committed = dict(
        projects.filter(status__in=AWARDED)
        .values("programme")
        .annotate(total=Sum("amount_approved"))
        .values_list("programme", "total")
    )
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for programme_id, kind, amount in Payment.objects.filter(
        project__in=projects, paid_amount__isnull=False
    ).values_list("project__programme", "kind", "paid_amount"):
        paid[programme_id] += -amount if kind == PaymentKind.RECOVERY else amount
    columns = [
        Column(_("Programme"), width=34),
        Column(_("Funder"), width=16),
        Column(_("Budget"), "money", 18, total=True),
        Column(_("Committed"), "money", 18, total=True),
        Column(_("Paid"), "money", 18, total=True),
        Column(_("Committed share of budget"), "percent", 14),
        Column(_("Paid share of budget"), "percent", 14),
    ]
    rows = []
    for programme in Programme.objects.select_related("funder").order_by("name"):
        done = (committed.get(programme.pk) or ZERO).quantize(CENT)
        out = paid[programme.pk]
        budget = programme.budget
        rows.append(
            [
                programme.name,
                str(programme.funder),
                budget,
                done,
                out,
                (done / budget) if budget else None,
                (out / budget) if budget else None,
            ]
        )
    return Table(_("Per programme"), columns, rows, [_("Recoveries are subtracted from paid.")])


# --- (f) per call and round: the funnel ---------------------------------------------------


def funnel(projects, **_kw) -> Table:
    stats = {
        row["round"]: row
        for row in projects.values("round").annotate(
            submitted=Count("pk"),
            admissible=Count("pk", filter=Q(status__in=ADMISSIBLE_OR_LATER)),
            approved=Count("pk", filter=Q(status__in=AWARDED)),
            rejected=Count("pk", filter=Q(status=ProjectStatus.REJECTED)),
            requested=Sum("amount_requested"),
            granted=Sum("amount_approved", filter=Q(status__in=AWARDED)),
        )
    }
    decided = defaultdict(list)
    for round_id, submitted, decided_on, closes in projects.filter(
        decided_on__isnull=False
    ).values_list("round", "submitted_on", "decided_on", "round__closes_on"):
        decided[round_id].append((decided_on - (closes or submitted)).days)
    columns = [
        Column(_("Programme"), width=30),
        Column(_("Call"), width=30),
        Column(_("Round"), "int", 8),
        Column(_("Closes on"), "date", 12),
        Column(_("Award by"), "date", 12),
        Column(_("Submitted"), "int", 11, total=True),
        Column(_("Admissible"), "int", 11, total=True),
        Column(_("Admissible (as published)"), "int", 13, total=True),
        Column(_("Approved"), "int", 11, total=True),
        Column(_("Rejected"), "int", 11, total=True),
        Column(_("Amount requested"), "money", 18, total=True),
        Column(_("Amount approved"), "money", 18, total=True),
        Column(_("Average days to decision"), "decimal", 12),
    ]
    rows = []
    rounds = Round.objects.select_related("call__programme").order_by(
        "call__programme__name", "call__pk", "number"
    )
    for rnd in rounds:
        s = stats.get(rnd.pk, {})
        days = decided.get(rnd.pk)
        rows.append(
            [
                rnd.call.programme.name,
                rnd.call.name,
                rnd.number,
                rnd.closes_on,
                rnd.award_by,
                s.get("submitted", 0),
                s.get("admissible", 0),
                rnd.admissible_count,
                s.get("approved", 0),
                s.get("rejected", 0),
                (s.get("requested") or ZERO).quantize(CENT),
                (s.get("granted") or ZERO).quantize(CENT),
                (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1")) if days else None,
            ]
        )
    return Table(
        _("Funnel per round"),
        columns,
        rows,
        [_("Days to decision count from the closing date of the round.")],
    )


# --- (g) payments due and made ------------------------------------------------------------


def payments(projects, today=None, **_kw) -> Table:
    today = today or timezone.localdate()
    columns = [
        Column(_("Project"), width=40),
        Column(_("Programme"), width=28),
        Column(_("Payment"), width=16),
        Column(_("Planned on"), "date", 12),
        Column(_("Planned amount"), "money", 16, total=True),
        Column(_("Paid on"), "date", 12),
        Column(_("Amount paid"), "money", 16, total=True),
        Column(_("State"), width=12),
    ]
    rows = []
    for payment in (
        Payment.objects.filter(project__in=projects)
        .select_related("project__programme")
        .order_by("planned_on", "project__reference", "pk")
    ):
        sign = -1 if payment.kind == PaymentKind.RECOVERY else 1
        if payment.paid_on:
            state = _("Paid")
        elif payment.planned_on and payment.planned_on < today:
            state = _("Overdue")
        else:
            state = _("Planned")
        rows.append(
            [
                str(payment.project),
                payment.project.programme.name,
                payment.get_kind_display(),
                payment.planned_on,
                sign * payment.planned_amount,
                payment.paid_on,
                sign * payment.paid_amount if payment.paid_amount is not None else None,
                state,
            ]
        )
    return Table(_("Payments"), columns, rows, [_("Recoveries are shown as negative amounts.")])


# --- (h) reports due, late and approved ---------------------------------------------------


def reports(projects, today=None, **_kw) -> Table:
    today = today or timezone.localdate()
    columns = [
        Column(_("Project"), width=40),
        Column(_("Report"), width=16),
        Column(_("Kind"), width=12),
        Column(_("Due on"), "date", 12),
        Column(_("Submitted on"), "date", 12),
        Column(_("Approved on"), "date", 12),
        Column(_("Days late"), "int", 10),
        Column(_("State"), width=14),
    ]
    rows = []
    for report in (
        Report.objects.filter(project__in=projects)
        .select_related("project")
        .order_by("due_on", "project__reference", "pk")
    ):
        end = report.submitted_on or today
        late = max(0, (end - report.due_on).days)
        if report.approved_on:
            state = _("Approved")
        elif report.submitted_on:
            state = _("Submitted")
        elif today > report.due_on:
            state = _("Late")
        else:
            state = _("Due")
        rows.append(
            [
                str(report.project),
                report.get_period_display(),
                report.get_nature_display(),
                report.due_on,
                report.submitted_on,
                report.approved_on,
                late,
                state,
            ]
        )
    return Table(_("Reports"), columns, rows)


# --- (i) amendments and extensions --------------------------------------------------------


def amendments(projects, **_kw) -> Table:
    columns = [
        Column(_("Project"), width=40),
        Column(_("What changed"), width=16),
        Column(_("Old end date"), "date", 12),
        Column(_("New end date"), "date", 12),
        Column(_("Old amount"), "money", 16),
        Column(_("New amount"), "money", 16),
        Column(_("Decision date"), "date", 12),
        Column(_("Decision reference"), width=30),
    ]
    rows = [
        [
            str(a.project),
            a.get_kind_display(),
            a.old_end_date,
            a.new_end_date,
            a.old_amount,
            a.new_amount,
            a.decided_on,
            a.reference,
        ]
        for a in Amendment.objects.filter(project__in=projects)
        .select_related("project")
        .order_by("decided_on", "project__reference", "pk")
    ]
    return Table(_("Amendments"), columns, rows)


OVERVIEWS: dict[str, Overview] = {
    o.key: o
    for o in (
        Overview(
            "a",
            gettext_lazy("Projects per province and municipality"),
            gettext_lazy("Every project with its status and call round."),
            projects_by_municipality,
        ),
        Overview(
            "b",
            gettext_lazy("Approved projects per province"),
            gettext_lazy("The approved projects and the total approved amount per province."),
            per_province,
        ),
        Overview(
            "c",
            gettext_lazy("One province, per municipality"),
            gettext_lazy("The status and awarded budget of each project, per municipality."),
            one_province,
            needs_province=True,
        ),
        Overview(
            "d",
            gettext_lazy("Progress to a milestone"),
            gettext_lazy("How a target, such as 100 participating municipalities, grew."),
            milestone_over_time,
            needs_milestone=True,
        ),
        Overview(
            "e",
            gettext_lazy("Budget per programme"),
            gettext_lazy("Budget committed and paid against the total budget."),
            per_programme,
        ),
        Overview(
            "f",
            gettext_lazy("From application to decision"),
            gettext_lazy("Per call and round: submitted, admissible, approved, days to decision."),
            funnel,
        ),
        Overview(
            "g",
            gettext_lazy("Payments"),
            gettext_lazy("Payments planned, made and overdue."),
            payments,
        ),
        Overview(
            "h",
            gettext_lazy("Reports"),
            gettext_lazy("Reports due, late, submitted and approved."),
            reports,
        ),
        Overview(
            "i",
            gettext_lazy("Amendments and extensions"),
            gettext_lazy("Changes of end date or amount, with their decisions."),
            amendments,
        ),
    )
}

__all__ = ["OVERVIEWS", "Call", "Table", "allocate", "places"]
