"""Webhooks: endpoints, the outbox of events, and each delivery with its attempts."""

import json
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from webhooks.crypto import decrypt, encrypt
from webhooks.registry import event_types


def new_webhook_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class WebhookEndpoint(models.Model):
    """A receiver of signed events. Its secret is stored encrypted and used to sign bodies."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    secret_encrypted = models.TextField(editable=False)
    secret_hint = models.CharField(_("secret ends with"), max_length=8, editable=False)
    events = models.JSONField(
        _("events"), default=list, help_text=_("The event types this endpoint receives.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive endpoints receive no new events.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_webhookendpoint"
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.url})"

    def set_secret(self, raw):
        self.secret_encrypted = encrypt(raw)
        self.secret_hint = raw[-4:]

    @property
    def secret(self):
        return decrypt(self.secret_encrypted)

    def subscribes_to(self, event_type):
        return event_type in (self.events or [])

    @property
    def events_display(self):
        labels = dict(event_types())
        return ", ".join(str(labels.get(e, e)) for e in self.events or [])


class OutboxEvent(models.Model):
    """An event written in the same transaction as the change it describes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # One of webhooks.registry.event_types(): the apps that emit events name them.
    type = models.CharField(_("type"), max_length=32)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    data = models.JSONField(_("data"), default=dict)

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_outboxevent"
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["type", "-created_at"], name="outboxevent_type")]

    def __str__(self):
        return f"{self.type} {self.id}"

    def body(self):
        """The exact bytes sent and signed: the same on every attempt."""
        payload = {
            "id": str(self.id),
            "type": self.type,
            "created_at": self.created_at.isoformat(),
            "data": self.data,
        }
        return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Gave up")


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).filter(
            models.Q(locked_until__isnull=True) | models.Q(locked_until__lt=now)
        )


class WebhookDelivery(models.Model):
    """One event for one endpoint: pending until the receiver answers 2xx."""

    event = models.ForeignKey(
        OutboxEvent, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event")
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_webhookdelivery"
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "endpoint"], name="webhookdelivery_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhookdelivery_due"),
        ]

    def __str__(self):
        return f"{self.event.type} → {self.endpoint.name}"

    @property
    def event_type(self):
        return self.event.type


class DeliveryAttempt(models.Model):
    """One HTTP attempt at a delivery: what came back, or what went wrong, and how long it took."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    number = models.PositiveIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    response_excerpt = models.TextField(_("response"), blank=True)

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_deliveryattempt"
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="deliveryattempt_unique"),
        ]

    def __str__(self):
        outcome = self.status_code or self.error[:40]
        return f"#{self.number} {outcome}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
