"""Show an overview's typed cell the way its Excel column formats it."""

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def cell(value, column) -> str:
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind == "money":
        return f"€ {floatformat(value, '2g')}"
    if kind == "decimal":
        return floatformat(value, "1g")
    if kind == "int":
        return floatformat(value, "0g")
    if kind == "percent":
        return f"{floatformat(Decimal(str(value)) * 100, '1')} %"
    if kind in ("date", "datetime") and isinstance(value, datetime.date):
        return date_filter(value, "d/m/Y")
    return str(value)


@register.filter
def is_number(column) -> bool:
    return column.kind in ("money", "decimal", "int", "percent")
