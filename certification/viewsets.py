"""Admin screens of certification: programs, certificates (with revocation) and the approval
queue of the social media team."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from certification import lifecycle_admin
from certification.forms import RevokeForm
from certification.models import Approval, ApprovalStatus, Certificate, CertificateStatus, Program
from certification.services import AlreadyRevoked, decide, revoke_certificate
from lms.admin_delete import KeepReferencedDeleteView
from lms.admin_views import ObjectFormView
from lms.errors import message_response
from lms.forms import DecisionForm
from lms.permissions import ActionsPolicy


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "trophy"
    menu_label = gettext_lazy("Programs")
    add_to_admin_menu = False
    search_fields = ["name", "slug"]
    list_display = [
        "name",
        Column("tier", label=gettext_lazy("Tier")),
        "builds_on",
        "requires_approval",
        Column("validity_days", label=gettext_lazy("Validity (days)")),
    ]
    ordering = ["tier", "name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    delete_view_class = KeepReferencedDeleteView


# Records made only by the services: nobody adds, edits or deletes them by hand.
register_permission_policy(Certificate, ActionsPolicy(Certificate, {"view"}), exact_class=True)
register_permission_policy(Approval, ActionsPolicy(Approval, {"view"}), exact_class=True)


class CertificateFilterSet(WagtailFilterSet):
    # The status as of now, from the dates: the column lags until the nightly sweep.
    status = django_filters.ChoiceFilter(
        choices=CertificateStatus.choices, label=gettext_lazy("Status"), method="filter_status"
    )
    program = django_filters.ModelChoiceFilter(
        queryset=Program.objects.all(), label=gettext_lazy("Program")
    )
    expires_before = django_filters.DateFilter(
        field_name="expires_at", lookup_expr="date__lte", label=gettext_lazy("Expires on or before")
    )

    class Meta:
        model = Certificate
        fields = ["status", "program"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset


def may_revoke(user, certificate):
    return certificate.status != CertificateStatus.REVOKED and user.has_perm(
        "certification.revoke_certificate"
    )


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_revoke(self.request.user, instance):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse("certification_certificates:revoke", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class CertificateInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for label, url_name, icon in lifecycle_admin.certificate_buttons(
            self.request.user, self.object
        ):
            buttons.append(
                Button(label, url=reverse(url_name, args=[self.object.pk]), icon_name=icon)
            )
        if lifecycle_admin.may_manage(self.request.user):
            buttons.append(
                Button(
                    _("Reset quiz attempts"),
                    url=reverse(
                        "certification_lifecycle:reset_attempts", args=[self.object.holder_id]
                    ),
                    icon_name="rotate",
                )
            )
        if may_revoke(self.request.user, self.object):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse("certification_certificates:revoke", args=[self.object.pk]),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons


class RevokeView(ObjectFormView):
    model = Certificate
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke certificate")
    summary_template = "certification/admin/revoke_summary.html"
    header_icon = "cross"
    index_url_name = "certification_certificates:index"
    submit_button_label = gettext_lazy("Revoke")

    def has_permission(self, request):
        return request.user.has_perm("certification.revoke_certificate")

    def get_queryset(self):
        return Certificate.objects.select_related("holder", "program")

    def form_valid(self, form):
        try:
            revoke_certificate(
                self.object, reason=form.cleaned_data["reason"], by=self.request.user
            )
        except AlreadyRevoked as exc:
            return message_response(
                self.request, exc, "certification_certificates:inspect", self.object.pk
            )
        except ValidationError as exc:
            form.add_error("reason", exc)
            return self.form_invalid(form)
        else:
            messages.success(
                self.request,
                _("Certificate %(serial)s of %(holder)s revoked; the holder has been told.")
                % {"serial": self.object.serial, "holder": self.object.holder_name},
            )
        return redirect("certification_certificates:inspect", self.object.pk)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    add_to_admin_menu = False
    form_fields = []  # never edited by hand: the services issue and revoke
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = ["serial", "holder__first_name", "holder__last_name", "holder__email"]
    search_backend_name = None
    list_display = [
        "serial",
        Column("holder_name", label=gettext_lazy("Holder")),
        "program",
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_current_status_display",
            primary=lambda certificate: certificate.is_valid,
        ),
        DateColumn("issued_at", label=gettext_lazy("Issued")),
        DateColumn("expires_at", label=gettext_lazy("Expires")),
    ]
    list_export = [
        "serial",
        "holder_name",
        "program",
        "current_status",
        "issued_at",
        "expires_at",
        "revoked_at",
    ]
    inspect_view_fields = [
        "serial",
        "holder",
        "program",
        "current_status",
        "issued_at",
        "expires_at",
        "approval",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "kind",
    ]

    def get_queryset(self, request):
        return Certificate.objects.select_related("holder", "program")

    @property
    def revoke_view(self):
        return RevokeView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
            *lifecycle_admin.certificate_urlpatterns(),
        ]


class ApprovalFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=ApprovalStatus.choices, label=gettext_lazy("Status"), empty_label=None
    )
    program = django_filters.ModelChoiceFilter(
        queryset=Program.objects.filter(approvals__isnull=False).distinct(),
        label=gettext_lazy("Program"),
    )

    class Meta:
        model = Approval
        fields = ["status", "program"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue opens on what is waiting.
        if data is None or "status" not in data:
            data = data.copy() if data is not None else {}
            data["status"] = ApprovalStatus.PENDING
        super().__init__(data, *args, **kwargs)


def may_decide(user, approval):
    return (
        approval.status == ApprovalStatus.PENDING
        and approval.applicant_id != user.pk
        and user.has_perm("certification.decide_approval")
    )


class ApprovalIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_decide(self.request.user, instance):
            buttons.append(
                Button(
                    _("Decide"),
                    url=reverse("certification_approvals:decide", args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                )
            )
        return buttons


class DecideView(ObjectFormView):
    model = Approval
    form_class = DecisionForm
    page_title = gettext_lazy("Approve or reject")
    summary_template = "certification/admin/decide_summary.html"
    header_icon = "tick"
    index_url_name = "certification_approvals:index"
    submit_button_label = gettext_lazy("Record decision")

    def has_permission(self, request):
        return request.user.has_perm("certification.decide_approval")

    def get_queryset(self):
        return Approval.objects.select_related("applicant", "program")

    def get(self, request, *args, **kwargs):
        if self.object.applicant_id == request.user.pk:
            messages.error(request, _("You cannot decide your own request."))
            return redirect(self.index_url_name)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        approve = form.approve
        try:
            decide(
                self.object, by=self.request.user, approve=approve, note=form.cleaned_data["note"]
            )
        except PermissionDenied as exc:
            messages.error(self.request, str(exc) or _("You may not decide this request."))
            return redirect(self.index_url_name)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect(self.index_url_name)
        if approve:
            text = _("%(name)s is approved for %(program)s.")
        else:
            text = _("%(name)s's request for %(program)s was rejected.")
        messages.success(
            self.request,
            text % {"name": self.object.applicant_name, "program": self.object.program},
        )
        return redirect(self.index_url_name)


class ApprovalViewSet(ModelViewSet):
    model = Approval
    icon = "tick-inverse"
    menu_label = gettext_lazy("Approval queue")
    add_to_admin_menu = False
    form_fields = []  # decided through the queue, never edited by hand
    index_view_class = ApprovalIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ApprovalFilterSet
    search_fields = ["applicant__first_name", "applicant__last_name", "applicant__email"]
    search_backend_name = None
    ordering = ["requested_at"]
    list_display = [
        "applicant_name",
        "program",
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda approval: approval.status == ApprovalStatus.APPROVED,
        ),
        DateColumn("requested_at", label=gettext_lazy("Requested")),
        DateColumn("decided_at", label=gettext_lazy("Decided")),
    ]
    inspect_view_fields = [
        "applicant",
        "program",
        "status",
        "requested_at",
        "message",
        "decided_at",
        "decided_by",
        "note",
    ]

    def get_queryset(self, request):
        return Approval.objects.select_related("applicant", "program")

    @property
    def decide_view(self):
        return DecideView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", self.decide_view, name="decide"),
        ]


class CertificationGroup(ViewSetGroup):
    menu_label = gettext_lazy("Certification")
    menu_icon = "trophy"
    menu_order = 250
    items = (
        ProgramViewSet("certification_programs"),
        CertificateViewSet("certification_certificates"),
        ApprovalViewSet("certification_approvals"),
        lifecycle_admin.LifecycleEventViewSet("certification_lifecycle"),
    )
