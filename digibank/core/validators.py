"""Validators for Belgian identifiers, with messages a volunteer understands."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = re.compile(r"\D")


def normalise_enterprise_number(value: str) -> str:
    """ "0123.456.749" or "BE 0123 456 749" become "0123456749"."""
    digits = _DIGITS.sub("", value or "")
    if len(digits) == 9:  # old numbers without the leading zero
        digits = "0" + digits
    return digits


def validate_enterprise_number(value: str) -> None:
    """A Belgian enterprise number (KBO/BCE): ten digits, starting 0 or 1, modulo 97."""
    digits = normalise_enterprise_number(value)
    if len(digits) != 10 or digits[0] not in "01":
        raise ValidationError(
            _("An enterprise number has 10 digits and starts with 0 or 1, e.g. 0123.456.749."),
            code="enterprise_number_format",
        )
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValidationError(
            _("This enterprise number is not valid: check the digits."),
            code="enterprise_number_checksum",
        )


def format_enterprise_number(value: str) -> str:
    digits = normalise_enterprise_number(value)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}" if len(digits) == 10 else value


def validate_postcode(value: str) -> None:
    if not re.fullmatch(r"[1-9]\d{3}", (value or "").strip()):
        raise ValidationError(
            _("A Belgian postcode has 4 digits, for example 8000."), code="postcode_format"
        )


_PHONE = re.compile(r"^\+?[0-9 ./()-]{8,20}$")


def validate_phone(value: str) -> None:
    digits = _DIGITS.sub("", value or "")
    if not _PHONE.match((value or "").strip()) or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number with 9 or 10 digits, for example 050 12 34 56."),
            code="phone_format",
        )
