"""Demo access: a handful of official accounts, the social media team who owns them, a few
grants for certified people, and two champions (Spokesperson holders, for their departments).
Safe to run again: nothing changes the second time.

No webhook endpoint is seeded (the demo makes no network calls), and the `employee` user gets
nothing: the browser journeys start from zero.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from access import services as services
from access.models import (
    AccessRequest,
    AccountRole,
    AccountStatus,
    Champion,
    Platform,
    SocialAccount,
)
from access.services import champions
from certification import notifications
from certification.models import Certificate, Program
from certification.setup import TEAM, setup_team
from lms.models import Department, Employee

#: Users who must start the demo with nothing.
UNTOUCHED = {"employee"}

# handle, platform, name, url, department code, status, requires approval, roles, description
ACCOUNTS = [
    (
        "NorthwindSystems",
        Platform.X,
        "Northwind Systems",
        "https://x.com/NorthwindSystems",
        "brand-social",
        AccountStatus.ACTIVE,
        False,
        {"monitor": "enthusiast", "publish": "professional", "manage": "spokesperson"},
        "News, launches and conversations from Northwind Systems.",
    ),
    (
        "northwind",
        Platform.LINKEDIN,
        "Northwind",
        "https://www.linkedin.com/company/northwind",
        "communications",
        AccountStatus.ACTIVE,
        False,
        {"monitor": "enthusiast", "publish": "professional", "manage": "spokesperson"},
        "Company news, careers and thought leadership.",
    ),
    (
        "NorthwindSupport",
        Platform.X,
        "Northwind Support",
        "https://x.com/NorthwindSupport",
        "support-consumer",
        AccountStatus.ACTIVE,
        True,
        {"monitor": "enthusiast", "publish": "professional", "manage": "spokesperson"},
        "Help with Northwind products, every day from 8 to 20 CET.",
    ),
    (
        "NorthwindSystemsTV",
        Platform.YOUTUBE,
        "Northwind Systems TV",
        "https://www.youtube.com/@NorthwindSystemsTV",
        "brand-social",
        AccountStatus.ACTIVE,
        False,
        {"publish": "professional", "manage": "spokesperson"},
        "Product walkthroughs, keynotes and customer stories.",
    ),
    (
        "northwind.life",
        Platform.INSTAGRAM,
        "Life at Northwind",
        "https://www.instagram.com/northwind.life",
        "people",
        AccountStatus.PAUSED,
        False,
        {"publish": "professional"},
        "Behind the scenes with the people of Northwind (on a break).",
    ),
    (
        "NorthwindSystemsOfficial",
        Platform.FACEBOOK,
        "Northwind Systems (old page)",
        "https://www.facebook.com/NorthwindSystemsOfficial",
        "brand-social",
        AccountStatus.RETIRED,
        False,
        {"publish": "professional"},
        "Retired in favour of the LinkedIn page.",
    ),
]

# (account handle, role, how many covered people, by tier of certificate needed)
GRANTS = [
    ("NorthwindSystems", "monitor", 4),
    ("NorthwindSystems", "publish", 3),
    ("NorthwindSystems", "manage", 1),
    ("northwind", "publish", 2),
    ("NorthwindSystemsTV", "publish", 1),
    ("NorthwindSystemsOfficial", "publish", 2),  # granted, then revoked when the page retired
]


def find_programs():
    """The three tiers by slug or name (as the certification demo names them), else by tier."""
    found = {}
    ladder = list(Program.objects.on_ladder())
    for index, key in enumerate(("enthusiast", "professional", "spokesperson")):
        program = next(
            (p for p in ladder if p.slug == key or p.name.lower() == key),
            ladder[index] if index < len(ladder) else None,
        )
        if program is not None:
            found[key] = program
    return found


def seed_team(owners):
    team, _missing = setup_team()
    for user in owners:
        user.groups.add(team)
    return team


def team_members():
    """Brand & Social: the people who own the accounts (the `employee` user never)."""
    brand = Department.objects.filter(code="brand-social").first()
    if brand is None:
        return []
    return list(
        get_user_model()
        .objects.filter(employee__department=brand, employee__active=True)
        .exclude(username__in=UNTOUCHED)
        .order_by("employee__employee_id")[:3]
    )


def seed_accounts(programs, owners):
    departments = {d.code: d for d in Department.objects.all()}
    fallback = Department.objects.order_by("path").first()
    created = {}
    for handle, platform, name, url, dept, status, approval, roles, description in ACCOUNTS:
        account = SocialAccount.objects.filter(platform=platform, handle__iexact=handle).first()
        if account is not None:
            continue
        # Retired accounts are created active, given their grants, then retired (see below),
        # so the demo shows what retiring does.
        account = SocialAccount.objects.create(
            handle=handle,
            platform=platform,
            name=name,
            url=url,
            description=description,
            department=departments.get(dept, fallback),
            requires_approval=approval,
            status=AccountStatus.ACTIVE if status == AccountStatus.RETIRED else status,
            sunset_date=(
                timezone.localdate() - datetime.timedelta(days=30)
                if status == AccountStatus.RETIRED
                else None
            ),
        )
        account.owners.add(*owners)
        for order, (role, program_key) in enumerate(roles.items()):
            if program_key in programs:
                AccountRole.objects.create(
                    account=account, role=role, program=programs[program_key], sort_order=order
                )
        created[handle] = (account, status)
    return created


def covered_people(program, exclude):
    """Holders of a valid certificate covering `program`, in a stable order."""
    holders = (
        Certificate.objects.valid()
        .filter(program__in=services.covering_program_ids(program.pk))
        .exclude(holder__username__in=UNTOUCHED | exclude)
        .filter(holder__is_active=True)
        .order_by("holder__username")
        .values_list("holder_id", flat=True)
        .distinct()
    )
    User = get_user_model()
    return list(User.objects.filter(pk__in=list(holders)).order_by("username"))


def seed_grants(created, owners):
    owner_names = {u.username for u in owners}
    count = 0
    for handle, role, wanted in GRANTS:
        if handle not in created:
            continue
        account, _status = created[handle]
        account_role = AccountRole.objects.filter(account=account, role=role).first()
        if account_role is None:
            continue
        for person in covered_people(account_role.program, owner_names)[:wanted]:
            try:
                access_request = services.request_access(
                    person, account, role, note="Part of the launch rota."
                )
            except services.AccessError:
                continue
            count += access_request.grant_result is not None
    return count


def seed_support_queue(created, owners):
    """NorthwindSupport asks for approval: one request approved by an owner, one waiting (people
    from Customer Support first)."""
    if "NorthwindSupport" not in created or not owners:
        return
    account, _status = created["NorthwindSupport"]
    publish = AccountRole.objects.filter(account=account, role="publish").first()
    if publish is None:
        return
    support = set(
        Employee.objects.filter(department__code__startswith="support").values_list(
            "user_id", flat=True
        )
    )
    people = covered_people(publish.program, {u.username for u in owners})
    people.sort(key=lambda p: p.pk not in support)  # stable: support staff first
    for index, person in enumerate(people[:2]):
        if AccessRequest.objects.filter(user=person, account=account).exists():
            continue
        access_request = services.request_access(
            person, account, "publish", note="I answer customers on this account during my shift."
        )
        if index == 0:
            services.decide_request(
                access_request, by=owners[0], approve=True, note="Welcome to the support rota."
            )


#: How many champions the demo names (holders of Spokesperson, in their own department).
CHAMPIONS = 2


def seed_champions(programs, owners):
    """Two Spokesperson holders become the champions of their departments, named by the social
    media team (a second run finds them named already)."""
    if not owners or "spokesperson" not in programs:
        return 0
    User = get_user_model()
    by = User.objects.get(pk=owners[0].pk)  # fresh: the team's rights were just given
    named = 0
    for person in covered_people(programs["spokesperson"], set()):
        if named >= CHAMPIONS:
            break
        employee = Employee.objects.filter(user=person, active=True).first()
        if employee is None:
            continue
        try:
            champions.nominate(
                employee.department, person, by=by, note="Answers the team's social questions."
            )
        except services.AccessError:
            pass  # named by an earlier run (or not eligible)
        named += 1
    return named


def retire(created, owners):
    for account, status in created.values():
        if status == AccountStatus.RETIRED:
            account._actor = owners[0] if owners else None
            account.status = AccountStatus.RETIRED
            account.save()


@transaction.atomic
def seed(log):
    programs = find_programs()
    if not programs:
        log("Access: no certification programs yet; official accounts skipped.")
        return
    owners = team_members()
    with notifications.suppressed():  # demo requests and decisions mail nobody
        seed_team(owners)
        created = seed_accounts(programs, owners)
        granted = seed_grants(created, owners)
        seed_support_queue(created, owners)
        retire(created, owners)
        seed_champions(programs, owners)
    log(
        f"Access: {SocialAccount.objects.count()} official accounts, "
        f"{granted} grants made now, team '{TEAM}' of {len(owners)}, "
        f"{Champion.objects.active().count()} champions."
    )
