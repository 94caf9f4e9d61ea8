"""The coverage report: champions, certified people per program, official accounts and their
single points of failure, duty coverage and the readiness scorecard with its evidence; the
admin page, the API, scoped HR users, the monthly summary, and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import (
    AccountStatus,
    Champion,
    ChampionSettings,
    ChampionStatus,
    DutyKind,
    DutySlot,
    SocialAccount,
)
from access.services import grant_access
from access.services.duty import hour_floor
from courses.workflow import ensure_review_workflow
from lms.models import Department
from lms.scope import Scope, whole_organisation
from reporting.coverage import MET, NOT_MET, PARTLY, coverage_report
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    accept_current_policy,
    access_ladder,
    account_with_roles,
    api_token,
    certify,
    make_course,
    make_department,
    make_hr_user,
    make_policy,
    record_completions,
)

pytestmark = pytest.mark.django_db


def person(username, department, *programs):
    user = EmployeeFactory(user__username=username, department=department).user
    certificates = [certify(user, program) for program in programs]
    return user, certificates


def champion(department, user, certificate):
    today = timezone.localdate()
    return Champion.objects.create(
        department=department,
        person=user,
        program=certificate.program,
        certificate=certificate,
        status=ChampionStatus.ACTIVE,
        term_start=today,
        term_end=today + datetime.timedelta(days=365),
    )


def cover_week(account, user):
    """Listening and triage covered from the hour now is in to eight days on."""
    start = hour_floor(timezone.now())
    for kind in DutyKind.values:
        DutySlot.objects.create(
            account=account,
            kind=kind,
            person=user,
            starts_at=start - datetime.timedelta(hours=1),
            ends_at=start + datetime.timedelta(days=8),
        )


@pytest.fixture
def org():
    """Company > Sales, Marketing > Social. Marketing owns two accounts: @Brand has two
    publishers and a manager (and a covered rota); @Careers rests on one person."""
    ladder = access_ladder()
    company = make_department("Company")
    sales = make_department("Sales", parent=company)
    marketing = make_department("Marketing", parent=company)
    social = make_department("Social", parent=marketing)
    ana, ana_certs = person("ana", marketing, ladder["professional"], ladder["spokesperson"])
    ben, ben_certs = person("ben", social, ladder["professional"])
    cal, _ = person("cal", sales, ladder["enthusiast"])
    person("dee", sales)
    brand = account_with_roles(handle="Brand", department=marketing)
    careers = account_with_roles(handle="Careers", department=social)
    grant_access(ana, brand, "manage", ana_certs[1])
    grant_access(ben, brand, "publish", ben_certs[0])
    grant_access(ana, careers, "publish", ana_certs[0])
    cover_week(brand, ana)
    champion(marketing, ana, ana_certs[1])
    old = account_with_roles(handle="Old", department=sales)
    SocialAccount.objects.filter(pk=old.pk).update(status=AccountStatus.PAUSED)
    return {
        "company": company,
        "sales": sales,
        "marketing": marketing,
        "social": social,
        "ana": ana,
        "ladder": ladder,
        "brand": brand,
        "careers": careers,
    }


def row_of(report, name):
    return next(row for row in report.rows if row.name == name)


def account_of(report, handle):
    return next(a for a in report.accounts if a.handle == handle)


def test_figures_per_department_roll_up_the_tree(org):
    report = coverage_report(whole_organisation())
    assert [p.slug for p in report.programs] == ["enthusiast", "professional", "spokesperson"]
    company, marketing = row_of(report, "Company"), row_of(report, "Marketing")
    social, sales = row_of(report, "Social"), row_of(report, "Sales")
    assert marketing.champions == [org["ana"].get_full_name()] and marketing.has_champion
    assert not company.has_champion and not sales.has_champion
    assert social.certified == {"professional": 1}
    assert marketing.certified == {"professional": 2, "spokesperson": 1}
    assert company.certified == {"professional": 2, "spokesperson": 1, "enthusiast": 1}
    assert (social.accounts, marketing.accounts, sales.accounts, company.accounts) == (1, 2, 1, 3)
    assert (social.level, marketing.level, company.level) == (2, 1, 0)


def test_an_account_resting_on_one_person_is_a_single_point_of_failure(org):
    report = coverage_report(whole_organisation())
    brand, careers = account_of(report, "@Brand"), account_of(report, "@Careers")
    assert (brand.publishers, brand.managers) == (2, 1)
    assert not brand.single_point_of_failure
    assert (careers.publishers, careers.managers) == (1, 0)
    assert careers.single_point_of_failure
    assert brand.listening_covered and brand.triage_covered
    assert not careers.listening_covered and not careers.duty_covered
    # The paused account counts too (nobody can publish on it): a single point of failure.
    assert account_of(report, "@Old").single_point_of_failure
    assert row_of(report, "Marketing").single_points == 1
    assert row_of(report, "Company").single_points == 2


def test_the_scorecard_gives_the_evidence_behind_each_line(org, catalogue, admin_user):
    def lines():
        return {line.key: line for line in coverage_report(whole_organisation()).scorecard}

    scorecard = lines()
    assert list(scorecard) == ["policy", "education", "review", "duty", "guidelines"]
    assert scorecard["policy"].status == NOT_MET
    # The catalogue has the review workflow, but nothing went through it yet.
    assert scorecard["review"].status == PARTLY
    assert "0 pages approved" in scorecard["review"].evidence[1]
    assert scorecard["guidelines"].status == NOT_MET
    assert "Settings" in scorecard["guidelines"].evidence[0]
    # @Brand is covered all week, @Careers is not: partly.
    assert scorecard["duty"].status == PARTLY
    assert "1 of 2 active accounts" in scorecard["duty"].evidence[0]
    assert "@Careers" in scorecard["duty"].evidence[1]

    policy = make_policy()
    for username in ("ana", "ben", "cal"):
        accept_current_policy(UserFactory(username=username), policy)
    course = make_course("Listening well", lessons=1, questions=0)
    record_completions(org["ana"], course)
    workflow = ensure_review_workflow(catalogue)  # already there: the same workflow
    course.title = "Listening well, again"
    course.save_revision(user=admin_user)
    workflow.start(course, admin_user)
    course.current_workflow_state.current_task_state.approve(user=admin_user)
    settings = ChampionSettings.load()
    settings.community_guidelines_url = "https://example.com/community"
    settings.save()

    scorecard = lines()
    assert scorecard["policy"].status == PARTLY  # 3 of 4: 75 %, under the target
    assert "3 of 4 active employees (75%)" in scorecard["policy"].evidence[1]
    assert scorecard["education"].status == MET
    assert "1 course completions in the last 90 days" in scorecard["education"].evidence[1]
    assert scorecard["review"].status == MET
    assert "1 pages approved" in scorecard["review"].evidence[1]
    assert scorecard["guidelines"].status == MET
    assert "https://example.com/community" in scorecard["guidelines"].evidence[0]


def test_a_scoped_hr_user_sees_only_their_departments(org, client_for):
    hr = make_hr_user("hr-sales", scope=[org["sales"]])
    client = client_for(hr)
    response = client.get(reverse("coverage_report:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sales" in html and "Marketing" not in html and "@Brand" not in html
    # Another department by id: refused without naming it.
    outside = client.get(reverse("coverage_report:index"), {"department": org["marketing"].pk})
    assert outside.status_code == 400
    assert "Marketing" not in outside.content.decode()
    api = client.get("/api/v1/reports/coverage", {"department": org["marketing"].pk})
    assert api.status_code == 400 and "Marketing" not in api.content.decode()
    body = client.get("/api/v1/reports/coverage").json()
    assert [row["name"] for row in body["departments"]] == ["Sales"]
    assert [a["handle"] for a in body["accounts"]] == ["@Old"]


def test_the_page_shows_the_scorecard_tables_and_menu_entry(org, client_for):
    hr = make_hr_user("hr-all")
    client = client_for(hr)
    response = client.get(reverse("coverage_report:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Readiness scorecard" in html and "Single point of failure" in html
    assert "Certified: Spokesperson" in html
    assert (
        reverse("coverage_report:index")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    narrowed = client.get(reverse("coverage_report:index"), {"department": org["social"].pk})
    assert "@Careers" in narrowed.content.decode() and "@Brand" not in narrowed.content.decode()
    csv = client.get(reverse("coverage_report:index"), {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Certified: Professional" in text and "Marketing" in text


def test_people_outside_hr_and_tokens_without_the_scope_are_refused(org, client_for, client):
    outsider = client_for(UserFactory(username="outsider"))
    assert outsider.get(reverse("coverage_report:index")).status_code in {302, 403}
    assert outsider.get("/api/v1/reports/coverage").status_code == 403
    _token, raw = api_token("accounts:read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/reports/coverage", **auth).status_code == 403
    _token, raw = api_token("reports:read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    body = client.get("/api/v1/reports/coverage", **auth).json()
    assert body["totals"]["single_points_of_failure"] == 2
    assert body["totals"]["certified"] == {"enthusiast": 1, "professional": 2, "spokesperson": 1}
    assert {line["key"]: line["status"] for line in body["scorecard"]}["duty"] == "partly"
    bad = client.get("/api/v1/reports/coverage", {"department": "x" * 30}, **auth)
    assert bad.status_code == 400


def grow(org, size):
    """More departments, people, certificates, champions, accounts, grants and slots."""
    ladder = org["ladder"]
    for n in range(size):
        department = make_department(f"Unit {size}-{n}", parent=org["company"])
        user, certs = person(f"p{size}-{n}", department, ladder["professional"])
        account = account_with_roles(handle=f"U{size}x{n}", department=department)
        grant_access(user, account, "publish", certs[0])
        champion(department, user, certs[0])
        cover_week(account, user)


@pytest.mark.parametrize("size", [1, 6])
def test_the_report_keeps_a_fixed_number_of_queries(
    org, size, client_for, django_assert_max_num_queries
):
    grow(org, size)
    ChampionSettings.load()  # the settings row exists at both sizes
    with django_assert_max_num_queries(14):
        report = coverage_report(whole_organisation())
    assert len(report.accounts) == 3 + size
    client = client_for(make_hr_user("hr-q"))
    client.get("/api/v1/reports/coverage")  # sessions, permissions: warm
    with django_assert_max_num_queries(24):
        assert client.get("/api/v1/reports/coverage").status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(reverse("coverage_report:index")).status_code == 200


def test_the_monthly_summary_carries_coverage(org, mailoutbox):
    from reporting.summary import send_monthly_summaries

    make_hr_user("hr-mail", email="hr@example.com")
    assert send_monthly_summaries() == 1
    [mail] = mailoutbox
    assert "Coverage" in mail.body
    assert "single point of failure" in mail.body.lower()
    from reporting.models import ReportSnapshot

    figures = ReportSnapshot.objects.get().figures
    assert figures["coverage"]["single_points_of_failure"] == 2
    assert figures["coverage"]["with_champion"] == 1


def test_scope_of_several_subtrees_keeps_each_top_at_level_zero(org):
    # Departments are kept in name order: adding Marketing moved Sales; read them afresh.
    sales, social = (Department.objects.get(pk=org[name].pk) for name in ("sales", "social"))
    report = coverage_report(Scope(departments=(sales, social)))
    assert sorted((row.name, row.level) for row in report.rows) == [("Sales", 0), ("Social", 0)]
    assert [a.handle for a in report.accounts] == ["@Careers", "@Old"] or [
        a.handle for a in report.accounts
    ] == ["@Old", "@Careers"]
