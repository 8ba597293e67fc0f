"""The devices part of the start page: scan a tag, and what waits in the workshop."""

from django.db.models import Count, Q

from digibank.accounts import permissions
from digibank.devices.models import IN_STOCK_STATES, Device, DeviceState, WipeStatus


def start_summary(request) -> dict:
    digibank = request.digibank
    if digibank is None or not permissions.can(request.user, "device.view", digibank):
        return {"devices_visible": False}
    in_stock = Q(state__in=IN_STOCK_STATES)
    counts = Device.objects.filter(digibank=digibank).aggregate(
        ready=Count("pk", filter=Q(state=DeviceState.READY)),
        to_wipe=Count("pk", filter=in_stock & Q(wipe_status=WipeStatus.NEEDED)),
        blocked=Count("pk", filter=in_stock & Q(wipe_status=WipeStatus.FAILED)),
        in_repair=Count("pk", filter=Q(state=DeviceState.IN_REPAIR)),
    )
    return {"devices_visible": True, **counts}
