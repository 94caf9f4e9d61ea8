"""The demo ladder and certificates that seed_demo loads."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from certification.models import Approval, Certificate, Program


def snapshot():
    return (
        sorted(Certificate.objects.values_list("serial", "status")),
        sorted(Approval.objects.values_list("applicant_id", "program_id", "status")),
        sorted(Program.objects.values_list("slug", "tier")),
    )


@pytest.mark.django_db
def test_the_demo_has_the_ladder_certificates_at_every_stage_and_nothing_for_employee(demo, client):
    from academy_site.demo.content import COURSES

    ladder = {p.slug: p for p in Program.objects.on_ladder()}
    assert list(ladder) == ["enthusiast", "professional", "spokesperson"]
    enthusiast, professional, spokesperson = ladder.values()
    assert enthusiast.requires_policy
    assert [pc.course.slug for pc in enthusiast.program_courses.all()] == ["social-media-basics"]
    assert professional.builds_on == enthusiast
    assert [pc.course.slug for pc in professional.program_courses.all()] == [
        c["slug"] for c in COURSES
    ]
    assert len(COURSES) == 8
    assert spokesperson.builds_on == professional and spokesperson.requires_approval

    statuses = set(Certificate.objects.values_list("status", flat=True))
    assert statuses == {"valid", "expired", "revoked"}
    assert Certificate.objects.filter(status="revoked").count() == 1
    assert Certificate.objects.filter(status="expired").count() >= 2
    assert Certificate.objects.filter(program=spokesperson, status="valid").exists()
    assert Approval.objects.filter(status="pending").exists()

    for username in ("employee", "admin", "editor", "hr"):
        assert not Certificate.objects.filter(holder__username=username).exists()
        assert not Approval.objects.filter(applicant__username=username).exists()

    team = Group.objects.get(name="Social media team")
    codenames = set(team.permissions.values_list("codename", flat=True))
    assert {"decide_approval", "revoke_certificate", "view_certificate"} <= codenames

    valid = Certificate.objects.filter(status="valid").first()
    assert b"This certificate is valid." in client.get(f"/verify/{valid.serial}/").content

    before = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == before
