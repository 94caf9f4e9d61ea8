"""Official accounts of the synthetic divisions, the roles they offer, and who holds them."""

import datetime

from academy_site.synthetic.bulk import IdBlock, Table
from access.models import AccessGrant, AccessRequest, AccountRole, AuditEntry, SocialAccount

PLATFORMS = ["linkedin", "x", "instagram", "youtube", "facebook", "tiktok"]
ROLES = ["monitor", "publish", "manage"]
#: Chance that a holder of the tier's certificate holds the tier's role on a division account.
GRANT_SHARE = [0.08, 0.3, 0.5]
PENDING_REQUEST_SHARE = 0.005


class AccessWriter:
    """Accounts (two per division, two for the whole organisation), roles, grants, requests."""

    def __init__(self, catalogue, now, seed):
        self.catalogue, self.now, self.seed = catalogue, now, seed
        self.ladder = catalogue.ladder
        self.account_ids = IdBlock(SocialAccount)
        self.request_ids = IdBlock(AccessRequest)
        self.accounts = Table(
            SocialAccount,
            ["id", "name", "platform", "handle", "url", "description", "department_id",
             "status", "requires_approval"],
        )  # fmt: skip
        self.owners = Table(SocialAccount.owners.through, ["socialaccount_id", "user_id"])
        self.roles = Table(AccountRole, ["account_id", "role", "program_id", "sort_order"])
        self.requests = Table(
            AccessRequest,
            ["id", "user_id", "account_id", "role", "note", "status", "requested_at",
             "decided_at"],
        )  # fmt: skip
        self.grants = Table(
            AccessGrant,
            ["user_id", "account_id", "role", "certificate_id", "request_id", "granted_at",
             "expires_at", "revoked_at", "revoke_reason"],
        )  # fmt: skip
        self.audit = Table(
            AuditEntry,
            ["at", "action", "account_id", "role", "subject_id", "certificate_id", "reason"],
        )
        self.tables = [
            self.accounts, self.owners, self.roles, self.requests, self.grants, self.audit,
        ]  # fmt: skip
        self.by_division = {}  # department pk -> [(account pk, requires approval)]

    def flush(self):
        for table in self.tables:
            table.flush()

    def counts(self):
        return {str(table.model._meta.verbose_name_plural): table for table in self.tables}

    def write_accounts(self, rng, root, people_by_employee):
        """Two accounts per division and two for the organisation, with their roles."""
        if not self.ladder:
            return
        number = 0
        for dept in [root, *root.children]:
            accounts = []
            for _ in range(2):
                platform = PLATFORMS[number % len(PLATFORMS)]
                handle = f"Synth{self.seed}{''.join(dept.name.title().split())}{number}"[:100]
                pk = self.account_ids.take()
                approval = rng.random() < 0.25
                self.accounts.add((
                    pk, f"{dept.name}"[:150], platform, handle,
                    f"https://social.example/{platform}/{handle}",
                    "Synthetic account for benchmarks.", dept.pk, "active", approval,
                ))  # fmt: skip
                for order, role in enumerate(ROLES):
                    program = self.ladder[min(order, len(self.ladder) - 1)]
                    self.roles.add((pk, role, program.pk, order))
                head = people_by_employee.get(dept.head)
                if head is not None:
                    self.owners.add((pk, head.user_pk))
                accounts.append((pk, approval))
                number += 1
            self.by_division[dept.pk] = accounts
        self.accounts.flush()

    def person(self, rng, person, certificates):
        """Maybe a grant for this person's highest certificate, and maybe a pending request."""
        if not self.by_division or not certificates:
            return
        division = _division_of(person.dept)
        accounts = self.by_division.get(division.pk) or next(iter(self.by_division.values()))
        top = max(certificates, key=lambda c: (c.program_index, c.issued_at))
        tier = min(top.program_index, len(ROLES) - 1)
        account, needs_request = accounts[rng.randrange(len(accounts))]
        if rng.random() < PENDING_REQUEST_SHARE and tier + 1 < len(ROLES):
            self.requests.add((
                self.request_ids.take(), person.user_pk, account, ROLES[tier + 1],
                "I cover this region's launches.", "pending", self.now - _hours(rng, 200), None,
            ))  # fmt: skip
        if rng.random() >= GRANT_SHARE[tier]:
            return
        role = ROLES[tier]
        granted = min(top.issued_at + _hours(rng, 72), self.now)
        request = None
        if needs_request:
            request = self.request_ids.take()
            self.requests.add((
                request, person.user_pk, account, role, "", "approved", top.issued_at, granted,
            ))  # fmt: skip
        revoked, reason = self._revocation(rng, person, top, granted)
        self.grants.add((
            person.user_pk, account, role, top.pk, request, granted, top.expires_at, revoked,
            reason,
        ))  # fmt: skip
        self.audit.add((granted, "access.granted", account, role, person.user_pk, top.pk, ""))
        if revoked:
            self.audit.add(
                (revoked, "access.revoked", account, role, person.user_pk, top.pk, reason)
            )

    def _revocation(self, rng, person, certificate, granted):
        if certificate.status == "revoked":
            return max(certificate.revoked_at, granted), "certificate_revoked"
        if certificate.status == "expired":
            return max(certificate.expires_at, granted), "certificate_expired"
        if not person.active:
            return max(self.now - _hours(rng, 24 * 90), granted), "user_inactive"
        return None, ""


def _division_of(dept):
    while dept.parent is not None and dept.depth > 2:
        dept = dept.parent
    return dept


def _hours(rng, most):
    return datetime.timedelta(minutes=rng.randrange(30, most * 60))
