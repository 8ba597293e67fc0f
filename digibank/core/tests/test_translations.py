"""Every Dutch and French string is translated, and the compiled catalogues match."""

from pathlib import Path

import polib
import pytest
from django.apps import apps

CATALOGUES = sorted(
    path
    for config in apps.get_app_configs()
    if config.name.startswith("digibank.")
    for path in Path(config.path).glob("locale/*/LC_MESSAGES/django.po")
)


def test_every_app_with_strings_has_dutch_and_french():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert {"nl", "fr"} <= languages


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-2]))
def test_catalogue_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    assert not missing, f"untranslated in {path}: {missing[:10]}"
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"run `manage.py translations --compile-only` for {path}"
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(mo_path))}
    for entry in po:
        if entry.obsolete:
            continue
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"{mo_path} is out of date: missing {entry.msgid!r}"
        assert found.msgstr == entry.msgstr and found.msgstr_plural == {
            int(k): v for k, v in entry.msgstr_plural.items()
        }, f"{mo_path} is out of date for {entry.msgid!r}"
