"""Webhooks: the outbox written with the change, signed deliveries to a real receiver, retries
with back-off, the sweep after a failing receiver or a broker outage, encrypted secrets."""

import datetime
import hashlib
import hmac
import json
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from tests.factories import (
    EmployeeFactory,
    UserFactory,
    WebhookEndpointFactory,
    WebhookReceiver,
    certify,
    closed_port_url,
)
from webhooks import delivery as webhooks_delivery
from webhooks.crypto import SecretUnreadable, decrypt, encrypt
from webhooks.models import (
    DeliveryAttempt,
    DeliveryStatus,
    OutboxEvent,
    WebhookDelivery,
    WebhookEndpoint,
)
from webhooks.tasks import deliver_webhook, sweep_webhook_deliveries

SECRET = "whsec_test_secret_0123456789"

pytestmark = pytest.mark.django_db


def expected_signature(body, secret=SECRET):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def make_due(delivery):
    """Time passes: the delivery's next attempt is now due."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.fixture
def person():
    return EmployeeFactory().user


def test_a_real_receiver_gets_a_signed_event(person, ladder, django_capture_on_commit_callbacks):
    with WebhookReceiver() as receiver:
        WebhookEndpointFactory(url=receiver.url, secret=SECRET)
        with django_capture_on_commit_callbacks(execute=True):
            certificate = certify(person, ladder["enthusiast"])

    assert len(receiver.received) == 1
    request = receiver.received[0]
    body = json.loads(request["body"])
    assert body["type"] == "certificate.issued"
    assert body["data"]["serial"] == certificate.serial
    assert body["data"]["holder"]["email"] == person.email
    assert set(body) == {"id", "type", "created_at", "data"}
    headers = request["headers"]
    assert headers["x-event-type"] == "certificate.issued"
    assert headers["x-event-id"] == body["id"]
    assert headers["content-type"] == "application/json"
    assert hmac.compare_digest(headers["x-signature"], expected_signature(request["body"]))
    assert headers["x-signature"] != expected_signature(request["body"], "another secret")

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.delivered_at is not None
    attempt = delivery.attempt_log.get()
    assert (attempt.number, attempt.status_code, attempt.error) == (1, 200, "")
    assert attempt.duration_ms >= 0


def test_events_roll_back_with_the_change(person, ladder):
    WebhookEndpointFactory()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        certify(person, ladder["enthusiast"])
        assert OutboxEvent.objects.count() == 1
        raise Boom
    assert OutboxEvent.objects.count() == 0
    assert WebhookDelivery.objects.count() == 0


def test_one_delivery_per_subscribed_active_endpoint(person, ladder):
    everything = WebhookEndpointFactory()
    access_only = WebhookEndpointFactory(events=["access.granted", "access.revoked"])
    WebhookEndpointFactory(active=False)

    certify(person, ladder["enthusiast"])

    event = OutboxEvent.objects.get()
    assert event.type == "certificate.issued"
    assert [d.endpoint for d in event.deliveries.all()] == [everything]
    assert not access_only.deliveries.exists()


def test_nothing_is_written_without_subscribers(person, ladder):
    certify(person, ladder["enthusiast"])
    assert OutboxEvent.objects.count() == 0


def test_failing_receiver_leaves_the_delivery_pending_and_a_later_sweep_delivers(
    person, ladder, django_capture_on_commit_callbacks
):
    with WebhookReceiver(statuses=[500, 200]) as receiver:
        WebhookEndpointFactory(url=receiver.url, secret=SECRET)
        with django_capture_on_commit_callbacks(execute=True):
            certify(person, ladder["enthusiast"])

        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING
        assert delivery.attempts == 1
        assert delivery.last_status_code == 500
        assert delivery.next_attempt_at > timezone.now()
        first = delivery.attempt_log.get()
        assert (first.status_code, first.error) == (500, "HTTP 500 Internal Server Error")
        assert first.response_excerpt == "nope"

        # Not due yet: the sweep leaves it alone.
        assert sweep_webhook_deliveries() == 0
        make_due(delivery)
        assert sweep_webhook_deliveries() == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert [a.status_code for a in delivery.attempt_log.order_by("number")] == [500, 200]
    # The same event, byte for byte, signed the same way, twice.
    assert receiver.received[0]["body"] == receiver.received[1]["body"]
    assert receiver.received[1]["headers"]["x-delivery-attempt"] == "2"
    assert receiver.received[1]["headers"]["x-signature"] == expected_signature(
        receiver.received[1]["body"]
    )


def test_connection_refused_is_recorded_and_retried(person, ladder):
    endpoint = WebhookEndpointFactory(url=closed_port_url(), secret=SECRET)
    certify(person, ladder["enthusiast"])
    delivery = WebhookDelivery.objects.get()

    attempt = webhooks_delivery.deliver(delivery.pk)

    assert attempt.status_code is None
    assert "refused" in attempt.error.lower()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)

    with WebhookReceiver() as receiver:
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=receiver.url)
        make_due(delivery)
        assert sweep_webhook_deliveries() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert len(receiver.events("certificate.issued")) == 1


def test_a_broker_outage_loses_no_event(person, ladder, django_capture_on_commit_callbacks):
    with WebhookReceiver() as receiver:
        WebhookEndpointFactory(url=receiver.url, secret=SECRET)
        outage = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        with (
            mock.patch.object(deliver_webhook, "delay", side_effect=outage) as delay,
            mock.patch.object(sweep_webhook_deliveries, "delay", side_effect=outage),
            django_capture_on_commit_callbacks(execute=True),
        ):
            certificate = certify(person, ladder["enthusiast"])  # the change itself succeeds
        assert delay.called
        assert certificate.pk is not None
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)
        assert receiver.received == []

        # The broker is back: the beat sweep finds the pending row and sends it.
        assert sweep_webhook_deliveries() == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert receiver.events("certificate.issued")[0]["data"]["serial"] == certificate.serial


def test_the_sweep_stops_quietly_when_the_broker_is_down(person, ladder):
    WebhookEndpointFactory()
    certify(person, ladder["enthusiast"])
    with mock.patch.object(deliver_webhook, "delay", side_effect=OperationalError("down")):
        assert webhooks_delivery.sweep() == 0
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING


def test_back_off_doubles_up_to_a_ceiling():
    delays = [webhooks_delivery.backoff(n).total_seconds() for n in (1, 2, 3, 4, 12, 20)]
    assert delays == [30, 60, 120, 240, 6 * 3600, 6 * 3600]


@override_settings(ACADEMY_WEBHOOK_MAX_ATTEMPTS=2)
def test_a_delivery_gives_up_after_the_last_attempt_and_can_be_sent_again(
    person, ladder, client_for, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpointFactory(url=closed_port_url(), secret=SECRET)
    certify(person, ladder["enthusiast"])
    delivery = WebhookDelivery.objects.get()
    webhooks_delivery.deliver(delivery.pk)
    make_due(delivery)
    webhooks_delivery.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
    assert webhooks_delivery.due_ids() == []

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    page = client_for(admin).get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    assert page.status_code == 200
    assert b"Connection refused" in page.content or b"refused" in page.content.lower()
    assert page.content.count(b"<tr>") >= 3  # header and two attempts

    with WebhookReceiver() as receiver:
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(admin).post(
                reverse("webhook_deliveries:retry", args=[delivery.pk])
            )
        assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)


def test_a_leased_delivery_is_not_sent_twice(person, ladder):
    WebhookEndpointFactory()
    certify(person, ladder["enthusiast"])
    delivery = WebhookDelivery.objects.get()
    now = timezone.now()
    assert webhooks_delivery.claim(delivery.pk, now) is True
    assert webhooks_delivery.claim(delivery.pk, now) is False
    assert webhooks_delivery.due_ids(now) == []
    assert webhooks_delivery.deliver(delivery.pk) is None
    assert DeliveryAttempt.objects.count() == 0


def test_an_inactive_endpoint_is_paused(person, ladder):
    endpoint = WebhookEndpointFactory()
    certify(person, ladder["enthusiast"])
    endpoint.active = False
    endpoint.save()
    assert webhooks_delivery.due_ids() == []
    assert webhooks_delivery.deliver(WebhookDelivery.objects.get().pk) is None


def test_secrets_are_encrypted_at_rest():
    endpoint = WebhookEndpointFactory(secret=SECRET)
    stored = WebhookEndpoint.objects.values_list("secret_encrypted", flat=True).get()
    assert SECRET not in stored
    assert endpoint.secret_hint == SECRET[-4:]
    assert WebhookEndpoint.objects.get().secret == SECRET


def test_the_key_comes_from_webhook_secret_key_and_survives_secret_key_rotation():
    with override_settings(SECRET_KEY="old-key-" + "x" * 40):
        token = encrypt(SECRET)
    with override_settings(SECRET_KEY="new-key-" + "y" * 40):
        with pytest.raises(SecretUnreadable):
            decrypt(token)
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 40]
    ):
        assert decrypt(token) == SECRET
    with override_settings(ACADEMY_WEBHOOK_SECRET_KEY="a dedicated webhook key"):
        dedicated = encrypt(SECRET)
        assert decrypt(dedicated) == SECRET
    with pytest.raises(SecretUnreadable):
        decrypt(dedicated)


def test_an_unreadable_secret_is_an_attempt_that_failed(person, ladder):
    endpoint = WebhookEndpointFactory()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(secret_encrypted="garbage")
    certify(person, ladder["enthusiast"])
    attempt = webhooks_delivery.deliver(WebhookDelivery.objects.get().pk)
    assert attempt.status_code is None
    assert "encryption key changed" in attempt.error


def test_endpoints_are_registered_in_the_admin_with_an_encrypted_secret(client_for):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(admin)
    form = client.get(reverse("webhook_endpoints:add"))
    assert b"whsec_" in form.content  # a fresh secret is offered
    response = client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Publishing tool",
            "url": "https://hooks.example.com/academy",
            "events": ["access.granted", "access.revoked"],
            "active": "on",
            "secret": "a-secret-of-the-receiver-1234",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["access.granted", "access.revoked"]
    assert endpoint.secret == "a-secret-of-the-receiver-1234"
    assert endpoint.created_by == admin
    assert "a-secret-of-the-receiver" not in endpoint.secret_encrypted

    edit_url = reverse("webhook_endpoints:edit", args=[endpoint.pk])
    page = client.get(edit_url)
    assert b"a-secret-of-the-receiver" not in page.content  # never shown again
    data = {
        "name": "Publishing tool",
        "url": endpoint.url,
        "events": ["access.granted"],
        "active": "on",
        "secret": "",
    }
    assert client.post(edit_url, data).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret == "a-secret-of-the-receiver-1234"  # kept
    data["secret"] = "short"
    assert client.post(edit_url, data).status_code == 200  # refused: too short
    data["secret"] = "a-rotated-secret-5678-abcd"
    assert client.post(edit_url, data).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret == "a-rotated-secret-5678-abcd"


def test_deliveries_cannot_be_made_or_edited_by_hand(client_for):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(admin)
    assert client.get(reverse("webhook_deliveries:index")).status_code == 200
    assert client.get("/admin/webhook_deliveries/new/").status_code == 404
    assert client.get("/admin/webhook_deliveries/edit/1/").status_code == 404


def test_people_without_rights_see_no_webhooks(client_for):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(user)
    assert client.get(reverse("webhook_endpoints:index")).status_code in (302, 403)
    assert client.get(reverse("webhook_deliveries:index")).status_code in (302, 403)


def test_the_send_webhooks_command_sends_what_is_due(person, ladder):
    from io import StringIO

    from django.core.management import call_command

    with WebhookReceiver(statuses=[503, 200]) as receiver:
        WebhookEndpointFactory(url=receiver.url, secret=SECRET)
        certify(person, ladder["enthusiast"])
        certify(person, ladder["professional"])
        out = StringIO()
        call_command("send_webhooks", stdout=out)
        assert out.getvalue().strip() == "Delivered 1; 1 failed and stay pending."
        for delivery in WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING):
            make_due(delivery)
        call_command("send_webhooks", stdout=out)
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 2
    assert sorted(e["type"] for e in receiver.events()) == ["certificate.issued"] * 3


def test_only_http_addresses_are_accepted(client_for):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    response = client_for(admin).post(
        reverse("webhook_endpoints:add"),
        {
            "name": "FTP",
            "url": "ftp://files.example.com/in",
            "events": ["access.granted"],
            "active": "on",
            "secret": "a-long-enough-secret-123",
        },
    )
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()


def test_the_expiry_sweep_announces_every_certificate_in_batches(
    ladder, django_capture_on_commit_callbacks
):
    from certification.services import expire_certificates
    from tests.factories import CertificateFactory

    certificates = [
        CertificateFactory(holder=EmployeeFactory().user, program=ladder["enthusiast"])
        for _ in range(60)
    ]
    end = max(c.expires_at for c in certificates)
    with WebhookReceiver() as receiver:
        WebhookEndpointFactory(url=receiver.url, secret=SECRET, events=["certificate.expired"])
        with (
            mock.patch.object(deliver_webhook, "delay", wraps=deliver_webhook.delay) as one,
            mock.patch.object(
                sweep_webhook_deliveries, "delay", wraps=sweep_webhook_deliveries.delay
            ) as sweep,
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert len(expire_certificates(now=end)) == 60
        assert OutboxEvent.objects.filter(type="certificate.expired").count() == 60
        # Many deliveries from one change: one sweep is queued, which queues each delivery.
        assert (sweep.call_count, one.call_count) == (1, 60)
    serials = {e["data"]["serial"] for e in receiver.events("certificate.expired")}
    assert serials == {c.serial for c in certificates}
    assert all(
        r["headers"]["x-signature"] == expected_signature(r["body"]) for r in receiver.received
    )
    assert not WebhookDelivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()


def test_the_admin_sends_a_signed_test_event_to_one_endpoint(
    client_for, django_capture_on_commit_callbacks
):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(admin)
    with WebhookReceiver() as receiver:
        endpoint = WebhookEndpointFactory(
            url=receiver.url, secret=SECRET, events=["access.granted"]
        )
        other = WebhookEndpointFactory(secret=SECRET)
        page = client.get(reverse("webhook_endpoints:inspect", args=[endpoint.pk]))
        assert b"Send a test event" in page.content
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("webhook_endpoints:test", args=[endpoint.pk]))
    delivery = WebhookDelivery.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webhook_deliveries:inspect", args=[delivery.pk])
    assert (delivery.endpoint, delivery.status) == (endpoint, DeliveryStatus.DELIVERED)
    [received] = receiver.received
    assert received["headers"]["x-event-type"] == "ping"
    assert received["headers"]["x-signature"] == expected_signature(received["body"])
    assert json.loads(received["body"])["data"]["sent_by"] == "root"
    assert not WebhookDelivery.objects.filter(endpoint=other).exists()
    # The test type is not something an endpoint can subscribe to.
    assert b'value="ping"' not in client.get(reverse("webhook_endpoints:add")).content


def test_a_test_event_needs_the_right_an_active_endpoint_and_a_post(client_for):
    from django.contrib.auth.models import Permission

    endpoint = WebhookEndpointFactory(active=False)
    admin = client_for(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("webhook_endpoints:test", args=[endpoint.pk])
    assert admin.get(url).status_code == 405
    refused = admin.post(url, follow=True)
    assert b"not active" in refused.content
    assert not WebhookDelivery.objects.exists()
    owner = UserFactory()
    owner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    endpoint.active = True
    endpoint.save()
    assert client_for(owner).post(url).status_code in (302, 403)
    assert not WebhookDelivery.objects.exists()
    assert admin.post(reverse("webhook_endpoints:test", args=[999999])).status_code == 404
