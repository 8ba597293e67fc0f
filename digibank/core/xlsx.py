"""Well-formed Excel workbooks for every overview and export.

Typed cells (numbers stay numbers, dates stay dates), a bold header row with filters,
frozen panes, number and date formats, and a totals row written as values so that every
spreadsheet program shows the same figures without recalculating. Opens in Excel and
LibreOffice.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMATS = {
    "text": "@",
    "int": "#,##0",
    "money": '#,##0.00 "€"',
    "decimal": "#,##0.00",
    "percent": "0.0%",
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ILLEGAL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


@dataclass
class Column:
    header: str
    kind: str = "text"
    width: int = 18
    total: bool = False  # add this column up in the totals row

    def __post_init__(self):
        if self.kind not in FORMATS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    notes: Sequence[str] = field(default_factory=tuple)  # written under the table


def _clean(value, kind):
    if value is None:
        return None
    if kind == "text":
        text = str(value)
        # Never let a cell start a formula: data from users is text, not code.
        if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
            text = "'" + text
        return "".join(ch for ch in text if ch not in _ILLEGAL)
    if kind in {"int"}:
        return int(value)
    if kind in {"money", "decimal", "percent"}:
        return float(value) if isinstance(value, Decimal) else value
    if kind == "datetime" and isinstance(value, datetime.datetime) and value.tzinfo:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def build_workbook(sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title[:31])
        columns = list(sheet.columns)
        ws.append([c.header for c in columns])
        for cell in ws[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        totals = [0 for _c in columns]
        count = 0
        for row in sheet.rows:
            values = [_clean(v, c.kind) for v, c in zip(row, columns, strict=True)]
            ws.append(values)
            count += 1
            for index, (value, column) in enumerate(zip(values, columns, strict=True)):
                if column.total and isinstance(value, int | float):
                    totals[index] += value
        last_row = count + 1
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = column.width
            for (cell,) in ws.iter_rows(min_row=2, max_row=last_row, min_col=index, max_col=index):
                cell.number_format = FORMATS[column.kind]
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
        if any(c.total for c in columns):
            total_row = [(totals[i] if c.total else None) for i, c in enumerate(columns)]
            total_row[0] = total_row[0] if columns[0].total else _("Total")
            ws.append(total_row)
            for index, cell in enumerate(ws[last_row + 1], start=1):
                cell.font = Font(bold=True)
                cell.number_format = FORMATS[columns[index - 1].kind]
        for note in sheet.notes:
            ws.append([])
            ws.append([note])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workbook_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    response = HttpResponse(build_workbook(sheets), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
