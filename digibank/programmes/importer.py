"""Import of projects from a funder's own list (XLSX or CSV), all or nothing.

``parse`` reads the rows and checks every one of them; it returns the rows it understood
and a list of ``RowError`` (line, column, reason). ``run`` imports only when there is not a
single error, inside one transaction, and never duplicates: the natural key is
(programme, file reference), so importing the same good file twice updates the same
projects instead of adding new ones. A dry run parses and reports without writing.

Two imports at the same moment take turns: ``run`` locks the rows of the programmes the
file names before it checks the rows against the database, so the second import sees
the projects the first one created and updates them. The funder's list never undoes an
amendment: a row whose approved amount or end date differs from what an amendment
decided is a bad row (the change belongs in a new amendment, which keeps the history).

Columns (the header row; Dutch or English names, any order, case does not matter):

=====================  ================================  =========================
column                 meaning                           example
=====================  ================================  =========================
programme              programme short name or name      digibanken
call                   call name                         Uitvoering strategie
round                  round number                      4
track                  track name (optional)             Implementatietraject
reference              the funder's file number          DB-IMP-2022-031
title                  project title                     Digibank Brugge Noord
applicant              applicant organisation            OCMW Knokke-Heist
enterprise_number      applicant's KBO number (optional) 0212.152.637
municipalities         names or REFNIS codes, ";"        Damme; Knokke-Heist
amount_requested       euro, "." or "," as decimal mark  480000
amount_approved        euro (optional)                   450000
status                 status (optional: submitted)      approved
submitted_on           date (YYYY-MM-DD or DD/MM/YYYY)   2022-10-27
decided_on             date (optional)                   2022-12-20
start_date, end_date   dates (optional)                  2023-01-01
=====================  ================================  =========================
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from digibank.core.validators import normalise_enterprise_number, validate_enterprise_number
from digibank.digibanks.models import Organisation, OrganisationKind
from digibank.geo.models import FormerMunicipality, Municipality
from digibank.geo.text import normalise
from digibank.programmes.models import (
    AWARDED,
    AmendmentKind,
    Programme,
    Project,
    ProjectMunicipality,
    ProjectStatus,
    Round,
    StatusChange,
    Track,
    reachable_statuses,
)

MAX_AMOUNT = Decimal("999999999999.99")
MAX_ROWS = 5000

# Accepted header names (normalised) for each field.
HEADERS = {
    "programme": {"programme", "programma", "program"},
    "call": {"call", "oproep", "projectoproep"},
    "round": {"round", "ronde", "oproepronde"},
    "track": {"track", "traject", "spoor"},
    "reference": {"reference", "referentie", "dossiernummer", "file reference", "dossier"},
    "title": {"title", "titel", "projectnaam", "project"},
    "applicant": {"applicant", "aanvrager", "promotor"},
    "enterprise_number": {"enterprise number", "ondernemingsnummer", "kbo", "kbo nummer"},
    "municipalities": {"municipalities", "gemeenten", "gemeente", "municipality"},
    "amount_requested": {"amount requested", "gevraagd bedrag", "aangevraagd bedrag"},
    "amount_approved": {"amount approved", "toegekend bedrag", "goedgekeurd bedrag"},
    "status": {"status"},
    "submitted_on": {"submitted on", "ingediend op", "indieningsdatum"},
    "decided_on": {"decided on", "beslist op", "beslissingsdatum"},
    "start_date": {"start date", "startdatum", "start"},
    "end_date": {"end date", "einddatum", "einde"},
}
REQUIRED = ("programme", "call", "round", "reference", "title", "applicant", "municipalities",
            "amount_requested", "submitted_on")  # fmt: skip

STATUS_NAMES = {
    **{normalise(v): v for v in ProjectStatus.values},
    "ingediend": ProjectStatus.SUBMITTED,
    "ontvankelijk": ProjectStatus.ADMISSIBLE,
    "niet ontvankelijk": ProjectStatus.INADMISSIBLE,
    "goedgekeurd": ProjectStatus.APPROVED,
    "toegekend": ProjectStatus.APPROVED,
    "afgewezen": ProjectStatus.REJECTED,
    "ingetrokken": ProjectStatus.WITHDRAWN,
    "lopend": ProjectStatus.RUNNING,
    "verlengd": ProjectStatus.EXTENDED,
    "afgesloten": ProjectStatus.CLOSED,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is meant for the user."""


@dataclass
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("Line %(line)s, column “%(column)s”: %(reason)s") % {
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class ParsedRow:
    line: int
    round: Round
    track: Track | None
    reference: str
    title: str
    applicant_name: str
    enterprise_number: str
    places: list[tuple[Municipality, FormerMunicipality | None]]
    amount_requested: Decimal
    amount_approved: Decimal | None
    status: str
    submitted_on: datetime.date
    decided_on: datetime.date | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    exists: bool = False


@dataclass
class ImportResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Reading files -----------------------------------------------------------------------


def read_table(name: str, content: bytes) -> list[list]:
    """The cells of the first sheet of an XLSX file, or of a CSV file (";" or ",")."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not an Excel file that can be read.")) from exc
        try:
            return [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)]
        except Exception as exc:  # a broken sheet inside a valid zip
            raise ImportFileError(_("This is not an Excel file that can be read.")) from exc
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        try:
            return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        except csv.Error as exc:  # e.g. a field longer than the csv module allows
            raise ImportFileError(
                _("This CSV file cannot be read: %(error)s") % {"error": exc}
            ) from exc
    raise ImportFileError(_("Upload an .xlsx or .csv file."))


def _clean(cell):
    """A NUL character can be neither stored nor looked up (PostgreSQL refuses it)."""
    return cell.replace("\x00", "") if isinstance(cell, str) else cell


def rows_as_dicts(table: list[list]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Map the header row to fields; return (line number, {field: cell}) per data row."""
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = table[0]
    mapping: dict[int, str] = {}
    for index, cell in enumerate(header):
        key = normalise(str(cell or "")).replace("_", " ")
        for name, accepted in HEADERS.items():
            if key in accepted or key == name.replace("_", " "):
                mapping[index] = name
    missing = [name for name in REQUIRED if name not in mapping.values()]
    if missing:
        raise ImportFileError(
            _("These columns are missing in the first row: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    result = []
    for number, row in enumerate(table[1:], start=2):
        if row is None or all(c is None or str(c).strip() == "" for c in row):
            continue
        result.append(
            (
                number,
                {name: _clean(row[i]) if i < len(row) else None for i, name in mapping.items()},
            )
        )
    if len(result) > MAX_ROWS:
        raise ImportFileError(_("A file can hold at most %(n)s rows.") % {"n": MAX_ROWS})
    return result, []


# --- Cell parsers ------------------------------------------------------------------------


class CellError(ValueError):
    pass


def text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_amount(value) -> Decimal | None:
    if value is None or text(value) == "":
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        raw = re.sub(r"[€\s]|EUR", "", text(value))
        if "," in raw and "." in raw:
            # 1.234.567,89 (Belgian) or 1,234,567.89
            raw = (
                raw.replace(".", "").replace(",", ".")
                if raw.rfind(",") > raw.rfind(".")
                else raw.replace(",", "")
            )
        elif "," in raw:
            if re.fullmatch(r"-?\d{1,3}(,\d{3})+", raw):
                # 15,000: fifteen thousand in English, fifteen in Belgian notation.
                raise CellError(
                    _("“%(value)s” is unclear: write 15000 or 15.000,00.")
                    % {"value": text(value)[:40]}
                )
            raw = raw.replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
            raw = raw.replace(".", "")  # 480.000: Belgian thousands separators
        if not re.fullmatch(r"-?\d+(\.\d+)?", raw):
            raise CellError(_("“%(value)s” is not an amount.") % {"value": text(value)[:40]})
        amount = Decimal(raw)
    if not amount.is_finite():
        raise CellError(_("This is not an amount."))
    if amount < 0:
        raise CellError(_("An amount cannot be negative."))
    if amount > MAX_AMOUNT:
        raise CellError(_("This amount is impossibly large."))
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("An amount has at most two decimals."))
    return amount.quantize(Decimal("0.01"))


def parse_date(value) -> datetime.date | None:
    if value is None or text(value) == "":
        return None
    if isinstance(value, datetime.datetime | datetime.date):
        # A real date cell gets the same sanity check as a typed one.
        parsed = value.date() if isinstance(value, datetime.datetime) else value
        if not 1990 <= parsed.year <= 2100:
            raise CellError(_("The year %(year)s is impossible here.") % {"year": parsed.year})
        return parsed
    raw = text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            parsed = datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
        if not 1990 <= parsed.year <= 2100:
            raise CellError(_("The year %(year)s is impossible here.") % {"year": parsed.year})
        return parsed
    raise CellError(
        _("“%(value)s” is not a date; write for example 31/12/2024.") % {"value": raw[:40]}
    )


def parse_round(value) -> int:
    raw = text(value)
    if isinstance(value, float) and value.is_integer():
        raw = str(int(value))
    if not re.fullmatch(r"[0-9]{1,2}", raw) or not 1 <= int(raw) <= 99:
        raise CellError(_("A round is a number from 1 to 99."))
    return int(raw)


# --- Lookups (cached per parse) ----------------------------------------------------------


class Lookups:
    def __init__(self):
        self.programmes = {}
        for p in Programme.objects.all():
            self.programmes[normalise(p.slug)] = p
            self.programmes[normalise(p.name)] = p
        self.rounds = {
            (r.call.programme_id, normalise(r.call.name), r.number): r
            for r in Round.objects.select_related("call")
        }
        self.tracks = {(t.programme_id, normalise(t.name)): t for t in Track.objects.all()}
        self.municipalities = {}
        for m in Municipality.objects.all():
            self.municipalities.setdefault(m.code, (m, None))
            self.municipalities.setdefault(m.search_nl, (m, None))
            self.municipalities.setdefault(m.search_fr, (m, None))
        # A former name wins over a current one only when no current municipality has it.
        for f in FormerMunicipality.objects.select_related("successor"):
            self.municipalities.setdefault(f.code, (f.successor, f))
            self.municipalities.setdefault(f.search_nl, (f.successor, f))
            self.municipalities.setdefault(f.search_fr, (f.successor, f))

    def municipality(self, name: str):
        key = name.strip() if name.strip().isdigit() else normalise(name)
        return self.municipalities.get(key)


def parse(table: list[list], lookups: Lookups | None = None) -> ImportResult:
    """Check every row; collect all errors instead of stopping at the first."""
    result = ImportResult()
    try:
        rows, _none = rows_as_dicts(table)
    except ImportFileError as exc:
        result.errors.append(RowError(1, "", str(exc)))
        return result
    lookups = lookups or Lookups()
    known = _known_projects(rows)
    seen: dict[tuple[int, str], int] = {}
    for line, cells in rows:
        errors: list[RowError] = []

        def cell(name, parser, line=line, cells=cells, errors=errors):
            try:
                return parser(cells.get(name))
            except CellError as exc:
                errors.append(RowError(line, name, str(exc)))
                return None

        def required(name, line=line, cells=cells, errors=errors):
            value = text(cells.get(name))
            if not value:
                errors.append(RowError(line, name, _("This cell is empty.")))
            return value

        programme_name = required("programme")
        programme = lookups.programmes.get(normalise(programme_name)) if programme_name else None
        if programme_name and programme is None:
            errors.append(
                RowError(
                    line,
                    "programme",
                    _("Unknown programme “%(name)s”.") % {"name": programme_name[:60]},
                )
            )
        number = cell("round", parse_round)
        call_name = required("call")
        rnd = None
        if programme and number and call_name:
            rnd = lookups.rounds.get((programme.pk, normalise(call_name), number))
            if rnd is None:
                errors.append(
                    RowError(line, "round", _("This call has no round %(n)s.") % {"n": number})
                )
        track = None
        track_name = text(cells.get("track"))
        if programme and track_name:
            track = lookups.tracks.get((programme.pk, normalise(track_name)))
            if track is None:
                errors.append(
                    RowError(
                        line, "track", _("Unknown track “%(name)s”.") % {"name": track_name[:60]}
                    )
                )
        reference = required("reference")[:60]
        current = known.get((programme.pk, reference)) if programme and reference else None
        title = required("title")[:250]
        applicant = required("applicant")[:200]
        enterprise = text(cells.get("enterprise_number"))
        if enterprise:
            try:
                validate_enterprise_number(enterprise)
                enterprise = normalise_enterprise_number(enterprise)
            except ValidationError as exc:
                errors.append(RowError(line, "enterprise_number", str(exc.messages[0])))
        places = []
        names = [n for n in re.split(r"[;\n|]", text(cells.get("municipalities"))) if n.strip()]
        if not names:
            errors.append(RowError(line, "municipalities", _("Name at least one municipality.")))
        for name in names:
            found = lookups.municipality(name)
            if found is None:
                errors.append(
                    RowError(
                        line,
                        "municipalities",
                        _("Unknown municipality “%(name)s”.") % {"name": name.strip()[:60]},
                    )
                )
            elif found in places:
                errors.append(
                    RowError(
                        line,
                        "municipalities",
                        _("“%(name)s” is named twice.") % {"name": name.strip()[:60]},
                    )
                )
            else:
                places.append(found)
        requested = cell("amount_requested", parse_amount)
        if requested is None and not any(e.column == "amount_requested" for e in errors):
            errors.append(RowError(line, "amount_requested", _("This cell is empty.")))
        approved = cell("amount_approved", parse_amount)
        # An amendment may have raised the amount above the request; repeating it is fine.
        amended_amount = (
            current is not None and current.amount_amended and approved == current.amount_approved
        )
        if (
            requested is not None
            and approved is not None
            and approved > requested
            and not amended_amount
        ):
            errors.append(
                RowError(
                    line,
                    "amount_approved",
                    _("The approved amount is more than the amount requested."),
                )
            )
        if (
            track
            and track.max_amount is not None
            and approved is not None
            and approved > track.max_amount
            and not amended_amount
        ):
            errors.append(
                RowError(
                    line, "amount_approved", _("The amount is more than the maximum of the track.")
                )
            )
        status_raw = text(cells.get("status"))
        status = STATUS_NAMES.get(normalise(status_raw)) if status_raw else ProjectStatus.SUBMITTED
        if status is None:
            errors.append(
                RowError(
                    line, "status", _("Unknown status “%(name)s”.") % {"name": status_raw[:40]}
                )
            )
        if status in AWARDED and approved is None and requested is not None:
            errors.append(
                RowError(
                    line, "amount_approved", _("An approved project needs the approved amount.")
                )
            )
        submitted = cell("submitted_on", parse_date)
        if submitted is None and not any(e.column == "submitted_on" for e in errors):
            errors.append(RowError(line, "submitted_on", _("This cell is empty.")))
        decided = cell("decided_on", parse_date)
        start = cell("start_date", parse_date)
        end = cell("end_date", parse_date)
        if submitted and decided and decided < submitted:
            errors.append(RowError(line, "decided_on", _("The decision is before the submission.")))
        if start and end and end < start:
            errors.append(RowError(line, "end_date", _("The end date is before the start date.")))
        if current is not None:
            failed = {e.column for e in errors}  # a cell that did not read is reported once
            conflicts = amendment_conflicts(line, current, approved=approved, end_date=end)
            errors.extend(e for e in conflicts if e.column not in failed)
        if programme and reference:
            key = (programme.pk, normalise(reference))
            if key in seen:
                errors.append(
                    RowError(
                        line,
                        "reference",
                        _("Duplicate project: the same file reference is on line %(line)s.")
                        % {"line": seen[key]},
                    )
                )
            else:
                seen[key] = line
        result.errors.extend(errors)
        if not errors:
            result.rows.append(
                ParsedRow(
                    line=line, round=rnd, track=track, reference=reference, title=title,
                    applicant_name=applicant, enterprise_number=enterprise, places=places,
                    amount_requested=requested, amount_approved=approved, status=status,
                    submitted_on=submitted, decided_on=decided, start_date=start, end_date=end,
                )
            )  # fmt: skip
    if not rows:
        result.errors.append(RowError(1, "", _("The file has no data rows.")))
    good = []
    for row in result.rows:
        # A new project starts as submitted; a known one goes on from its status. Either
        # way the row's status must be reachable along models.TRANSITIONS.
        current = known.get((row.round.call.programme_id, row.reference))
        row.exists = current is not None
        error = status_conflict(row, current.status if current else None)
        if error:
            result.errors.append(error)
        else:
            good.append(row)
    result.rows = good
    result.errors.sort(key=lambda e: e.line)
    return result


def _known_projects(rows: list[tuple[int, dict]]) -> dict[tuple[int, str], Project]:
    """The projects already in the database that the file's references may name."""
    references = {text(cells.get("reference"))[:60] for _line, cells in rows} - {""}
    projects = Project.objects.filter(reference__in=references).prefetch_related("amendments")
    return {(p.programme_id, p.reference): p for p in projects}


def status_conflict(row: ParsedRow, current: str | None) -> RowError | None:
    """The error when the row's status cannot be reached from the project's status."""
    current = current or ProjectStatus.SUBMITTED
    if row.status in reachable_statuses(current):
        return None
    return RowError(
        row.line,
        "status",
        _("A project that is “%(current)s” cannot become “%(new)s”.")
        % {
            "current": ProjectStatus(current).label,
            "new": ProjectStatus(row.status).label,
        },
    )


def amendment_conflicts(
    line: int, project: Project, *, approved: Decimal | None, end_date: datetime.date | None
) -> list[RowError]:
    """Errors for a row that would overwrite what an amendment decided.

    An amendment is a decision with a date and a reference; the funder's list may repeat
    the amended amount or end date, but a different value would change the project with
    no record, so it has to go through a new amendment."""
    amendments = sorted(project.amendments.all(), key=lambda a: (a.decided_on, a.pk))
    errors = []
    checks = (
        (
            "amount_approved",
            {AmendmentKind.AMOUNT, AmendmentKind.BOTH},
            project.amount_amended,
            approved,
            project.amount_approved,
        ),
        (
            "end_date",
            {AmendmentKind.END_DATE, AmendmentKind.BOTH},
            False,
            end_date,
            project.end_date,
        ),
    )
    for column, kinds, flagged, value, amended in checks:
        last = next((a for a in reversed(amendments) if a.kind in kinds), None)
        if (last is None and not flagged) or value == amended:
            continue
        if amended is None:
            now = _("empty")
        elif column == "end_date":
            now = formats.date_format(amended)
        else:
            now = "€ " + formats.number_format(amended, 2, force_grouping=True)
        if last is None:
            reason = _(
                "This project was amended and the value is now %(now)s; "
                "change it through an amendment."
            ) % {"now": now}
        else:
            reason = _(
                "This project was amended on %(date)s (%(reference)s) and the value is now "
                "%(now)s; change it through an amendment."
            ) % {
                "date": formats.date_format(last.decided_on),
                "reference": last.reference[:80],
                "now": now,
            }
        errors.append(RowError(line, column, reason))
    return errors


class _Conflict(Exception):
    """A row turned bad between the check and the save (another change came first)."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


def _lock_programmes(table: list[list], lookups: Lookups) -> None:
    """Lock the programmes the file names, so that imports into them take turns."""
    try:
        rows, _none = rows_as_dicts(table)
    except ImportFileError:
        return  # parse reports it
    ids = set()
    for _line, cells in rows:
        programme = lookups.programmes.get(normalise(text(cells.get("programme"))))
        if programme is not None:
            ids.add(programme.pk)
    # NO KEY: other transactions may still add rows that point to the programme.
    list(
        Programme.objects.select_for_update(no_key=True)
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def run(table: list[list], *, by, dry_run: bool = False) -> ImportResult:
    """Parse, and import only if every row is good (and not a dry run)."""
    lookups = Lookups()
    if dry_run:
        return parse(table, lookups)
    result = ImportResult()
    line = 1
    try:
        with transaction.atomic():
            _lock_programmes(table, lookups)
            # Checked under the lock: a parallel import into the same programme is done.
            result = parse(table, lookups)
            if result.errors:
                return result
            for row in result.rows:
                line = row.line
                if _save(row, by):
                    result.created += 1
                else:
                    result.updated += 1
    except _Conflict as exc:
        result.errors = exc.errors
    except IntegrityError:
        # Another import or change saved the same record (e.g. an organisation's
        # enterprise number) at the same moment; the transaction is rolled back.
        result.errors = [
            RowError(
                line,
                "",
                _(
                    "Someone else saved the same data at the same moment. "
                    "Nothing was imported. Try again."
                ),
            )
        ]
    else:
        result.imported = True
        return result
    result.created = result.updated = 0
    return result


def _applicant(row: ParsedRow) -> Organisation:
    if row.enterprise_number:
        org = Organisation.objects.filter(enterprise_number=row.enterprise_number).first()
        if org:
            return org
    org = Organisation.objects.filter(name__iexact=row.applicant_name).first()
    if org is None:
        kind = (
            OrganisationKind.OCMW
            if "ocmw" in row.applicant_name.lower()
            else OrganisationKind.OTHER
        )
        org = Organisation.objects.create(
            name=row.applicant_name, kind=kind, enterprise_number=row.enterprise_number
        )
    elif row.enterprise_number and not org.enterprise_number:
        org.enterprise_number = row.enterprise_number
        org.save(update_fields=["enterprise_number"])
    return org


def _save(row: ParsedRow, by) -> bool:
    programme_id = row.round.call.programme_id
    project = (
        Project.objects.select_for_update()
        .filter(programme_id=programme_id, reference=row.reference)
        .first()
    )
    created = project is None
    if created:
        project = Project(programme_id=programme_id, reference=row.reference)
    else:
        # Checked again on the locked row: an amendment or status change may have come in
        # after the file was checked.
        status_error = status_conflict(row, project.status)
        errors = amendment_conflicts(
            row.line, project, approved=row.amount_approved, end_date=row.end_date
        )
        if status_error or errors:
            raise _Conflict([e for e in (status_error, *errors) if e])
    project.round = row.round
    project.track = row.track
    project.title = row.title
    project.applicant = _applicant(row)
    project.amount_requested = row.amount_requested
    project.amount_approved = row.amount_approved
    project.submitted_on = row.submitted_on
    project.decided_on = row.decided_on
    project.start_date = row.start_date
    project.end_date = row.end_date
    previous = project.status if not created else ""
    project.status = row.status
    project.save()
    # Keep rows that stay (with their allocation and agreement date); add and remove the rest.
    wanted = {(m.code, f.code if f else None): (m, f) for m, f in row.places}
    for place in ProjectMunicipality.objects.filter(project=project):
        if (place.municipality_id, place.former_id) not in wanted:
            place.delete()
        else:
            wanted.pop((place.municipality_id, place.former_id))
    ProjectMunicipality.objects.bulk_create(
        [ProjectMunicipality(project=project, municipality=m, former=f) for m, f in wanted.values()]
    )
    if previous != row.status:
        StatusChange.objects.create(
            project=project,
            from_status=previous,
            to_status=row.status,
            on=row.decided_on or row.submitted_on,
            by=by if getattr(by, "pk", None) else None,
            by_name=_("Import"),
        )
    return created
