"""Reliability: no completion lost to a race, no task lost to a broker outage or a killed worker."""

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from academy_site.celery import app
from certification.models import Certificate
from courses.models import CourseCompletion, LessonCompletion, LessonPage, PolicyAcceptance
from courses.services import current_policy_version
from courses.signals import lesson_completed
from lms import outbox
from lms.models import QueuedTask
from tests.factories import (
    EmployeeFactory,
    closed_port_url,
    make_course,
    make_ladder,
    make_program,
    record_completions,
)

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="Real concurrency needs PostgreSQL: SQLite serialises every writer, so no race occurs.",
)
needs_worker = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL,
    reason="No CELERY_BROKER_URL: the real worker runs in CI's PostgreSQL pass.",
)


@contextlib.contextmanager
def broker_at(url, eager=False):
    """Point the site's Celery app at another broker (and leave eager mode) for a while."""
    conf = app.conf
    saved = (conf.broker_write_url, conf.task_always_eager)
    conf.update(broker_write_url=url, task_always_eager=eager)
    app._pool = None
    app.amqp._producer_pool = None
    outbox._breaker["until"] = 0.0
    try:
        yield
    finally:
        conf.update(broker_write_url=saved[0], task_always_eager=saved[1])
        app._pool = None
        app.amqp._producer_pool = None
        outbox._breaker["until"] = 0.0


def closed_broker_url():
    return closed_port_url().replace("http://", "redis://").replace("/hooks", "/0")


def wait_for(predicate, timeout=60, step=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# 1. Completion under concurrency ---------------------------------------------------------------


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_last_three_lessons_completed_at_once_complete_the_course_and_certify():
    """Three requests complete the last three lessons at the same moment. Each one's lesson row
    is written before any of them asks "is everything done?" (a barrier holds them there when
    they can all get there): without serialising, none sees the other two and no completion is
    written. With the enrolment lock, the last to get it sees all three."""
    course = make_course("Quick start", lessons=3, questions=0)
    program = make_program("quick", courses=[course])
    person = EmployeeFactory().user
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    barrier = threading.Barrier(3)

    def meet_the_others(sender, user, lesson, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)

    statuses = [None] * 3

    def post(index):
        try:
            client = Client()
            client.force_login(person)
            response = client.post(f"/api/v1/lessons/{lessons[index].pk}/complete")
            statuses[index] = response.status_code
        finally:
            connections.close_all()

    lesson_completed.connect(meet_the_others)
    try:
        threads = [threading.Thread(target=post, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        lesson_completed.disconnect(meet_the_others)

    assert statuses == [201, 201, 201]
    assert LessonCompletion.objects.filter(user=person).count() == 3
    assert CourseCompletion.objects.filter(user=person, course=course).count() == 1
    assert Certificate.objects.filter(holder=person, program=program).count() == 1


@pytest.mark.django_db
def test_completing_a_lesson_again_writes_a_completion_that_was_missed(
    client_for, django_capture_on_commit_callbacks
):
    course = make_course("Quick start", lessons=2, questions=0)
    program = make_program("quick", courses=[course])
    person = EmployeeFactory().user
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    for lesson in lessons:  # the rows of a lost race: every lesson done, no course completion
        LessonCompletion.objects.create(user=person, lesson=lesson)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(person).post(f"/api/v1/lessons/{lessons[-1].pk}/complete")

    assert response.status_code == 200
    assert response.json()["course_completed"] is True
    assert CourseCompletion.objects.filter(user=person, course=course).exists()
    assert Certificate.objects.filter(holder=person, program=program).count() == 1


@pytest.mark.django_db
def test_the_nightly_reconciliation_writes_what_people_meet_but_lack(
    caplog, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from certification.tasks import reconcile_certificates
    from courses.tasks import reconcile_completions

    ladder = make_ladder()
    course = make_course("Quick start", lessons=2, questions=0)
    quick = make_program("quick", courses=[course])
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    missed = [EmployeeFactory().user for _ in range(3)]
    for person in missed:
        for lesson in lessons:
            LessonCompletion.objects.create(user=person, lesson=lesson)
    halfway = EmployeeFactory().user
    LessonCompletion.objects.create(user=halfway, lesson=lessons[0])
    # Completed the Professional courses, but the evaluation was lost: no certificate.
    professional_material = EmployeeFactory().user
    record_completions(professional_material, ladder["basics"], ladder["engaging"])
    # Straight to the table: as if the evaluation the service queues had been lost.
    PolicyAcceptance.objects.create(user=professional_material, version=current_policy_version())
    assert not Certificate.objects.filter(holder=professional_material).exists()

    caplog.set_level(logging.INFO)
    # The search for who lacks a completion costs the same whatever the organisation's size.
    with django_assert_max_num_queries(10):
        from courses.services import missing_course_completions

        assert sorted(missing_course_completions(course)) == sorted(p.pk for p in missed)
    with django_capture_on_commit_callbacks(execute=True):
        assert reconcile_completions() == 3
    assert "Course completions reconciled: 3 repaired" in caplog.text
    for person in missed:
        assert CourseCompletion.objects.filter(user=person, course=course).exists()
        assert Certificate.objects.filter(holder=person, program=quick).count() == 1
    assert not CourseCompletion.objects.filter(user=halfway).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert reconcile_certificates() == 2  # Enthusiast, then Professional on top of it
    held = set(
        Certificate.objects.filter(holder=professional_material).values_list(
            "program__slug", flat=True
        )
    )
    assert held == {"enthusiast", "professional"}
    assert "Certificates reconciled: 2 issued" in caplog.text
    # Run again: nothing left to repair.
    assert reconcile_completions() == 0
    assert reconcile_certificates() == 0


# 2. A broker outage ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_broker_outage_answers_at_once_and_the_certificate_comes_when_it_is_back(
    client_for, django_capture_on_commit_callbacks
):
    """Accepting the policy as the last requirement while the broker is unreachable: the page
    answers at once (it was a 500 after 20 s), the acceptance and the evaluation it needs are
    committed together, and the sweep sends the evaluation once the broker answers again."""
    ladder = make_ladder()
    person = EmployeeFactory().user
    record_completions(person, ladder["basics"])
    policy = ladder["policy"]
    version = policy.versions.get().number
    client = client_for(person)

    with broker_at(closed_broker_url()):
        started = time.monotonic()
        # The request and what runs after its commit (the publish), timed together.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(policy.url, {"confirm": "yes", "version": version})
        elapsed = time.monotonic() - started
        # A second change while the broker is still down does not even try it (backoff).
        started_again = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(policy.url, {"confirm": "yes", "version": version})
        assert again.status_code == 302
        assert time.monotonic() - started_again < 1

    assert response.status_code == 302
    assert elapsed < 3, f"the request waited {elapsed:.1f} s on the broker"
    waiting = QueuedTask.objects.get()
    assert waiting.task == "certification.tasks.evaluate_certifications"
    assert (waiting.args, waiting.sent_at) == ([person.pk], None)
    assert not Certificate.objects.filter(holder=person).exists()

    # Not yet due: the sweep leaves a row alone for a grace period after its commit.
    assert outbox.sweep() == 0
    # The broker is back (here: tasks run in-process); the beat sweep sends what waited.
    later = timezone.now() + timedelta(minutes=1)
    assert outbox.sweep(now=later) == 1
    assert Certificate.objects.filter(holder=person, program__slug="enthusiast").count() == 1
    assert not QueuedTask.objects.filter(pk=waiting.pk).exists()


@pytest.mark.django_db
def test_a_large_people_import_waits_for_the_broker_instead_of_failing(
    settings, django_capture_on_commit_callbacks
):
    from lms.models import ImportStatus, PeopleImport
    from lms.people_import import start_import
    from tests.factories import make_hr_user, people_csv, person_row

    settings.ACADEMY_PEOPLE_IMPORT_ASYNC_ROWS = 2
    rows = [person_row(f"E{n:04d}") for n in range(5)]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("people.csv", people_csv(rows), content_type="text/csv")
    with broker_at(closed_broker_url()), django_capture_on_commit_callbacks(execute=True):
        record = start_import(upload, make_hr_user())
    assert PeopleImport.objects.get(pk=record.pk).status == ImportStatus.QUEUED
    assert QueuedTask.objects.get().task == "lms.tasks.run_people_import"

    assert outbox.sweep(now=timezone.now() + timedelta(minutes=1)) == 1
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE, record.status
    assert not QueuedTask.objects.exists()


@pytest.mark.django_db
def test_a_queued_task_runs_once_however_often_its_message_arrives(
    django_capture_on_commit_callbacks,
):
    from certification.tasks import evaluate_certifications

    ladder = make_ladder()
    person = EmployeeFactory().user
    record_completions(person, ladder["basics"])
    with broker_at(closed_broker_url()):
        with django_capture_on_commit_callbacks(execute=True):
            row = outbox.enqueue(evaluate_certifications, person.pk)
    # Straight to the table: the service would queue an evaluation of its own.
    PolicyAcceptance.objects.create(user=person, version=current_policy_version())
    # A worker started it and still runs it: a second copy of the message skips.
    assert outbox.claim(row.pk)
    assert evaluate_certifications.apply(
        args=[person.pk], kwargs={outbox.OUTBOX_KWARG: row.pk}
    ).successful()
    assert not Certificate.objects.filter(holder=person).exists()
    # That worker died; once its lease has run out the row is sent and run again, then gone.
    dead = timezone.now() + timedelta(seconds=outbox.lease_seconds() + 1)
    assert [pk for pk, *_ in outbox.due(now=dead)] == [row.pk]
    QueuedTask.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(hours=1))
    evaluate_certifications.apply(args=[person.pk], kwargs={outbox.OUTBOX_KWARG: row.pk})
    assert Certificate.objects.filter(holder=person).count() == 1
    assert not QueuedTask.objects.filter(pk=row.pk).exists()
    # The certificate's e-mail waits in the outbox like any other after-commit work.
    assert QueuedTask.objects.get().task == "certification.tasks.send_certificate_email"
    # A late duplicate of a finished task finds no row and does nothing.
    evaluate_certifications.apply(args=[person.pk], kwargs={outbox.OUTBOX_KWARG: row.pk})
    assert Certificate.objects.filter(holder=person).count() == 1


@pytest.mark.django_db
def test_a_failing_task_keeps_its_row_with_the_error_and_is_given_up_after_max_runs(settings):
    from unittest import mock

    from lms.tasks import run_people_import

    settings.ACADEMY_OUTBOX_MAX_RUNS = 2
    row = QueuedTask.objects.create(task=run_people_import.name, args=[1])
    boom = RuntimeError("the file store said no")
    with mock.patch("lms.people_import.run_import", side_effect=boom):
        for _ in range(2):
            result = run_people_import.apply(
                args=[1], kwargs={outbox.OUTBOX_KWARG: row.pk}, throw=False
            )
            assert result.failed()
            # Until it has failed too often, the sweep sends it again.
            assert list(outbox.due(now=timezone.now() + timedelta(days=1))) == (
                [] if _ == 1 else [(row.pk, row.task, [1], {})]
            )
    row.refresh_from_db()
    assert row.runs == 2 and row.started_at is None and "the file store said no" in row.last_error


def test_the_worker_settings_hand_back_a_killed_workers_tasks():
    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    visibility = conf.broker_transport_options["visibility_timeout"]
    # Long enough that a running task is never delivered twice, far short of Redis' hour.
    assert conf.task_time_limit < visibility <= 15 * 60


# 3. A worker killed mid-task -------------------------------------------------------------------


def _start_worker(queue, log_path, visibility):
    db = connections["default"].settings_dict
    env = {
        **os.environ,
        # The database this test runs in (pytest-django's test_<name>), not the configured one.
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "academy_site.settings.test",
        "CELERY_VISIBILITY_TIMEOUT": str(visibility),
        "CELERY_TASK_TIME_LIMIT": str(visibility - 2),
    }
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process below
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "celery", "-A", "academy_site", "worker", "-Q", queue, "-c", "1"]
        + ["--loglevel=info", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log = log
    return process


def _stop(process, sig=signal.SIGTERM):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    process.wait(30)
    process.log.close()


@pytest.mark.worker
@needs_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_held_by_a_worker_killed_with_sigkill_is_run_by_the_next_one(tmp_path):
    """kill -9 on a worker that holds a task: with late acknowledgement the message is still
    the broker's, and Redis hands it to the next worker after the visibility timeout (here 6 s;
    it was Redis' default hour)."""
    from lms.tasks import ping

    queue = f"drill-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    first = _start_worker(queue, log_path, visibility=6)
    app.conf.task_always_eager = False
    try:
        result = ping.apply_async(kwargs={"hold": 6}, queue=queue)
        assert wait_for(lambda: result.id in log_path.read_text(errors="replace"), 60), (
            log_path.read_text(errors="replace")
        )
        time.sleep(1)  # it is running now
        _stop(first, signal.SIGKILL)
        second = _start_worker(queue, log_path, visibility=6)
        try:
            # Re-delivered after the visibility timeout, then held 6 s again.
            outcome = result.get(timeout=90)
        finally:
            _stop(second)
    finally:
        app.conf.task_always_eager = True
        if first.poll() is None:
            _stop(first, signal.SIGKILL)
    assert outcome["vendor"] == "postgresql"
    assert log_path.read_text(errors="replace").count(result.id) >= 2


@pytest.mark.django_db
def test_the_same_message_delivered_again_takes_over_its_lease():
    """Late acknowledgement: a message comes back only when its worker was lost, so the lease it
    holds is dead and it runs at once; any other message for the row still skips."""
    row = QueuedTask.objects.create(task="lms.tasks.run_people_import", args=[1])
    assert outbox.claim(row.pk, "message-1")
    assert not outbox.claim(row.pk, "message-2")  # the sweep's resend, while it runs
    assert outbox.claim(row.pk, "message-1")  # redelivered after its worker was killed
    row.refresh_from_db()
    assert (row.runs, row.run_by) == (2, "message-1")
