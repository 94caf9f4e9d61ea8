"""Work after a change that survives a broker outage and a killed worker.

`enqueue(task, *args)` writes a QueuedTask row in the caller's transaction and sends the task
to the broker once that transaction commits. Nothing waits on the broker: publishing is one
short try (`CELERY_BROKER_TRANSPORT_OPTIONS` bounds it), and after a failure this process does
not try again for `ACADEMY_BROKER_BACKOFF` seconds. Whatever was not sent stays in the table,
and the beat task `lms.sweep_task_outbox` sends it again every minute until a worker has run it.

The worker's side is `OutboxTask`, the base class of every task queued this way: it takes a
lease on the row before running (so a redelivered or re-sent copy of a running task skips),
gives the lease back when the task fails or retries, and deletes the row when it succeeded.
Tasks queued through here must therefore be idempotent, which every one of them is: they take
primary keys, and what they write is guarded by unique constraints or by state.
"""

import logging
import time
from datetime import timedelta
from functools import partial

from celery import Task, current_app, shared_task
from celery.exceptions import Retry
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from lms.conf import academy_settings
from lms.models import QueuedTask

logger = logging.getLogger(__name__)

#: The keyword that carries the row's id to the worker (removed before the task's own code).
OUTBOX_KWARG = "_outbox_id"

_breaker = {"until": 0.0}


def _eager():
    return bool(current_app.conf.task_always_eager)


def broker_backoff():
    return float(academy_settings.BROKER_BACKOFF)


def lease_seconds():
    """How long a started task holds its row: the hard time limit, after which it is dead."""
    return int(current_app.conf.task_time_limit or 300) + 30


def resend_after():
    """A row sent this long ago and still not started is sent again (Redis keeps nothing on
    disk: a restarted broker forgets its queues)."""
    return int(academy_settings.OUTBOX_RESEND_AFTER)


def max_runs():
    """A task that failed this many runs is left in the table (and logged) for a person."""
    return int(academy_settings.OUTBOX_MAX_RUNS)


def broker_open():
    """Whether this process should try the broker now (it failed less than a backoff ago)."""
    return time.monotonic() >= _breaker["until"]


def _broker_failed():
    _breaker["until"] = time.monotonic() + broker_backoff()


def enqueue(task, *args, **kwargs):
    """Record a call of `task` (an OutboxTask, or the name it is registered under) in the
    current transaction; send it after the commit. Returns the QueuedTask row.

    Naming the task lets a service queue it without importing the tasks module that calls the
    service (each app imports its tasks when it is ready)."""
    if isinstance(task, str):
        task = current_app.tasks[task]
    if not isinstance(task, OutboxTask):
        raise TypeError(f"{task.name} is not an OutboxTask: it cannot be queued durably.")
    row = QueuedTask.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(partial(send, [(row.pk, task.name, row.args, row.kwargs)]))
    return row


def send(items):
    """Publish (pk, task name, args, kwargs) items; returns how many reached the broker.

    A broker error is logged, never raised: the rows stay for the sweep."""
    eager = _eager()
    if not eager and not broker_open():
        return 0
    sent = []
    for pk, name, args, kwargs in items:
        task = current_app.tasks[name]
        try:
            task.apply_async(args, {**kwargs, OUTBOX_KWARG: pk}, retry=False)
        except (BrokerError, OSError):
            _broker_failed()
            logger.warning(
                "Broker unavailable: %d queued task(s) wait for the sweep.",
                len(items) - len(sent),
                exc_info=True,
            )
            break
        sent.append(pk)
    if sent and not eager:
        QueuedTask.objects.filter(pk__in=sent).update(sent_at=timezone.now(), sends=F("sends") + 1)
    return len(sent)


def due(now=None, limit=1000):
    """Rows to send again: never sent, or sent long ago and not started, or started so long
    ago that the worker running them must have died."""
    now = now or timezone.now()
    grace = now - timedelta(seconds=int(academy_settings.OUTBOX_GRACE))
    unsent = Q(sent_at__isnull=True, created_at__lt=grace, started_at__isnull=True)
    lost = Q(sent_at__lt=now - timedelta(seconds=resend_after()), started_at__isnull=True)
    dead = Q(started_at__lt=now - timedelta(seconds=lease_seconds()))
    return (
        QueuedTask.objects.filter(unsent | lost | dead, runs__lt=max_runs())
        .order_by("created_at", "pk")
        .values_list("pk", "task", "args", "kwargs")[:limit]
    )


def sweep(now=None, limit=1000):
    """Send what is due again (beat, every minute); returns how many were sent."""
    items = list(due(now, limit))
    if not items:
        return 0
    _breaker["until"] = 0.0  # the sweep always tries: it is how an outage ends
    sent = send(items)
    if sent:
        logger.info("Outbox sweep sent %d of %d waiting task(s).", sent, len(items))
    return sent


def claim(pk, message_id=None, now=None):
    """Take the row's lease; False when it is gone (done) or running elsewhere. The message
    that took it before may take it again: with late acknowledgement a message comes back only
    when the worker holding it was lost."""
    now = now or timezone.now()
    expired = now - timedelta(seconds=lease_seconds())
    free = Q(started_at__isnull=True) | Q(started_at__lt=expired)
    if message_id:
        free |= Q(run_by=message_id)
    return bool(
        QueuedTask.objects.filter(pk=pk)
        .filter(free)
        .update(started_at=now, runs=F("runs") + 1, run_by=message_id or "")
    )


def release(pk, error=""):
    """Give the lease back (the task failed or will retry): the row waits to run again."""
    QueuedTask.objects.filter(pk=pk).update(started_at=None, last_error=str(error)[:2000])


def finish(pk):
    QueuedTask.objects.filter(pk=pk).delete()


class OutboxTask(Task):
    """Base of tasks queued with `enqueue`: lease, run, delete (see the module's text).

    Called without the outbox keyword (`.delay()`, beat, a test) it simply runs."""

    #: The outbox keyword is not in the task's signature: Celery must not check calls against it.
    typing = False

    def __call__(self, *args, **kwargs):
        pk = kwargs.pop(OUTBOX_KWARG, None)
        if pk is None:
            return super().__call__(*args, **kwargs)
        if not claim(pk, self.request.id):
            logger.info("%s: queued task %s is done or running elsewhere; skipped.", self.name, pk)
            return None
        try:
            result = super().__call__(*args, **kwargs)
        except Retry as exc:
            release(pk, exc)
            raise
        except BaseException as exc:
            release(pk, repr(exc))
            logger.error("%s: queued task %s failed; it will be sent again.", self.name, pk)
            raise
        finish(pk)
        return result


def outbox_task(*args, **options):
    """`@outbox_task(...)`: a shared task whose calls are queued durably with `enqueue`."""
    options.setdefault("base", OutboxTask)
    options.setdefault("ignore_result", True)
    return shared_task(*args, **options)
