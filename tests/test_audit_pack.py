"""Audit packs: a ZIP of the certificate PDFs issued to a department (with its sub-departments)
in a date range, with a CSV manifest, built by a task that records its progress; HR asks for it
and downloads it inside their HR scope; the file is deleted after AUDIT_PACK_RETENTION_DAYS."""

import csv
import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from reporting import audit_packs
from reporting.models import AuditPack, AuditPackStatus
from tests.factories import (
    CertificateFactory,
    EmployeeFactory,
    UserFactory,
    make_department,
    make_hr_user,
    make_program,
)

pytestmark = pytest.mark.django_db

INDEX = "audit_packs:index"


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


DAY = datetime.date(2026, 3, 10)


def person(department, employee_id, first_name):
    return EmployeeFactory(
        department=department,
        employee_id=employee_id,
        user=UserFactory(username=employee_id.lower(), first_name=first_name, last_name="Doe"),
    ).user


@pytest.fixture
def org():
    company = make_department("Acme")
    sales = make_department("Sales", company)
    emea = make_department("Sales EMEA", sales)
    support = make_department("Support", company)
    enthusiast = make_program("enthusiast", name="Enthusiast")
    professional = make_program("professional", tier=2, name="Professional")
    ann = person(sales, "S001", "Ann")
    eve = person(emea, "S002", "=Eve")  # a name a spreadsheet would run as a formula
    sam = person(support, "T001", "Sam")

    def cert(holder, program, day, **fields):
        issued = at(day)
        return CertificateFactory(
            holder=holder,
            program=program,
            issued_at=issued,
            expires_at=issued + datetime.timedelta(days=365),
            **fields,
        )

    return {
        "company": company,
        "sales": sales,
        "emea": emea,
        "support": support,
        "enthusiast": enthusiast,
        "professional": professional,
        "ann": ann,
        "eve": eve,
        "sam": sam,
        "in_sales": [
            cert(ann, enthusiast, DAY),
            cert(eve, enthusiast, DAY + datetime.timedelta(days=2)),
            cert(
                ann,
                professional,
                DAY + datetime.timedelta(days=5),
                status="revoked",
                revoked_at=at(DAY + datetime.timedelta(days=6)),
            ),
        ],
        "exemption": cert(eve, professional, DAY + datetime.timedelta(days=3), kind="exemption"),
        "before": cert(eve, enthusiast, DAY - datetime.timedelta(days=400), status="expired"),
        "after": cert(ann, professional, DAY + datetime.timedelta(days=40)),
        "in_support": cert(sam, enthusiast, DAY + datetime.timedelta(days=1)),
        "hr": make_hr_user("hr-all"),
        "hr_sales": make_hr_user("hr-sales", scope=[sales]),
        "hr_support": make_hr_user("hr-support", scope=[support]),
    }


def form_data(department, date_from=DAY, date_to=DAY + datetime.timedelta(days=30), program=""):
    return {
        "department": department.pk,
        "date_from": date_from.isoformat(),
        "date_to": date_to.isoformat(),
        "program": program,
    }


def ask(client, data, capture):
    with capture(execute=True):
        return client.post(reverse(INDEX), data)


def open_zip(pack):
    with pack.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = archive.read(audit_packs.MANIFEST_NAME).decode("utf-8-sig")
    return archive, list(csv.DictReader(io.StringIO(manifest)))


@pytest.fixture(autouse=True)
def _clean_files():
    yield
    for pack in AuditPack.objects.exclude(file=""):
        pack.file.storage.delete(pack.file.name)


# --- What a pack holds ---------------------------------------------------------------------


def test_a_pack_holds_exactly_the_department_subtree_s_pdfs_and_a_matching_manifest(
    org, client_for, django_capture_on_commit_callbacks
):
    response = ask(
        client_for(org["hr"]), form_data(org["sales"]), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    pack = AuditPack.objects.get()
    assert pack.status == AuditPackStatus.DONE
    assert (pack.requested_by, pack.department) == (org["hr"], org["sales"])
    assert pack.total == pack.done == 4  # three earned, one exemption
    archive, rows = open_zip(pack)

    earned = org["in_sales"]
    expected = {f"{c.program.slug}-certificate-{c.serial}.pdf" for c in earned}
    pdfs = {name for name in archive.namelist() if name.endswith(".pdf")}
    assert pdfs == expected
    assert set(archive.namelist()) == expected | {"manifest.csv"}
    for name in pdfs:
        assert archive.read(name).startswith(b"%PDF")

    by_serial = {row["Serial"]: row for row in rows}
    assert set(by_serial) == {c.serial for c in earned} | {org["exemption"].serial}
    ann_first = by_serial[earned[0].serial]
    assert ann_first == {
        "Holder": "Ann Doe",
        "Employee id": "S001",
        "Department": "Sales",
        "Program": "Enthusiast",
        "Serial": earned[0].serial,
        "Kind": "Earned",
        "Issued": "2026-03-10",
        "Expires": "2027-03-10",
        "Status": earned[0].get_current_status_display(),
        "Verification URL": earned[0].verification_url(),
        "File": f"enthusiast-certificate-{earned[0].serial}.pdf",
    }
    eve_row = by_serial[earned[1].serial]
    assert eve_row["Department"] == "Sales EMEA"
    assert eve_row["Holder"] == "'=Eve Doe"  # no formula in a spreadsheet
    assert by_serial[earned[2].serial]["Status"] == "Revoked"
    exemption = by_serial[org["exemption"].serial]
    assert (exemption["Kind"], exemption["File"]) == ("Exemption", "")


def test_the_program_filter_and_the_dates_narrow_the_pack(org):
    pack = audit_packs.request_pack(
        org["hr"], org["company"], DAY, DAY + datetime.timedelta(days=2), org["enthusiast"]
    )
    audit_packs.build_pack(pack.pk)
    pack.refresh_from_db()
    _, rows = open_zip(pack)
    assert {row["Serial"] for row in rows} == {
        org["in_sales"][0].serial,
        org["in_sales"][1].serial,
        org["in_support"].serial,
    }


def test_the_days_are_whole_days_in_the_site_s_time_zone(org):
    late = CertificateFactory(
        holder=org["ann"],
        program=org["professional"],
        issued_at=at(DAY, hour=23) + datetime.timedelta(minutes=59),
        expires_at=at(DAY) + datetime.timedelta(days=30),
        status="expired",
    )
    serials = set(
        audit_packs.certificates_for(org["sales"], DAY, DAY).values_list("serial", flat=True)
    )
    assert serials == {org["in_sales"][0].serial, late.serial}


def test_the_task_records_its_progress_on_the_row(org, monkeypatch):
    monkeypatch.setattr(audit_packs, "PROGRESS_EVERY", 1)
    pack = audit_packs.request_pack(org["hr"], org["sales"], DAY, DAY + datetime.timedelta(days=30))
    assert (pack.status, pack.total, pack.done) == (AuditPackStatus.QUEUED, 4, 0)
    seen = []
    render = audit_packs.render_certificate_pdf

    def spy(certificate, issuer=None):
        row = AuditPack.objects.get(pk=pack.pk)
        seen.append((row.status, row.done, row.total))
        return render(certificate, issuer=issuer)

    monkeypatch.setattr(audit_packs, "render_certificate_pdf", spy)
    assert audit_packs.build_pack(pack.pk) == AuditPackStatus.DONE
    # Three PDFs (the exemption has none): each drawn after the row said how many were packed.
    assert [status for status, _, _ in seen] == ["running"] * 3
    assert [total for _, _, total in seen] == [4] * 3
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    assert seen[0][1] == 0 and seen[-1][1] >= 2
    pack.refresh_from_db()
    assert (pack.status, pack.done, pack.total, pack.percent) == ("done", 4, 4, 100)
    assert pack.finished_at is not None
    # Run again (a redelivered task): a built pack is left alone.
    assert audit_packs.build_pack(pack.pk) == AuditPackStatus.DONE


def test_a_failure_is_recorded_on_the_pack(org, monkeypatch, client_for):
    def broken(certificate, issuer=None):
        raise OSError("disk full")

    monkeypatch.setattr(audit_packs, "render_certificate_pdf", broken)
    pack = audit_packs.request_pack(org["hr"], org["sales"], DAY, DAY + datetime.timedelta(days=30))
    assert audit_packs.build_pack(pack.pk) == AuditPackStatus.FAILED
    pack.refresh_from_db()
    assert pack.status == "failed" and "OSError" in pack.error and not pack.file
    page = client_for(org["hr"]).get(reverse(INDEX))
    assert "OSError" in page.content.decode()
    download = client_for(org["hr"]).get(reverse("audit_packs:download", args=[pack.pk]))
    assert download.status_code == 404


def test_building_a_pack_takes_a_fixed_number_of_queries(org, django_assert_max_num_queries):
    small = audit_packs.request_pack(
        org["hr"], org["sales"], DAY, DAY + datetime.timedelta(days=30)
    )
    with django_assert_max_num_queries(10):
        audit_packs.build_pack(small.pk)
    for number in range(12):
        CertificateFactory(
            holder=person(org["emea"], f"X{number:03d}", f"Extra{number}"),
            program=org["professional"],
            issued_at=at(DAY),
            expires_at=at(DAY) + datetime.timedelta(days=365),
        )
    large = audit_packs.request_pack(
        org["hr"], org["sales"], DAY, DAY + datetime.timedelta(days=30)
    )
    with django_assert_max_num_queries(10):
        audit_packs.build_pack(large.pk)
    large.refresh_from_db()
    assert large.done == 16


# --- Who may see and download what ------------------------------------------------------------


@pytest.fixture
def packs(org):
    built = {}
    for key in ("sales", "emea", "support"):
        pack = audit_packs.request_pack(org["hr"], org[key], DAY, DAY + datetime.timedelta(days=30))
        audit_packs.build_pack(pack.pk)
        built[key] = AuditPack.objects.get(pk=pack.pk)
    return built


def test_hr_downloads_the_zip(org, packs, client_for):
    response = client_for(org["hr"]).get(reverse("audit_packs:download", args=[packs["sales"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "audit-pack-sales-20260310-20260409.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "manifest.csv" in archive.namelist()


def test_a_scoped_hr_user_sees_and_downloads_only_packs_of_their_scope(org, packs, client_for):
    client = client_for(org["hr_sales"])
    page = client.get(reverse(INDEX))
    assert page.status_code == 200
    assert {pack.pk for pack in page.context["packs"]} == {packs["sales"].pk, packs["emea"].pk}
    for key, expected in (("sales", 200), ("emea", 200), ("support", 404)):
        pk = packs[key].pk
        assert client.get(reverse("audit_packs:download", args=[pk])).status_code == expected
        assert client.get(reverse("audit_packs:status", args=[pk])).status_code == expected
    other = client_for(org["hr_support"])
    assert other.get(reverse("audit_packs:download", args=[packs["sales"].pk])).status_code == 404


def test_people_without_the_report_permission_get_nothing(org, packs, client_for):
    employee = org["ann"]
    response = client_for(employee).get(reverse("audit_packs:download", args=[packs["sales"].pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    # An admin user without it is refused the way the admin refuses (back to the dashboard).
    home = reverse("wagtailadmin_home")
    for url in (
        reverse(INDEX),
        reverse("audit_packs:download", args=[packs["sales"].pk]),
        reverse("audit_packs:status", args=[packs["sales"].pk]),
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, home)
    response = client.post(reverse(INDEX), form_data(org["sales"]))
    assert (response.status_code, response["Location"]) == (302, home)
    assert AuditPack.objects.count() == 3


def test_the_status_view_reports_progress(org, client_for):
    pack = audit_packs.request_pack(org["hr"], org["sales"], DAY, DAY + datetime.timedelta(days=30))
    AuditPack.objects.filter(pk=pack.pk).update(status="running", done=2)
    data = client_for(org["hr"]).get(reverse("audit_packs:status", args=[pack.pk])).json()
    assert data == {
        "id": pack.pk,
        "status": "running",
        "status_label": "Being built",
        "done": 2,
        "total": 4,
        "percent": 50,
        "progress_text": "2 of 4",
        "finished": False,
    }


def test_the_page_shows_a_progress_bar_that_refreshes_while_a_pack_is_built(org, client_for):
    pack = audit_packs.request_pack(org["hr"], org["sales"], DAY, DAY + datetime.timedelta(days=30))
    AuditPack.objects.filter(pk=pack.pk).update(status="running", done=1)
    text = client_for(org["hr"]).get(reverse(INDEX)).content.decode()
    assert '<progress max="4" value="1"' in text
    assert "1 of 4" in text
    assert '<meta http-equiv="refresh"' in text
    assert "reporting/audit-packs.js" in text
    AuditPack.objects.filter(pk=pack.pk).update(status="done", done=4)
    text = client_for(org["hr"]).get(reverse(INDEX)).content.decode()
    assert "<progress" not in text and "http-equiv" not in text


def test_the_list_takes_a_fixed_number_of_queries(
    org, packs, client_for, django_assert_max_num_queries
):
    client = client_for(org["hr"])
    client.get(reverse(INDEX))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse(INDEX))
    for _ in range(6):
        audit_packs.request_pack(org["hr"], org["emea"], DAY, DAY + datetime.timedelta(days=30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(INDEX))


def test_the_reports_menu_links_the_page_for_hr_only(org, client_for):
    url = reverse(INDEX)
    assert url in client_for(org["hr"]).get(reverse("wagtailadmin_home")).content.decode()
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert url not in client_for(editor).get(reverse("wagtailadmin_home")).content.decode()


# --- Bad input ----------------------------------------------------------------------------------


def post(client, data):
    response = client.post(reverse(INDEX), data)
    assert response.status_code == 400
    assert not AuditPack.objects.exists()
    return response


def test_an_inverted_range_is_refused(org, client_for):
    data = form_data(org["sales"], date_from=DAY, date_to=DAY - datetime.timedelta(days=1))
    response = post(client_for(org["hr"]), data)
    assert "The end of the range is before its start." in response.content.decode()


def test_a_range_over_the_maximum_is_refused(org, client_for, settings):
    settings.ACADEMY_AUDIT_PACK_MAX_RANGE_DAYS = 30
    data = form_data(org["sales"], date_from=DAY, date_to=DAY + datetime.timedelta(days=30))
    response = post(client_for(org["hr"]), data)
    assert "A pack covers at most 30 days" in response.content.decode()


def test_a_department_outside_the_scope_is_not_a_choice(org, client_for):
    response = post(client_for(org["hr_sales"]), form_data(org["support"]))
    text = response.content.decode()
    assert "Select a valid choice" in text
    assert "Support" not in text  # not even offered: the scope's departments only
    missing = post(client_for(org["hr_sales"]), {**form_data(org["sales"]), "department": 999999})
    assert "Select a valid choice" in missing.content.decode()


def test_an_empty_pack_is_refused_with_a_clear_message(org, client_for):
    data = form_data(
        org["sales"],
        date_from=DAY + datetime.timedelta(days=100),
        date_to=DAY + datetime.timedelta(days=120),
    )
    response = post(client_for(org["hr"]), data)
    assert "there is nothing to pack" in response.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"date_from": "yesterday"},
        {"date_from": "2026-02-30"},
        {"date_to": ""},
        {"department": "sales"},
        {"program": "999999"},
        {"date_from": "2026-03-10\x00"},
    ],
)
def test_malformed_values_are_a_400(org, client_for, bad):
    post(client_for(org["hr"]), {**form_data(org["sales"]), **bad})


def test_a_pack_emptied_before_it_is_built_holds_the_manifest_header_only(org):
    pack = audit_packs.request_pack(
        org["hr"], org["support"], DAY, DAY + datetime.timedelta(days=30)
    )
    org["in_support"].delete()
    assert audit_packs.build_pack(pack.pk) == AuditPackStatus.DONE
    pack.refresh_from_db()
    archive, rows = open_zip(pack)
    assert archive.namelist() == ["manifest.csv"] and rows == []
    assert pack.total == pack.done == 0


# --- Expiry -----------------------------------------------------------------------------------


def test_packs_older_than_the_retention_are_deleted_daily(org, packs, client_for, settings):
    settings.ACADEMY_AUDIT_PACK_RETENTION_DAYS = 7
    old = packs["sales"]
    AuditPack.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    from reporting.tasks import purge_audit_packs

    assert purge_audit_packs.delay().get() == 1
    old.refresh_from_db()
    assert (old.status, old.file.name) == ("expired", "")
    assert not storage.exists(name)
    assert AuditPack.objects.get(pk=packs["emea"].pk).status == "done"
    download = client_for(org["hr"]).get(reverse("audit_packs:download", args=[old.pk]))
    assert download.status_code == 404
    assert audit_packs.purge_expired_packs() == 0


def test_the_purge_and_the_build_are_real_tasks_on_the_schedule():
    from celery import current_app

    from lms.schedule import BEAT_SCHEDULE

    assert "reporting.tasks.purge_audit_packs" in {e["task"] for e in BEAT_SCHEDULE.values()}
    assert "reporting.tasks.purge_audit_packs" in current_app.tasks
    assert audit_packs.BUILD_TASK in current_app.tasks
