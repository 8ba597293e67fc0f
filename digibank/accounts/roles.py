from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in a digibank; permissions follow from it (see permissions.py)."""

    COORDINATOR = "coordinator", _("Coordinator")
    STAFF = "staff", _("Staff member")
    VOLUNTEER = "volunteer", _("Volunteer (digihelper)")
    PARTNER = "partner", _("Partner referrer")
    LOCAL_OFFICER = "local_officer", _("Local-government officer")
    FUNDER = "funder", _("Funder or regional viewer")


# Not a membership role: a superuser of the installation (the Django admin).
PLATFORM_ADMIN_LABEL = _("Platform administrator")
