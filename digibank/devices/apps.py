from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevicesConfig(AppConfig):
    name = "digibank.devices"
    verbose_name = _("Devices")

    def ready(self):
        from digibank.devices import gdpr

        gdpr.register()
