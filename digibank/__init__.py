"""Digibank: one platform for the digibanken and the programmes that fund them."""

__version__ = "0.1.0"
