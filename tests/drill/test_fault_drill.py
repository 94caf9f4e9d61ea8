"""The fault drill: people finish their last requirement while the worker is killed with SIGKILL
and the broker is unreachable for a while; afterwards everyone holds exactly one certificate,
every webhook reached the receiver exactly once, and nothing is left queued.

Runs on PostgreSQL with a real Celery worker on Redis, only when ACADEMY_FAULT_DRILL=1 (CI's
drill step: `ACADEMY_FAULT_DRILL=1 pytest tests/drill -s`). The broker is reached through a
proxy in this process that the drill closes (connections refused) and opens again; the worker
runs in its own process group, killed and restarted mid-run. Beat's part (the outbox and
webhook sweeps) is played by this process every second, as beat would every minute.
"""

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from certification.models import Certificate
from courses.models import LessonCompletion, LessonPage, PolicyAcceptance
from courses.services import current_policy_version
from lms import outbox
from lms.models import QueuedTask
from tests.factories import (
    EmployeeFactory,
    WebhookEndpointFactory,
    WebhookReceiver,
    make_ladder,
    record_completions,
)
from tests.test_reliability import broker_at
from webhooks import delivery as webhooks_delivery
from webhooks.models import DeliveryStatus, WebhookDelivery

PEOPLE = int(os.environ.get("ACADEMY_DRILL_PEOPLE", "300"))
CLIENTS = 4
SETTLE_SECONDS = 240

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.skipif(
        os.environ.get("ACADEMY_FAULT_DRILL") != "1"
        or "postgresql" not in settings.DATABASES["default"]["ENGINE"]
        or not settings.CELERY_BROKER_URL,
        reason="The fault drill runs in CI's drill step (ACADEMY_FAULT_DRILL=1, PostgreSQL, "
        "a broker).",
    ),
]


class FlakyProxy:
    """A TCP proxy to the broker that can be taken down (connections refused, open ones cut)
    and brought back on the same port."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener = None
        self.sockets = set()
        self.lock = threading.Lock()
        self.connections = 0

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/{settings.CELERY_BROKER_URL.rsplit('/', 1)[-1]}"

    def up(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self):
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
        with self.lock:
            for sock in list(self.sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                if self.listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self.sockets |= {client, upstream}
                self.connections += 1
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def start_worker(broker_url, log):
    db = connections["default"].settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "academy_site.settings.test",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": "",
        "CELERY_VISIBILITY_TIMEOUT": "12",
        "CELERY_TASK_TIME_LIMIT": "10",
        "WEBHOOK_TIMEOUT": "3",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "academy_site",
            "worker",
            "-c",
            "2",
            "--loglevel=info",
        ]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_worker(process, sig=signal.SIGTERM):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


@pytest.mark.django_db(transaction=True)
def test_fault_drill(settings, tmp_path):  # noqa: PLR0915 - one story, told in order
    settings.ACADEMY_OUTBOX_GRACE = 2
    ladder = make_ladder()
    basics, policy = ladder["basics"], ladder["policy"]
    lesson = LessonPage.objects.live().child_of(basics).get()
    version = current_policy_version()
    people = [EmployeeFactory().user for _ in range(PEOPLE)]
    # Half need the lesson last (the policy is accepted), half the policy (the lesson is done).
    lesson_last, policy_last = people[::2], people[1::2]
    PolicyAcceptance.objects.bulk_create(
        [PolicyAcceptance(user=p, version=version) for p in lesson_last]
    )
    LessonCompletion.objects.bulk_create(
        [LessonCompletion(user=p, lesson=lesson) for p in policy_last]
    )
    for person in policy_last:
        record_completions(person, basics)
    assert not Certificate.objects.exists()

    host, port = settings.CELERY_BROKER_URL.split("//", 1)[1].split("/")[0].split(":")
    proxy = FlakyProxy(host, int(port))
    proxy.up()
    log = open(tmp_path / "worker.log", "ab")  # noqa: SIM115 - closed at the end
    figures = Counter()
    latencies, outage_latencies = [], []
    phase = {"outage": False}
    done = Counter()

    def finish(person):
        client = Client()
        client.force_login(person)
        started = time.monotonic()
        if person in lesson_set:
            response = client.post(f"/api/v1/lessons/{lesson.pk}/complete")
            ok = response.status_code in (200, 201)
        else:
            response = client.post(policy.url, {"confirm": "yes", "version": version.number})
            ok = response.status_code == 302
        elapsed = time.monotonic() - started
        (outage_latencies if phase["outage"] else latencies).append(elapsed)
        figures["requests"] += 1
        figures["request errors"] += 0 if ok else 1

    lesson_set = set(lesson_last)

    def client_loop(share):
        try:
            for person in share:
                finish(person)
                done["finished"] += 1
        finally:
            connections.close_all()

    with WebhookReceiver() as receiver, broker_at(proxy.url):
        WebhookEndpointFactory(url=receiver.url, events=["certificate.issued"])
        worker = start_worker(proxy.url, log)
        started = time.monotonic()
        threads = [
            threading.Thread(target=client_loop, args=(people[i::CLIENTS],)) for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()

        def when(share):
            while done["finished"] < share * PEOPLE and any(t.is_alive() for t in threads):
                time.sleep(0.05)

        when(0.2)
        stop_worker(worker, signal.SIGKILL)  # mid-run: it holds evaluations and deliveries
        figures["worker kills"] += 1
        worker = start_worker(proxy.url, log)
        when(0.4)
        proxy.down()  # the broker is unreachable: requests go on, work waits in the outbox
        phase["outage"] = True
        outage_started = time.monotonic()
        when(0.6)
        stop_worker(worker, signal.SIGKILL)  # and the worker dies during the outage too
        figures["worker kills"] += 1
        worker = start_worker(proxy.url, log)
        when(0.8)
        figures["outage seconds"] = round(time.monotonic() - outage_started, 1)
        figures["queued at the outage's end"] = QueuedTask.objects.count()
        phase["outage"] = False
        proxy.up()
        for thread in threads:
            thread.join(300)
        figures["load seconds"] = round(time.monotonic() - started, 1)

        # Beat's part, every second instead of every minute, until everything has settled.
        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline:
            figures["outbox resent"] += outbox.sweep()
            figures["webhook deliveries resent"] += webhooks_delivery.sweep()
            settled = (
                not QueuedTask.objects.exists()
                and Certificate.objects.count() >= PEOPLE
                and not WebhookDelivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()
                and len(receiver.received) >= PEOPLE
            )
            if settled:
                break
            time.sleep(1)
        figures["settled seconds"] = round(time.monotonic() - started, 1)
        time.sleep(2)  # a late duplicate, if any, would arrive now
        stop_worker(worker)
        received = [json.loads(item["body"]) for item in receiver.received]
    proxy.down()
    log.close()
    worker_log = (tmp_path / "worker.log").read_text(errors="replace")

    per_event = Counter(body["id"] for body in received)
    holders = Counter(
        Certificate.objects.filter(program=ladder["enthusiast"]).values_list("holder_id", flat=True)
    )
    figures.update(
        {
            "people": PEOPLE,
            "certificates": sum(holders.values()),
            "people with exactly one": sum(1 for p in people if holders[p.pk] == 1),
            "webhooks received": len(received),
            "distinct webhook events": len(per_event),
            "duplicate webhooks": sum(n - 1 for n in per_event.values()),
            "left queued": QueuedTask.objects.count(),
            "deliveries not delivered": WebhookDelivery.objects.exclude(
                status=DeliveryStatus.DELIVERED
            ).count(),
            "tasks skipped as done or running": worker_log.count("is done or running elsewhere"),
            "request p50 ms": round(statistics.median(latencies) * 1000, 1),
            "request p99 ms": round(percentile(latencies, 0.99) * 1000, 1),
            "request max ms during the outage": round(max(outage_latencies) * 1000, 1),
            "requests during the outage": len(outage_latencies),
        }
    )
    print("\nFault drill:")  # noqa: T201 - the figures are the drill's output
    for name, value in figures.items():
        print(f"  {name}: {value}")  # noqa: T201
    print(json.dumps({"drill": dict(figures)}))  # noqa: T201

    assert figures["request errors"] == 0
    assert figures["people with exactly one"] == PEOPLE, figures
    assert figures["certificates"] == PEOPLE
    assert figures["distinct webhook events"] == PEOPLE
    assert figures["duplicate webhooks"] == 0, figures
    assert figures["left queued"] == 0
    assert figures["deliveries not delivered"] == 0
    assert figures["requests during the outage"] > 0
    # No request waited on the broker: one connect try at most (refused at once here).
    assert figures["request max ms during the outage"] < 2000, figures
