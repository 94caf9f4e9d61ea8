"""The access check: may this person act in this role on this account, why, and until when?

The hot path other tools call before every post. One query, nothing cached: the account with
the program its role requires and the person with their grant and certificate state as
correlated subqueries. A revocation is visible to the very next check, and so is an expiry:
validity is read from the dates (a grant counts only until its end, which is its certificate's,
and while a covering certificate is valid), never from the status column that the nightly
sweep updates. The statement is written as SQL: built with the ORM it cost several times what
the database takes to answer.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from access.addresses import (
    UnknownPlatformAddress,
    looks_like_address,
    own_site_accounts,
    read_reference,
)
from access.models import AccessGrant, AccountRole, AccountStatus, Platform, RoleName, SocialAccount
from access.models.accounts import normalize_handle
from access.services import AccessError
from certification.models import Certificate, CertificateStatus, Program


class Reason:
    GRANTED = "granted"
    NO_CERTIFICATE = "no_certificate"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_REVOKED = "certificate_revoked"
    NOT_GRANTED = "not_granted"
    ACCOUNT_RETIRED = "account_retired"
    ACCOUNT_PAUSED = "account_paused"
    USER_INACTIVE = "user_inactive"
    ROLE_NOT_OFFERED = "role_not_offered"

    ALL = (
        GRANTED,
        NO_CERTIFICATE,
        CERTIFICATE_EXPIRED,
        CERTIFICATE_REVOKED,
        NOT_GRANTED,
        ACCOUNT_RETIRED,
        ACCOUNT_PAUSED,
        USER_INACTIVE,
        ROLE_NOT_OFFERED,
    )


class UnknownSubject(AccessError):
    status = 404


class InvalidRole(AccessError):
    status = 422


class AmbiguousAccount(AccessError):
    status = 400


@dataclass
class CheckResult:
    allowed: bool
    reason: str
    until: datetime | None
    user_id: int
    account_id: int
    role: str


def account_filter(reference):
    """An account by id ('12'), handle ('@NorthwindSystems'), platform and handle ('x:…') or
    address ('https://x.com/NorthwindSystems'; see access.addresses)."""
    reference = (reference or "").strip()
    if reference.isascii() and reference.isdigit():
        # Ids are 64-bit: a longer number names no account (and would overflow the query).
        return {"pk": int(reference) if len(reference) <= 18 else 0}
    if looks_like_address(reference):
        try:
            parsed = read_reference(reference)
        except UnknownPlatformAddress:
            matches = own_site_accounts(reference)  # a blog of ours, by its address
            if len(matches) == 1:
                return {"pk": matches[0].pk}
            raise
        return {"platform": parsed.platform, "handle_key": parsed.handle.lower()}
    platform, sep, rest = reference.partition(":")
    if sep and platform.lower() in Platform.values:
        return {"platform": platform.lower(), "handle_key": normalize_handle(rest).lower()}
    handle = normalize_handle(reference)
    if not handle:
        raise UnknownSubject(_("Give an account id or handle."))
    return {"handle_key": handle.lower()}


CHECK_SQL = """
WITH RECURSIVE
account AS (
    SELECT a.id, a.platform, a.handle, a.status,
        (SELECT r.program_id FROM {role} r WHERE r.account_id = a.id AND r.role = %s
            ORDER BY r.sort_order LIMIT 1) AS program_id
    FROM {account} a
    WHERE {condition}
    ORDER BY a.id
    LIMIT 2
),
covering(id) AS (
    SELECT program_id FROM account WHERE program_id IS NOT NULL
    UNION SELECT p.id FROM {program} p JOIN covering c ON p.builds_on_id = c.id
),
person AS (
    SELECT u.id, u.is_active, e.active AS employee_active
    FROM {user} u LEFT JOIN {employee} e ON e.user_id = u.id
    WHERE UPPER(u.email) = UPPER(%s)
    ORDER BY u.is_active DESC, u.id
    LIMIT 1
)
SELECT account.id, account.platform, account.handle, account.status, account.program_id,
    person.id, person.is_active, person.employee_active,
    (SELECT g.expires_at FROM {grant} g WHERE g.user_id = person.id
        AND g.account_id = account.id AND g.role = %s AND g.revoked_at IS NULL
        ORDER BY g.expires_at DESC LIMIT 1),
    EXISTS (SELECT 1 FROM {certificate} c WHERE c.holder_id = person.id AND c.status = %s
        AND c.expires_at > %s AND c.program_id IN (SELECT id FROM covering)),
    (SELECT c.status FROM {certificate} c WHERE c.holder_id = person.id
        AND c.program_id IN (SELECT id FROM covering) ORDER BY c.issued_at DESC, c.id DESC
        LIMIT 1)
FROM account LEFT JOIN person ON 1 = 1
ORDER BY account.id
"""
ACCOUNT_CONDITIONS = {
    "pk": "a.id = %s",
    "platform": "a.platform = %s",
    "handle_key": "LOWER(a.handle) = %s",
}


@dataclass
class Account:
    """The account asked about, and the program its role requires (None: not offered)."""

    pk: int
    platform: str
    handle: str
    status: str
    required_program_id: int | None


@dataclass
class Person:
    """What the check needs to know about the person asked about."""

    pk: int
    is_active: bool
    employee_active: bool | None  # None: not an employee
    grant_until: datetime | None
    has_valid: bool
    latest_status: str | None

    @property
    def employee(self):
        return None if self.employee_active is None else _Employee(bool(self.employee_active))


@dataclass
class _Employee:
    active: bool


@lru_cache(maxsize=8)
def _check_sql(lookup_keys, vendor):
    """The statement for one shape of account reference (table names are the models')."""
    quote = connection.ops.quote_name
    user = get_user_model()
    tables = {
        "role": AccountRole,
        "account": SocialAccount,
        "program": Program,
        "grant": AccessGrant,
        "certificate": Certificate,
        "user": user,
        "employee": user._meta.get_field("employee").related_model,
    }
    names = {key: quote(model._meta.db_table) for key, model in tables.items()}
    condition = " AND ".join(ACCOUNT_CONDITIONS[key] for key in lookup_keys)
    return CHECK_SQL.format(condition=condition, **names)


def _aware(value):
    """A timestamp from a subquery: SQLite hands back text or a naive UTC datetime."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(str(value))
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def find(email, reference, role, now):
    """The account (with the program its role requires) and the person, in one statement.

    The hot path other tools call before every post: one round trip to the database, which on
    a busy machine costs more than the statement itself (index look-ups on the account, on
    UPPER(email), and correlated look-ups of the grant and the covering certificates). Written
    as SQL: built with the ORM it cost several times what the database takes to answer.
    """
    lookup = account_filter(reference)
    email = (email or "").strip()
    if not email:
        raise UnknownSubject(_("Give the person's e-mail address."))
    params = [
        role,
        *lookup.values(),
        email,
        role,
        CertificateStatus.VALID.value,
        connection.ops.adapt_datetimefield_value(now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_check_sql(tuple(lookup), connection.vendor), params)
        rows = cursor.fetchall()
    if not rows:
        raise UnknownSubject(_("No official account matches '%(ref)s'.") % {"ref": reference})
    if len(rows) > 1:
        raise AmbiguousAccount(
            _(
                "Several accounts have the handle '%(ref)s': give the id or platform:handle "
                "(e.g. x:%(handle)s)."
            )
            % {"ref": reference, "handle": rows[0][2]}
        )
    row = rows[0]
    account = Account(*row[:5])
    if row[5] is None:
        raise UnknownSubject(_("No person has the e-mail address '%(email)s'.") % {"email": email})
    person = Person(
        pk=row[5],
        is_active=bool(row[6]),
        employee_active=row[7],
        grant_until=_aware(row[8]),
        has_valid=bool(row[9]),
        latest_status=row[10],
    )
    return account, person


def is_active(person):
    employee = getattr(person, "employee", None)
    return person.is_active and (employee is None or employee.active)


def decide(person, account, now):
    """The reason, in order: the account's state, the person's, the grant, the certificates."""
    if account.status == AccountStatus.RETIRED:
        return Reason.ACCOUNT_RETIRED, None
    if account.status == AccountStatus.PAUSED:
        return Reason.ACCOUNT_PAUSED, None
    if not is_active(person):
        return Reason.USER_INACTIVE, None
    if account.required_program_id is None:
        return Reason.ROLE_NOT_OFFERED, None
    # A grant lets in only while the person holds a certificate covering the role, valid by its
    # dates (has_valid): one resting on a certificate past its end, not yet revoked by the
    # sweep, does not. The grant's own end is its certificate's, so this costs nothing more.
    if person.grant_until is not None and person.grant_until > now and person.has_valid:
        return Reason.GRANTED, person.grant_until
    # A grant that ended with its certificate answers as the sweep will leave it (revoked):
    # by the certificates the person holds now.
    if person.has_valid:
        return Reason.NOT_GRANTED, None
    if person.latest_status is None:
        return Reason.NO_CERTIFICATE, None
    if person.latest_status == CertificateStatus.REVOKED:
        return Reason.CERTIFICATE_REVOKED, None
    # The latest is expired, whether the sweep has recorded it or its status still says valid.
    return Reason.CERTIFICATE_EXPIRED, None


def check_access(email, account_reference, role, now=None):
    """Answer the check in one query. Raises InvalidRole, UnknownSubject, AmbiguousAccount."""
    if role not in RoleName.values:
        raise InvalidRole(
            _("'%(role)s' is not a role. Roles: %(roles)s.")
            % {"role": role, "roles": ", ".join(RoleName.values)}
        )
    now = now or timezone.now()
    account, person = find(email, account_reference, role, now)
    reason, until = decide(person, account, now)
    return CheckResult(
        allowed=reason == Reason.GRANTED,
        reason=reason,
        until=until,
        user_id=person.pk,
        account_id=account.pk,
        role=role,
    )
