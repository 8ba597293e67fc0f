"""The "Devices and internet" section of a person's page (see people/sections.py)."""

from django.utils import timezone

from digibank.accounts import permissions
from digibank.loans.models import ConnectivityHelp, Loan, LoanRequest


def person_context(request, person) -> dict:
    """Four queries, whatever the number of loans: the loans, the help, the request."""
    return {
        "loans": list(
            Loan.objects.filter(person=person).select_related("device").order_by("-started_on")[:20]
        ),
        "connectivity": list(ConnectivityHelp.objects.filter(person=person)[:10]),
        "waiting": LoanRequest.objects.filter(person=person).waiting().first(),
        "can_manage": permissions.can(request.user, "loan.manage", person.digibank_id),
        "today": timezone.localdate(),
    }
