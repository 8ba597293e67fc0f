from django.core.management.base import BaseCommand, CommandError

from digibank.geo import boundaries


class Command(BaseCommand):
    help = (
        "Import official municipal boundaries from a GeoJSON file (for example Statbel's "
        "or the NGI's municipalities). Replaces the boundaries stored before; changes "
        "nothing if any feature is bad. Maps then show the municipalities as areas."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON FeatureCollection of municipalities")
        parser.add_argument(
            "--code-property",
            help="The property holding the REFNIS code (default: try the usual names).",
        )

    def handle(self, *args, path, code_property=None, **options):
        try:
            result = boundaries.import_file(path, code_property=code_property)
        except boundaries.BoundaryImportError as exc:
            raise CommandError(str(exc)) from exc
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"Nothing imported: {len(result.problems)} problem(s).")
        if result.merged_into_successor:
            self.stdout.write(
                "Former municipalities added to their successor: "
                + ", ".join(sorted(result.merged_into_successor))
            )
        self.stdout.write(f"Imported {result.imported} municipal boundaries.")
