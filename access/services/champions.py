"""Champions: the spokes of the hub. A champion answers for social media in a department, holds
the program the organisation names (ChampionSettings), and serves a term that also ends when the
certificate it rests on does.

- `nominate`: by HR (inside their scope), by the social media team (`access.manage_champions`),
  or by an employee for themselves (their own department or one above it). HR and the team
  appoint at once; a self-nomination waits for the team's `decide`.
- `decide`: the team approves or declines a self-nomination (a decline says why).
- `end`: the team, or HR inside their scope, ends a role or withdraws a nomination (with a reason).
- `lapse_for_certificates`: the certificate ended (expired, revoked, suspended): the role lapses.
- `move_to_renewed`: the certificate was renewed: the role rests on the new one, the term follows.
- `end_terms`: the daily sweep; terms past their end are ended ("term ended").

Every change is audited (access's AuditEntry, `champion.*` actions) and announced to webhook
receivers (access.events, `champion.*`) in its own transaction. Refusals are `AccessError`s.
"""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import events
from access.models import AuditAction, AuditEntry, Champion, ChampionSettings, ChampionStatus
from access.services.audit import audit, audit_entry
from access.services.errors import AccessError, AlreadyDecided, NotAllowed
from access.services.rules import best_certificate
from certification.models import Program
from lms.models import Department, Employee
from lms.people import display_name
from lms.scope import scope_for
from webhooks import events as webhooks

#: The social media team's right over champions.
MANAGE_PERMISSION = "access.manage_champions"
#: The HR permission of the reporting app (named here: access sits below reporting).
HR_PERMISSION = "reporting.view_completion_report"

OPEN = (ChampionStatus.NOMINATED, ChampionStatus.ACTIVE)


class ChampionError(AccessError):
    status = 400


class NotChampionCertified(ChampionError):
    status = 409


class DuplicateChampion(ChampionError):
    status = 409


class DepartmentNotFound(ChampionError):
    """Outside a scoped HR user's departments: answered like a department that does not exist."""

    status = 404


def _active_user(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_champion_team(user):
    return _active_user(user) and user.has_perm(MANAGE_PERMISSION)


def is_hr(user):
    return _active_user(user) and user.has_perm(HR_PERMISSION)


def hr_may_act_on(user, department):
    """HR may nominate and end champions of the departments inside their scope."""
    return is_hr(user) and scope_for(user).contains(department)


def may_manage(user, department):
    return is_champion_team(user) or hr_may_act_on(user, department)


def manageable_departments(user):
    """The departments this person may nominate champions for (none for most people)."""
    if is_champion_team(user):
        return Department.objects.all()
    if is_hr(user):
        return scope_for(user).departments_queryset()
    return Department.objects.none()


def required_program():
    """The program a champion must hold: the one the settings name, else the highest tier."""
    settings = ChampionSettings.load()
    if settings.program_id is not None:
        return settings.program
    return Program.objects.order_by("-tier", "name").first()


def line_paths(department):
    """The paths of a department and of every department above it (treebeard: a prefix each
    `steplen` characters), so "my department" is one query."""
    step = Department.steplen
    return [department.path[:end] for end in range(step, len(department.path) + 1, step)]


def department_of(user):
    """The department of an active employee (one query, cached on the user), else None."""
    if not _active_user(user):
        return None
    if not hasattr(user, "_champion_department"):
        employee = (
            Employee.objects.filter(user_id=user.pk, active=True)
            .select_related("department")
            .first()
        )
        user._champion_department = employee.department if employee else None
    return user._champion_department


def self_nomination_departments(user):
    """Where a person may nominate themselves: their own department and those above it."""
    department = department_of(user)
    if department is None:
        return Department.objects.none()
    return Department.objects.filter(path__in=line_paths(department)).order_by("path")


def _works_in(person, department):
    employee = getattr(person, "employee", None)
    own = employee.department if employee is not None and employee.active else None
    return own is not None and own.path.startswith(department.path)


def _term(certificate, *, start, term_days):
    end = start + datetime.timedelta(days=term_days)
    if certificate is not None:
        end = min(end, timezone.localdate(certificate.expires_at))
    return max(end, start)


def _label(champion):
    return {"person": champion.person_name, "department": champion.department.name}


def _certificate_or_refuse(person, program, now):
    certificate = best_certificate(person, program.pk, now)
    if certificate is None:
        raise NotChampionCertified(
            _(
                "%(person)s holds no valid %(program)s certificate: a champion must hold one "
                "(or one above it on the ladder)."
            )
            % {"person": display_name(person), "program": program.name}
        )
    return certificate


def _appoint(champion, *, by, now, certificate):
    settings = ChampionSettings.load()
    today = timezone.localdate(now)
    champion.status = ChampionStatus.ACTIVE
    champion.certificate = certificate
    champion.term_start = today
    champion.term_end = _term(certificate, start=today, term_days=settings.term_days)
    champion.decided_by = by
    champion.decided_at = now


def _record(champion, action, event_type, *, actor, reason=""):
    audit(
        action,
        actor=actor,
        subject=champion.person,
        certificate=champion.certificate,
        reason=reason,
        champion_id=champion.pk,
        department=champion.department.name,
        department_code=champion.department.code,
    )
    if event_type:
        webhooks.emit_one(event_type, events.champion_data(champion))


def nominate(department, person, *, by, note="", self_nominated=False, now=None):
    """Name `person` champion of `department`. Returns the Champion (active, or nominated when
    they nominated themselves)."""
    now = now or timezone.now()
    note = (note or "").strip()[:2000]
    if not _active_user(by):
        raise NotAllowed(_("Sign in to nominate a champion."))
    if self_nominated:
        if person.pk != by.pk:
            raise NotAllowed(_("A self-nomination names yourself."))
        if not _works_in(person, department):
            raise NotAllowed(
                _(
                    "You can nominate yourself only for your own department or one above it, "
                    "not for %(department)s."
                )
                % {"department": department.name}
            )
    elif not is_champion_team(by):
        if is_hr(by) and not scope_for(by).contains(department):
            raise DepartmentNotFound(_("No such department in your HR scope."))
        if not is_hr(by):
            raise NotAllowed(
                _(
                    "Only HR and the social media team nominate champions; "
                    "you may nominate yourself."
                )
            )
    if not (person.is_active and _works_in(person, department)):
        raise ChampionError(
            _("%(person)s does not work in %(department)s or a department under it.")
            % {"person": display_name(person), "department": department.name}
        )
    program = required_program()
    if program is None:
        raise ChampionError(_("No certification program exists yet: a champion must hold one."))
    certificate = _certificate_or_refuse(person, program, now)
    champion = Champion(
        department=department,
        person=person,
        program=program,
        certificate=certificate,
        self_nominated=self_nominated,
        nominated_by=by,
        nominated_at=now,
        note=note,
    )
    if not self_nominated:
        _appoint(champion, by=by, now=now, certificate=certificate)
    try:
        with transaction.atomic():
            champion.save()
            if self_nominated:
                _record(
                    champion,
                    AuditAction.CHAMPION_NOMINATED,
                    events.CHAMPION_NOMINATED,
                    actor=by,
                    reason=note,
                )
            else:
                _record(
                    champion,
                    AuditAction.CHAMPION_APPOINTED,
                    events.CHAMPION_APPOINTED,
                    actor=by,
                    reason=note,
                )
    except IntegrityError:
        raise DuplicateChampion(
            _("%(person)s is already a champion of %(department)s, or nominated to be.")
            % {"person": display_name(person), "department": department.name}
        ) from None
    return champion


def _locked(champion):
    return (
        Champion.objects.select_for_update(of=("self",))
        .select_related("department", "person__employee", "program", "certificate")
        .get(pk=champion.pk)
    )


def decide(champion, *, by, approve, note="", now=None):
    """The social media team approves (the term starts today) or declines a self-nomination."""
    now = now or timezone.now()
    note = (note or "").strip()[:2000]
    if not is_champion_team(by):
        raise NotAllowed(_("Only the social media team approves champions."))
    if not approve and not note:
        raise ChampionError(_("Say why the nomination is declined."))
    with transaction.atomic():
        champion = _locked(champion)
        if champion.status != ChampionStatus.NOMINATED:
            raise AlreadyDecided(
                _("This nomination was already decided (%(status)s).")
                % {"status": champion.get_status_display()}
            )
        if approve:
            certificate = _certificate_or_refuse(champion.person, champion.program, now)
            _appoint(champion, by=by, now=now, certificate=certificate)
            champion.save()
            _record(
                champion,
                AuditAction.CHAMPION_APPOINTED,
                events.CHAMPION_APPOINTED,
                actor=by,
                reason=note,
            )
        else:
            champion.status = ChampionStatus.DECLINED
            champion.decided_by, champion.decided_at = by, now
            champion.end_reason = note[:255]
            champion.save()
            _record(champion, AuditAction.CHAMPION_DECLINED, None, actor=by, reason=note)
    return champion


def end(champion, *, by, reason, now=None):
    """End a role (or withdraw a nomination) before its term: the team, or HR in their scope."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not may_manage(by, champion.department):
        if is_hr(by):
            raise DepartmentNotFound(_("No such champion in your HR scope."))
        raise NotAllowed(_("Only HR and the social media team end a champion's role."))
    if not reason:
        raise ChampionError(_("Say why the role ends."))
    with transaction.atomic():
        champion = _locked(champion)
        if champion.status not in OPEN:
            raise AlreadyDecided(
                _("This role has already ended (%(status)s).")
                % {"status": champion.get_status_display()}
            )
        champion.status = ChampionStatus.ENDED
        champion.ended_at = now
        champion.end_reason = reason[:255]
        champion.save()
        _record(
            champion, AuditAction.CHAMPION_ENDED, events.CHAMPION_ENDED, actor=by, reason=reason
        )
    return champion


def _close(champions, status, action, event_type, reason, *, actor=None, now):
    """Close these (open, locked, loaded) champions at once: one UPDATE, one INSERT of audit
    entries, one event each."""
    if not champions:
        return 0
    Champion.objects.filter(pk__in=[c.pk for c in champions]).update(
        status=status, ended_at=now, end_reason=reason[:255]
    )
    entries, payloads = [], []
    for champion in champions:
        champion.status, champion.ended_at, champion.end_reason = status, now, reason[:255]
        entries.append(
            audit_entry(
                action,
                actor=actor,
                subject=champion.person,
                certificate=champion.certificate,
                reason=reason,
                champion_id=champion.pk,
                department=champion.department.name,
                department_code=champion.department.code,
            )
        )
        payloads.append(events.champion_data(champion))
    AuditEntry.objects.bulk_create(entries)
    webhooks.emit(event_type, payloads)
    return len(champions)


def _open_on(certificate_ids):
    return _open(Champion.objects.filter(certificate_id__in=certificate_ids))


def _open(champions):
    return list(
        champions.filter(status__in=OPEN)
        .select_related("department", "person__employee", "program", "certificate")
        .select_for_update(of=("self",))
        .order_by("pk")
    )


def lapse_for_certificates(certificate_ids, reason, *, by=None, now=None):
    """The certificates ended (expired, revoked, suspended): every open role resting on them
    lapses. Runs in the transaction of the cause; returns how many lapsed."""
    now = now or timezone.now()
    ids = list(certificate_ids)
    if not ids:
        return 0
    if connection.vendor == "postgresql":
        # One statement whatever the number of certificates: the ids bound as one array.
        column = f"{connection.ops.quote_name(Champion._meta.db_table)}.certificate_id"
        batches = [Champion.objects.extra(where=[f"{column} = ANY(%s)"], params=[ids])]  # noqa: S610 - the table's own name, the ids bound
    else:  # SQLite: a bounded number of parameters per statement
        batches = [
            Champion.objects.filter(certificate_id__in=ids[start : start + 500])
            for start in range(0, len(ids), 500)
        ]
    count = 0
    with transaction.atomic():
        for champions in batches:
            count += _close(
                _open(champions),
                ChampionStatus.LAPSED,
                AuditAction.CHAMPION_LAPSED,
                events.CHAMPION_LAPSED,
                str(reason),
                actor=by,
                now=now,
            )
    return count


def end_for_leaver(person, *, now=None):
    """The person left (deactivated by the import, SCIM or an admin): their open roles and
    nominations end with them, in the same transaction. Returns how many ended."""
    now = now or timezone.now()
    with transaction.atomic():
        return _close(
            _open(Champion.objects.filter(person=person)),
            ChampionStatus.ENDED,
            AuditAction.CHAMPION_ENDED,
            events.CHAMPION_ENDED,
            str(_("Left the organisation")),
            now=now,
        )


def move_to_renewed(old, new, *, now=None):
    """A certificate renewed inside its window: roles resting on it now rest on the new one and
    their term runs as long as it would have (term_days from its start, capped by the new end)."""
    now = now or timezone.now()
    settings = ChampionSettings.load()
    with transaction.atomic():
        champions = _open_on([old.pk])
        entries = []
        for champion in champions:
            champion.certificate = new
            if champion.status == ChampionStatus.ACTIVE:
                champion.term_end = _term(
                    new, start=champion.term_start, term_days=settings.term_days
                )
            champion.save(update_fields=["certificate", "term_end"])
            entries.append(
                audit_entry(
                    AuditAction.CHAMPION_RENEWED,
                    subject=champion.person,
                    certificate=new,
                    reason=_("Certificate renewed"),
                    champion_id=champion.pk,
                    department=champion.department.name,
                    renews=old.serial,
                    term_end=champion.term_end.isoformat() if champion.term_end else None,
                )
            )
        AuditEntry.objects.bulk_create(entries)
    return len(champions)


def end_terms(today=None, *, now=None):
    """The daily sweep: active roles whose term ended before today end ("term ended")."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    with transaction.atomic():
        due = list(
            Champion.objects.filter(status=ChampionStatus.ACTIVE, term_end__lt=today)
            .select_related("department", "person__employee", "program", "certificate")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        return _close(
            due,
            ChampionStatus.ENDED,
            AuditAction.CHAMPION_ENDED,
            events.CHAMPION_ENDED,
            _("Term ended"),
            now=now,
        )


def active_champions(now=None):
    """Active champions with what a listing shows, in the order of the department tree."""
    return (
        Champion.objects.active(now)
        .select_related("department", "person__employee", "program")
        .order_by("department__path", "person__last_name", "person__first_name", "pk")
    )


def champions_for(department, now=None):
    """The active champions a person of `department` turns to: theirs and those above it."""
    return active_champions(now).filter(department__path__in=line_paths(department))


def open_roles_of(person):
    return Champion.objects.filter(person=person, status__in=OPEN).select_related("department")


__all__ = [
    "HR_PERMISSION",
    "MANAGE_PERMISSION",
    "ChampionError",
    "DepartmentNotFound",
    "DuplicateChampion",
    "NotChampionCertified",
    "active_champions",
    "champions_for",
    "decide",
    "end",
    "end_for_leaver",
    "end_terms",
    "is_champion_team",
    "is_hr",
    "lapse_for_certificates",
    "manageable_departments",
    "may_manage",
    "move_to_renewed",
    "nominate",
    "open_roles_of",
    "required_program",
    "self_nomination_departments",
]
