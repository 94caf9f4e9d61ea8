"""The owners' queue: requests on the accounts one owns (all for staff), decided here."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets.button import Button

from access import services as services
from access.models import AccessRequest, AccountRole, RequestStatus, RoleName
from access.viewsets.base import AccessObjectFormView, accounts_for
from lms.admin_views import ServiceMadeViewSet
from lms.forms import DecisionForm


class AccessRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=RequestStatus.choices, label=gettext_lazy("Status"), empty_label=None
    )
    account = django_filters.ModelChoiceFilter(queryset=accounts_for, label=gettext_lazy("Account"))
    role = django_filters.ChoiceFilter(choices=RoleName.choices, label=gettext_lazy("Role"))

    class Meta:
        model = AccessRequest
        fields = ["status", "account", "role"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue opens on what is waiting.
        if data is None or "status" not in data:
            data = data.copy() if data is not None else {}
            data["status"] = RequestStatus.PENDING
        super().__init__(data, *args, **kwargs)


def may_decide(user, access_request):
    return (
        access_request.is_pending
        and services.can_decide(user, access_request.account)
        and (access_request.user_id != user.pk or services.is_access_staff(user))
    )


class AccessRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().decidable_by(self.request.user).distinct()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_decide(self.request.user, instance):
            buttons.append(
                Button(
                    _("Decide"),
                    url=reverse("access_requests:decide", args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                )
            )
        return buttons

    def get_edit_url(self, instance):
        return None


class DecideRequestView(AccessObjectFormView):
    model = AccessRequest
    form_class = DecisionForm
    page_title = gettext_lazy("Approve or reject")
    summary_template = "access/admin/decide_summary.html"
    header_icon = "tick"
    index_url_name = "access_requests:index"
    submit_button_label = gettext_lazy("Record decision")

    def get_queryset(self):
        return AccessRequest.objects.select_related("user__employee__department", "account")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "approve_label": _("Approve: grant the role"),
            "note_label": _("Note"),
            "note_help": _("Required to reject; kept in the audit log and shown to the requester."),
        }

    def get_extra_context(self):
        access_request = self.object
        role = (
            AccountRole.objects.filter(account=access_request.account, role=access_request.role)
            .select_related("program")
            .first()
        )
        certificate = (
            services.best_certificate(access_request.user, role.program_id) if role else None
        )
        return {"account_role": role, "covering_certificate": certificate}

    def form_valid(self, form):
        approve = form.approve
        try:
            decided = services.decide_request(
                self.object,
                by=self.request.user,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except services.AccessError as exc:
            if exc.status == 400:  # a rejection without a note: say so on the form
                form.add_error("note", exc.message)
                return self.form_invalid(form)
            return self.fail(exc)
        if approve:
            text = _("%(name)s may now %(role)s on %(account)s until %(until)s.") % {
                "name": decided.user_name,
                "role": decided.role,
                "account": decided.account,
                "until": timezone.localtime(decided.grant_result.expires_at).strftime("%d %b %Y"),
            }
        else:
            text = _("%(name)s's request was rejected.") % {"name": decided.user_name}
        messages.success(self.request, text)
        return redirect(self.index_url_name)


class AccessRequestViewSet(ServiceMadeViewSet):
    model = AccessRequest
    icon = "tick-inverse"
    menu_label = gettext_lazy("Access requests")
    add_to_admin_menu = False
    index_view_class = AccessRequestIndexView
    filterset_class = AccessRequestFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "account__handle"]
    search_backend_name = None
    ordering = ["requested_at"]
    list_display = [
        Column("user_name", label=gettext_lazy("Person")),
        "account",
        Column("role", label=gettext_lazy("Role"), accessor="get_role_display", sort_key="role"),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda r: r.status == RequestStatus.APPROVED,
        ),
        DateColumn("requested_at", label=gettext_lazy("Requested")),
        DateColumn("decided_at", label=gettext_lazy("Decided")),
    ]
    list_export = [
        "requested_at",
        "user_name",
        "user.email",
        "account",
        "role",
        "status",
        "note",
        "decided_at",
        "decided_by",
        "decision_note",
    ]
    export_headings = {"user_name": "Person", "user.email": "E-mail"}
    export_filename = "access-requests"
    inspect_view_fields = [
        "user",
        "account",
        "role",
        "note",
        "status",
        "requested_at",
        "decided_at",
        "decided_by",
        "decision_note",
    ]

    def get_queryset(self, request):
        return AccessRequest.objects.select_related("user", "account", "decided_by")

    @property
    def decide_view(self):
        return DecideRequestView.as_view()

    def get_extra_urlpatterns(self):
        return [
            path("decide/<int:pk>/", self.decide_view, name="decide"),
        ]
