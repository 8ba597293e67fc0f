import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from digibank.core.forms import MunicipalityField
from digibank.geo import reference
from digibank.geo.models import FormerMunicipality, Municipality, PostalCode, Province
from digibank.geo.text import normalise

pytestmark = pytest.mark.django_db


def test_all_565_municipalities_with_provinces_and_regions():
    assert Municipality.objects.count() == 565
    assert Province.objects.filter(is_province=True).count() == 10
    assert Municipality.objects.filter(region_id="02000").count() == 285  # Flanders
    assert Municipality.objects.filter(region_id="04000").count() == 19  # Brussels
    brugge = Municipality.objects.get(code="31005")
    assert brugge.name_nl == "Brugge"
    assert brugge.province.short_name == "West-Vlaanderen"
    assert brugge.region.name_nl == "Vlaams Gewest"


def test_lookup_by_postcode_name_and_former_name():
    assert list(Municipality.objects.lookup("8000")) == [Municipality.objects.get(code="31005")]
    knokke = Municipality.objects.get(code="31043")
    for text in ("Knokke heist", "knokke-heist", "KNOKKE–HEIST", " Knokke Heist "):
        assert list(Municipality.objects.lookup(text)) == [knokke], text
    assert Municipality.objects.lookup("Bruges").get().code == "31005"  # French
    assert Municipality.objects.lookup("Liège").get().code == "62063"
    assert Municipality.objects.lookup("liege").get().code == "62063"
    # A municipality merged in 2025 finds its successor, by name or by old code.
    assert Municipality.objects.lookup("Borgloon").get().name_nl == "Tongeren-Borgloon"
    assert Municipality.objects.lookup("73009").get().code == "73111"
    assert Municipality.objects.lookup("Bastogne").get().code == "82039"
    assert not Municipality.objects.lookup("Atlantis").exists()
    assert not Municipality.objects.lookup("").exists()


def test_postcodes_of_a_municipality_and_shared_postcodes():
    assert PostalCode.objects.filter(municipality_id="31043", postcode="8300").exists()
    # Some postcodes serve several municipalities; lookup returns them all.
    shared = Municipality.objects.lookup("1000")
    assert shared.count() >= 1


def test_merger_table():
    assert FormerMunicipality.objects.count() == len(reference.MERGERS_2025) == 29
    flemish = FormerMunicipality.objects.filter(successor__region_id="02000")
    assert flemish.count() == 27  # Borsbeek merged into Antwerpen, which kept its code
    assert flemish.values("successor").distinct().count() == 13
    for former in FormerMunicipality.objects.all():
        assert not Municipality.objects.filter(code=former.code).exclude(code="11002").exists()


def test_sync_is_idempotent():
    from digibank.geo.models import Region

    counts = reference.sync(
        Region=Region,
        Province=Province,
        Municipality=Municipality,
        PostalCode=PostalCode,
        FormerMunicipality=FormerMunicipality,
    )
    assert counts["municipalities"] == 565
    assert counts["postcodes"] == PostalCode.objects.count()


def test_municipality_field_messages():
    field = MunicipalityField()
    assert field.clean("8000").code == "31005"
    with pytest.raises(forms.ValidationError) as unknown:
        field.clean("Nergenshuizen")
    assert "Nergenshuizen" in unknown.value.messages[0]
    with pytest.raises(forms.ValidationError):
        field.clean("x" * 500)


@given(st.text(max_size=60))
def test_normalise_is_idempotent_and_plain(text):
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
    assert all(ch.isascii() for ch in once)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_municipality_field_never_crashes(text):
    field = MunicipalityField(required=False)
    try:
        result = field.clean(text)
    except forms.ValidationError:
        return
    assert result is None or isinstance(result, Municipality)
