# ruff: noqa: T201 (a CI script: it reports on stdout)
"""Upgrade check, both halves; run through `manage.py shell -c` by .ci/upgrade_check.

UPGRADE_CHECK_MODE=record (in the 1879c7f worktree, old app labels): writes the figures of the
seeded demo to UPGRADE_CHECK_JSON.

UPGRADE_CHECK_MODE=verify (in the repository, after `migrate`): reads that file and checks the
same figures through the new models, the home page, the groups' permissions, the content types
and a few pages through django.test.Client. Prints PASS/FAIL per check and exits 1 on a failure.
"""

import json
import os
import sys
import traceback

# Models that left their app in 233213e: (old app_label, model) -> new app_label.
MOVED = {
    **{
        ("certification", m): "access"
        for m in ("socialaccount", "accountrole", "accessrequest", "accessgrant", "auditentry")
    },
    **{
        ("certification", m): "webhooks"
        for m in ("webhookendpoint", "outboxevent", "webhookdelivery", "deliveryattempt")
    },
    **{("lms", m): "reporting" for m in ("assignment", "assignmentreminder", "reportsnapshot")},
    ("lms", "homepage"): "academy_site",
}
GROUPS = ("HR", "Social media team")


def group_permissions(Group):
    """{group: sorted [[app_label, model, codename]]}; a missing group is None."""
    found = {}
    for name in GROUPS:
        group = Group.objects.filter(name=name).first()
        found[name] = (
            None
            if group is None
            else sorted(
                [p.content_type.app_label, p.content_type.model, p.codename]
                for p in group.permissions.select_related("content_type")
            )
        )
    return found


WEBHOOK_NAME = "Upgrade check receiver"
WEBHOOK_SECRET = "whsec_upgrade-check-secret-1879c7f"  # noqa: S105 - a test value


def add_missing_rows(apps):
    """The demo makes no webhook endpoint and no monthly snapshot: one of each, so the moved
    tables (and the snapshot's recipients, an auto-created many-to-many table) are not empty."""
    from datetime import date

    from django.contrib.auth import get_user_model

    WebhookEndpoint = apps.get_model("certification.WebhookEndpoint")
    ReportSnapshot = apps.get_model("lms.ReportSnapshot")
    if not WebhookEndpoint.objects.filter(name=WEBHOOK_NAME).exists():
        endpoint = WebhookEndpoint(
            name=WEBHOOK_NAME,
            url="https://receiver.example.com/hook",
            events=["certificate.issued"],
        )
        endpoint.set_secret(WEBHOOK_SECRET)  # encrypted with the old code's key derivation
        endpoint.save()
    snapshot, _ = ReportSnapshot.objects.get_or_create(
        month=date(2026, 11, 1),
        scope_key="upgrade-check",
        defaults={"scope_label": "Upgrade check", "figures": {"totals": {"people": 1}}},
    )
    snapshot.recipients.set(get_user_model().objects.filter(username__in=["admin", "hr"]))


def record(path):
    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    add_missing_rows(apps)

    counts = {
        name: apps.get_model(label).objects.count()
        for name, label in (
            ("SocialAccount", "certification.SocialAccount"),
            ("AccessGrant", "certification.AccessGrant"),
            ("AuditEntry", "certification.AuditEntry"),
            ("WebhookEndpoint", "certification.WebhookEndpoint"),
            ("Assignment", "lms.Assignment"),
            ("ReportSnapshot", "lms.ReportSnapshot"),
            ("Certificate", "certification.Certificate"),
            ("Page", "wagtailcore.Page"),
        )
    }
    home = Page.objects.get(depth=2)
    perms = group_permissions(Group)
    data = {
        "counts": counts,
        "home": {
            "id": home.pk,
            "app_label": home.content_type.app_label,
            "model": home.content_type.model,
        },
        "group_permissions": {
            name: None if rows is None else [f"{a}.{c}" for a, _, c in rows]
            for name, rows in perms.items()
        },
        "group_permission_models": perms,
        "snapshot_recipients": sorted(
            apps.get_model("lms.ReportSnapshot")
            .objects.get(scope_key="upgrade-check")
            .recipients.values_list("username", flat=True)
        ),
    }
    with open(path, "w") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)
    print(f"recorded {path}: {json.dumps(counts, sort_keys=True)}")
    print(f"home page: {home.content_type.app_label}.{home.content_type.model} (id {home.pk})")
    for name, rows in perms.items():
        print(f"group {name!r}: {'missing' if rows is None else len(rows)} permissions")


class Checks:
    def __init__(self):
        self.failed = []

    def check(self, name, ok, detail=""):
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""))
        if not ok:
            self.failed.append(name)
        return ok

    def run(self, name, function):
        """A check that raised is a failure with its exception, and the others still run."""
        try:
            function()
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc(limit=3)
            self.check(name, False, f"{type(exc).__name__}: {exc}")


def verify(path):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import NoReverseMatch, reverse
    from wagtail.models import Page

    with open(path) as handle:
        before = json.load(handle)
    checks = Checks()

    def counts():
        from access.models import AccessGrant, AuditEntry, SocialAccount
        from certification.models import Certificate
        from reporting.models import Assignment, ReportSnapshot
        from webhooks.models import WebhookEndpoint

        now = {
            "SocialAccount": SocialAccount.objects.count(),
            "AccessGrant": AccessGrant.objects.count(),
            "AuditEntry": AuditEntry.objects.count(),
            "WebhookEndpoint": WebhookEndpoint.objects.count(),
            "Assignment": Assignment.objects.count(),
            "ReportSnapshot": ReportSnapshot.objects.count(),
            "Certificate": Certificate.objects.count(),
            "Page": Page.objects.count(),
        }
        for name, was in sorted(before["counts"].items()):
            after = now.get(name)
            checks.check(f"rows: {name}", after == was, f"before {was}, after {after}")
        empty = [name for name, was in before["counts"].items() if not was]
        checks.check(
            "the old database has rows of every counted model",
            not empty,
            str(empty) if empty else "",
        )

        endpoint = WebhookEndpoint.objects.get(name=WEBHOOK_NAME)
        checks.check(
            "webhook endpoint's secret still decrypts to the same value",
            endpoint.secret == WEBHOOK_SECRET,
        )
        snapshot = ReportSnapshot.objects.get(scope_key="upgrade-check")
        recipients = sorted(snapshot.recipients.values_list("username", flat=True))
        checks.check(
            "monthly snapshot keeps its recipients (many-to-many table)",
            recipients == before["snapshot_recipients"],
            f"before {before['snapshot_recipients']}, after {recipients}",
        )

    def home():
        from academy_site.models import HomePage

        page = Page.objects.get(depth=2)
        label = f"{page.content_type.app_label}.{page.content_type.model}"
        checks.check(
            "home page content type is academy_site.homepage",
            label == "academy_site.homepage",
            f"{label}, before {before['home']['app_label']}.{before['home']['model']}",
        )
        checks.check("home page is the same page", page.pk == before["home"]["id"], f"id {page.pk}")
        specific = page.specific
        checks.check(
            "Page(depth=2).specific is an academy_site HomePage",
            isinstance(specific, HomePage),
            f"{type(specific).__module__}.{type(specific).__name__}",
        )

    def groups():
        now = group_permissions(Group)
        for name in GROUPS:
            rows = before["group_permission_models"][name]
            if rows is None or now[name] is None:
                checks.check(f"group {name!r} exists", False, f"before {rows is not None}")
                continue
            expected = {f"{MOVED.get((a, m), a)}.{c}" for a, m, c in rows}
            got = {f"{a}.{c}" for a, _, c in now[name]}
            same_codenames = sorted(c for _, _, c in rows) == sorted(c for _, _, c in now[name])
            moved = sum(1 for a, m, _ in rows if (a, m) in MOVED)
            checks.check(
                f"group {name!r}: same {len(rows)} permission codenames",
                same_codenames,
                f"lost {sorted(expected - got)}, gained {sorted(got - expected)}",
            )
            checks.check(
                f"group {name!r}: moved models' permissions under the new apps ({moved} moved)",
                expected == got,
                f"missing {sorted(expected - got)}, unexpected {sorted(got - expected)}",
            )

    def content_types():
        left = sorted(
            f"{ct.app_label}.{ct.model}"
            for ct in ContentType.objects.all()
            if (ct.app_label, ct.model) in MOVED
        )
        checks.check("no content types left under the old app labels", not left, ", ".join(left))
        missing = sorted(
            f"{new}.{model}"
            for (_, model), new in MOVED.items()
            if not ContentType.objects.filter(app_label=new, model=model).exists()
        )
        checks.check(
            "content types exist under the new app labels",
            not missing,
            str(missing) if missing else "",
        )

    def pages():
        setup_test_environment()
        User = get_user_model()

        def get(name, client, url, expect=200):
            response = client.get(url)
            where = f" -> {response.get('Location')}" if 300 <= response.status_code < 400 else ""
            checks.check(
                f"{name}: GET {url} answers {expect}",
                response.status_code == expect,
                f"{response.status_code}{where}",
            )

        get("anonymous", Client(), "/")
        admin = User.objects.get(username="admin")
        checks.check("the demo's admin is a superuser", admin.is_superuser)
        client = Client()
        client.force_login(admin)
        get("admin", client, "/admin/")
        for url_name in (
            "access_accounts:index",
            "access_requests:index",
            "webhook_endpoints:index",
            "assignments:index",
        ):
            try:
                url = reverse(url_name)
            except NoReverseMatch as exc:
                checks.check(f"admin: reverse({url_name!r})", False, f"NoReverseMatch: {exc}")
                continue
            get(f"admin, {url_name}", client, url)
        employee = Client()
        employee.force_login(User.objects.get(username="employee"))
        get("employee", employee, "/certificates/")

    for name, function in (
        ("row counts", counts),
        ("home page", home),
        ("group permissions", groups),
        ("content types", content_types),
        ("pages", pages),
    ):
        checks.run(name, function)
    if checks.failed:
        print(f"{len(checks.failed)} check(s) failed: " + "; ".join(checks.failed))
        sys.exit(1)
    print("all checks passed")


def main():
    mode, path = os.environ["UPGRADE_CHECK_MODE"], os.environ["UPGRADE_CHECK_JSON"]
    {"record": record, "verify": verify}[mode](path)


main()
