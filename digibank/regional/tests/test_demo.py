import io

import pytest

from digibank.regional import demo
from digibank.regional.models import Region
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def test_demo_region_is_idempotent():
    assert demo.load(io.StringIO(), {}) == {}  # no demo funder: nothing to do
    f.UserFactory(email="funder@digibank.invalid")
    demo.load(io.StringIO(), {})
    demo.load(io.StringIO(), {})
    region = Region.objects.get()
    assert region.municipalities.count() == 10
