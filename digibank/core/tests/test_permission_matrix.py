"""Every URL of the platform, for every persona, in its own and in another digibank.

Each row names a URL, how to build its arguments from the test world, and the status
code each persona must get. A URL that is added to the project without a row makes
``test_every_url_is_in_the_matrix`` fail, so no page escapes the permission check.

Modules keep their rows in ``digibank/<app>/tests/permission_matrix.py``: a ``MATRIX``
dict like the one below and, if their URLs need objects, ``extend_world(world)``.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from digibank.testing.matrix import (
    EVERYONE,
    FORBIDDEN,
    LOGGED_IN_OK,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    STAFF_A,
    TEAM_A,
    TEAMS,
    only,
)
from digibank.testing.personas import PERSONAS

# url name -> (function of world returning kwargs, expected status per persona)
MATRIX = {
    "core:home": (None, LOGGED_IN_OK),
    "core:accessibility": (None, EVERYONE),
    "core:privacy": (None, EVERYONE),
    "core:about": (None, EVERYONE),
    "core:switch_digibank": (None, {**only(set(PERSONAS), ok=NOT_ALLOWED)}),
    "health": (None, EVERYONE),
    "set_language": (None, {p: REDIRECT for p in PERSONAS}),
    "accounts:login": (None, {**{p: REDIRECT for p in PERSONAS}, "anonymous": OK}),
    "accounts:login_token": (None, {p: REDIRECT for p in PERSONAS}),
    "accounts:logout": (None, {**only(set(PERSONAS), ok=NOT_ALLOWED)}),
    "accounts:profile": (None, LOGGED_IN_OK),
    "accounts:two_factor_setup": (None, LOGGED_IN_OK),
    "accounts:two_factor_verify": (None, LOGGED_IN_OK),
    "accounts:two_factor_disable": (None, {**only(set(PERSONAS), ok=NOT_ALLOWED)}),
    "accounts:password_change": (None, LOGGED_IN_OK),
    "accounts:password_change_done": (None, LOGGED_IN_OK),
    "accounts:password_reset": (None, EVERYONE),
    "accounts:password_reset_done": (None, EVERYONE),
    "accounts:password_reset_confirm": (
        lambda w: {"uidb64": "MQ", "token": "bad-token"},
        EVERYONE,
    ),
    "accounts:password_reset_complete": (None, EVERYONE),
    "accounts:members": (None, only({"coordinator_a", "coordinator_b"})),
    "accounts:member_edit": (
        lambda w: {"pk": w.staff_a.memberships.get().pk},
        only({"coordinator_a"}, otherwise=NOT_FOUND)
        | {
            "staff_a": FORBIDDEN,
            "volunteer_a": FORBIDDEN,
            "partner_a": FORBIDDEN,
            "officer_a": FORBIDDEN,
        },
    ),
    "digibanks:current": (
        None,
        only(TEAMS | {"partner_a", "officer_a"}, otherwise=NOT_FOUND, ok=REDIRECT),
    ),
    "digibanks:detail": (
        lambda w: {"pk": w.digibank_a.pk},
        only(TEAM_A | {"admin"}, otherwise=NOT_FOUND),
    ),
    "digibanks:edit": (
        lambda w: {"pk": w.digibank_a.pk},
        only({"coordinator_a", "admin"}, otherwise=NOT_FOUND)
        | {"staff_a": FORBIDDEN, "volunteer_a": FORBIDDEN},
    ),
    "digibanks:partner_add": (None, only({"coordinator_a", "coordinator_b"})),
    "digibanks:partner_edit": (
        lambda w: {"pk": w.digibank_a.partnerships.order_by("pk").first().pk},
        only({"coordinator_a", "admin"}, otherwise=NOT_FOUND)
        | {"staff_a": FORBIDDEN, "volunteer_a": FORBIDDEN},
    ),
    "digibanks:location_add": (None, only({"coordinator_a", "coordinator_b"})),
    "digibanks:location": (
        lambda w: {"pk": w.location_a.pk},
        only(TEAM_A | {"admin"}, otherwise=NOT_FOUND),
    ),
    "digibanks:location_edit": (
        lambda w: {"pk": w.location_a.pk},
        only({"coordinator_a", "admin"}, otherwise=NOT_FOUND)
        | {"staff_a": FORBIDDEN, "volunteer_a": FORBIDDEN},
    ),
    "people:list": (None, only(TEAMS)),
    "people:create": (None, only(TEAMS)),
    "people:duplicates": (None, {**only(set(PERSONAS), ok=NOT_ALLOWED)}),
    "people:detail": (lambda w: {"pk": w.person_a.pk}, only(TEAM_A, otherwise=NOT_FOUND)),
    "people:edit": (
        lambda w: {"pk": w.person_a.pk},
        only(STAFF_A, otherwise=NOT_FOUND) | {"volunteer_a": FORBIDDEN},
    ),
    "people:export": (
        lambda w: {"pk": w.person_a.pk},
        only({"coordinator_a"}, otherwise=NOT_FOUND)
        | {"staff_a": FORBIDDEN, "volunteer_a": FORBIDDEN},
    ),
    "people:erase": (
        lambda w: {"pk": w.person_a.pk},
        only({"coordinator_a"}, otherwise=NOT_FOUND)
        | {"staff_a": FORBIDDEN, "volunteer_a": FORBIDDEN},
    ),
    "audit:list": (None, only({"coordinator_a", "coordinator_b"})),
    "figures:overview": (
        None,
        only({"coordinator_a", "staff_a", "coordinator_b", "funder", "admin"}),
    ),
    "figures:municipality": (None, only({"officer_a"})),
}


def _module_matrices():
    for config in apps.get_app_configs():
        if not config.name.startswith("digibank."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.tests.permission_matrix")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.permission_matrix":
                raise


MODULES = list(_module_matrices())
for _module in MODULES:
    _overlap = set(_module.MATRIX) & set(MATRIX)
    assert not _overlap, f"{_module.__name__} repeats rows: {_overlap}"
    MATRIX.update(_module.MATRIX)


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_matrix():
    names = {n for n in _url_names() if not n.startswith("admin:")}
    missing = sorted(names - set(MATRIX))
    assert not missing, f"add these URLs to the permission matrix: {missing}"


# More people of digibank B, each checked against its counterpart in A: a page without an
# object (a list, a form) answers them as it answers the counterpart, in their own
# digibank; a page about one of A's objects never opens for them.
OTHER_DIGIBANK = {"staff_b": "staff_a", "partner_b": "partner_a", "officer_b": "officer_a"}


@pytest.fixture
def matrix_world(world):
    from digibank.accounts.roles import Role
    from digibank.testing import factories as f

    world.location_a = f.LocationFactory(digibank=world.digibank_a)
    b = world.digibank_b
    partner_org_b = f.PartnershipFactory(
        digibank=b, organisation__name="OCMW Oostkamp"
    ).organisation
    for name, role, extra in (
        ("staff_b", Role.STAFF, {}),
        ("partner_b", Role.PARTNER, {"organisation": partner_org_b}),
        ("officer_b", Role.LOCAL_OFFICER, {"municipality": f.municipality("31022")}),
    ):
        membership = f.MembershipFactory(
            user__email=f"{name.replace('_', '.')}@example.org", digibank=b, role=role, **extra
        )
        setattr(world, name, membership.user)
    for module in MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(client, matrix_world, url_name):
    kwargs_for, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=kwargs_for(matrix_world) if kwargs_for else None)
    wrong = []
    for persona in PERSONAS:
        client.logout()
        user = matrix_world.persona(persona)
        if user is not None:
            client.force_login(user)
        status = client.get(url).status_code
        if status != expected[persona]:
            wrong.append(f"{persona}: got {status}, expected {expected[persona]}")
    for persona, counterpart in OTHER_DIGIBANK.items():
        client.force_login(matrix_world.persona(persona))
        status = client.get(url).status_code
        if expected["anonymous"] == OK or not kwargs_for or persona in expected:
            want = {expected.get(persona, expected[counterpart])}
        else:  # one of A's objects
            want = {FORBIDDEN, NOT_FOUND, NOT_ALLOWED} | (
                {expected[counterpart]} if expected[counterpart] != OK else set()
            )
        if status not in want:
            wrong.append(f"{persona}: got {status}, expected one of {sorted(want)}")
    assert not wrong, f"{url}:\n" + "\n".join(wrong)


def test_admin_is_for_platform_administrators_only(client, world):
    urls = [
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:digibanks_digibank_changelist"),
    ]
    for persona in PERSONAS:
        client.logout()
        user = world.persona(persona)
        if user is not None:
            client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            if persona == "admin":
                assert status == 200, url
            elif persona == "anonymous":
                assert status == 302, url
            else:
                assert status == 403, (persona, url)


# Who is outside digibank A: nothing of A may change when they post to it.
OUTSIDERS_OF_A = ("stranger", "coordinator_b", "volunteer_b", "funder", *OTHER_DIGIBANK)
POST_ONLY = sorted(
    name
    for name, (kwargs_for, expected) in MATRIX.items()
    if kwargs_for and all(expected[p] == NOT_ALLOWED for p in PERSONAS if p != "anonymous")
)


# Records that are not one digibank's: who outside A may act on them, and why.
NOT_ONLY_A = {
    "assessments:version_action": {"coordinator_b"},  # a default question set: any may copy it
    "regional:region_delete": {"funder"},  # the funder's own region of interest
}


@pytest.mark.parametrize("url_name", POST_ONLY)
def test_actions_on_a_digibanks_records_refuse_everyone_outside_it(client, matrix_world, url_name):
    """Buttons (POST only) on one of A's records: the GET rows above only see 405."""
    kwargs_for, _expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=kwargs_for(matrix_world))
    client.logout()
    wrong = []
    status = client.post(url).status_code
    if status != REDIRECT:
        wrong.append(f"anonymous: got {status}, expected {REDIRECT}")
    for persona in set(OUTSIDERS_OF_A) - NOT_ONLY_A.get(url_name, set()):
        client.force_login(matrix_world.persona(persona))
        status = client.post(url).status_code
        if status not in (FORBIDDEN, NOT_FOUND):
            wrong.append(f"{persona}: got {status}, expected 403 or 404")
    assert not wrong, f"POST {url}:\n" + "\n".join(wrong)
