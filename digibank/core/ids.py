"""Ids that come from outside: a query string, a posted button, a typed reference."""

MAX_ID = 2**63 - 1  # the largest id any of our databases can compare


def parse_id(value) -> int | None:
    """An id from a query string or a posted button: a whole number the database can
    compare, or None (for "", "abc", "-1", "99999999999999999999")."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
