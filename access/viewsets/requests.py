"""The owners' queue: requests on the accounts one owns (all for staff), decided here."""

import django_filters
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from access import services as services
from access.models import AccessRequest, AccountRole, RequestStatus, RoleName
from access.viewsets.base import AccessObjectFormView, accounts_for
from lms.admin_views import ServiceMadeViewSet
from lms.formats import format_date
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


def decide_url(access_request):
    return reverse("access_requests:decide", args=[access_request.pk])


class DecideTitleColumn(TitleColumn):
    """The person asking: a link to *Decide* where the viewer may decide the request (it is
    pending, on an account they decide on, not their own), else to the inspect page."""

    def __init__(self, *args, get_decide_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._get_decide_url = get_decide_url

    def get_link_url(self, instance, parent_context):
        if self._get_decide_url and (url := self._get_decide_url(instance)):
            return url
        return super().get_link_url(instance, parent_context)


class DecidingMixin:
    """Who may decide which request, asked once per page: the accounts the viewer owns are read
    in one query, so the links and buttons of a page of rows cost nothing more."""

    @cached_property
    def decidable_account_ids(self):
        return services.decidable_account_ids(self.request.user)

    def may_decide(self, access_request):
        return services.may_decide_request(
            self.request.user, access_request, account_ids=self.decidable_account_ids
        )

    def get_decide_url(self, access_request):
        return decide_url(access_request) if self.may_decide(access_request) else None


class AccessRequestIndexView(DecidingMixin, IndexView):
    def get_base_queryset(self):
        # Wagtail's ModelViewSet does not call the viewset's get_queryset(): the rows' person,
        # account and decider (title, buttons, columns, export) are read here, with the rows.
        return (
            super()
            .get_base_queryset()
            .select_related("user", "account", "decided_by")
            .decidable_by(self.request.user)
            .distinct()
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The first column is Wagtail's title column (a link, and the row's buttons), built as
        # Wagtail builds it, linking to Decide where the viewer may decide the request.
        if field_name == "user":
            kwargs.setdefault("accessor", "user_name")  # "First Last", not the username
        return super()._get_title_column(
            field_name, DecideTitleColumn, get_decide_url=self.get_decide_url, **kwargs
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.get_decide_url(instance):
            buttons.append(
                ListingButton(
                    _("Decide"),
                    url=url,
                    icon_name="tick",
                    priority=5,
                    attrs={"aria-label": _("Decide on %(request)s") % {"request": instance}},
                )
            )
        return buttons

    def get_edit_url(self, instance):
        return None


class AccessRequestInspectView(DecidingMixin, InspectView):
    """A request, seen by those who see the queue it is in; *Decide* while it waits."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            AccessRequest.objects.decidable_by(self.request.user)
            .select_related("user", "account", "decided_by")
            .distinct(),
            pk=self.pk,
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if url := self.get_decide_url(self.object):
            buttons.append(HeaderButton(_("Decide"), url=url, icon_name="tick", priority=5))
        return buttons


class DecideRequestView(AccessObjectFormView):
    model = AccessRequest
    form_class = DecisionForm
    page_title = gettext_lazy("Approve or reject")
    summary_template = "access/admin/decide_summary.html"
    header_icon = "tick"
    index_url_name = "access_requests:index"
    submit_button_label = gettext_lazy("Record decision")

    def get_queryset(self):
        # A request on an account the viewer does not decide on is not found (404), as on the
        # inspect page, instead of refused (403), which would confirm that it exists.
        return (
            AccessRequest.objects.decidable_by(self.request.user)
            .select_related("user__employee__department", "account")
            .distinct()
        )

    def has_object_permission(self, request, obj):
        if obj.user_id == request.user.pk and not services.is_access_staff(request.user):
            return False  # nobody decides their own request, except staff
        return super().has_object_permission(request, obj)

    def get(self, request, *args, **kwargs):
        if not self.object.is_pending:
            messages.info(
                request,
                _("This request was already %(status)s.")
                % {"status": self.object.get_status_display().lower()},
            )
            return redirect("access_requests:inspect", self.object.pk)
        return super().get(request, *args, **kwargs)

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
        except (services.AccountPaused, services.AccountRetired) as exc:
            # The account stopped taking requests: say so on the form, where rejecting remains.
            form.add_error("decision", exc.message)
            return self.form_invalid(form)
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
                "until": format_date(decided.grant_result.expires_at),
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
    inspect_view_class = AccessRequestInspectView
    filterset_class = AccessRequestFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "account__handle"]
    search_backend_name = None
    ordering = ["requested_at"]
    list_display = [
        # A field name, not a Column: Wagtail makes the first one the title column, with the
        # row's buttons (AccessRequestIndexView links it to Decide).
        "user",
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

    @property
    def decide_view(self):
        return DecideRequestView.as_view()

    def get_extra_urlpatterns(self):
        return [
            path("decide/<int:pk>/", self.decide_view, name="decide"),
        ]
