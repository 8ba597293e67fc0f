"""The shared model choice fields answer "invalid choice" to ids the database cannot
compare (Django passes them straight to the query: OverflowError or DataError, a 500)."""

import pytest
from django import forms

from digibank.core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from digibank.core.ids import parse_id
from digibank.digibanks.models import Digibank
from digibank.people.models import TargetGroup

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


class ChoiceForm(forms.Form):
    one = SafeModelChoiceField(queryset=None, required=False)
    many = SafeModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["one"].queryset = queryset
        self.fields["many"].queryset = queryset


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "9223372036854775808"])
def test_ids_outside_the_database_range_are_invalid_choices(world, value):
    form = ChoiceForm({"one": value, "many": [value]}, queryset=Digibank.objects)
    assert not form.is_valid()
    assert form.errors["one"][0].startswith(("Selecteer een geldige", "Select a valid"))
    assert form.errors["many"][0].startswith(("Selecteer een geldige", "Select a valid"))


def test_valid_ids_and_text_keys_still_work(world):
    queryset = Digibank.objects
    pk = str(world.digibank_a.pk)
    form = ChoiceForm({"one": pk, "many": [pk]}, queryset=queryset)
    assert form.is_valid()
    assert form.cleaned_data["one"] == world.digibank_a
    # A model with a text key: a long number is just an unknown key.
    form = ChoiceForm({"one": HUGE, "many": [HUGE]}, queryset=TargetGroup.objects)
    assert not form.is_valid()


@pytest.mark.parametrize(
    "value, expected",
    [("12", 12), ("", None), ("abc", None), ("-1", None), ("0", None), (HUGE, None),
     ("²", None), ("9223372036854775807", 9223372036854775807), (None, None)],
)  # fmt: skip
def test_parse_id(value, expected):
    assert parse_id(value) == expected
