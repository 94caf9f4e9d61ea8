"""The coverage report through the API (`GET /api/v1/reports/coverage`), as HR reads it.

Before measuring, the synthetic organisation gets what `seed_org` does not make: an active
champion in each department that has a certified person, and a week of listening and triage
duty on every active account (bulk inserts, marked with the note "bench"). The report is then
timed and its queries counted; the count must not grow with the organisation.
"""

import datetime

from django.utils import timezone

from .report import reader
from .stats import figure
from .timing import measure

REPEAT = 10
URL = "/api/v1/reports/coverage"


def prepare():
    """Champions and a covered week of duty, once per database (skipped when present)."""
    from access.models import Champion, ChampionStatus, DutyKind, DutySlot, SocialAccount
    from certification.models import Certificate

    now = timezone.now()
    if not DutySlot.objects.filter(note="bench").exists():
        start = now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=1)
        slots = []
        for account in SocialAccount.objects.active().order_by("pk"):
            holder = account.grants.filter(revoked_at__isnull=True).values("user_id").first()
            if holder is None:
                continue
            for kind in DutyKind.values:
                for day in range(8):
                    slots.append(
                        DutySlot(
                            account=account,
                            kind=kind,
                            person_id=holder["user_id"],
                            starts_at=start + datetime.timedelta(days=day),
                            ends_at=start + datetime.timedelta(days=day + 1),
                            note="bench",
                        )
                    )
        DutySlot.objects.bulk_create(slots, batch_size=1000)
    if not Champion.objects.exists():
        today = timezone.localdate()
        seen, champions = set(), []
        valid = (
            Certificate.objects.valid(now)
            .filter(holder__employee__active=True)
            .order_by("holder__employee__department_id", "-program__tier", "pk")
            .values_list("holder__employee__department_id", "holder_id", "pk", "program_id")
        )
        for department_id, holder_id, certificate_id, program_id in valid.iterator(2000):
            if department_id in seen:
                continue
            seen.add(department_id)
            champions.append(
                Champion(
                    department_id=department_id,
                    person_id=holder_id,
                    certificate_id=certificate_id,
                    program_id=program_id,
                    status=ChampionStatus.ACTIVE,
                    term_start=today,
                    term_end=today + datetime.timedelta(days=365),
                )
            )
        Champion.objects.bulk_create(champions, batch_size=1000)


def call(client):
    def run():
        response = client.get(URL)
        if response.status_code != 200:
            raise RuntimeError(f"{URL}: {response.status_code} {response.content[:300]}")
        return response

    return run


def run(size):
    prepare()
    client = reader()
    sample = measure(call(client), REPEAT)
    figure("coverage.api.median_ms", sample.median_ms, "ms", size)
    figure("coverage.api.p95_ms", sample.p95_ms, "ms", size)
    figure("coverage.api.queries", sample.typical_queries, "queries", size)
