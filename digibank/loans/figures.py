"""Anonymous lending figures: people equipped and loans per period, location, target group.

Counts of people are suppressed below five (``core.stats``) in the templates and exports;
loans are counted too, but a count of loans can point at one person as easily as a count
of people, so the same protection applies to both.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from digibank.loans.models import ConnectivityHelp, ConnectivityKind, Loan, LoanKind, LoanStatus
from digibank.people.models import TargetGroupCode


@dataclass(frozen=True)
class GroupFigures:
    """Devices lent and given, and people equipped, for one target group."""

    code: str | None  # None: no target group recorded
    lent: int
    given: int
    people: int

    @property
    def label(self) -> str:
        # Resolved when shown: the figures are cached for users of every language.
        if self.code is None:
            return _("No target group recorded")
        return str(TargetGroupCode(self.code).label)


@dataclass
class LendingFigures:
    people_equipped: int
    loans_started: int
    by_kind: dict[str, int]
    ended: dict[str, int]
    by_location: list[tuple[str, int, int]]  # name, loans, people
    # One row per target group, then "none recorded"; a person in two groups is in both.
    by_target_group: list[GroupFigures]
    gifts: int  # loans that became the person's own device in the period
    by_month: list[tuple[datetime.date, int]]
    connectivity: list[tuple[str, int]]  # label, people
    open_now: int
    overdue_now: int


def lending_figures(
    *, digibank, start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> LendingFigures:
    """Every figure of the page in a fixed number of queries, whatever the volume."""
    loans = Loan.objects.filter(digibank=digibank)
    started = loans
    if start:
        started = started.filter(started_on__gte=start)
    if end:
        started = started.filter(started_on__lte=end)
    totals = started.aggregate(
        people=Count("person_id", distinct=True),
        loans=Count("pk"),
        fixed=Count("pk", filter=Q(kind=LoanKind.FIXED)),
        long_term=Count("pk", filter=Q(kind=LoanKind.LONG_TERM)),
    )
    ended = loans
    if start:
        ended = ended.filter(ended_on__gte=start)
    if end:
        ended = ended.filter(ended_on__lte=end)
    ended_counts = {
        row["status"]: row["n"]
        for row in ended.exclude(status=LoanStatus.OPEN).values("status").annotate(n=Count("pk"))
    }
    by_location = [
        (row["location__name"] or "", row["n"], row["people"])
        for row in started.values("location__name")
        .annotate(n=Count("pk"), people=Count("person_id", distinct=True))
        .order_by("-n", "location__name")
    ]
    by_group = _by_target_group(loans, start=start, end=end)
    by_month = [
        (row["month"], row["n"])
        for row in started.annotate(month=TruncMonth("started_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    ]
    help_ = ConnectivityHelp.objects.filter(digibank=digibank)
    if start:
        help_ = help_.filter(helped_on__gte=start)
    if end:
        help_ = help_.filter(helped_on__lte=end)
    conn = {
        row["kind"]: row["n"]
        for row in help_.values("kind").annotate(n=Count("person_id", distinct=True))
    }
    now = loans.aggregate(
        open=Count("pk", filter=Q(status=LoanStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=LoanStatus.OPEN, due_on__lt=today)),
    )
    return LendingFigures(
        people_equipped=totals["people"],
        loans_started=totals["loans"],
        by_kind={LoanKind.FIXED: totals["fixed"], LoanKind.LONG_TERM: totals["long_term"]},
        ended=ended_counts,
        by_location=by_location,
        by_target_group=by_group,
        gifts=ended_counts.get(LoanStatus.GIFTED, 0),
        by_month=by_month,
        connectivity=[(label, conn.get(code, 0)) for code, label in ConnectivityKind.choices],
        open_now=now["open"],
        overdue_now=now["overdue"],
    )


def _period(field: str, start: datetime.date | None, end: datetime.date | None) -> Q:
    q = Q(**{f"{field}__isnull": False})
    if start:
        q &= Q(**{f"{field}__gte": start})
    if end:
        q &= Q(**{f"{field}__lte": end})
    return q


def _by_target_group(loans, *, start, end) -> list[GroupFigures]:
    """Lent, given and people equipped per target group, in one query for all groups.

    The join on the person's target groups gives a loan one row per group of its person,
    so a person in two groups counts in both; the page's totals count them once. People
    with no group recorded form their own row (the join gives NULL).
    """
    lent = _period("started_on", start, end)
    given = Q(status=LoanStatus.GIFTED) & _period("ended_on", start, end)
    rows = {
        row["person__target_groups"]: row
        for row in loans.filter(lent | given)
        .values("person__target_groups")
        .annotate(
            lent=Count("pk", filter=lent),
            given=Count("pk", filter=given),
            people=Count("person_id", filter=lent, distinct=True),
        )
        .order_by()
    }
    return [
        GroupFigures(
            code=code,
            lent=rows.get(code, {}).get("lent", 0),
            given=rows.get(code, {}).get("given", 0),
            people=rows.get(code, {}).get("people", 0),
        )
        for code in [*TargetGroupCode.values, None]
    ]
