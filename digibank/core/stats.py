"""Small-number protection for anonymous figures."""

MIN_GROUP_SIZE = 5


def suppress(count: int | None, threshold: int = MIN_GROUP_SIZE) -> str:
    """Show a count, or "<5" when so few people could be recognised from it.

    Zero stays zero: it reveals nobody.
    """
    if count is None:
        return "–"
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)


def is_suppressed(count: int | None, threshold: int = MIN_GROUP_SIZE) -> bool:
    return count is not None and 0 < count < threshold
