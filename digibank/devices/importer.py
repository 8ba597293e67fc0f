"""Import an existing inventory from CSV or XLSX: check every row first, then all or nothing.

``check(...)`` reads the file and returns a report: the rows it understood and every
problem as (line, column, reason). ``run(...)`` checks again and imports only when there
is no problem at all, inside one transaction; a single bad row imports nothing.

Devices come in through the same services as a hand-registered device, so the state
machine and the wipe rule hold: a row may say a device is already wiped or ready only
with a passed, verified wipe in its wipe columns, and devices that are out (on loan,
given away) are not imported here.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.devices import services
from digibank.devices.models import (
    Condition,
    Device,
    DeviceKind,
    DeviceState,
    Grade,
    StorageKind,
    Verification,
    WipeMethod,
    WipeRecord,
    WipeResult,
    normalise_serial,
)

MAX_ROWS = 20_000


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is meant for the user."""


# Column key -> accepted header names (English, Dutch, French), compared case-insensitively.
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "kind", "soort", "toestel"),
    "brand": ("brand", "merk", "marque"),
    "model_name": ("model", "modèle", "modele"),
    "serial_number": ("serial", "serial number", "serienummer", "numéro de série", "sn"),
    "made_year": ("year", "year of manufacture", "bouwjaar", "année"),
    "processor": ("processor", "cpu", "processeur"),
    "memory_gb": ("memory", "memory gb", "ram", "geheugen", "mémoire"),
    "storage_gb": ("storage", "storage gb", "opslag", "stockage", "disk"),
    "storage_kind": ("storage type", "opslagtype", "type de stockage"),
    "battery_health": ("battery", "battery health", "batterij", "batterie"),
    "accessories": ("accessories", "toebehoren", "accessoires"),
    "condition": ("condition", "staat", "état", "etat"),
    "location": ("location", "locatie", "lieu"),
    "received_on": ("received", "received on", "ontvangen", "reçu le", "date"),
    "state": ("state", "status", "toestand", "statut"),
    "grade": ("grade", "graad"),
    "os_installed": ("os", "operating system", "besturingssysteem", "système"),
    "wipe_method": ("wipe method", "wismethode", "méthode d'effacement"),
    "wipe_tool": ("wipe tool", "wistool", "outil d'effacement"),
    "wipe_date": ("wipe date", "wisdatum", "date d'effacement"),
    "wipe_verification": ("wipe verification", "verificatie", "vérification"),
    "wipe_checklist": ("mobile checklist", "checklist", "checklist gsm", "liste mobile"),
}
YES = {"yes", "y", "ja", "j", "oui", "o", "1", "true", "x"}
REQUIRED = ("kind", "condition")
IMPORTABLE_STATES = (DeviceState.RECEIVED, DeviceState.IN_REPAIR, DeviceState.READY)


@dataclass
class Problem:
    line: int
    column: str
    reason: str


@dataclass
class Report:
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _header_map(headers: list[str]) -> dict[int, str]:
    lookup = {}
    for key, names in COLUMNS.items():
        for name in (key, *names):
            lookup[name.casefold()] = key
    mapping = {}
    for index, header in enumerate(headers):
        key = lookup.get(str(header or "").strip().casefold())
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


def read_table(upload, filename: str) -> list[list[str]]:
    """The cells of the first sheet (XLSX) or the rows of a CSV, as strings."""
    name = (filename or "").lower()
    upload.seek(0)
    data = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(
                _("This Excel file cannot be read. Save it again as .xlsx.")
            ) from exc
        sheet = book.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append([_cell_text(v) for v in row])
            if len(table) > MAX_ROWS + 1:
                break
        book.close()
        return table
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    else:
        text = data
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if text.count(";") > text.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)][: MAX_ROWS + 1]
    except csv.Error as exc:
        raise ImportFileError(
            _("This CSV file cannot be read: %(error)s") % {"error": exc}
        ) from exc


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Everyday words people put in their own spreadsheets, in Dutch and French.
ALIASES = {
    "goed": "good", "bon": "good", "redelijk": "fair", "moyen": "fair", "slecht": "poor",
    "mauvais": "poor", "kapot": "broken", "defect": "broken", "cassé": "broken",
    "gsm": "smartphone", "portable": "laptop", "ordinateur portable": "laptop",
    "pc": "desktop", "computer": "desktop", "scherm": "screen", "écran": "screen",
    "monitor": "screen", "tablette": "tablet", "ontvangen": "received", "reçu": "received",
    "in herstel": "in_repair", "en réparation": "in_repair", "klaar": "ready", "prêt": "ready",
    "klaar voor uitlening": "ready", "wissen": "clear", "effacer": "clear",
    "volledig": "full", "complète": "full", "steekproef": "sample", "échantillon": "sample",
    "visueel": "visual", "visuelle": "visual",
}  # fmt: skip


def _choice(value: str, choices) -> str | None:
    """Match a value to a choice by its code, an everyday word or a label in our languages."""
    from django.utils import translation

    wanted = value.strip().casefold()
    if not wanted:
        return None
    codes = {str(code) for code, _label in choices}
    if ALIASES.get(wanted) in codes:
        return ALIASES[wanted]
    for code, _label in choices:
        if wanted == str(code).casefold():
            return code
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            for code, label in choices:
                text = str(label).casefold()
                if wanted == text or wanted == text.split(":")[0].strip():
                    return code
    return None


def _int(value: str, low: int, high: int) -> int:
    number = int(value.strip().replace(" ", ""))
    if not low <= number <= high:
        raise ValueError
    return number


def _date(value: str) -> datetime.date:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError


def check(*, upload, filename: str, digibank, default_location) -> Report:
    """Read and check every row; nothing is written."""
    from digibank.digibanks.models import Location

    report = Report()
    table = read_table(upload, filename)
    if not table or not any(c.strip() for c in table[0]):
        report.problems.append(Problem(1, "", _("The file is empty or has no header row.")))
        return report
    if len(table) > MAX_ROWS + 1:
        report.problems.append(
            Problem(1, "", _("At most %(max)s rows at a time.") % {"max": MAX_ROWS})
        )
        return report
    report.headers = table[0]
    mapping = _header_map(table[0])
    for key in REQUIRED:
        if key not in mapping.values():
            report.problems.append(
                Problem(1, key, _("The column “%(column)s” is missing.") % {"column": key})
            )
    if report.problems:
        return report
    locations = {loc.name.casefold(): loc for loc in Location.objects.filter(digibank=digibank)}
    serials_in_file: dict[str, int] = {}
    today = timezone.localdate()
    for line, raw in enumerate(table[1:], start=2):
        values = {key: (raw[i].strip() if i < len(raw) else "") for i, key in mapping.items()}
        if not any(values.values()):
            continue  # an empty line is no row
        problems = []

        def bad(column, reason, problems=problems, line=line):
            problems.append(Problem(line, column, reason))

        row: dict = {"line": line, "data": {}}
        data = row["data"]
        for key, choices in (
            ("kind", DeviceKind.choices),
            ("condition", Condition.choices),
            ("storage_kind", StorageKind.choices),
            ("grade", Grade.choices),
        ):
            if values.get(key):
                code = _choice(values[key], choices)
                if code is None:
                    bad(key, _("“%(value)s” is not a known value.") % {"value": values[key]})
                else:
                    data[key] = code
            elif key in REQUIRED:
                bad(key, _("This cell is empty."))
        for key, low, high in (
            ("made_year", 1990, today.year),
            ("memory_gb", 0, 4096),
            ("storage_gb", 0, 100_000),
            ("battery_health", 0, 100),
        ):
            if values.get(key):
                try:
                    data[key] = _int(values[key], low, high)
                except ValueError:
                    bad(
                        key,
                        _("Give a whole number from %(low)s to %(high)s.")
                        % {"low": low, "high": high},
                    )
        for key, limit in (
            ("brand", 60), ("model_name", 120), ("serial_number", 60), ("processor", 100),
            ("accessories", 250), ("os_installed", 100),
        ):  # fmt: skip
            if values.get(key):
                if len(values[key]) > limit:
                    bad(key, _("Too long (at most %(limit)s characters).") % {"limit": limit})
                else:
                    data[key] = values[key]
        serial_key = normalise_serial(data.get("serial_number", ""))
        if serial_key:
            if serial_key in serials_in_file:
                bad(
                    "serial_number",
                    _("The same serial number is on line %(line)s.")
                    % {"line": serials_in_file[serial_key]},
                )
            else:
                serials_in_file[serial_key] = line
        if values.get("received_on"):
            try:
                received = _date(values["received_on"])
                if received > today:
                    raise ValueError
                row["received_on"] = received
            except ValueError:
                bad("received_on", _("Give a date (day/month/year), not in the future."))
        location = default_location
        if values.get("location"):
            location = locations.get(values["location"].casefold())
            if location is None:
                bad("location", _("No location with this name in your digibank."))
        row["location"] = location
        state = DeviceState.RECEIVED
        if values.get("state"):
            state = _choice(values["state"], DeviceState.choices)
            if state is None:
                bad("state", _("“%(value)s” is not a known state.") % {"value": values["state"]})
            elif state not in IMPORTABLE_STATES:
                bad(
                    "state",
                    _("Only devices in stock can be imported (received, in repair or ready)."),
                )
        row["state"] = state
        if state == DeviceState.READY or any(
            values.get(k) for k in ("wipe_method", "wipe_tool", "wipe_date")
        ):
            row["wipe"] = _check_wipe(values, bad, today)
            mobile = data.get("kind") in (DeviceKind.SMARTPHONE, DeviceKind.TABLET)
            if mobile and values.get("wipe_checklist", "").casefold() not in YES:
                bad(
                    "wipe_checklist",
                    _("For a phone or tablet, confirm the whole checklist was done (yes)."),
                )
        report.problems.extend(problems)
        report.rows.append(row)
    if not report.rows and not report.problems:
        report.problems.append(Problem(2, "", _("The file has no rows with devices.")))
    if serials_in_file:
        taken = Device.objects.filter(serial_key__in=list(serials_in_file)).values_list(
            "serial_key", "tag", "digibank_id"
        )
        for key, tag, owner in taken:
            # Another digibank's asset tag is not this digibank's business.
            reason = (
                _("This serial number is already registered (asset tag %(tag)s).") % {"tag": tag}
                if owner == digibank.pk
                else _("This serial number is already registered in another digibank.")
            )
            report.problems.append(Problem(serials_in_file[key], "serial_number", reason))
    report.problems.sort(key=lambda p: (p.line, p.column))
    return report


def _check_wipe(values: dict, bad, today) -> dict | None:
    wipe = {}
    method = _choice(values.get("wipe_method", ""), WipeMethod.choices)
    if method is None:
        bad("wipe_method", _("A device that is ready needs a wipe method (clear, purge, destroy)."))
    wipe["method"] = method
    if not values.get("wipe_tool"):
        bad("wipe_tool", _("Name the tool of the wipe."))
    wipe["tool"] = values.get("wipe_tool", "")[:100]
    try:
        wipe["wiped_on"] = _date(values.get("wipe_date", ""))
        if wipe["wiped_on"] > today:
            raise ValueError
    except ValueError:
        bad("wipe_date", _("Give the date of the wipe (day/month/year)."))
    verification = _choice(values.get("wipe_verification", ""), Verification.choices)
    if verification in (None, Verification.NONE):
        bad(
            "wipe_verification",
            _("A wipe counts only when it was verified (full, sample, visual)."),
        )
    wipe["verification"] = verification
    return wipe


def run(*, upload, filename: str, digibank, default_location, by) -> tuple[Report, int]:
    """Check, then import everything or nothing. Returns the report and the number imported."""
    report = check(
        upload=upload, filename=filename, digibank=digibank, default_location=default_location
    )
    if not report.ok:
        return report, 0
    count = 0
    with transaction.atomic():
        for row in report.rows:
            data = dict(row["data"])
            grade = data.pop("grade", "")
            os_installed = data.pop("os_installed", "")
            if "received_on" in row:
                data["received_on"] = row["received_on"]
            device = services.add_device(
                donation=None, digibank=digibank, by=by, data=data, location=row["location"]
            )
            if grade or os_installed:
                services.update_device(
                    device=device, by=by, data={"grade": grade, "os_installed": os_installed}
                )
            wipe = row.get("wipe")
            if wipe:
                services.record_wipe(
                    device=device, by=by, method=wipe["method"], tool=wipe["tool"],
                    result=WipeResult.PASSED, verification=wipe["verification"],
                    wiped_on=wipe["wiped_on"], notes=_("Imported"),
                    checklist=WipeRecord.MOBILE_CHECKLIST if device.is_mobile else (),
                )  # fmt: skip
            if row["state"] in (DeviceState.IN_REPAIR, DeviceState.READY):
                services.transition(device=device, to_state=row["state"], by=by, note=_("Imported"))
            count += 1
    return report, count
