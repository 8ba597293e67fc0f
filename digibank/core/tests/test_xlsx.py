import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from digibank.core import xlsx


def test_typed_cells_totals_and_formula_safety():
    data = xlsx.build_workbook(
        [
            xlsx.Sheet(
                "Test",
                [
                    xlsx.Column("Name"),
                    xlsx.Column("Amount", "money", total=True),
                    xlsx.Column("Count", "int", total=True),
                    xlsx.Column("Day", "date"),
                ],
                [
                    ('=HYPERLINK("x")', Decimal("1000.50"), 3, datetime.date(2024, 12, 31)),
                    ("Brugge", Decimal("20.25"), 2, None),
                ],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Amount", "Count", "Day")
    assert rows[1][0].startswith("'=")  # never a formula from user data
    assert rows[1][1] == 1000.5 and isinstance(rows[1][2], int)
    assert rows[1][3] == datetime.datetime(2024, 12, 31)
    assert rows[3][1] == 1020.75 and rows[3][2] == 5
    assert sheet["B2"].number_format.startswith("#,##0.00")
    assert sheet["D2"].number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2"
