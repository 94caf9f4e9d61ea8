"""The task outbox: work to do after a change, written in the change's own transaction."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueuedTask(models.Model):
    """One task call (a Celery task name and its JSON arguments) that has not finished yet.

    The row commits or rolls back with the change that asked for the work, so a broker outage
    cannot lose it: it is sent after the commit, sent again by the sweep while it waits, and
    deleted by the worker when the task has run. `started_at` is the worker's lease: another
    message for the row (the sweep's resend) skips a row that is running; the same message
    delivered again (`run_by`, its task id) means the worker that held it died, and takes over.
    """

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("last sent to the broker"), null=True, blank=True)
    sends = models.PositiveIntegerField(_("times sent"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("times started"), default=0)
    run_by = models.CharField(_("message that started it"), max_length=64, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="queuedtask_due")]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
