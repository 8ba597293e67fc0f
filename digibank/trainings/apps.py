from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "digibank.trainings"
    verbose_name = _("Trainings")

    def ready(self):
        from digibank.trainings import gdpr

        gdpr.register_provider()
