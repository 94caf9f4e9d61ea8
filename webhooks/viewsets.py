"""Admin screens of webhooks: endpoints (with their encrypted secret) and every delivery, with
each attempt, and a button to send again."""

import json

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from lms.admin_delete import KeepReferencedDeleteView
from lms.admin_views import MomentColumn, ServiceMadeViewSet
from lms.permissions import ActionsPolicy
from webhooks.delivery import retry_now
from webhooks.events import send_test_event
from webhooks.forms import WebhookEndpointForm
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from webhooks.registry import event_types

# Deliveries are made by the outbox: they can be looked at and sent again, nothing else.
register_permission_policy(
    WebhookDelivery, ActionsPolicy(WebhookDelivery, {"view", "change"}), exact_class=True
)


class WebhookEndpointIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                pending_count=Count(
                    "deliveries", filter=Q(deliveries__status=DeliveryStatus.PENDING)
                ),
                failed_count=Count(
                    "deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)
                ),
            )
        )


def may_test(user, endpoint):
    return endpoint.active and user.has_perm("webhooks.change_webhookendpoint")


class WebhookEndpointInspectView(InspectView):
    template_name = "webhooks/admin/endpoint_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            may_test=may_test(self.request.user, self.object),
            test_url=reverse("webhook_endpoints:test", args=[self.object.pk]),
        )
        return context


@require_POST
def test_event_view(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if not request.user.has_perm("webhooks.change_webhookendpoint"):
        raise PermissionDenied
    if not endpoint.active:
        messages.error(request, _("The endpoint is not active: activate it to send a test event."))
        return redirect("webhook_endpoints:inspect", endpoint.pk)
    delivery = send_test_event(endpoint, by=request.user)
    messages.success(
        request,
        _("A test event is on its way to %(url)s; its attempts show below.")
        % {"url": endpoint.url},
    )
    return redirect("webhook_deliveries:inspect", delivery.pk)


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    delete_view_class = KeepReferencedDeleteView
    menu_label = gettext_lazy("Webhook endpoints")
    add_to_admin_menu = False
    index_view_class = WebhookEndpointIndexView
    inspect_view_class = WebhookEndpointInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["name", "url"]
    search_backend_name = None
    list_display = [
        "name",
        Column("url", label=gettext_lazy("URL")),
        Column("events_display", label=gettext_lazy("Events")),
        BooleanColumn("active", label=gettext_lazy("Active")),
        Column("pending_count", label=gettext_lazy("Pending")),
        Column("failed_count", label=gettext_lazy("Gave up")),
    ]
    inspect_view_fields = [
        "name",
        "url",
        "events_display",
        "active",
        "secret_hint",
        "created_at",
        "created_by",
    ]

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("test/<int:pk>/", test_event_view, name="test")]


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=DeliveryStatus.choices, label=gettext_lazy("Status")
    )
    endpoint = django_filters.ModelChoiceFilter(
        queryset=WebhookEndpoint.objects.all(), label=gettext_lazy("Endpoint")
    )
    event_type = django_filters.ChoiceFilter(
        field_name="event__type", choices=event_types, label=gettext_lazy("Event")
    )

    class Meta:
        model = WebhookDelivery
        fields = ["status", "endpoint", "event_type"]


def may_retry(user, delivery):
    return delivery.status != DeliveryStatus.DELIVERED and user.has_perm(
        "webhooks.change_webhookdelivery"
    )


class DeliveryIndexView(IndexView):
    def get_edit_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_retry(self.request.user, instance):
            buttons.append(
                Button(
                    _("Send again now"),
                    url=reverse("webhook_deliveries:inspect", args=[instance.pk]),
                    icon_name="rotate",
                    priority=30,
                )
            )
        return buttons


class DeliveryInspectView(InspectView):
    template_name = "webhooks/admin/delivery_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            WebhookDelivery.objects.select_related("event", "endpoint"), pk=self.pk
        )

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            attempts=self.object.attempt_log.order_by("number"),
            body=json.dumps(json.loads(self.object.event.body()), indent=2, sort_keys=True),
            may_retry=may_retry(self.request.user, self.object),
            retry_url=reverse("webhook_deliveries:retry", args=[self.object.pk]),
        )
        return context


@require_POST
def retry_view(request, pk):
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    if not may_retry(request.user, delivery):
        raise PermissionDenied
    retry_now(delivery)
    messages.success(request, _("The delivery is queued to be sent again."))
    return redirect("webhook_deliveries:inspect", delivery.pk)


class WebhookDeliveryViewSet(ServiceMadeViewSet):
    model = WebhookDelivery
    icon = "mail"
    menu_label = gettext_lazy("Webhook deliveries")
    add_to_admin_menu = False
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    add_to_reference_index = False
    filterset_class = DeliveryFilterSet
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        Column("event_type", label=gettext_lazy("Event"), accessor="event.type"),
        "endpoint",
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda d: d.status == DeliveryStatus.DELIVERED,
        ),
        Column("attempts", label=gettext_lazy("Attempts")),
        DateColumn("created_at", label=gettext_lazy("Created")),
        MomentColumn("next_attempt_at", label=gettext_lazy("Next attempt")),
        Column("last_error", label=gettext_lazy("Last error")),
    ]
    list_export = [
        "event.id",
        "event.type",
        "endpoint.name",
        "status",
        "attempts",
        "created_at",
        "delivered_at",
        "last_status_code",
        "last_error",
    ]
    export_filename = "webhook-deliveries"
    inspect_view_fields = [
        "event",
        "endpoint",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "last_status_code",
        "last_error",
    ]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("event", "endpoint")

    def get_extra_urlpatterns(self):
        return [path("retry/<int:pk>/", retry_view, name="retry")]
