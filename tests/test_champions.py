"""Champions: nominated by HR (in their scope) or the social media team, or self-nominated and
approved; resting on a certificate of the named program, lapsing when it ends, moving with its
renewal, ended by hand or by the daily sweep; the "Who to ask" directory, "My team", the admin
screens and the API, with the bad input each refuses."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from access.models import AuditAction, AuditEntry, Champion, ChampionSettings, ChampionStatus
from access.services import champions as services
from access.tasks import end_champion_terms
from certification.models import Certificate
from certification.services import expire_certificates, revoke_certificate
from certification.setup import TEAM
from certification.signals import certificate_renewed, certificates_suspended
from lms.setup import setup_group
from tests.factories import (
    CertificateFactory,
    EmployeeFactory,
    UserFactory,
    WebhookEndpointFactory,
    access_ladder,
    api_token,
    certify,
    make_department,
    make_hr_user,
)
from webhooks.models import OutboxEvent

pytestmark = pytest.mark.django_db

CHAMPION_EVENTS = ["champion.nominated", "champion.appointed", "champion.ended", "champion.lapsed"]


@pytest.fixture(autouse=True)
def endpoint():
    return WebhookEndpointFactory(events=CHAMPION_EVENTS)


@pytest.fixture
def org():
    company = make_department("Company")
    sales = make_department("Sales", company)
    emea = make_department("EMEA", sales)
    marketing = make_department("Marketing", company)
    # Siblings are kept in name order: adding Marketing moved Sales (and EMEA) in the tree.
    departments = {"company": company, "sales": sales, "emea": emea, "marketing": marketing}
    for department in departments.values():
        department.refresh_from_db()
    return departments


@pytest.fixture
def programs():
    return access_ladder()


@pytest.fixture
def team():
    user = UserFactory(username="social-team")
    group, missing = setup_group(TEAM)
    user.groups.add(group)
    return user


def employee(department, program=None, **fields):
    person = EmployeeFactory(department=department, **fields).user
    if program is not None:
        certify(person, program)
    return person


def events(event_type):
    return [event.data for event in OutboxEvent.objects.filter(type=event_type).order_by("pk")]


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- Nominating -------------------------------------------------------------------------------


def test_hr_appoints_at_once_for_a_term_the_certificate_caps(org, programs):
    hr = make_hr_user(scope=[org["sales"]])
    settings = ChampionSettings.load()
    settings.term_days = 400
    settings.save()
    person = employee(org["emea"], programs["spokesperson"])
    certificate = Certificate.objects.get(holder=person)

    champion = services.nominate(org["sales"], person, by=hr, note="Knows the region")

    champion.refresh_from_db()
    today = timezone.localdate()
    assert champion.status == ChampionStatus.ACTIVE
    assert champion.program == programs["spokesperson"]  # no program named: the highest tier
    assert champion.certificate == certificate
    assert champion.term_start == today
    # 400 days asked, but the certificate ends sooner: the term ends with it.
    assert champion.term_end == timezone.localdate(certificate.expires_at)
    assert champion.term_end < today + datetime.timedelta(days=400)
    assert champion.decided_by == hr and not champion.self_nominated
    (entry,) = entries(AuditAction.CHAMPION_APPOINTED)
    assert entry.actor == hr and entry.subject == person and entry.certificate == certificate
    assert entry.details["department"] == "Sales"
    (event,) = events("champion.appointed")
    assert event["champion_id"] == champion.pk
    assert event["department"]["code"] == "sales"
    assert event["status"] == "active" and event["certificate"] == certificate.serial
    assert event["term_end"] == champion.term_end.isoformat()


def test_the_named_program_is_required_and_a_higher_one_covers_it(org, programs, team):
    settings = ChampionSettings.load()
    settings.program = programs["professional"]
    settings.term_days = 30
    settings.save()
    professional = employee(org["marketing"], programs["professional"])
    spokesperson = employee(org["marketing"], programs["spokesperson"])

    first = services.nominate(org["marketing"], professional, by=team)
    second = services.nominate(org["marketing"], spokesperson, by=team)

    assert first.program == programs["professional"] == second.program
    assert first.term_end == timezone.localdate() + datetime.timedelta(days=30)
    assert second.certificate.program == programs["spokesperson"]


def test_a_champion_without_the_required_certificate_is_refused(org, programs, team, client_for):
    person = employee(org["sales"], programs["professional"])  # Spokesperson is required
    expired = employee(org["sales"])
    CertificateFactory(
        holder=expired,
        program=programs["spokesperson"],
        issued_at=timezone.now() - datetime.timedelta(days=400),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )

    for candidate in (person, expired):
        with pytest.raises(services.NotChampionCertified) as refused:
            services.nominate(org["sales"], candidate, by=team)
        assert refused.value.status == 409
        assert "holds no valid Spokesperson certificate" in refused.value.message

    page = client_for(team).post(
        "/admin/access_champions/nominate/",
        {"department": org["sales"].pk, "email": person.email, "note": ""},
    )
    assert page.status_code == 200
    assert "holds no valid Spokesperson certificate" in page.content.decode()
    assert not Champion.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_a_scoped_hr_user_cannot_nominate_outside_their_departments(org, programs, client_for):
    hr = make_hr_user(scope=[org["sales"]])
    person = employee(org["marketing"], programs["spokesperson"])

    with pytest.raises(services.DepartmentNotFound) as refused:
        services.nominate(org["marketing"], person, by=hr)
    assert refused.value.status == 404
    assert "Marketing" not in refused.value.message

    client = client_for(hr)
    form = client.get("/admin/access_champions/nominate/").content.decode()
    assert ">EMEA<" in form.replace("— ", "") and "Marketing" not in form
    page = client.post(
        "/admin/access_champions/nominate/",
        {"department": org["marketing"].pk, "email": person.email},
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "Choose one of the departments in the list." in body
    assert "Marketing" not in body
    assert not Champion.objects.exists()

    # A champion of another department: not listed, and its pages answer 404.
    team = UserFactory(is_superuser=True)
    other = services.nominate(org["marketing"], person, by=team)
    assert client.get("/admin/access_champions/").content.decode().count(person.email) == 0
    assert client.get(f"/admin/access_champions/inspect/{other.pk}/").status_code == 404
    assert client.get(f"/admin/access_champions/end/{other.pk}/").status_code == 404
    with pytest.raises(services.DepartmentNotFound):
        services.end(other, by=hr, reason="Not mine to end")
    other.refresh_from_db()
    assert other.status == ChampionStatus.ACTIVE


def test_a_duplicate_nomination_is_refused(org, programs, team, client_for):
    person = employee(org["sales"], programs["spokesperson"])
    services.nominate(org["sales"], person, by=team)

    with pytest.raises(services.DuplicateChampion) as refused:
        services.nominate(org["sales"], person, by=team)
    assert refused.value.status == 409
    page = client_for(team).post(
        "/admin/access_champions/nominate/",
        {"department": org["sales"].pk, "email": person.email},
    )
    assert "is already a champion of Sales" in page.content.decode()
    assert Champion.objects.count() == 1
    assert len(events("champion.appointed")) == 1


def test_only_hr_and_the_team_nominate_others(org, programs, client_for):
    colleague = employee(org["sales"])
    person = employee(org["sales"], programs["spokesperson"])
    with pytest.raises(services.AccessError) as refused:
        services.nominate(org["sales"], person, by=colleague)
    assert refused.value.status == 403
    outsider = employee(org["emea"], programs["spokesperson"])
    with pytest.raises(services.ChampionError, match="does not work in Marketing"):
        services.nominate(org["marketing"], outsider, by=UserFactory(is_superuser=True))
    assert not Champion.objects.exists()


def test_the_nominate_form_needs_an_employee_of_the_department(org, programs, team, client_for):
    page = client_for(team).post(
        "/admin/access_champions/nominate/",
        {"department": org["sales"].pk, "email": "nobody@example.com"},
    )
    assert page.status_code == 200
    assert "Nobody with this e-mail address works in the chosen department." in (
        page.content.decode()
    )
    page = client_for(team).post(
        "/admin/access_champions/nominate/", {"department": "x", "email": "not an address"}
    )
    assert page.status_code == 200
    assert not Champion.objects.exists()


# --- Self-nomination and approval -------------------------------------------------------------


def test_a_self_nomination_waits_for_the_team_which_approves_it(org, programs, team, client_for):
    person = employee(org["emea"], programs["spokesperson"])

    response = client_for(person).post(
        "/champions/", {"department": org["sales"].pk, "note": "I run our LinkedIn page"}
    )

    assert response.status_code == 302
    champion = Champion.objects.get()
    assert champion.status == ChampionStatus.NOMINATED and champion.self_nominated
    assert champion.term_start is None
    assert champion.department == org["sales"]
    assert [e["status"] for e in events("champion.nominated")] == ["nominated"]
    assert entries(AuditAction.CHAMPION_NOMINATED)[0].actor == person
    page = client_for(person).get("/champions/").content.decode()
    assert "waits for the social media team" in page

    # HR does not decide self-nominations; the team does.
    hr = make_hr_user()
    assert client_for(hr).get(f"/admin/access_champions/decide/{champion.pk}/").status_code in (
        302,
        403,
    )
    form = client_for(team).get(f"/admin/access_champions/decide/{champion.pk}/")
    assert form.status_code == 200
    assert "valid until" in form.content.decode()
    response = client_for(team).post(
        f"/admin/access_champions/decide/{champion.pk}/", {"decision": "approve", "note": ""}
    )
    assert response.status_code == 302
    champion.refresh_from_db()
    assert champion.status == ChampionStatus.ACTIVE
    assert champion.decided_by == team and champion.term_start == timezone.localdate()
    assert [e["status"] for e in events("champion.appointed")] == ["active"]
    with pytest.raises(services.AccessError) as refused:
        services.decide(champion, by=team, approve=True)
    assert refused.value.status == 409


def test_the_team_declines_a_self_nomination_with_a_note(org, programs, team, client_for):
    person = employee(org["sales"], programs["spokesperson"])
    champion = services.nominate(org["sales"], person, by=person, self_nominated=True)
    url = f"/admin/access_champions/decide/{champion.pk}/"

    page = client_for(team).post(url, {"decision": "reject", "note": ""})
    assert page.status_code == 200
    assert "Say why the request is rejected." in page.content.decode()
    with pytest.raises(services.ChampionError, match="Say why the nomination is declined."):
        services.decide(champion, by=team, approve=False, note=" ")
    client_for(team).post(url, {"decision": "reject", "note": "Sales has a champion"})

    champion.refresh_from_db()
    assert champion.status == ChampionStatus.DECLINED
    assert champion.end_reason == "Sales has a champion"
    assert entries(AuditAction.CHAMPION_DECLINED)[0].reason == "Sales has a champion"
    assert not events("champion.appointed")


def test_self_nomination_for_another_department_is_refused(org, programs, client_for):
    person = employee(org["emea"], programs["spokesperson"])
    colleague = employee(org["emea"])

    page = client_for(person).post("/champions/", {"department": org["marketing"].pk})
    assert page.status_code == 400
    assert "Choose your department or one above it." in page.content.decode()
    with pytest.raises(services.AccessError) as refused:
        services.nominate(org["marketing"], person, by=person, self_nominated=True)
    assert refused.value.status == 403
    with pytest.raises(services.AccessError):  # nominating someone else as "self"
        services.nominate(org["emea"], colleague, by=person, self_nominated=True)
    # Without the certificate: a form error that says what is missing.
    page = client_for(colleague).post("/champions/", {"department": org["emea"].pk})
    assert page.status_code == 400
    assert "holds no valid Spokesperson certificate" in page.content.decode()
    assert not Champion.objects.exists()


# --- Lapse, renewal, end, the sweep -----------------------------------------------------------


def test_a_role_lapses_when_its_certificate_expires(org, programs, team):
    person = employee(org["sales"], programs["spokesperson"])
    certificate = Certificate.objects.get(holder=person)
    champion = services.nominate(org["sales"], person, by=team)

    expire_certificates(certificate.expires_at + datetime.timedelta(minutes=1))

    champion.refresh_from_db()
    assert champion.status == ChampionStatus.LAPSED
    assert champion.end_reason == "Certificate expired" and champion.ended_at is not None
    (entry,) = entries(AuditAction.CHAMPION_LAPSED)
    assert entry.subject == person and entry.certificate == certificate
    assert entry.actor is None and entry.reason == "Certificate expired"
    (event,) = events("champion.lapsed")
    assert event["status"] == "lapsed" and event["reason"] == "Certificate expired"
    assert not Champion.objects.active().exists()


def test_a_leaver_s_roles_and_nominations_end_with_them(org, programs, team):
    from lms.services import deactivate_employee

    person = employee(org["sales"], programs["spokesperson"])
    champion = services.nominate(org["sales"], person, by=team)
    deactivate_employee(person.employee)

    champion.refresh_from_db()
    assert champion.status == ChampionStatus.ENDED
    assert champion.end_reason == "Left the organisation"
    (entry,) = entries(AuditAction.CHAMPION_ENDED)
    assert entry.subject == person and entry.actor is None
    (event,) = events("champion.ended")
    assert event["status"] == "ended"
    assert not Champion.objects.active().exists()


def test_a_role_lapses_when_its_certificate_is_revoked_or_suspended(org, programs, team):
    revoked = employee(org["sales"], programs["spokesperson"])
    suspended = employee(org["sales"], programs["spokesperson"])
    first = services.nominate(org["sales"], revoked, by=team)
    second = services.nominate(org["sales"], suspended, by=team)
    nominated = employee(org["sales"], programs["spokesperson"])
    waiting = services.nominate(org["sales"], nominated, by=nominated, self_nominated=True)

    revoke_certificate(first.certificate, reason="Leaked a launch", by=team)
    certificates_suspended.send(
        sender=Certificate,
        certificate_ids=[second.certificate_id, waiting.certificate_id],
        reason="Policy not accepted",
    )

    for champion in (first, second, waiting):
        champion.refresh_from_db()
        assert champion.status == ChampionStatus.LAPSED
    assert first.end_reason == "Certificate revoked: Leaked a launch"
    assert second.end_reason == "Certificate suspended: Policy not accepted"
    assert {e.subject_id for e in entries(AuditAction.CHAMPION_LAPSED)} == {
        revoked.pk,
        suspended.pk,
        nominated.pk,
    }
    assert entries(AuditAction.CHAMPION_LAPSED)[0].actor == team
    assert len(events("champion.lapsed")) == 3
    # The team (not staff, owning no account) reads them in the audit log.
    assert not team.is_staff
    visible = AuditEntry.objects.visible_to(team).filter(action=AuditAction.CHAMPION_LAPSED)
    assert visible.count() == 3
    assert not AuditEntry.objects.visible_to(revoked).exists()


def test_a_renewed_certificate_carries_the_role_and_its_term(org, programs, team):
    settings = ChampionSettings.load()
    settings.program = programs["professional"]
    settings.term_days = 1000
    settings.save()
    person = employee(org["sales"], programs["professional"])
    old = Certificate.objects.get(holder=person)
    champion = services.nominate(org["sales"], person, by=team)
    assert champion.term_end == timezone.localdate(old.expires_at)
    new = CertificateFactory(
        holder=person,
        program=programs["spokesperson"],
        expires_at=old.expires_at + datetime.timedelta(days=365),
    )

    certificate_renewed.send(sender=Certificate, old=old, new=new)

    champion.refresh_from_db()
    assert champion.status == ChampionStatus.ACTIVE
    assert champion.certificate == new
    assert champion.term_end == timezone.localdate(new.expires_at)
    (entry,) = entries(AuditAction.CHAMPION_RENEWED)
    assert entry.details["renews"] == old.serial
    assert not events("champion.lapsed")


def test_the_team_ends_a_role_with_a_reason(org, programs, team, client_for):
    person = employee(org["sales"], programs["spokesperson"])
    champion = services.nominate(org["sales"], person, by=team)
    url = f"/admin/access_champions/end/{champion.pk}/"

    page = client_for(team).post(url, {"reason": ""})
    assert page.status_code == 200
    assert "This field is required." in page.content.decode()
    assert client_for(team).post(url, {"reason": "Moved to Marketing"}).status_code == 302

    champion.refresh_from_db()
    assert champion.status == ChampionStatus.ENDED
    assert champion.end_reason == "Moved to Marketing"
    assert entries(AuditAction.CHAMPION_ENDED)[0].actor == team
    assert [e["reason"] for e in events("champion.ended")] == ["Moved to Marketing"]
    with pytest.raises(services.AccessError) as refused:
        services.end(champion, by=team, reason="Again")
    assert refused.value.status == 409
    with pytest.raises(services.ChampionError, match="Say why"):
        services.end(Champion(department=org["sales"]), by=team, reason="  ")


def test_the_daily_sweep_ends_terms_past_their_end(org, programs, team):
    settings = ChampionSettings.load()
    settings.term_days = 10
    settings.save()
    person = employee(org["sales"], programs["spokesperson"])
    other = employee(org["sales"], programs["spokesperson"])
    champion = services.nominate(org["sales"], person, by=team)
    current = services.nominate(org["sales"], other, by=team)
    Champion.objects.filter(pk=champion.pk).update(
        term_start=timezone.localdate() - datetime.timedelta(days=12),
        term_end=timezone.localdate() - datetime.timedelta(days=2),
    )

    assert end_champion_terms() == 1
    assert end_champion_terms() == 0

    champion.refresh_from_db()
    current.refresh_from_db()
    assert champion.status == ChampionStatus.ENDED and champion.end_reason == "Term ended"
    assert current.status == ChampionStatus.ACTIVE
    assert [e["champion_id"] for e in events("champion.ended")] == [champion.pk]
    assert entries(AuditAction.CHAMPION_ENDED)[0].actor is None


# --- Pages ------------------------------------------------------------------------------------


def appoint(department, count, program):
    superuser = UserFactory(username="appointer", is_superuser=True)
    return [
        services.nominate(department, employee(department, program), by=superuser)
        for _ in range(count)
    ]


def test_who_to_ask_lists_champions_by_department_and_filters_my_department(
    org, programs, client_for, client
):
    appoint(org["marketing"], 1, programs["spokesperson"])
    appoint(org["sales"], 1, programs["spokesperson"])
    emea = appoint(org["emea"], 1, programs["spokesperson"])[0]
    viewer = employee(org["emea"])

    assert client.get("/champions/").status_code == 302  # signed-in only
    page = client_for(viewer).get("/champions/")
    body = page.content.decode()
    assert page.status_code == 200
    # Tree order: by path, so EMEA comes right after Sales, its parent.
    in_tree_order = sorted(
        (org[key] for key in ("sales", "emea", "marketing")), key=lambda d: d.path
    )
    positions = [body.index(f'<td data-label="Department">{d.name}</td>') for d in in_tree_order]
    assert positions == sorted(positions)
    assert emea.person.email in body
    assert 'href="/champions/" aria-current="page">Who to ask</a>' in body

    mine = client_for(viewer).get("/champions/?show=mine").content.decode()
    assert ">Sales</td>" in mine and ">EMEA</td>" in mine and ">Marketing</td>" not in mine
    assert "Become a champion" in mine


def test_the_directory_keeps_its_query_count(org, programs, client_for):
    viewer = employee(org["emea"])
    client = client_for(viewer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/champions/").status_code == 200
        return len(queries)

    appoint(org["sales"], 2, programs["spokesperson"])
    small = count()
    for department in (org["emea"], org["marketing"], org["company"]):
        appoint(department, 4, programs["spokesperson"])
    assert Champion.objects.active().count() == 14
    assert count() == small


def test_the_directory_query_bound(org, programs, client_for, django_assert_max_num_queries):
    appoint(org["sales"], 6, programs["spokesperson"])
    viewer = employee(org["emea"])
    client = client_for(viewer)
    with django_assert_max_num_queries(13):
        client.get("/champions/?show=mine")


def test_my_team_shows_the_champions_of_the_managers_department(org, programs, client_for):
    manager = EmployeeFactory(department=org["emea"])
    EmployeeFactory(department=org["emea"], manager=manager)
    champion = appoint(org["sales"], 1, programs["spokesperson"])[0]
    appoint(org["marketing"], 1, programs["spokesperson"])

    body = client_for(manager.user).get("/my-team/").content.decode()

    assert "Social media champions" in body
    assert champion.person.email in body
    assert "· Marketing ·" not in body


# --- API --------------------------------------------------------------------------------------


def test_the_api_lists_champions_by_department_and_status(org, programs, client_for, client, team):
    sales = appoint(org["sales"], 1, programs["spokesperson"])[0]
    emea = appoint(org["emea"], 1, programs["spokesperson"])[0]
    marketing_person = employee(org["marketing"], programs["spokesperson"])
    waiting = services.nominate(
        org["marketing"], marketing_person, by=marketing_person, self_nominated=True
    )
    viewer = client_for(employee(org["emea"]))

    listed = viewer.get("/api/v1/champions").json()
    assert [item["id"] for item in listed["items"]] == [sales.pk, emea.pk]
    assert listed["items"][0]["department"]["code"] == "sales"
    assert listed["items"][0]["user"] == sales.person.email
    only_sales = viewer.get("/api/v1/champions", {"department": "sales"}).json()
    assert {item["id"] for item in only_sales["items"]} == {sales.pk, emea.pk}
    assert viewer.get("/api/v1/champions", {"department": "emea"}).json()["count"] == 1

    assert viewer.get("/api/v1/champions", {"status": "nominated"}).status_code == 403
    assert viewer.get("/api/v1/champions", {"status": "sleeping"}).status_code == 422
    missing = viewer.get("/api/v1/champions", {"department": "nowhere"})
    assert missing.status_code == 404 and "nowhere" in missing.json()["message"]
    nominated = client_for(team).get("/api/v1/champions", {"status": "nominated"}).json()
    assert [item["id"] for item in nominated["items"]] == [waiting.pk]
    scoped = client_for(make_hr_user(scope=[org["sales"]]))
    assert scoped.get("/api/v1/champions", {"status": "nominated"}).json()["count"] == 0

    _token, raw = api_token("access:check")
    refused = client.get("/api/v1/champions", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 403
    _token, raw = api_token("champions:read")
    allowed = client.get(
        "/api/v1/champions", {"status": "nominated"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert allowed.status_code == 200 and allowed.json()["count"] == 1
    assert client.get("/api/v1/champions").status_code == 401


def test_the_admin_list_filters_by_status_and_department(org, programs, team, client_for):
    appoint(org["sales"], 1, programs["spokesperson"])
    marketing = appoint(org["marketing"], 1, programs["spokesperson"])[0]
    services.end(marketing, by=team, reason="Left")
    client = client_for(team)

    everything = client.get("/admin/access_champions/")
    assert everything.status_code == 200
    ended = client.get("/admin/access_champions/", {"status": "ended"}).content.decode()
    assert marketing.person_name in ended
    in_sales = client.get("/admin/access_champions/", {"department": org["sales"].pk})
    assert marketing.person_name not in in_sales.content.decode()
    inspect = client.get(f"/admin/access_champions/inspect/{marketing.pk}/")
    assert inspect.status_code == 200 and "Left" in inspect.content.decode()
    # Someone neither HR nor in the team has no champion screens.
    stranger = client_for(UserFactory(is_staff=False))
    assert stranger.get("/admin/access_champions/").status_code in (302, 403)


def test_the_demo_names_two_champions_once(demo):
    from academy_site.demo import access as demo_access

    named = list(Champion.objects.active().select_related("department", "person__employee"))
    assert len(named) == 2
    for champion in named:
        assert champion.person.employee.department == champion.department
        assert champion.certificate.program.slug == "spokesperson"
    demo_access.seed(lambda message: None)
    assert Champion.objects.count() == 2


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_api_and_the_admin_list_keep_their_query_counts(org, programs, team, client_for):
    client = client_for(team)
    appoint(org["sales"], 1, programs["spokesperson"])
    small = queries(client, "/api/v1/champions"), queries(client, "/admin/access_champions/")
    for department in (org["emea"], org["marketing"]):
        appoint(department, 5, programs["spokesperson"])
    large = queries(client, "/api/v1/champions"), queries(client, "/admin/access_champions/")
    assert large == small


def test_lapsing_the_roles_of_ended_certificates_takes_the_same_queries_for_few_or_many(
    org, programs
):
    """The expiry sweep hands every ended certificate at once: the roles resting on them lapse
    in a fixed number of queries (one array of ids on PostgreSQL), not one query per chunk."""
    few = [c.certificate_id for c in appoint(org["sales"], 2, programs["spokesperson"])]
    many = [c.certificate_id for c in appoint(org["emea"], 5, programs["spokesperson"])]
    # Ids of certificates with no role on them count too: the sweep passes every ended one.
    padding = list(range(10**8, 10**8 + (400 if connection.vendor == "sqlite" else 5000)))

    def count(ids):
        with CaptureQueriesContext(connection) as queries:
            lapsed = services.lapse_for_certificates(ids, "Certificate expired")
        return lapsed, len(queries)

    small = count(few)
    large = count(many + padding)
    assert (small[0], large[0]) == (2, 5)
    assert small[1] == large[1]
    assert len(entries(AuditAction.CHAMPION_LAPSED)) == 7
