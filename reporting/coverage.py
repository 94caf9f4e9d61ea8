"""The coverage report: is the hub-and-spoke network there?

Per department (rolled up the tree, within the HR user's scope): its active champion, the
certified people of each program on the ladder, the official accounts it owns and how many of
them rest on a single person; per account, how many people may publish and manage it and
whether its listening and triage duty is covered for the coming week; and the readiness
scorecard of the research, each line with its evidence.

Everything is read in a fixed number of queries whatever the size of the organisation: one per
kind of figure, aggregated in the database, and the tree rolled up here.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import WorkflowPage, WorkflowState

from access.models import (
    AccessGrant,
    AccountStatus,
    Champion,
    ChampionSettings,
    DutyKind,
    RoleName,
    SocialAccount,
)
from access.services.duty import LOOKAHEAD, coverage_gaps, hour_floor, on_duty
from certification.models import Certificate, Program
from courses.models import CourseCompletion, CoursePage, PolicyAcceptance, PolicyVersion
from courses.workflow import WORKFLOW_NAME
from lms.models import Department
from lms.people import display_name

#: How far back "education running" and "review process in use" look.
RECENT = datetime.timedelta(days=90)
#: The share of active employees who accepted the current policy for that line to be met.
POLICY_TARGET_PCT = 90
#: At least this many people able to publish, and able to manage, an account.
MIN_PUBLISHERS = 2
MIN_MANAGERS = 1

MET, PARTLY, NOT_MET = "met", "partly", "not_met"
STATUS_LABELS = {
    MET: gettext_lazy("Met"),
    PARTLY: gettext_lazy("Partly met"),
    NOT_MET: gettext_lazy("Not met"),
}


@dataclass
class DepartmentCoverage:
    id: int
    name: str
    path: str
    depth: int
    parent_id: int | None = None
    level: int = 0
    champions: list = field(default_factory=list)
    #: Program slug -> people of the department and everything under it holding a valid
    #: certificate of that program.
    certified: dict = field(default_factory=dict)
    accounts: int = 0
    single_points: int = 0
    children: list = field(default_factory=list)

    @property
    def has_champion(self):
        return bool(self.champions)

    def as_dict(self, programs):
        return {
            "department_id": self.id,
            "name": self.name,
            "path": self.path,
            "depth": self.depth,
            "has_champion": self.has_champion,
            "champions": list(self.champions),
            "certified": {
                program.slug: self.certified.get(program.slug, 0) for program in programs
            },
            "accounts": self.accounts,
            "single_points_of_failure": self.single_points,
        }


@dataclass
class AccountCoverage:
    id: int
    label: str
    platform: str
    handle: str
    department_id: int
    department: str
    status: str
    publishers: int = 0
    managers: int = 0
    listening_covered: bool = False
    triage_covered: bool = False

    @property
    def single_point_of_failure(self):
        return self.publishers < MIN_PUBLISHERS or self.managers < MIN_MANAGERS

    @property
    def duty_covered(self):
        return self.listening_covered and self.triage_covered

    def as_dict(self):
        return {
            "account_id": self.id,
            "account": self.label,
            "platform": self.platform,
            "handle": self.handle,
            "department_id": self.department_id,
            "department": self.department,
            "status": self.status,
            "publishers": self.publishers,
            "managers": self.managers,
            "single_point_of_failure": self.single_point_of_failure,
            "listening_covered": self.listening_covered,
            "triage_covered": self.triage_covered,
        }


@dataclass
class ScorecardLine:
    key: str
    label: str
    status: str
    evidence: list

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    def as_dict(self):
        return {
            "key": self.key,
            "label": str(self.label),
            "status": self.status,
            "evidence": [str(line) for line in self.evidence],
        }


@dataclass
class Coverage:
    programs: list
    rows: list
    accounts: list
    scorecard: list
    taken_at: datetime.datetime

    @property
    def top_rows(self):
        return [row for row in self.rows if row.level == 0]

    def totals(self):
        """The figures of the whole scope (the sum of its top departments)."""
        tops = self.top_rows
        return {
            "departments": len(self.rows),
            "with_champion": sum(1 for row in self.rows if row.has_champion),
            "certified": {
                program.slug: sum(row.certified.get(program.slug, 0) for row in tops)
                for program in self.programs
            },
            "accounts": len(self.accounts),
            "single_points_of_failure": sum(
                1 for account in self.accounts if account.single_point_of_failure
            ),
            "duty_covered": sum(1 for account in self.accounts if account.duty_covered),
        }

    def as_dict(self):
        return {
            "taken_at": self.taken_at.isoformat(),
            "programs": [{"slug": p.slug, "name": p.name, "tier": p.tier} for p in self.programs],
            "totals": self.totals(),
            "departments": [row.as_dict(self.programs) for row in self.rows],
            "accounts": [account.as_dict() for account in self.accounts],
            "scorecard": [line.as_dict() for line in self.scorecard],
        }


def coverage_report(scope, now=None):
    """The coverage of the departments of `scope` (an lms.scope.Scope), in a fixed number of
    queries."""
    now = now or timezone.now()
    rows = _departments(scope)
    programs = list(Program.objects.on_ladder())
    by_id = {row.id: row for row in rows}
    _add_certified(rows, by_id, programs, scope, now)
    _add_champions(by_id, scope, now)
    accounts = _accounts(scope, now)
    for account in accounts:
        row = by_id.get(account.department_id)
        if row is not None:
            row.accounts += 1
            row.single_points += int(account.single_point_of_failure)
    _roll_up(rows, by_id)
    scorecard = readiness_scorecard(scope, accounts, now)
    return Coverage(programs, rows, accounts, scorecard, now)


def _departments(scope):
    """The scope's departments in tree order, each knowing its parent (within the scope)."""
    departments = list(
        scope.departments_queryset().order_by("path").values("id", "name", "path", "depth")
    )
    rows = [DepartmentCoverage(**department) for department in departments]
    by_path = {row.path: row for row in rows}
    for row in rows:  # in path order: a parent comes before its children
        parent = by_path.get(row.path[: -Department.steplen]) if row.depth > 1 else None
        if parent is not None:
            row.parent_id = parent.id
            row.level = parent.level + 1
            parent.children.append(row)
    return rows


def _add_certified(rows, by_id, programs, scope, now):
    """The people holding a valid certificate of each program, by their department."""
    slugs = {program.pk: program.slug for program in programs}
    counts = (
        Certificate.objects.valid(now)
        .filter(
            scope.department_condition("holder__employee__department__"),
            holder__employee__active=True,
            holder__is_active=True,
        )
        .values("holder__employee__department_id", "program_id")
        .annotate(people=Count("holder_id", distinct=True))
        .order_by()
    )
    for item in counts:
        row = by_id.get(item["holder__employee__department_id"])
        slug = slugs.get(item["program_id"])
        if row is not None and slug is not None:
            row.certified[slug] = row.certified.get(slug, 0) + item["people"]


def _add_champions(by_id, scope, now):
    champions = (
        Champion.objects.active(now)
        .filter(scope.department_condition("department__"))
        .select_related("person")
        .order_by("department_id", "term_start", "pk")
    )
    for champion in champions:
        row = by_id.get(champion.department_id)
        if row is not None:
            row.champions.append(display_name(champion.person))


def _roll_up(rows, by_id):
    """Each department counts the certified people and accounts of everything under it."""
    for row in sorted(rows, key=lambda r: r.depth, reverse=True):
        if row.parent_id is None:
            continue
        parent = by_id[row.parent_id]
        for slug, people in row.certified.items():
            parent.certified[slug] = parent.certified.get(slug, 0) + people
        parent.accounts += row.accounts
        parent.single_points += row.single_points


def _accounts(scope, now):
    """The official accounts (not retired) of the scope's departments, with the people able to
    publish (publish or manage grants) and to manage each, and their duty for the coming week."""
    accounts = list(
        SocialAccount.objects.exclude(status=AccountStatus.RETIRED)
        .filter(scope.department_condition("department__"))
        .select_related("department")
        .order_by("department__path", "platform", "handle")
    )
    ids = [account.pk for account in accounts]
    publishing = [RoleName.PUBLISH, RoleName.MANAGE]
    holders = {
        item["account_id"]: item
        for item in AccessGrant.objects.active(now)
        .filter(account__in=SocialAccount.objects.filter(pk__in=ids).values("pk"))
        .values("account_id")
        .annotate(
            publishers=Count("user_id", distinct=True, filter=Q(role__in=publishing)),
            managers=Count("user_id", distinct=True, filter=Q(role=RoleName.MANAGE)),
        )
        .order_by()
    }
    start = hour_floor(now)
    active_ids = [a.pk for a in accounts if a.status == AccountStatus.ACTIVE]
    slots = on_duty(active_ids, start, start + LOOKAHEAD)
    gaps = coverage_gaps(active_ids, start, start + LOOKAHEAD, slots=slots)
    result = []
    for account in accounts:
        counts = holders.get(account.pk, {})
        account_gaps = gaps.get(account.pk)
        result.append(
            AccountCoverage(
                id=account.pk,
                label=str(account),
                platform=account.platform,
                handle=account.display_handle,
                department_id=account.department_id,
                department=account.department.name,
                status=account.status,
                publishers=counts.get("publishers", 0),
                managers=counts.get("managers", 0),
                listening_covered=bool(account_gaps) and not account_gaps[DutyKind.LISTENING],
                triage_covered=bool(account_gaps) and not account_gaps[DutyKind.TRIAGE],
            )
        )
    return result


# --- The readiness scorecard -------------------------------------------------------------------


def readiness_scorecard(scope, accounts, now):
    return [
        _policy_line(scope),
        _education_line(scope, now),
        _review_line(now),
        _duty_line(accounts),
        _guidelines_line(),
    ]


def _pct(part, whole):
    return round(100 * part / whole) if whole else 0


def _policy_line(scope):
    label = _("Policy published and accepted")
    version = (
        PolicyVersion.objects.filter(policy__live=True)
        .select_related("policy")
        .order_by("-published_at", "-pk")
        .first()
    )
    if version is None:
        return ScorecardLine("policy", label, NOT_MET, [_("No social media policy is published.")])
    accepted = PolicyAcceptance.objects.filter(version=version, user=OuterRef("user_id"))
    figures = (
        scope.employees_queryset()
        .filter(active=True)
        .aggregate(
            employees=Count("pk"),
            accepted=Count("pk", filter=Q(Exists(accepted))),
        )
    )
    pct = _pct(figures["accepted"], figures["employees"])
    status = MET if figures["employees"] and pct >= POLICY_TARGET_PCT else PARTLY
    evidence = [
        _("Current version: %(version)s, published %(date)s.")
        % {"version": version, "date": timezone.localtime(version.published_at).date()},
        _("%(accepted)s of %(employees)s active employees (%(pct)s%%) accepted it; the target is "
          "%(target)s%%.")
        % {**figures, "pct": pct, "target": POLICY_TARGET_PCT},
    ]  # fmt: skip
    return ScorecardLine("policy", label, status, evidence)


def _education_line(scope, now):
    label = _("Education running")
    live = CoursePage.objects.live().count()
    completions = CourseCompletion.objects.filter(
        scope.department_condition("user__employee__department__"),
        completed_at__gte=now - RECENT,
    ).count()
    if not live:
        status = NOT_MET
    else:
        status = MET if completions else PARTLY
    evidence = [
        _("%(count)s live courses.") % {"count": live},
        _("%(count)s course completions in the last %(days)s days.")
        % {"count": completions, "days": RECENT.days},
    ]
    return ScorecardLine("education", label, status, evidence)


def _review_line(now):
    label = _("Review process in use")
    assigned = WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME, workflow__active=True)
    approved = (
        WorkflowState.objects.filter(
            workflow__name=WORKFLOW_NAME,
            status=WorkflowState.STATUS_APPROVED,
            task_states__finished_at__gte=now - RECENT,
        )
        .values("base_content_type_id", "object_id")
        .distinct()
    )
    figures = {"catalogues": assigned.count(), "approved": approved.count()}
    if not figures["catalogues"]:
        status = NOT_MET
    else:
        status = MET if figures["approved"] else PARTLY
    evidence = [
        _("The “%(workflow)s” workflow covers %(catalogues)s course catalogues.")
        % {"workflow": WORKFLOW_NAME, **figures},
        _("%(approved)s pages approved through it in the last %(days)s days.")
        % {"approved": figures["approved"], "days": RECENT.days},
    ]
    return ScorecardLine("review", label, status, evidence)


def _duty_line(accounts):
    label = _("Listening and triage roles staffed")
    active = [account for account in accounts if account.status == AccountStatus.ACTIVE]
    covered = [account for account in active if account.duty_covered]
    if not active:
        return ScorecardLine(
            "duty", label, NOT_MET, [_("There are no active official accounts in this scope.")]
        )
    status = MET if len(covered) == len(active) else (PARTLY if covered else NOT_MET)
    evidence = [
        _(
            "%(covered)s of %(active)s active accounts have someone on listening and on triage "
            "duty every hour of the next %(days)s days."
        )
        % {"covered": len(covered), "active": len(active), "days": LOOKAHEAD.days}
    ]
    missing = [account.handle for account in active if not account.duty_covered]
    if missing:
        shown = ", ".join(missing[:10])
        if len(missing) > 10:
            shown += _(" and %(count)s more") % {"count": len(missing) - 10}
        evidence.append(_("Gaps on: %(accounts)s.") % {"accounts": shown})
    return ScorecardLine("duty", label, status, evidence)


def _guidelines_line():
    label = _("Community guidelines published")
    url = ChampionSettings.load().community_guidelines_url
    if url:
        return ScorecardLine("guidelines", label, MET, [_("Published at %(url)s.") % {"url": url}])
    return ScorecardLine(
        "guidelines",
        label,
        NOT_MET,
        [_("No address is set: give it in Settings → Champions (community guidelines).")],
    )
