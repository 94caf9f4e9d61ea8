"""Celery tasks of the webhook outbox: send one delivery; sweep whatever is due."""

from celery import shared_task

from webhooks import delivery


@shared_task(name=delivery.DELIVER_TASK, ignore_result=True)
def deliver_webhook(delivery_id):
    """Try one delivery; a failure is recorded and scheduled, never raised (the sweep retries)."""
    attempt = delivery.deliver(delivery_id)
    return None if attempt is None else attempt.status_code


@shared_task(name=delivery.SWEEP_TASK, ignore_result=True)
def sweep_webhook_deliveries():
    """Every minute (beat): queue deliveries whose next attempt is due, e.g. after an outage."""
    return delivery.sweep()
