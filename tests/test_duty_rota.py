"""The listening and triage duty rota: who may hold and schedule a slot, what is refused (overlap,
an uncertified person, a slot in the past), the admin screens, the API for alert routing, the
webhooks and the daily gap e-mail to the account's owners."""

import contextlib
import datetime
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from access.models import DutyGapNotice, DutyKind, DutySlot
from access.services import duty
from lms.people import display_name
from tests.factories import (
    EmployeeFactory,
    UserFactory,
    WebhookEndpointFactory,
    access_ladder,
    account_with_roles,
    api_token,
    certify,
)
from webhooks.models import OutboxEvent

pytestmark = pytest.mark.django_db

H = datetime.timedelta(hours=1)
D = datetime.timedelta(days=1)


def soon(hours=1):
    """A whole hour a little ahead, so slots start in the future."""
    return duty.hour_floor(timezone.now()) + hours * H


@pytest.fixture
def team():
    """A member of the social media team: staff with the permission to schedule duty."""
    user = UserFactory(username="team", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_duty"))
    return user


@pytest.fixture
def owner():
    return UserFactory(username="owner")


@pytest.fixture
def account(owner):
    return account_with_roles(owners=[owner], handle="NorthwindCare")


@pytest.fixture
def spokesperson():
    """Certified for the account's highest role (manage needs Spokesperson)."""
    person = EmployeeFactory(user__username="spoke").user
    certify(person, access_ladder()["spokesperson"])
    return person


@pytest.fixture
def second(spokesperson):
    person = EmployeeFactory(user__username="spoke2").user
    certify(person, access_ladder()["spokesperson"])
    return person


def schedule(account, person, by, start, hours=8, kind=DutyKind.LISTENING):
    return duty.schedule_duty(
        account=account, kind=kind, person=person, starts_at=start, ends_at=start + hours * H, by=by
    )


# --- The service ------------------------------------------------------------------------------


def test_overlapping_slots_of_one_duty_are_refused_with_who_holds_it(
    account, team, spokesperson, second
):
    schedule(account, spokesperson, team, soon(), hours=8)
    with pytest.raises(duty.DutyOverlap) as refused:
        schedule(account, second, team, soon(7), hours=4)
    assert refused.value.status == 409
    assert "overlaps" in refused.value.message and "listening" in refused.value.message
    # Back to back is fine, and so is the other duty at the same time.
    schedule(account, second, team, soon(9), hours=4)
    schedule(account, second, team, soon(2), hours=4, kind=DutyKind.TRIAGE)
    assert DutySlot.objects.count() == 3


def test_a_person_without_a_grant_or_the_highest_roles_certificate_is_refused(account, team):
    professional = EmployeeFactory(user__username="pro").user
    certify(professional, access_ladder()["professional"])  # publish, not manage
    with pytest.raises(duty.NotCertifiedForDuty) as refused:
        schedule(account, professional, team, soon())
    assert "not certified" in refused.value.message
    assert not DutySlot.objects.exists()


def test_an_active_grant_on_the_account_is_enough(account, team):
    from access.services import grant_access

    person = EmployeeFactory(user__username="monitor").user
    certificate = certify(person, access_ladder()["enthusiast"])
    grant_access(person, account, "monitor", certificate)
    assert duty.may_hold(person, account)
    assert schedule(account, person, team, soon()).pk


@pytest.mark.parametrize(
    ("start", "hours", "message"),
    [
        (-3, 8, "cannot start in the past"),
        (2, -1, "must end after it starts"),
        (2, 0, "must end after it starts"),
        (2, 24 * 40, "at most"),
    ],
)
def test_slots_in_the_past_or_ending_before_they_start_are_refused(
    account, team, spokesperson, start, hours, message
):
    with pytest.raises(duty.DutyError) as refused:
        schedule(account, spokesperson, team, soon(start), hours=hours)
    assert message in refused.value.message
    assert refused.value.status == 400


def test_only_the_team_and_owners_with_the_permission_schedule(account, owner, spokesperson):
    outsider = UserFactory(username="outsider")
    with pytest.raises(duty.AccessError) as refused:
        schedule(account, spokesperson, outsider, soon())
    assert refused.value.status == 403
    # An owner needs the permission too; then they schedule on their own accounts only.
    owner.user_permissions.add(Permission.objects.get(codename="manage_duty"))
    owner = type(owner).objects.get(pk=owner.pk)
    assert schedule(account, spokesperson, owner, soon()).pk
    other = account_with_roles(handle="Elsewhere")
    assert not duty.may_schedule(owner, other)


def test_scheduling_and_cancelling_send_webhooks_in_the_transaction(account, team, spokesperson):
    WebhookEndpointFactory(events=["duty.scheduled", "duty.cancelled"])
    slot = schedule(account, spokesperson, team, soon())
    scheduled = OutboxEvent.objects.get(type="duty.scheduled")
    assert scheduled.data["kind"] == "listening"
    assert scheduled.data["person"]["email"] == spokesperson.email
    assert scheduled.data["account"]["handle"] == "NorthwindCare"
    slot_id = slot.pk
    duty.cancel_duty(slot, by=team)
    cancelled = OutboxEvent.objects.get(type="duty.cancelled")
    assert cancelled.data["slot_id"] == slot_id
    assert cancelled.data["cancelled_by"]["email"] == team.email
    assert not DutySlot.objects.exists()


def test_coverage_gaps_are_whole_hours_without_anyone(account, team, spokesperson, second):
    start = soon(1)
    schedule(account, spokesperson, team, start, hours=3)
    schedule(account, second, team, start + 3 * H, hours=2)
    gaps = duty.coverage_gaps([account.pk], start, start + 10 * H)
    assert gaps[account.pk][DutyKind.LISTENING] == [(start + 5 * H, start + 10 * H)]
    assert gaps[account.pk][DutyKind.TRIAGE] == [(start, start + 10 * H)]


# --- The gap e-mail ---------------------------------------------------------------------------


def test_owners_hear_of_each_gap_once(account, owner, team, spokesperson, second, mailoutbox):
    now = duty.hour_floor(timezone.now()) + datetime.timedelta(minutes=5)
    start = duty.hour_floor(now)
    # Listening is covered all week but for one stretch; triage is covered all week.
    schedule(account, spokesperson, team, start + H, hours=24 * 3)
    schedule(account, spokesperson, team, start + H + 3 * D + 6 * H, hours=24 * 5)
    duty.schedule_duty(
        account=account,
        kind=DutyKind.TRIAGE,
        person=second,
        starts_at=start + H,
        ends_at=start + 8 * D,
        by=team,
    )
    # The first hour (now) is uncovered on both duties, as is the listening stretch.
    written = duty.notify_duty_gaps(now=now + H)  # from the next hour: only the stretch
    assert written == 1
    [mail] = mailoutbox
    assert mail.to == [owner.email]
    assert "listening" in mail.subject.lower() and "@NorthwindCare" in mail.subject
    assert reverse("access_duty:index") in mail.body
    notice = DutyGapNotice.objects.get()
    assert notice.gap_start == start + H + 3 * D and notice.gap_end == start + H + 3 * D + 6 * H
    assert notice.recipients == 1

    # The next run, and the next day's, tell nobody again.
    assert duty.notify_duty_gaps(now=now + H) == 0
    assert duty.notify_duty_gaps(now=now + D) == 0
    assert len(mailoutbox) == 1


def test_the_gap_task_is_scheduled_daily():
    from lms.schedule import BEAT_SCHEDULE

    assert BEAT_SCHEDULE["access-duty-gaps"]["task"] == "access.notify_duty_gaps"


# --- The API ----------------------------------------------------------------------------------


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_api_says_who_is_on_duty_now_and_next(
    client, account, team, spokesperson, second, django_assert_max_num_queries
):
    now = timezone.now()
    running = DutySlot.objects.create(
        account=account,
        kind=DutyKind.LISTENING,
        person=spokesperson,
        starts_at=now - H,
        ends_at=now + 2 * H,
    )
    following = schedule(account, second, team, duty.hour_floor(now) + 3 * H, hours=4)
    triage = schedule(account, second, team, soon(5), kind=DutyKind.TRIAGE)
    _token, raw = api_token("accounts:read")
    response = client.get(f"/api/v1/accounts/{account.pk}/duty", **bearer(raw))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["account"]["handle"] == "NorthwindCare"
    assert body["now"]["listening"]["id"] == running.pk
    assert body["now"]["listening"]["person"]["email"] == spokesperson.email
    assert body["now"]["triage"] is None
    assert body["next"]["listening"]["id"] == following.pk
    assert body["next"]["triage"]["id"] == triage.pk
    assert [slot["id"] for slot in body["slots"]] == [running.pk, following.pk, triage.pk]

    window = {"from": (now + 4 * H).isoformat(), "to": (now + 30 * H).isoformat()}
    only = client.get(f"/api/v1/accounts/{account.pk}/duty", window, **bearer(raw)).json()
    assert [slot["id"] for slot in only["slots"]] == [following.pk, triage.pk]

    for handle in ("A1", "A2", "A3"):
        account_with_roles(handle=handle)
    with django_assert_max_num_queries(8):
        everything = client.get("/api/v1/duty", {"kind": "triage"}, **bearer(raw))
    assert everything.status_code == 200
    accounts = {row["account"]["handle"]: row for row in everything.json()["accounts"]}
    assert set(accounts) == {"NorthwindCare", "A1", "A2", "A3"}
    assert [slot["id"] for slot in accounts["NorthwindCare"]["slots"]] == [triage.pk]


def test_the_api_needs_the_accounts_read_scope_and_a_sane_window(client, account, client_for):
    _token, raw = api_token("access:check")
    url = f"/api/v1/accounts/{account.pk}/duty"
    refused = client.get(url, **bearer(raw))
    assert refused.status_code == 403 and "accounts:read" in refused.content.decode()
    assert client.get(url).status_code == 401

    _token, raw = api_token("accounts:read")
    now = timezone.now()
    backwards = {"from": now.isoformat(), "to": (now - H).isoformat()}
    assert client.get(url, backwards, **bearer(raw)).status_code == 400
    too_long = {"from": now.isoformat(), "to": (now + 40 * D).isoformat()}
    response = client.get(url, too_long, **bearer(raw))
    assert response.status_code == 400 and "31 days" in response.content.decode()
    assert client.get(url, {"from": "tomorrow"}, **bearer(raw)).status_code in {400, 422}
    assert client.get("/api/v1/accounts/999999/duty", **bearer(raw)).status_code == 404

    # A signed-in person outside the team sees no rota; an owner without the permission neither.
    nobody = client_for(UserFactory(username="nobody"))
    assert nobody.get(url).status_code == 403


def test_an_owner_sees_only_the_rota_of_their_accounts(client_for, account, owner):
    owner.user_permissions.add(Permission.objects.get(codename="manage_duty"))
    other = account_with_roles(handle="Elsewhere")
    client = client_for(owner)
    assert client.get(f"/api/v1/accounts/{account.pk}/duty").status_code == 200
    assert client.get(f"/api/v1/accounts/{other.pk}/duty").status_code == 404
    handles = [row["account"]["handle"] for row in client.get("/api/v1/duty").json()["accounts"]]
    assert handles == ["NorthwindCare"]


# --- The admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_team(team):

    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return team


def form(account, email, start, hours=8, kind="listening"):
    fmt = "%Y-%m-%d %H:%M"
    local = timezone.localtime(start)
    return {
        "account": account.pk,
        "kind": kind,
        "person_email": email,
        "starts_at": local.strftime(fmt),
        "ends_at": (local + hours * H).strftime(fmt),
        "note": "",
    }


def test_the_admin_schedules_and_refuses_with_messages_on_the_form(
    client_for, admin_team, account, spokesperson, second
):
    client = client_for(admin_team)
    add = reverse("access_duty:add")
    assert client.get(add).status_code == 200
    response = client.post(add, form(account, spokesperson.email, soon(2)))
    assert response.status_code == 302, response.content.decode()[:2000]
    slot = DutySlot.objects.get()
    assert slot.person == spokesperson and slot.created_by == admin_team

    overlap = client.post(add, form(account, second.email, soon(4)))
    assert overlap.status_code == 200
    assert "overlaps" in overlap.content.decode()
    stranger = client.post(add, form(account, "nobody@example.com", soon(20)))
    assert "Nobody has the e-mail address" in stranger.content.decode()
    past = client.post(add, form(account, second.email, soon(-30)))
    assert "cannot start in the past" in past.content.decode()
    assert DutySlot.objects.count() == 1

    name = display_name(spokesperson)
    index = client.get(reverse("access_duty:index"), {"account": account.pk, "kind": "listening"})
    assert index.status_code == 200 and name in index.content.decode()
    this_week = client.get(reverse("access_duty:index"), {"week": soon(2).date().isoformat()})
    assert name in this_week.content.decode()
    later = client.get(
        reverse("access_duty:index"), {"week": (timezone.localdate() + 14 * D).isoformat()}
    )
    assert name not in later.content.decode()

    edit = reverse("access_duty:edit", args=[slot.pk])
    assert client.post(edit, form(account, second.email, soon(2), hours=2)).status_code == 302
    slot.refresh_from_db()
    assert slot.person == second and slot.ends_at == soon(4)

    assert client.post(reverse("access_duty:delete", args=[slot.pk])).status_code == 302
    assert not DutySlot.objects.exists()


def test_the_admin_rota_is_closed_to_people_outside_the_team(client_for, account, spokesperson):
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    assert client.get(reverse("access_duty:index")).status_code in {302, 403}
    slot = DutySlot.objects.create(
        account=account,
        kind=DutyKind.TRIAGE,
        person=spokesperson,
        starts_at=soon(),
        ends_at=soon(3),
    )
    assert client.get(reverse("access_duty:edit", args=[slot.pk])).status_code in {302, 403, 404}


def test_account_ids_past_64_bits_are_not_found(client, account):
    _token, raw = api_token("accounts:read")
    huge = "9" * 30
    assert client.get(f"/api/v1/accounts/{huge}/duty", **bearer(raw)).status_code in {404, 422}


ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="Real concurrency needs PostgreSQL.")
@pytest.mark.django_db(transaction=True)
def test_two_people_scheduling_overlapping_slots_at_once_cannot_both_pass(monkeypatch):
    """Each request checks for an overlap and then waits for the other (a barrier) before
    inserting: without the lock on the account both would find nothing and insert. With it, the
    second waits for the first to commit, then sees its slot and is refused."""
    team_user = UserFactory(username="team-race", is_superuser=True)
    account = account_with_roles(handle="Race")
    people = []
    for n in range(2):
        user = EmployeeFactory(user__username=f"racer{n}").user
        certify(user, access_ladder()["spokesperson"])
        people.append(user)
    barrier = threading.Barrier(2)
    original = duty._overlapping

    def check_then_wait(*args, **kwargs):
        found = original(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        return found

    monkeypatch.setattr(duty, "_overlapping", check_then_wait)
    outcomes = [None, None]
    start = soon(2)

    def book(index):
        try:
            schedule(account, people[index], team_user, start + index * H, hours=4)
            outcomes[index] = "scheduled"
        except duty.DutyOverlap:
            outcomes[index] = "overlap"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["overlap", "scheduled"]
    assert DutySlot.objects.filter(account=account).count() == 1
