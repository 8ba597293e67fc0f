"""The ``digibank`` command: Django's management commands for this installation.

``digibank migrate``, ``digibank load_demo``, ``digibank quickstart`` and so on.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibank.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
