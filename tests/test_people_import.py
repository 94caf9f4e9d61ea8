"""People import: the HR system's CSV is checked whole, applied in one transaction, idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from lms.models import Department, Employee, ImportStatus, PeopleImport
from lms.people_import import import_bytes
from lms.signals import employee_deactivated
from tests.factories import (
    PEOPLE_COLUMNS,
    EmployeeFactory,
    UserFactory,
    make_department,
    make_hr_user,
    people_csv,
    person_row,
)

pytestmark = pytest.mark.django_db


def state():
    """Everything an import may touch, to prove a refused file changed nothing."""
    User = get_user_model()
    return (
        list(Department.objects.order_by("pk").values_list("pk", "path", "name", "numchild")),
        list(
            Employee.objects.order_by("pk").values_list(
                "pk",
                "employee_id",
                "department_id",
                "manager_id",
                "job_title",
                "location",
                "start_date",
                "active",
            )
        ),
        list(
            User.objects.order_by("pk").values_list(
                "pk", "username", "first_name", "last_name", "email", "is_active"
            )
        ),
    )


def small_org():
    return [
        person_row("A1", "Acme"),
        person_row("A2", "Acme/Sales", manager="A1"),
        person_row("A3", "Acme/Sales/EMEA", manager="A2"),
        person_row("A4", "Acme/Support", manager="A1", start_date=""),
    ]


def errors_of(result):
    return [(error.line, error.column, error.message) for error in result.errors]


def test_a_good_file_creates_departments_people_and_managers():
    result = import_bytes(people_csv(small_org()))

    assert result.ok
    assert result.outcome.as_dict() == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "deactivated": 0,
        "departments_created": 4,
    }
    emea = Department.objects.get(name="EMEA")
    assert emea.path_label == "Acme / Sales / EMEA"
    a3 = Employee.objects.select_related("user", "manager").get(employee_id="A3")
    assert a3.department == emea
    assert a3.manager.employee_id == "A2"
    assert a3.user.email == "a3@acme.example"
    assert a3.user.has_usable_password() is False
    assert Employee.objects.get(employee_id="A4").start_date is None


def test_importing_the_same_file_twice_changes_nothing(django_assert_max_num_queries):
    raw = people_csv(small_org())
    import_bytes(raw)
    before = state()

    with django_assert_max_num_queries(12):
        result = import_bytes(raw)

    assert result.outcome.as_dict() == {
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "deactivated": 0,
        "departments_created": 0,
    }
    assert state() == before


def test_changes_are_written_and_counted_as_updates():
    import_bytes(people_csv(small_org()))
    rows = small_org()
    rows[2]["job_title"] = "Team Lead"
    rows[3]["department_path"] = "Acme/Sales/EMEA"
    rows[3]["manager_employee_id"] = "A3"
    rows.append(person_row("A5", "Acme/Sales/EMEA/Benelux", manager="A3"))

    result = import_bytes(people_csv(rows))

    assert result.outcome.created == 1
    assert result.outcome.updated == 2
    assert result.outcome.unchanged == 2
    assert result.outcome.departments_created == 1
    a4 = Employee.objects.get(employee_id="A4")
    assert (a4.department.name, a4.manager.employee_id) == ("EMEA", "A3")
    assert Employee.objects.get(employee_id="A3").job_title == "Team Lead"


def test_leavers_are_deactivated_through_the_signal_inside_the_transaction():
    import_bytes(people_csv(small_org()))
    seen = []

    def listener(sender, employee, **kwargs):
        seen.append((employee.employee_id, employee.active, connection.in_atomic_block))

    employee_deactivated.connect(listener)
    try:
        rows = small_org()
        rows[3]["active"] = "false"
        result = import_bytes(people_csv(rows))
        again = import_bytes(people_csv(rows))
    finally:
        employee_deactivated.disconnect(listener)

    assert result.outcome.deactivated == 1
    assert seen == [("A4", False, True)]
    assert again.outcome.deactivated == 0
    a4 = Employee.objects.select_related("user").get(employee_id="A4")
    assert a4.active is False and a4.user.is_active is False


def test_an_existing_user_without_an_employee_record_is_adopted():
    make_department("Acme")
    user = UserFactory(username="legacy", email="a1@acme.example")

    result = import_bytes(people_csv([person_row("A1", "Acme")]))

    assert result.ok
    assert Employee.objects.get(employee_id="A1").user == user


def refused(raw, *fragments):
    """Import `raw`; assert it is refused with these messages and that nothing changed."""
    before = state()
    result = import_bytes(raw)
    assert not result.ok
    assert state() == before
    messages = " | ".join(f"{line}:{column}:{text}" for line, column, text in errors_of(result))
    for fragment in fragments:
        assert fragment in messages, messages
    return result


def test_a_missing_column_is_refused_before_any_row():
    columns = [name for name in PEOPLE_COLUMNS if name != "department_path"]
    refused(people_csv(small_org(), columns=columns), "1::Missing column(s): department_path")


def test_an_empty_file_and_a_header_only_file_are_refused():
    refused(b"", "The file is empty")
    refused(b"  \n\n", "The file is empty")
    refused(people_csv([]), "header but no people")


def test_a_file_that_is_not_utf8_is_refused_with_its_line():
    rows = small_org()
    rows[2]["last_name"] = "Müller"
    refused(people_csv(rows, encoding="latin-1"), "4::The file is not UTF-8")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.ACADEMY_PEOPLE_IMPORT_MAX_BYTES = 100
    refused(people_csv(small_org()), "the limit is 100 bytes")


def test_bad_rows_are_all_listed_with_their_line_and_nothing_is_applied():
    make_department("Acme")
    rows = small_org() + [
        person_row("B1", "Acme/Sales", start_date="2024-13-40"),
        person_row("B2", "Acme//Sales"),
        person_row("B3", ""),
        person_row("B4", "Acme/Sales", active="maybe"),
        person_row("A1", "Acme/Sales", email="another@acme.example"),
        person_row("B6", "Acme/Sales", email="a2@acme.example"),
        person_row("B7", "Acme/Sales", email="not-an-email"),
        person_row("B8", "Acme/Sales", manager="NOPE"),
        person_row("B9", "Globex/Sales"),
    ]

    result = refused(
        people_csv(rows),
        "6:start_date:'2024-13-40' is not a date",
        "7:department_path:The department path 'Acme//Sales' is malformed",
        "8:department_path:The department path is empty",
        "9:active:'maybe' is not true or false",
        "10:employee_id:Employee id 'A1' is already on line 2",
        "11:email:Email 'a2@acme.example' is already on line 3",
        "12:email:'not-an-email' is not an email address",
        "13:manager_employee_id:No employee 'NOPE'",
        "14:department_path:Unknown top-level department 'Globex'",
    )
    assert len(result.errors) == 9


def test_a_manager_cycle_and_self_management_are_refused():
    rows = [
        person_row("A1", "Acme", manager="A3"),
        person_row("A2", "Acme", manager="A1"),
        person_row("A3", "Acme", manager="A2"),
        person_row("A4", "Acme", manager="A4"),
    ]
    refused(
        people_csv(rows),
        "2:manager_employee_id:The manager chain of 'A1' loops",
        "3:manager_employee_id:The manager chain of 'A2' loops",
        "4:manager_employee_id:The manager chain of 'A3' loops",
        "5:manager_employee_id:A person cannot manage themselves",
    )


def test_a_cycle_through_people_already_in_the_organisation_is_refused():
    import_bytes(people_csv(small_org()))
    refused(
        people_csv([person_row("A1", "Acme", manager="A3")]),
        "2:manager_employee_id:The manager chain of 'A1' loops",
    )


def test_an_email_of_another_employee_is_refused():
    import_bytes(people_csv(small_org()))
    refused(
        people_csv([person_row("Z9", "Acme", email="a2@acme.example")]),
        "2:email:Email 'a2@acme.example' already belongs to employee 'A2'",
    )


def test_a_row_with_the_wrong_number_of_fields_is_refused():
    raw = people_csv(small_org()) + b"A9,Only,Three\n"
    refused(raw, "6::Expected 10 fields, found 3")


def test_the_command_imports_a_good_file_and_refuses_a_bad_one(tmp_path):
    good = tmp_path / "people.csv"
    good.write_bytes(people_csv(small_org()))
    out = io.StringIO()
    call_command("import_people", str(good), stdout=out)
    assert "4 rows: 4 created" in out.getvalue()

    bad = tmp_path / "bad.csv"
    bad.write_bytes(people_csv([person_row("A9", "Acme", start_date="yesterday")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("import_people", str(bad), stderr=err)
    assert "line 2 [start_date]" in err.getvalue()

    dry = io.StringIO()
    call_command("import_people", str(good), "--dry-run", stdout=dry)
    assert "the file is good" in dry.getvalue()


def test_the_command_refuses_a_file_over_the_limit(tmp_path, settings):
    settings.ACADEMY_PEOPLE_IMPORT_MAX_BYTES = 50
    path = tmp_path / "people.csv"
    path.write_bytes(people_csv(small_org()))
    with pytest.raises(CommandError, match="the limit is 50 bytes"):
        call_command("import_people", str(path))


def upload(client, raw, name="people.csv"):
    return client.post(
        reverse("people_import:index"), {"file": SimpleUploadedFile(name, raw, "text/csv")}
    )


def test_hr_uploads_a_good_file_in_the_admin(client_for):
    hr = make_hr_user()
    client = client_for(hr)

    response = upload(client, people_csv(small_org()))

    record = PeopleImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people_import:detail", args=[record.pk])
    assert record.status == ImportStatus.DONE
    assert (record.created_count, record.created_by) == (4, hr)
    page = client.get(response["Location"])
    assert b"People created" in page.content


def test_uploaded_people_files_are_kept_where_no_url_reaches(client_for, settings):
    from pathlib import Path

    upload(client_for(make_hr_user()), people_csv(small_org()))
    stored = Path(PeopleImport.objects.get().file.path).resolve()
    assert stored.is_file()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    # Even the demo's /media/ (served with DEBUG) has nothing under that name.
    media_copy = Path(settings.MEDIA_ROOT) / PeopleImport.objects.get().file.name
    assert not media_copy.exists()


def test_a_bad_upload_lists_every_bad_row_and_changes_nothing(client_for):
    client = client_for(make_hr_user())
    rows = small_org()
    rows[1]["start_date"] = "31/12/2024"
    rows[3]["manager_employee_id"] = "GHOST"
    before = state()

    response = upload(client, people_csv(rows))

    record = PeopleImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    assert [(e["line"], e["column"]) for e in record.errors] == [
        (3, "start_date"),
        (5, "manager_employee_id"),
    ]
    assert state() == before
    page = client.get(response["Location"])
    assert b"2 problems" in page.content
    assert b"&#x27;31/12/2024&#x27; is not a date" in page.content


def test_an_upload_over_the_limit_is_a_400_and_stores_nothing(client_for, settings):
    settings.ACADEMY_PEOPLE_IMPORT_MAX_BYTES = 64
    response = upload(client_for(make_hr_user()), people_csv(small_org()))
    assert response.status_code == 400
    assert b"the limit is 64 bytes" in response.content
    assert not PeopleImport.objects.exists()


def test_a_large_file_runs_as_a_task_with_a_status_view(
    client_for, settings, django_capture_on_commit_callbacks
):
    settings.ACADEMY_PEOPLE_IMPORT_ASYNC_ROWS = 2
    client = client_for(make_hr_user())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, people_csv(small_org()))
    record = PeopleImport.objects.get()
    assert record.status == ImportStatus.QUEUED
    queued = client.get(response["Location"])
    assert b'http-equiv="refresh"' in queued.content
    assert b"<progress" in queued.content

    for callback in callbacks:
        callback()

    status = client.get(reverse("people_import:status", args=[record.pk])).json()
    assert status["status"] == "done"
    assert status["progress"] == 100
    assert status["finished"] is True
    assert Employee.objects.count() == 4


def test_only_hr_without_a_scope_may_import(client_for):
    root = make_department("Acme")
    scoped = make_hr_user("scoped-hr", scope=[root])
    response = upload(client_for(scoped), people_csv(small_org()))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    employee = EmployeeFactory(department=root)
    response = upload(client_for(employee.user), people_csv(small_org()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not PeopleImport.objects.exists()


def test_a_few_thousand_rows_import_in_batches(django_assert_max_num_queries):
    rows = [person_row("M0", "Acme")]
    for number in range(1, 3000):
        team = f"Acme/Region {number % 3}/Team {number % 5}"
        rows.append(person_row(f"M{number}", team, manager=f"M{(number - 1) // 10}"))
    raw = people_csv(rows)

    with django_assert_max_num_queries(400):
        result = import_bytes(raw)

    assert result.outcome.created == 3000
    assert Employee.objects.filter(manager__isnull=False).count() == 2999
    with django_assert_max_num_queries(12):
        assert import_bytes(raw).outcome.unchanged == 3000


def test_unticking_active_in_the_admin_announces_the_leaver(client_for):
    department = make_department("Acme")
    employee = EmployeeFactory(department=department)
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    seen = []

    def listener(sender, employee, **kwargs):
        seen.append((employee.employee_id, connection.in_atomic_block))

    employee_deactivated.connect(listener)
    try:
        response = client_for(admin).post(
            reverse("employees:edit", args=[employee.pk]),
            {
                "user": employee.user_id,
                "employee_id": employee.employee_id,
                "department": department.pk,
                "manager": "",
                "job_title": "Left",
                "location": "Dublin",
                "start_date": "",
            },
        )
    finally:
        employee_deactivated.disconnect(listener)

    assert response.status_code == 302
    assert seen == [(employee.employee_id, True)]
    employee.refresh_from_db()
    assert (employee.active, employee.job_title, employee.user.is_active) == (False, "Left", False)


def test_old_import_files_are_deleted_and_the_figures_stay(client_for, settings):
    from datetime import timedelta
    from pathlib import Path

    from celery import current_app
    from django.utils import timezone

    from lms.people_import import purge_old_files

    settings.ACADEMY_PEOPLE_IMPORT_KEEP_DAYS = 30
    client = client_for(make_hr_user())
    upload(client, people_csv(small_org()))
    bad = small_org()
    bad[1]["email"] = "ada.at.example.com"
    upload(client, people_csv(bad), name="bad.csv")
    done, rejected = PeopleImport.objects.order_by("pk")
    assert rejected.status == ImportStatus.REJECTED and rejected.errors
    files = [Path(record.file.path) for record in (done, rejected)]
    assert all(path.is_file() for path in files)

    # Within the keeping period nothing goes.
    assert purge_old_files(now=timezone.now() + timedelta(days=29)) == 0
    assert all(path.is_file() for path in files)

    # Past it, both files and the problems quoting their rows go; status and counts stay.
    assert purge_old_files(now=timezone.now() + timedelta(days=31)) == 2
    assert not any(path.exists() for path in files)
    done.refresh_from_db()
    rejected.refresh_from_db()
    assert (done.file.name, done.status, done.created_count) == ("", ImportStatus.DONE, 4)
    assert (rejected.errors, rejected.error_count) == ([], 1)
    assert done.purged_at is not None
    page = client.get(reverse("people_import:detail", args=[rejected.pk]))
    assert page.status_code == 200
    assert b"data-import-purged" in page.content
    assert b"ada.at.example.com" not in page.content
    assert b"1 problem was found" in page.content
    assert b"kept 30 days" in page.content

    # A second run has nothing to do; the nightly task is on the beat schedule.
    assert purge_old_files(now=timezone.now() + timedelta(days=60)) == 0
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "lms.tasks.purge_people_import_files" in tasks
    assert "lms.tasks.purge_people_import_files" in current_app.tasks


def test_unfinished_imports_and_missing_files_do_not_stop_the_purge(settings):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from lms.people_import import purge_old_files

    settings.ACADEMY_PEOPLE_IMPORT_KEEP_DAYS = 0
    long_ago = timezone.now() - timedelta(days=400)
    queued = PeopleImport(original_name="queued.csv")
    queued.file.save("queued.csv", ContentFile(b"employee_id\n"), save=False)
    queued.save()
    gone = PeopleImport(original_name="gone.csv", status=ImportStatus.DONE, finished_at=long_ago)
    gone.file.save("gone.csv", ContentFile(b"employee_id\n"), save=False)
    gone.save()
    gone.file.storage.delete(gone.file.name)  # removed by hand already

    assert purge_old_files() == 1
    queued.refresh_from_db()
    gone.refresh_from_db()
    assert queued.file.name and queued.purged_at is None
    assert queued.file.storage.exists(queued.file.name)
    assert gone.purged_at is not None and gone.file.name == ""
    queued.file.storage.delete(queued.file.name)


# --- NUL characters and files of junk ------------------------------------------------------

NUL_PROBLEM = "Holds a NUL character (U+0000): remove it and upload the file again."


def test_a_nul_in_a_cell_is_a_row_problem_not_a_failure_when_applying():
    """PostgreSQL cannot store U+0000: the row passed the checks and the apply failed
    ("Failed (DataError)")."""
    make_department("Acme")
    rows = small_org() + [
        person_row("B1", "Acme/Sales", first_name="Ad\x00a"),
        person_row("B2", "Acme/Sa\x00les", job_title="\x00"),
        person_row("B3\x00", "Acme/Sales"),
    ]
    result = refused(people_csv(rows))
    assert errors_of(result) == [
        (6, "first_name", NUL_PROBLEM),
        (7, "department_path", NUL_PROBLEM),
        (7, "job_title", NUL_PROBLEM),
        (8, "email", NUL_PROBLEM),  # made from the id by person_row
        (8, "employee_id", NUL_PROBLEM),
    ]


def test_a_nul_in_the_header_is_refused():
    raw = people_csv(small_org()).replace(b"employee_id", b"employee_id\x00", 1)
    refused(raw, "1::The header holds a NUL character (U+0000)")


def test_an_upload_with_a_nul_is_rejected_with_its_rows(client_for):
    rows = small_org()
    rows[1]["location"] = "Dub\x00lin"
    response = upload(client_for(make_hr_user()), people_csv(rows))
    record = PeopleImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    assert record.errors == [{"line": 3, "column": "location", "message": NUL_PROBLEM}]
    page = client_for(make_hr_user("hr-2")).get(response["Location"])
    assert b"NUL character" in page.content


def junk_file(lines):
    """What a wrong export looks like: every line has the wrong number of fields."""
    header = ",".join(PEOPLE_COLUMNS) + "\n"
    return (header + "".join(f"junk {n};no;commas;here\n" for n in range(lines))).encode()


def test_checking_stops_after_the_problem_limit(settings):
    settings.ACADEMY_PEOPLE_IMPORT_MAX_PROBLEMS = 5
    make_department("Acme")
    rows = [person_row("A1", "Acme", manager="Z9")]  # Z9 is on the last line
    rows += [person_row(f"B{n}", "Acme", start_date="tomorrow") for n in range(20)]
    rows += [person_row("Z9", "Acme")]

    result = refused(people_csv(rows))

    plan = result.plan
    assert plan.stopped_early and plan.stopped_at_line == 7
    assert [error.line for error in plan.errors] == [3, 4, 5, 6, 7]
    assert plan.total_rows == 6  # nothing after line 7 was read
    # The managers are not checked on half a file: Z9 was never read, and is not reported.
    assert all(error.column == "start_date" for error in plan.errors)
    assert plan.stop_message() == (
        "Nothing was changed. Checking stopped after 5 problems, at line 7: fix these and "
        "upload the file again (the lines after it were not checked)."
    )


def test_a_file_under_the_limit_is_checked_whole(settings):
    settings.ACADEMY_PEOPLE_IMPORT_MAX_PROBLEMS = 5
    make_department("Acme")
    rows = [person_row(f"B{n}", "Acme", start_date="tomorrow") for n in range(4)]
    result = refused(people_csv(rows))
    assert not result.plan.stopped_early and len(result.errors) == 4
    assert result.plan.stop_message() == ""


def test_a_large_file_of_junk_is_refused_quickly_with_the_reason(client_for, settings):
    """5 MB of junk used to be read to the end, every line a problem stored on the import."""
    settings.ACADEMY_PEOPLE_IMPORT_ASYNC_ROWS = 10**6  # at once, in the request
    raw = junk_file(200_000)
    assert len(raw) > 5_000_000

    response = upload(client_for(make_hr_user()), raw)

    record = PeopleImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    assert record.error_count == len(record.errors) == 1000
    assert record.processed_rows == 1000
    assert record.total_rows == 200_000
    assert record.message.startswith(
        "Nothing was changed. Checking stopped after 1000 problems, at line 1001"
    )
    page = client_for(make_hr_user("hr-2")).get(response["Location"])
    assert b"Checking stopped after 1000 problems" in page.content


def test_the_command_says_why_it_stopped(tmp_path, settings):
    settings.ACADEMY_PEOPLE_IMPORT_MAX_PROBLEMS = 3
    path = tmp_path / "junk.csv"
    path.write_bytes(junk_file(50))
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_people", str(path), stderr=err)
    assert "Checking stopped after 3 problems, at line 4" in err.getvalue()
