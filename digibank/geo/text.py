"""Normalisation of names so that lookups forgive case, accents, hyphens and apostrophes."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(value: str) -> str:
    """Lower-case, strip accents, and turn every run of non-letters into one space.

    "Knokke-Heist", "knokke heist" and "KNOKKE–HEIST" all become "knokke heist";
    "Liège" and "Liege" both become "liege".
    """
    decomposed = unicodedata.normalize("NFKD", value or "")
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", ascii_only.casefold()).strip()
