"""Helpdesk figures, counted from the contacts themselves (nobody types them twice).

Counts of contacts are shown to the digibank's own staff, who can read the contacts
anyway. Counts of people, and everything that leaves the digibank (the export for the
organisations that run online services), hide groups under five (``core/stats.py``).
"""

import csv
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import stats, xlsx
from digibank.helpdesk.models import Channel, Contact, HelpKind, Outcome, Topic


@dataclass
class TopicRow:
    topic: Topic
    contacts: int
    solved: int
    referred: int

    @property
    def contacts_shown(self) -> str:
        return stats.suppress(self.contacts)

    @property
    def solved_shown(self) -> str:
        return stats.suppress(self.solved)

    @property
    def referred_shown(self) -> str:
        return stats.suppress(self.referred)


@dataclass
class HelpdeskFigures:
    contacts: int = 0
    walk_ins: int = 0
    people: int = 0
    new_people: int = 0
    returning_people: int = 0
    solved: int = 0
    alone: int = 0
    volunteer_minutes: int = 0
    by_topic: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    by_help_kind: list = field(default_factory=list)
    by_month: list = field(default_factory=list)
    services: list = field(default_factory=list)

    @property
    def share_solved(self) -> int:
        return round(100 * self.solved / self.contacts) if self.contacts else 0

    @property
    def share_alone(self) -> int:
        return round(100 * self.alone / self.contacts) if self.contacts else 0

    @property
    def volunteer_hours(self) -> float:
        return round(self.volunteer_minutes / 60, 1)

    @property
    def people_shown(self) -> str:
        return stats.suppress(self.people)

    @property
    def new_shown(self) -> str:
        return stats.suppress(self.new_people)

    @property
    def returning_shown(self) -> str:
        return stats.suppress(self.returning_people)


def default_period() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    start = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    return start, today


def compute(*, digibank, start: datetime.date, end: datetime.date) -> HelpdeskFigures:
    """All helpdesk figures of one digibank for a period, in a fixed number of queries."""
    contacts = Contact.objects.filter(digibank=digibank).between(start, end)
    totals = contacts.aggregate(
        contacts=Count("pk"),
        walk_ins=Count("pk", filter=Q(person__isnull=True)),
        people=Count("person", distinct=True),
        solved=Count("pk", filter=Q(outcome=Outcome.SOLVED)),
        alone=Count("pk", filter=Q(can_do_alone=True)),
        volunteer_minutes=Sum("minutes", filter=Q(by_volunteer=True)),
    )
    result = HelpdeskFigures(
        contacts=totals["contacts"],
        walk_ins=totals["walk_ins"],
        people=totals["people"],
        solved=totals["solved"],
        alone=totals["alone"],
        volunteer_minutes=totals["volunteer_minutes"] or 0,
    )
    # New: the person's first helpdesk contact ever falls in the period. Returning: the
    # person came back, i.e. had a contact before the period or more than one in it (so
    # someone new who came twice counts as new and as returning).
    per_person = (
        Contact.objects.filter(digibank=digibank, person__in=contacts.values("person"))
        .values("person")
        .annotate(
            first=Min("occurred_on"),
            in_period=Count("pk", filter=Q(occurred_on__gte=start, occurred_on__lte=end)),
        )
    )
    result.new_people = result.returning_people = 0
    for row in per_person:
        result.new_people += row["first"] >= start
        result.returning_people += row["first"] < start or row["in_period"] > 1
    by_topic = {
        row["topics"]: row
        for row in contacts.values("topics").annotate(
            n=Count("pk"),
            solved=Count("pk", filter=Q(outcome=Outcome.SOLVED)),
            referred=Count("pk", filter=Q(outcome=Outcome.REFERRED)),
        )
    }
    topics = Topic.objects.available_in(digibank).filter(pk__in=list(by_topic))
    rows = [
        TopicRow(t, by_topic[t.pk]["n"], by_topic[t.pk]["solved"], by_topic[t.pk]["referred"])
        for t in topics
    ]
    rows.sort(key=lambda r: (-r.contacts, r.topic.position))
    result.by_topic = rows
    result.services = [r for r in rows if r.topic.service_owner]
    channels = dict(contacts.values_list("channel").annotate(n=Count("pk")))
    result.by_channel = [(label, channels.get(code, 0)) for code, label in Channel.choices]
    kinds = dict(contacts.values_list("help_kind").annotate(n=Count("pk")))
    result.by_help_kind = [(label, kinds.get(code, 0)) for code, label in HelpKind.choices]
    result.by_month = list(
        contacts.annotate(month=TruncMonth("occurred_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return result


def workbook(result: HelpdeskFigures, *, start, end) -> HttpResponse:
    """The figures page as an Excel workbook, to send on (to a funder, the municipality).

    As on the page: counts of contacts in full (a contact is not a person, and hiding
    single cells of a split that adds up to a known total is undone by subtraction), and
    counts of people under five left empty.
    """

    notes = [
        _("Helpdesk contacts from %(start)s to %(end)s.")
        % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
        _("Counts of people under 5 are left empty to protect privacy."),
    ]
    contacts = _("Contacts")

    def per(title, heading, rows):
        return xlsx.Sheet(
            title,
            [xlsx.Column(heading, width=40), xlsx.Column(contacts, "int", total=True)],
            rows,
            notes=notes,
        )

    totals = [
        (_("Contacts"), result.contacts),
        (_("Of them anonymous walk-ins"), result.walk_ins),
        (_("People helped (each once)"), stats.sheet_value(result.people)),
        (_("New people"), stats.sheet_value(result.new_people)),
        (_("Returning people"), stats.sheet_value(result.returning_people)),
        (_("Share solved (%)"), result.share_solved if result.contacts else None),
        (_("Share who can now do it alone (%)"), result.share_alone if result.contacts else None),
        (_("Hours given by volunteers"), result.volunteer_hours),
    ]
    sheets = [
        xlsx.Sheet(
            _("Helpdesk"),
            [xlsx.Column(_("Figure"), width=40), xlsx.Column(_("Value"), "decimal")],
            totals,
            notes=notes,
        ),
        xlsx.Sheet(
            _("Per topic"),
            [
                xlsx.Column(_("Topic"), width=40),
                xlsx.Column(contacts, "int"),
                xlsx.Column(_("Solved"), "int"),
                xlsx.Column(_("Referred"), "int"),
            ],
            [(row.topic.name, row.contacts, row.solved, row.referred) for row in result.by_topic],
            notes=[*notes, _("A contact about two topics counts under both.")],
        ),
        per(_("Per channel"), _("Channel"), result.by_channel),
        per(_("Per kind of help"), _("Kind of help"), result.by_help_kind),
        per(_("Per month"), _("Month"), [(f"{m:%Y-%m}", n) for m, n in result.by_month]),
    ]
    name = f"helpdesk-figures-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    return xlsx.workbook_response(name, sheets)


def online_services(*, digibanks, start, end) -> list[TopicRow]:
    """Questions per online service (a shared topic with the organisation that runs it)
    across ``digibanks``, most asked first: for the organisations that run them. One
    query for the counts, one for the topics, however many digibanken."""
    contacts = Contact.objects.filter(digibank__in=digibanks).between(start, end)
    counts = {
        row["topics"]: row
        for row in contacts.filter(topics__digibank__isnull=True)
        .exclude(topics__service_owner="")
        .values("topics")
        .annotate(
            n=Count("pk"),
            solved=Count("pk", filter=Q(outcome=Outcome.SOLVED)),
            referred=Count("pk", filter=Q(outcome=Outcome.REFERRED)),
        )
    }
    rows = [
        TopicRow(t, counts[t.pk]["n"], counts[t.pk]["solved"], counts[t.pk]["referred"])
        for t in Topic.objects.filter(pk__in=list(counts))
    ]
    rows.sort(key=lambda r: (-r.contacts, r.topic.position))
    return rows


def export_services(*, digibank=None, rows=None, start, end, fmt: str) -> HttpResponse:
    """Anonymous counts of questions per online service, for the organisations that run
    them: of one digibank, or the ``rows`` of ``online_services`` across digibanken.
    Groups under five are hidden."""
    if rows is None:
        rows = compute(digibank=digibank, start=start, end=end).services
    headers = [
        _("Online service"),
        _("Organisation"),
        _("Questions"),
        _("Solved"),
        _("Referred"),
    ]
    note = _("Anonymous counts of helpdesk questions from %(start)s to %(end)s.") % {
        "start": start.strftime("%d/%m/%Y") if start else "–",
        "end": end.strftime("%d/%m/%Y") if end else "–",
    }
    privacy = _("Groups of fewer than 5 questions are left empty to protect privacy.")
    filename = "helpdesk-online-services"
    if start and end:
        filename += f"-{start:%Y%m%d}-{end:%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(headers)
        for row in rows:
            writer.writerow(
                [
                    _safe(row.topic.name),
                    _safe(row.topic.service_owner),
                    row.contacts_shown,
                    row.solved_shown,
                    row.referred_shown,
                ]
            )
        writer.writerow([])
        writer.writerow([note])
        writer.writerow([privacy])
        return response

    sheet = xlsx.Sheet(
        _("Online services"),
        [
            xlsx.Column(headers[0], width=36),
            xlsx.Column(headers[1], width=30),
            xlsx.Column(headers[2], "int"),
            xlsx.Column(headers[3], "int"),
            xlsx.Column(headers[4], "int"),
        ],
        [
            (
                row.topic.name,
                row.topic.service_owner,
                stats.sheet_value(row.contacts),
                stats.sheet_value(row.solved),
                stats.sheet_value(row.referred),
            )
            for row in rows
        ],
        notes=[note, privacy],
    )
    return xlsx.workbook_response(f"{filename}.xlsx", [sheet])


def _safe(text: str) -> str:
    """Never let a CSV cell start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
