from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "digibank.helpdesk"
    verbose_name = _("Helpdesk")

    def ready(self):
        from digibank.helpdesk import gdpr

        gdpr.register()
