"""The map: reach per municipality, the shipped cartogram, imported boundaries."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from digibank.geo import geometry
from digibank.geo.models import Municipality, MunicipalityBoundary
from digibank.programmes.models import ProjectStatus
from digibank.regional import layout, maps
from digibank.regional.tests import factories as rf

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.django_db


@pytest.fixture
def reached():
    digibanken = rf.programme("Digibanken")
    ocmw = rf.programme("E-inclusion for Belgium OCMW 2022", funder_name="POD MI")
    day = datetime.date(2022, 1, 1)
    r1 = rf.call_round(digibanken, opens_on=day, closes_on=day)
    r2 = rf.call_round(ocmw, opens_on=day, closes_on=day)
    # DIGbij: Borgloon and Tongeren (before 2025) are one municipality now.
    rf.project(r1, municipalities=["31004"], former=[("73009", "73111"), ("73083", "73111")])
    rf.project(r2, municipalities=["31004"])
    rf.project(r2, municipalities=["31043"], status=ProjectStatus.REJECTED)
    return digibanken, ocmw


def _by_code(places):
    return {p.code: p for p in places}


def test_reach_counts_awarded_projects_under_the_successor(reached):
    digibanken, ocmw = reached
    places = _by_code(maps.reach())
    assert len(places) == Municipality.objects.count()
    assert [p.name for p in places["31004"].programmes] == sorted([digibanken.name, ocmw.name])
    assert places["31004"].level == 2
    merged = places["73111"]
    assert merged.programmes == [digibanken]
    assert merged.former_names == ["Borgloon", "Tongeren"]
    assert "73009" not in places and "73083" not in places
    # A rejected application reaches nobody.
    assert places["31043"].programmes == []


def test_reach_filters_by_programme_and_province(reached):
    _digibanken, ocmw = reached
    places = _by_code(maps.reach(ocmw, "30000"))
    assert places["31004"].programmes == [ocmw]
    assert all(code.startswith("3") for code in places)
    assert "73111" not in places


def test_shipped_layout_places_every_municipality_inside_the_frame():
    data = layout.shipped()
    codes = set(Municipality.objects.values_list("code", flat=True))
    assert set(data["points"]) == codes
    for x, y in data["points"].values():
        assert 0 <= x <= data["width"] and 0 <= y <= data["height"]
    # Brugge lies west of Liège, and Arlon south of Antwerpen.
    assert data["points"]["31005"][0] < data["points"]["62063"][0]
    assert data["points"]["81001"][1] > data["points"]["11002"][1]


def test_layout_build_spreads_municipalities_of_one_canton():
    square = [[[4.0, 50.0], [4.2, 50.0], [4.2, 50.2], [4.0, 50.2], [4.0, 50.0]]]
    cantons = [
        {"id": "c1", "municipalities": [{"municipality": m} for m in ("1", "2", "3")]},
        {"id": "c2", "municipalities": [{"municipality": "4"}]},
    ]
    boundaries = [
        {"canton": "c1", "geometry": {"type": "Polygon", "coordinates": square}},
        {
            "canton": "c2",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x + 0.3, y] for x, y in square[0]]],
            },
        },
    ]
    data = layout.build(cantons, boundaries)
    points = data["points"]
    assert set(points) == {"1", "2", "3", "4"}
    assert len({tuple(p) for p in points.values()}) == 4
    assert points["4"][0] > max(points[c][0] for c in "123")


def test_geometry_helpers():
    ring = [(0, 0), (1, 0.001), (2, 0), (2, 2), (0, 2)]
    assert geometry.simplify(ring, 0.01) == [(0, 0), (2, 0), (2, 2), (0, 2)]
    assert geometry.contains([ring], (1, 1))
    assert not geometry.contains([ring], (3, 1))
    frame = geometry.Frame.fit([(0, 0), (10, 5)], width=120, margin=10)
    assert frame.svg((0, 5)) == (10, 10)
    assert frame.svg((10, 0)) == (110, 60)


def test_map_page_without_login_draws_points(client, reached, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("regional:map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<svg" in html
    # Coordinates are never localised (a Dutch decimal comma breaks the SVG).
    assert not re.search(r'(cx|cy)="[0-9.]*,', html)
    assert html.count("<circle") + html.count('<path d="M') >= Municipality.objects.count()
    assert "Tongeren-Borgloon" in html
    assert reverse("regional:map_table") in html


def test_map_filter_per_programme_and_bad_filter(client, reached):
    digibanken, _ocmw = reached
    response = client.get(reverse("regional:map"), {"programme": digibanken.slug})
    assert response.context["drawing"].legend[1]["count"] == 2  # 31004 and 73111
    response = client.get(reverse("regional:map"), {"programme": "no-such-thing"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_table_equivalent_with_former_names(client, reached, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("regional:map_table"))
    html = response.content.decode()
    assert "Tongeren-Borgloon" in html and "Borgloon, Tongeren" in html
    assert response.context["page_obj"].paginator.count == 2
    response = client.get(reverse("regional:map_table"), {"all": "1"})
    assert response.context["page_obj"].paginator.count == Municipality.objects.count()


def test_map_and_table_say_when_a_shown_project_is_demo_data(client, reached):
    """Demo projects carry invented municipalities: the map and its table say so, in
    Dutch, and only when a project behind what is shown is demo data."""
    digibanken, ocmw = reached
    notice = "Sommige projecten hier zijn demogegevens"
    for name in ("regional:map", "regional:map_table"):
        html = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        assert notice not in html and "demogegevens" not in html
    day = datetime.date(2022, 1, 1)
    rf.project(rf.call_round(ocmw, opens_on=day, closes_on=day), municipalities=["21004"],
               is_demo=True)  # fmt: skip
    # A rejected demo application is not shown on the map: no notice for it.
    rf.project(rf.call_round(digibanken, opens_on=day, closes_on=day), municipalities=["31043"],
               is_demo=True, status=ProjectStatus.REJECTED)  # fmt: skip
    for name in ("regional:map", "regional:map_table"):
        html = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        assert notice in html and "demogegevens</span>" in html
        # Filtered to what holds no demo project: no notice.
        for query in ({"programme": digibanken.slug}, {"province": "30000"}):
            response = client.get(reverse(name), query, HTTP_ACCEPT_LANGUAGE="nl")
            assert response.status_code == 200 and not response.context["form"].errors
            assert notice not in response.content.decode()
        brussels = Municipality.objects.get(code="21004").province_id
        response = client.get(reverse(name), {"province": brussels}, HTTP_ACCEPT_LANGUAGE="nl")
        assert notice in response.content.decode()
        html = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert "données de démonstration" in html


def test_import_boundaries_draws_areas(client, reached):
    call_command("import_boundaries", str(FIXTURES / "boundaries.geojson"))
    # Borgloon and Tongeren (pre-2025 codes) form the outline of their successor.
    assert set(MunicipalityBoundary.objects.values_list("municipality_id", flat=True)) == {
        "31004",
        "31043",
        "73111",
    }
    merged = MunicipalityBoundary.objects.get(municipality_id="73111")
    assert merged.svg_path.count("M") == 2
    html = client.get(reverse("regional:map")).content.decode()
    assert html.count('stroke="#4d4d4d" stroke-width="0.5"') == 3
    assert "url(#map-hatch-2)" in html  # 31004: two programmes, hatched, not colour only


def test_import_boundaries_refuses_a_bad_file_and_keeps_the_old_one(tmp_path):
    call_command("import_boundaries", str(FIXTURES / "boundaries.geojson"))
    bad = json.loads((FIXTURES / "boundaries.geojson").read_text())
    bad["features"][0]["properties"]["CNIS5_2025"] = "99999"
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(bad))
    with pytest.raises(CommandError):
        call_command("import_boundaries", str(path))
    assert MunicipalityBoundary.objects.count() == 3
    path.write_text("not json")
    with pytest.raises(CommandError, match="GeoJSON"):
        call_command("import_boundaries", str(path))
