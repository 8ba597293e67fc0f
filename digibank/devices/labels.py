"""QR labels: each code holds the address of ``devices:by_tag`` for its tag, so scanning
it with any phone opens the device's page (after login, within the user's digibank)."""

import segno
from django.conf import settings
from django.urls import reverse

MAX_LABELS = 480  # 20 sheets of 24 labels


def label_url(request, tag: str) -> str:
    path = reverse("devices:by_tag", args=[tag])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def label_items(request, devices) -> list[dict]:
    items = []
    for device in devices:
        url = label_url(request, device.tag)
        qr = segno.make(url, error="m")
        items.append(
            {
                "tag": device.tag,
                "label": device.label,
                "serial": device.serial_number,
                "url": url,
                "qr": qr.svg_data_uri(scale=4, border=1),
            }
        )
    return items
