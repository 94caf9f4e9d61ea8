"""Celery tasks of the webhook outbox: send one delivery; sweep whatever is due."""

from celery import shared_task


@shared_task(name="certification.deliver_webhook", ignore_result=True)
def deliver_webhook(delivery_id):
    """Try one delivery; a failure is recorded and scheduled, never raised (the sweep retries)."""
    from certification.webhooks_delivery import deliver

    attempt = deliver(delivery_id)
    return None if attempt is None else attempt.status_code


@shared_task(name="certification.sweep_webhook_deliveries", ignore_result=True)
def sweep_webhook_deliveries():
    """Every minute (beat): queue deliveries whose next attempt is due, e.g. after an outage."""
    from certification.webhooks_delivery import sweep

    return sweep()
