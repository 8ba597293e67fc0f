import pytest

from digibank.accounts import permissions
from digibank.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_every_role_has_known_actions():
    for role in Role:
        assert permissions.ROLE_ACTIONS[role] <= permissions.ACTIONS


def test_unknown_action_fails_loudly(world):
    with pytest.raises(ValueError):
        permissions.can(world.staff_a, "person.veiw", world.digibank_a)


def test_scope_per_role(world):
    a, b = world.digibank_a.pk, world.digibank_b.pk
    assert permissions.digibank_scope(world.staff_a, "person.view") == {a}
    assert permissions.digibank_scope(world.volunteer_a, "person.view_sensitive") == set()
    assert permissions.digibank_scope(world.funder, "figures.view") is permissions.ALL
    assert permissions.digibank_scope(world.funder, "person.view") == set()
    assert permissions.digibank_scope(world.admin, "person.view") == set()
    assert permissions.digibank_scope(world.coordinator_b, "audit.view") == {b}
    assert permissions.partner_organisation_ids(world.partner_a) == {world.partner_org_a.pk}
    assert permissions.officer_municipality_ids(world.officer_a) == {"31043"}


def test_inactive_membership_gives_nothing(world):
    membership = world.staff_a.memberships.get()
    membership.is_active = False
    membership.save()
    permissions.forget(world.staff_a)
    assert not permissions.can(world.staff_a, "person.view", world.digibank_a)
