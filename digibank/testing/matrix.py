"""Building blocks for permission-matrix rows (see core/tests/test_permission_matrix.py)."""

from digibank.testing.personas import PERSONAS

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405
EVERYONE = {p: OK for p in PERSONAS}
LOGGED_IN_OK = {**{p: OK for p in PERSONAS}, "anonymous": REDIRECT}

STAFF_A = frozenset({"coordinator_a", "staff_a"})
TEAM_A = STAFF_A | {"volunteer_a"}
TEAMS = TEAM_A | {"coordinator_b", "volunteer_b"}


def only(ok_for, otherwise=FORBIDDEN, ok=OK) -> dict:
    """``ok`` for the personas listed, ``otherwise`` for the rest; anonymous goes to login."""
    table = {p: (ok if p in ok_for else otherwise) for p in PERSONAS}
    table["anonymous"] = REDIRECT
    return table
