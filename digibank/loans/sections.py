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


def start_summary(request) -> dict:
    """The lending part of the start page: who waits, what is late, what to send."""
    from django.db.models import Count, Q

    from digibank.loans.models import LoanStatus, ReminderMessage

    digibank = request.digibank
    if digibank is None or not permissions.can(request.user, "loan.view", digibank):
        return {"loans_visible": False}
    today = timezone.localdate()
    loans = Loan.objects.filter(digibank=digibank).aggregate(
        open=Count("pk", filter=Q(status=LoanStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=LoanStatus.OPEN, due_on__lt=today)),
    )
    can_manage = permissions.can(request.user, "loan.manage", digibank)
    return {
        "loans_visible": True,
        "waiting": LoanRequest.objects.filter(digibank=digibank).waiting().count(),
        "to_do": ReminderMessage.objects.filter(digibank=digibank).to_do().count()
        if can_manage
        else 0,
        **loans,
    }
