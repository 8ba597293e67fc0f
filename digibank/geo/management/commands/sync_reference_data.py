from django.core.management.base import BaseCommand
from django.db import transaction

from digibank.geo import reference
from digibank.geo.models import FormerMunicipality, Municipality, PostalCode, Province, Region


class Command(BaseCommand):
    help = "Load or refresh municipalities, provinces, regions, postcodes and the 2025 mergers."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = reference.sync(
                Region=Region,
                Province=Province,
                Municipality=Municipality,
                PostalCode=PostalCode,
                FormerMunicipality=FormerMunicipality,
            )
        for key, value in counts.items():
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(reference.ATTRIBUTION)
