"""The managers' entry forms: payments, budget lines, reports, costs and milestones.

Each form: the happy path, bad input (a message, nothing saved), and who may use it.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.programmes import services
from digibank.programmes.models import BudgetLine, CostLine, Payment, Report
from digibank.programmes.tests.factories import ProjectFactory, awarded_project

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def project():
    return awarded_project(status="running", amount=Decimal("100000"))


@pytest.fixture
def manager(client, world):
    client.force_login(world.admin)
    return client


def _url(name, project, **kw):
    return reverse(f"programmes:{name}", kwargs={"pk": project.pk, **kw})


def _errors(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    return html


# --- Payments ----------------------------------------------------------------------------


def test_plan_a_payment_as_a_percentage_and_record_it_paid(manager, project):
    response = manager.post(
        _url("payment_add", project),
        {"kind": "advance", "percentage": "80", "planned_on": "2022-05-01", "reference": "B-1"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"{project.get_absolute_url()}#payments")
    payment = project.payments.get()
    assert payment.planned_amount == Decimal("80000.00") and payment.reference == "B-1"

    url = _url("payment_paid", project, payment_pk=payment.pk)
    assert manager.get(url).context["form"].initial["paid_amount"] == Decimal("80000.00")
    response = manager.post(url, {"paid_on": "2022-05-03", "paid_amount": "80000"})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.paid_on == D(2022, 5, 3) and payment.paid_amount == Decimal("80000")
    # Who entered it is kept and shown.
    assert payment.changed_by is not None and payment.changed_at is not None
    page = manager.get(project.get_absolute_url()).content.decode()
    assert payment.changed_by.display_name in page


def test_a_recovery_is_its_own_kind_and_counts_negative(manager, project):
    response = manager.post(
        _url("payment_add", project), {"kind": "recovery", "planned_amount": "1500"}
    )
    assert response.status_code == 302
    recovery = project.payments.get()
    assert recovery.signed_planned == Decimal("-1500")
    services.record_paid(payment=recovery, by=None, paid_on=D(2024, 1, 5), paid_amount=1500)
    page = manager.get(project.get_absolute_url())
    assert page.context["payment_totals"]["paid"] == Decimal("-1500")


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "advance"},  # neither amount nor percentage
        {"kind": "advance", "planned_amount": "-5"},
        {"kind": "advance", "percentage": "120"},
        {"kind": "bonus", "planned_amount": "5"},
        {"kind": "advance", "planned_amount": "100000.01"},  # more than approved
        {"kind": "advance", "planned_amount": "10", "planned_on": "2001-01-01"},  # before
        {"kind": "advance", "planned_amount": "abc", "planned_on": "31/02/2022"},
    ],
)
def test_bad_payments_are_refused_with_a_message(manager, project, data):
    _errors(manager.post(_url("payment_add", project), data))
    assert not Payment.objects.exists()


def test_the_instalments_cannot_add_up_to_more_than_the_approved_amount(manager, project):
    services.plan_payment(project=project, by=None, kind="advance", percentage=Decimal("80"))
    html = _errors(
        manager.post(_url("payment_add", project), {"kind": "balance", "percentage": "30"})
    )
    assert "approved amount" in html or "goedgekeurde bedrag" in html
    assert project.payments.count() == 1


def test_a_negative_or_future_payment_is_not_recorded(manager, project):
    payment = services.plan_payment(
        project=project, by=None, kind="advance", planned_amount=Decimal("80000")
    )
    url = _url("payment_paid", project, payment_pk=payment.pk)
    _errors(manager.post(url, {"paid_on": "2022-05-03", "paid_amount": "-1"}))
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    _errors(manager.post(url, {"paid_on": future, "paid_amount": "1"}))
    _errors(manager.post(url, {"paid_on": "", "paid_amount": "1"}))
    payment.refresh_from_db()
    assert payment.paid_on is None and payment.paid_amount is None


def test_a_project_that_is_not_approved_gets_no_payments(manager):
    project = ProjectFactory()
    _errors(manager.post(_url("payment_add", project), {"kind": "advance", "planned_amount": 1}))
    assert not Payment.objects.exists()


def test_a_payment_of_another_project_is_not_found(manager, project):
    other = awarded_project()
    payment = services.plan_payment(project=other, by=None, kind="advance", planned_amount=1)
    url = _url("payment_paid", project, payment_pk=payment.pk)
    assert manager.get(url).status_code == 404


# --- Budget lines ------------------------------------------------------------------------


def test_add_and_change_a_budget_line(manager, project):
    response = manager.post(
        _url("budget_line_add", project),
        {"category": "staff", "label": "Coördinator", "amount": "60000"},
    )
    assert response.status_code == 302
    line = project.budget_lines.get()
    url = _url("budget_line_edit", project, line_pk=line.pk)
    assert manager.get(url).context["form"].initial["label"] == "Coördinator"
    response = manager.post(url, {"category": "staff", "label": "Coach", "amount": "65000"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.label == "Coach" and line.amount == Decimal("65000")


@pytest.mark.parametrize(
    "data",
    [
        {"category": "staff", "label": "X", "amount": "-1"},
        {"category": "staff", "label": "", "amount": "1"},
        {"category": "nonsense", "label": "X", "amount": "1"},
        {"category": "staff", "label": "X", "amount": "1e30"},
    ],
)
def test_bad_budget_lines_are_refused(manager, project, data):
    _errors(manager.post(_url("budget_line_add", project), data))
    assert not BudgetLine.objects.exists()


# --- Reports and costs -------------------------------------------------------------------


def test_report_duty_submitted_approved_and_costs(manager, project):
    line = services.save_budget_line(
        project=project, by=None, category="investment", label="Laptops", amount=Decimal("20000")
    )
    response = manager.post(
        _url("report_add", project),
        {"period": "interim", "nature": "financial", "due_on": "2023-03-31"},
    )
    assert response.status_code == 302
    report = project.reports.get()

    url = _url("cost_line_add", project, report_pk=report.pk)
    response = manager.post(
        url, {"budget_line": line.pk, "amount": "12500.50", "description": "50 laptops"}
    )
    assert response.status_code == 302
    assert manager.post(url, {"budget_line": line.pk, "amount": "9000"}).status_code == 302

    url = _url("report_submitted", project, report_pk=report.pk)
    response = manager.post(url, {"submitted_on": "2023-03-20", "users_reached": "640"})
    assert response.status_code == 302
    report.refresh_from_db()
    project.refresh_from_db()
    assert report.submitted_on == D(2023, 3, 20) and project.users_reached == 640

    url = _url("report_approved", project, report_pk=report.pk)
    assert manager.post(url, {"approved_on": "2023-04-10"}).status_code == 302
    report.refresh_from_db()
    assert report.approved_on == D(2023, 4, 10)

    # Spent against budget on the project page, over budget marked.
    page = manager.get(project.get_absolute_url())
    (shown,) = page.context["budget_lines"]
    assert shown.spent == Decimal("21500.50") and shown.remaining == Decimal("-1500.50")
    assert "over budget" in page.content.decode() or "boven budget" in page.content.decode()
    # An approved report's costs are closed.
    url = _url("cost_line_add", project, report_pk=report.pk)
    _errors(manager.post(url, {"budget_line": line.pk, "amount": "1"}))
    assert CostLine.objects.count() == 2


def test_approval_only_after_submission(manager, project):
    report = services.add_report(
        project=project, by=None, period="final", nature="content", due_on=D(2024, 3, 31)
    )
    url = _url("report_approved", project, report_pk=report.pk)
    _errors(manager.post(url, {"approved_on": "2024-04-01"}))
    report.refresh_from_db()
    assert report.approved_on is None
    services.record_submitted(report=report, by=None, submitted_on=D(2024, 3, 30))
    _errors(manager.post(url, {"approved_on": "2024-03-01"}))  # before submission
    report.refresh_from_db()
    assert report.approved_on is None


@pytest.mark.parametrize(
    "data",
    [
        {"period": "interim", "nature": "financial", "due_on": ""},
        {"period": "halfway", "nature": "financial", "due_on": "2023-03-31"},
        {"period": "interim", "nature": "financial", "due_on": "2023-02-30"},
    ],
)
def test_bad_reporting_duties_are_refused(manager, project, data):
    _errors(manager.post(_url("report_add", project), data))
    assert not Report.objects.exists()


def test_submission_refuses_bad_numbers_and_dates(manager, project):
    report = services.add_report(
        project=project, by=None, period="interim", nature="content", due_on=D(2023, 3, 31)
    )
    url = _url("report_submitted", project, report_pk=report.pk)
    for data in (
        {"submitted_on": "2023-03-20", "users_reached": "-4"},
        {"submitted_on": "2001-01-01"},  # before the application
        {"submitted_on": "not a date"},
    ):
        _errors(manager.post(url, data))
    report.refresh_from_db()
    assert report.submitted_on is None


def test_costs_only_against_a_budget_line_of_the_same_project(manager, project):
    report = services.add_report(
        project=project, by=None, period="final", nature="financial", due_on=D(2024, 3, 31)
    )
    other = awarded_project()
    foreign = services.save_budget_line(
        project=other, by=None, category="staff", label="Elders", amount=Decimal("100")
    )
    url = _url("cost_line_add", project, report_pk=report.pk)
    _errors(manager.post(url, {"budget_line": foreign.pk, "amount": "10"}))
    # The service says no too, when called from elsewhere.
    with pytest.raises(services.ProgrammeError):
        services.add_cost_line(report=report, by=None, budget_line=foreign, amount=Decimal("1"))
    # And costs belong in a financial report only.
    own = services.save_budget_line(
        project=project, by=None, category="staff", label="Eigen", amount=Decimal("100")
    )
    content = services.add_report(
        project=project, by=None, period="final", nature="content", due_on=D(2024, 3, 31)
    )
    _errors(
        manager.post(
            _url("cost_line_add", project, report_pk=content.pk),
            {"budget_line": own.pk, "amount": "10"},
        )
    )
    _errors(manager.post(url, {"budget_line": own.pk, "amount": "-10"}))
    assert not CostLine.objects.exists()


# --- Milestones --------------------------------------------------------------------------


def test_record_the_evidence_and_due_date_of_a_milestone(manager, project):
    milestone = project.programme.milestones.create(
        name="100 gemeenten", measure="municipalities", target=100
    )
    url = reverse(
        "programmes:milestone_edit",
        kwargs={"slug": project.programme.slug, "pk": milestone.pk},
    )
    response = manager.post(
        url, {"evidence_note": "Getekende partnerschapsovereenkomsten", "due_on": "2026-07-31"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#milestones")
    milestone.refresh_from_db()
    assert milestone.evidence_note.startswith("Getekende") and milestone.due_on == D(2026, 7, 31)
    _errors(manager.post(url, {"evidence_note": "x", "due_on": "2026-13-01"}))
    milestone.refresh_from_db()
    assert milestone.evidence_note.startswith("Getekende")
    # A milestone of another programme is not found under this one.
    other = awarded_project().programme.milestones.create(
        name="Elders", measure="municipalities", target=1
    )
    url = reverse(
        "programmes:milestone_edit", kwargs={"slug": project.programme.slug, "pk": other.pk}
    )
    assert manager.get(url).status_code == 404


# --- Who may -----------------------------------------------------------------------------


def _entry_urls(project):
    payment = services.plan_payment(project=project, by=None, kind="advance", planned_amount=1)
    line = services.save_budget_line(
        project=project, by=None, category="staff", label="X", amount=Decimal("1")
    )
    report = services.add_report(
        project=project, by=None, period="final", nature="financial", due_on=D(2024, 3, 31)
    )
    milestone = project.programme.milestones.create(name="M", measure="municipalities", target=1)
    return [
        _url("payment_add", project),
        _url("payment_paid", project, payment_pk=payment.pk),
        _url("budget_line_add", project),
        _url("budget_line_edit", project, line_pk=line.pk),
        _url("report_add", project),
        _url("report_submitted", project, report_pk=report.pk),
        _url("report_approved", project, report_pk=report.pk),
        _url("cost_line_add", project, report_pk=report.pk),
        reverse(
            "programmes:milestone_edit",
            kwargs={"slug": project.programme.slug, "pk": milestone.pk},
        ),
    ]


@pytest.mark.parametrize("persona", ["coordinator_a", "officer_a", "funder", "volunteer_a"])
def test_only_programme_managers_may_enter_anything(client, world, project, persona):
    """Viewers without programme.manage (the digibank's coordinator, the local officer, the funder)
    and volunteers get 403 on every entry form, for GET and POST, and nothing changes."""
    project.digibanks.add(world.digibank_a)
    urls = _entry_urls(project)
    client.force_login(getattr(world, persona))
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"kind": "advance", "planned_amount": "5"}).status_code == 403
    assert project.payments.count() == 1
    # The project page shows no entry links to them.
    if persona != "volunteer_a":
        html = client.get(project.get_absolute_url()).content.decode()
        assert _url("payment_add", project) not in html


def test_project_page_queries_do_not_grow_with_payments_reports_and_costs(
    manager, project, django_assert_max_num_queries
):
    def add_rows(start, n):
        for i in range(start, start + n):
            payment = services.plan_payment(
                project=project, by=None, kind="interim", planned_amount=Decimal("10")
            )
            services.record_paid(
                payment=payment, by=None, paid_on=D(2023, 1, 1), paid_amount=Decimal("10")
            )
            line = services.save_budget_line(
                project=project, by=None, category="other", label=f"L{i}", amount=Decimal("50")
            )
            report = services.add_report(
                project=project,
                by=None,
                period="interim",
                nature="financial",
                due_on=D(2023, 1, 1) + datetime.timedelta(days=i),
            )
            services.add_cost_line(report=report, by=None, budget_line=line, amount=Decimal("5"))
            services.add_cost_line(report=report, by=None, budget_line=line, amount=Decimal("6"))

    add_rows(0, 1)
    url = project.get_absolute_url()
    with django_assert_max_num_queries(30) as few:
        assert manager.get(url).status_code == 200
    add_rows(1, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = manager.get(url)
    assert len(response.context["budget_lines"]) == 9


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_payments_never_exceed_the_approved_amount():
    """The row lock on the project makes the sum check hold under parallel requests."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django.utils import translation

    project = awarded_project(status="running", amount=Decimal("100000"))

    def plan(_):
        translation.activate("en")
        try:
            services.plan_payment(
                project=project, by=None, kind="interim", percentage=Decimal("30")
            )
            return "ok"
        except services.ProgrammeError as exc:
            return str(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(plan, range(10)))
    assert results.count("ok") == 3
    assert sum(p.planned_amount for p in project.payments.all()) == Decimal("90000")


def test_the_project_page_shows_what_the_result_tiers_earn(manager, project):
    from digibank.programmes.models import ResultTier
    from digibank.programmes.tests.factories import TrackFactory

    track = TrackFactory(programme=project.programme)
    project.track = track
    for start, amount in ((0, 350000), (1001, 100000), (1501, 30000), (1751, 20000)):
        ResultTier.objects.create(track=track, from_users=start, amount=amount)
    project.users_reached = 1200
    project.save()
    result = services.result_amount(project)
    assert (result.earned, result.next_from, result.next_amount) == (
        Decimal("450000"), 1501, Decimal("30000"),
    )  # fmt: skip
    page = manager.get(project.get_absolute_url()).content.decode()
    assert "450.000,00" in page and "1501" in page
