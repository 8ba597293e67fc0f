from django.shortcuts import render

from digibank.audit.forms import AuditFilterForm
from digibank.audit.models import AuditEvent
from digibank.core.pagination import DeferredJoinPaginator
from digibank.core.tenancy import active_digibank


def event_list(request):
    """The audit log of the active digibank, for its coordinators."""
    digibank = active_digibank(request, "audit.view")
    events = AuditEvent.objects.for_user(request.user).filter(digibank=digibank)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["reference"]:
            events = events.filter(target_label__iexact=data["reference"].strip())
        if data["actor"]:
            events = events.filter(actor_label__icontains=data["actor"].strip())
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["day"]:
            events = events.filter(at__date=data["day"])
    page = DeferredJoinPaginator(events.order_by("-at", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/list.html", {"form": form, "page_obj": page})
