"""Every lending URL for every persona (see core/tests/test_permission_matrix.py)."""

from digibank.testing.matrix import NOT_ALLOWED, NOT_FOUND, REDIRECT, STAFF_A, TEAM_A, TEAMS, only
from digibank.testing.personas import PERSONAS

POST_ONLY = {**only(set(PERSONAS), ok=NOT_ALLOWED)}
TEAM_A_VIEW = only(TEAM_A, otherwise=NOT_FOUND)
STAFF_A_MANAGE = only(STAFF_A, otherwise=NOT_FOUND) | {"volunteer_a": 403}
MANAGERS = {"coordinator_a", "staff_a", "coordinator_b"}


def extend_world(world):
    from digibank.loans import services
    from digibank.loans.models import Channel, ConnectivityKind, LoanKind, ReminderMessage
    from digibank.loans.tests.factories import loan_for, person_in_a

    world.loan = loan_for(world)
    world.long_loan = loan_for(world, kind=LoanKind.LONG_TERM)
    world.gifted_loan = loan_for(world, kind=LoanKind.LONG_TERM)
    services.make_gift(loan=world.gifted_loan, by=world.staff_a)
    world.loan_request = services.register_request(
        person=person_in_a(world), by=world.staff_a, wish="laptop"
    )
    world.letter = ReminderMessage.objects.create(
        digibank=world.digibank_a, person=world.loan.person, channel=Channel.LETTER
    )
    world.connectivity = services.record_connectivity(
        person=world.person_a, by=world.staff_a, data={"kind": ConnectivityKind.SOCIAL_TARIFF}
    )


def _loan(w):
    return {"pk": w.loan.pk}


MATRIX = {
    "loans:list": (None, only(TEAMS)),
    "loans:overdue": (None, only(TEAMS)),
    "loans:requests": (None, only(TEAMS)),
    "loans:conditions": (None, only(TEAMS)),
    "loans:connectivity": (None, only(TEAMS)),
    "loans:reminders": (None, only(MANAGERS)),
    "loans:call_list": (None, only(MANAGERS)),
    # Digibank B has no letters to print: back to its list.
    "loans:reminder_letters": (
        None,
        only(MANAGERS) | {"coordinator_b": REDIRECT, "staff_b": REDIRECT},
    ),
    "loans:figures": (None, only(MANAGERS)),
    "loans:detail": (_loan, TEAM_A_VIEW),
    "loans:agreement": (_loan, TEAM_A_VIEW),
    "loans:transfer": (lambda w: {"pk": w.gifted_loan.pk}, TEAM_A_VIEW),
    "loans:extend": (_loan, STAFF_A_MANAGE),
    "loans:return": (_loan, STAFF_A_MANAGE),
    "loans:lost": (_loan, STAFF_A_MANAGE),
    "loans:gift": (lambda w: {"pk": w.long_loan.pk}, STAFF_A_MANAGE),
    "loans:request": (lambda w: {"pk": w.loan_request.pk}, TEAM_A_VIEW),
    "loans:request_close": (lambda w: {"pk": w.loan_request.pk}, STAFF_A_MANAGE),
    "loans:lend": (lambda w: {"pk": w.loan_request.pk}, STAFF_A_MANAGE),
    "loans:request_create": (lambda w: {"person_pk": w.person_a.pk}, STAFF_A_MANAGE),
    "loans:connectivity_create": (lambda w: {"person_pk": w.person_a.pk}, STAFF_A_MANAGE),
    "loans:reminder_letter": (lambda w: {"pk": w.letter.pk}, STAFF_A_MANAGE),
    "loans:reminder_done": (lambda w: {"pk": w.letter.pk}, POST_ONLY),
    "loans:sim_returned": (lambda w: {"pk": w.connectivity.pk}, POST_ONLY),
}
