from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "digibank.assessments"
    verbose_name = _("Skills assessments")

    def ready(self):
        from digibank.assessments import gdpr

        gdpr.register_provider()
