"""Small-number protection for anonymous figures."""

MIN_GROUP_SIZE = 5


def suppress(count: int | None, threshold: int = MIN_GROUP_SIZE) -> str:
    """Show a count, or "<5" when so few people could be recognised from it.

    Zero stays zero: it reveals nobody. This is safe for a count that stands alone. For
    counts that add up to a known total (a row of levels), use ``protect_row``: hiding
    one cell on its own is undone by subtraction.
    """
    if count is None:
        return "–"
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)


def is_suppressed(count: int | None, threshold: int = MIN_GROUP_SIZE) -> bool:
    return count is not None and 0 < count < threshold


def sheet_value(count: int | None) -> int | None:
    """A count for a spreadsheet cell: left empty where ``suppress`` shows "<5"."""
    return None if is_suppressed(count) else count


def protect_row(counts: dict, threshold: int = MIN_GROUP_SIZE) -> dict | None:
    """Counts of one group split into categories (people per level), safe to publish.

    Returns ``None`` when the split may not be shown at all, else the counts with the
    hidden cells set to ``None``. The rules (docs/assessments-scoring.md):

    1. The split is shown only when at least two categories hold ``threshold`` people or
       more. Otherwise one category holds everyone, or everyone but a few, and the table
       would tell the reader the result of every person in the group.
    2. Primary suppression: a cell of 1 to ``threshold - 1`` people is hidden.
    3. Complementary suppression: while hidden cells exist and either only one is hidden
       or together they hold fewer than ``threshold`` people, the smallest cell still
       shown (zeros included, then the first in order) is hidden too. So the total minus
       the cells shown never gives back a small group or one hidden cell.
    """
    if sum(1 for n in counts.values() if n >= threshold) < 2:
        return None
    hidden = {key for key, n in counts.items() if 0 < n < threshold}
    order = list(counts)
    while hidden and (len(hidden) < 2 or sum(counts[k] for k in hidden) < threshold):
        shown = [k for k in order if k not in hidden]
        if not shown:
            break
        hidden.add(min(shown, key=lambda k: (counts[k], order.index(k))))
    return {key: (None if key in hidden else n) for key, n in counts.items()}
