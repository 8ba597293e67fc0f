"""Every Dutch and French string is translated, and the compiled catalogues match."""

import ast
import re
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


def _source_strings():
    """(file, msgid) for every literal string marked for translation in our code and
    templates; plural and block translations are left to ``makemessages``."""
    root = Path(__file__).resolve().parents[2]
    calls = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in calls
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield path.relative_to(root), node.args[0].value
    tag = re.compile(r"""{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')""")
    for pattern in ("*.html", "*.txt"):
        for path in root.rglob(pattern):
            if "templates" not in path.relative_to(root).parts:
                continue
            for match in tag.finditer(path.read_text(encoding="utf-8")):
                yield path.relative_to(root), match.group(1) or match.group(2)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_marked_string_in_the_code_is_in_a_catalogue(language):
    """A string is only translated once ``manage.py translations`` has picked it up: a
    complete catalogue alone does not show that a new string was never extracted."""
    translated = {
        entry.msgid
        for path in CATALOGUES
        if path.parts[-3] == language
        for entry in polib.pofile(str(path))
        if entry.translated() and "fuzzy" not in entry.flags
    }
    missing = sorted(
        {f"{path}: {msgid!r}" for path, msgid in _source_strings()}
        - {f"{path}: {msgid!r}" for path, msgid in _source_strings() if msgid in translated}
    )
    assert not missing, "run `manage.py translations` and translate:\n" + "\n".join(missing)


def test_our_catalogues_leave_djangos_day_and_month_names_alone():
    """A label such as "Dinsdag" (a row heading) must not replace Django's own day name,
    or every date in a sentence reads "de les van Dinsdag 8 december"."""
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    from digibank.digibanks.models import Weekday

    with translation.override("nl"):
        assert date_format(datetime.date(2026, 12, 8), "l j F") == "dinsdag 8 december"
        assert date_format(datetime.date(2026, 5, 11), "j F") == "11 mei"
        assert str(Weekday.TUESDAY.label) == "Dinsdag"
    with translation.override("fr"):
        assert date_format(datetime.date(2026, 12, 8), "l j F") == "mardi 8 décembre"
