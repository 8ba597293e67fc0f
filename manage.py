#!/usr/bin/env python
"""Django's command-line utility; the installed ``digibank`` command does the same."""

from digibank.cli import main

if __name__ == "__main__":
    main()
