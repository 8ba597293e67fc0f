from django.contrib.admin.apps import AdminConfig


class DigibankAdminConfig(AdminConfig):
    """The Django admin with our site class: superusers only, behind our login."""

    default_site = "digibank.core.admin_site.DigibankAdminSite"
