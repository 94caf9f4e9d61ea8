"""Champions in the admin: the list (status, department), a champion's page, and the forms to
nominate, approve or decline a self-nomination, and end a role.

The social media team (`access.manage_champions`) sees and manages every champion and alone
decides self-nominations; HR (the reporting permission) sees, nominates and ends the champions
of the departments in their scope; a champion of another department answers 404.
"""

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
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import register_permission_policy

from access import services as services
from access.forms import DepartmentChoiceField, EndChampionForm, NominateChampionForm
from access.models import Champion, ChampionStatus
from access.services import champions as champion_services
from lms.admin_views import ObjectFormView, ServiceMadeViewSet
from lms.forms import DecisionForm
from lms.permissions import ActionsPolicy
from lms.scope import scope_for


def may_see_champions(user, action):
    return action == "view" and (
        champion_services.is_champion_team(user) or champion_services.is_hr(user)
    )


# Only viewing: what the services do (nominate, decide, end) has its own forms.
register_permission_policy(
    Champion, ActionsPolicy(Champion, {"view"}, also=may_see_champions), exact_class=True
)


def visible_champions(user):
    """The champions this person manages: all for the team, their scope's for HR. Every screen
    looks rows up here, so one of another department answers 404."""
    queryset = Champion.objects.select_related(
        "department", "person__employee", "program", "certificate", "nominated_by", "decided_by"
    )
    if champion_services.is_champion_team(user):
        return queryset
    if champion_services.is_hr(user):
        return queryset.filter(scope_for(user).department_condition("department__"))
    return queryset.none()


def departments_for(request):
    user = request.user if request else None
    if user is None:
        return champion_services.manageable_departments(None)
    return champion_services.manageable_departments(user).order_by("path")


class DepartmentFilter(django_filters.ModelChoiceFilter):
    field_class = DepartmentChoiceField


class ChampionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=ChampionStatus.choices, label=gettext_lazy("Status")
    )
    department = DepartmentFilter(
        queryset=departments_for, label=gettext_lazy("Department"), method="in_department"
    )

    class Meta:
        model = Champion
        fields = ["status", "department"]

    def in_department(self, queryset, name, value):
        # A department's champions and those of the departments under it.
        return queryset.filter(department__path__startswith=value.path)


def decide_url(champion):
    return reverse("access_champions:decide", args=[champion.pk])


def end_url(champion):
    return reverse("access_champions:end", args=[champion.pk])


class ChampionButtonsMixin:
    @cached_property
    def is_team(self):
        return champion_services.is_champion_team(self.request.user)

    def may_decide(self, champion):
        return self.is_team and champion.status == ChampionStatus.NOMINATED

    def may_end(self, champion):
        # The rows are those the viewer manages already (visible_champions).
        return champion.status in champion_services.OPEN


class ChampionIndexView(ChampionButtonsMixin, IndexView):
    def get_base_queryset(self):
        # Wagtail's ModelViewSet does not call the viewset's get_queryset(): scope and rows here.
        return visible_champions(self.request.user).order_by("department__path", "-nominated_at")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Nominate a champion"),
                url=reverse("access_champions:nominate"),
                icon_name="plus",
            )
        )
        return buttons

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The first column is Wagtail's title column (a link, and the row's buttons): the
        # champion as "First Last", not the username.
        if field_name == "person":
            kwargs.setdefault("accessor", "person_name")
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.may_decide(instance):
            buttons.append(
                Button(_("Approve or decline"), url=decide_url(instance), icon_name="tick")
            )
        if self.may_end(instance):
            buttons.append(Button(_("End"), url=end_url(instance), icon_name="cross"))
        return buttons

    def get_edit_url(self, instance):
        return None


class ChampionInspectView(ChampionButtonsMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_champions(self.request.user), pk=self.pk)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.may_decide(self.object):
            buttons.append(
                HeaderButton(_("Approve or decline"), url=decide_url(self.object), icon_name="tick")
            )
        if self.may_end(self.object):
            buttons.append(HeaderButton(_("End"), url=end_url(self.object), icon_name="cross"))
        return buttons


class ChampionFormView(ObjectFormView):
    model = Champion
    index_url_name = "access_champions:index"
    summary_template = "access/admin/champion_summary.html"

    def has_permission(self, request):
        return champion_services.is_champion_team(request.user) or champion_services.is_hr(
            request.user
        )

    def get_queryset(self):
        return visible_champions(self.request.user)

    #: The field a refusal of bad input (400) is shown on.
    error_field = None

    def refused(self, form, exc):
        if exc.status == 400:  # bad input (no reason): on the form
            form.add_error(self.error_field, exc.message)
            return self.form_invalid(form)
        return self.fail(exc)


class DecideChampionView(ChampionFormView):
    form_class = DecisionForm
    page_title = gettext_lazy("Approve or decline a nomination")
    header_icon = "tick"
    submit_button_label = gettext_lazy("Record decision")
    error_field = "note"

    def has_permission(self, request):
        return champion_services.is_champion_team(request.user)

    def get(self, request, *args, **kwargs):
        if self.object.status != ChampionStatus.NOMINATED:
            messages.info(
                request,
                _("This nomination was already decided (%(status)s).")
                % {"status": self.object.get_status_display()},
            )
            return redirect("access_champions:inspect", self.object.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "approve_label": _("Approve: the term starts today"),
            "note_label": _("Note"),
            "note_help": _("Required to decline; kept in the audit log."),
        }

    def get_extra_context(self):
        return {
            "covering_certificate": services.best_certificate(
                self.object.person, self.object.program_id
            )
        }

    def form_valid(self, form):
        try:
            champion = champion_services.decide(
                self.object,
                by=self.request.user,
                approve=form.approve,
                note=form.cleaned_data["note"],
            )
        except services.AccessError as exc:
            return self.refused(form, exc)
        if champion.status == ChampionStatus.ACTIVE:
            text = _("%(name)s is now the champion of %(department)s.")
        else:
            text = _("The nomination of %(name)s for %(department)s was declined.")
        messages.success(
            self.request,
            text % {"name": champion.person_name, "department": champion.department.name},
        )
        return redirect(self.index_url_name)


class EndChampionView(ChampionFormView):
    form_class = EndChampionForm
    page_title = gettext_lazy("End a champion's role")
    header_icon = "cross"
    submit_button_label = gettext_lazy("End the role")
    error_field = "reason"

    def form_valid(self, form):
        try:
            champion = champion_services.end(
                self.object, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.AccessError as exc:
            return self.refused(form, exc)
        messages.success(
            self.request,
            _("%(name)s is no longer the champion of %(department)s.")
            % {"name": champion.person_name, "department": champion.department.name},
        )
        return redirect(self.index_url_name)


class NominateChampionView(ChampionFormView):
    form_class = NominateChampionForm
    page_title = gettext_lazy("Nominate a champion")
    summary_template = "access/admin/champion_nominate_summary.html"
    header_icon = "plus"
    submit_button_label = gettext_lazy("Appoint")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "departments": champion_services.manageable_departments(self.request.user),
        }

    def get_extra_context(self):
        program = champion_services.required_program()
        return {"required_program": program}

    def form_valid(self, form):
        try:
            champion = champion_services.nominate(
                form.cleaned_data["department"],
                form.cleaned_data["person"],
                by=self.request.user,
                note=form.cleaned_data["note"],
            )
        except champion_services.DepartmentNotFound as exc:
            form.add_error("department", exc.message)
            return self.form_invalid(form)
        except services.AccessError as exc:
            # No certificate, a role already held, not of the department: about the person.
            form.add_error("email", exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is now the champion of %(department)s.")
            % {"name": champion.person_name, "department": champion.department.name},
        )
        return redirect(self.index_url_name)


def champion_status(champion):
    return champion.get_status_display()


class ChampionViewSet(ServiceMadeViewSet):
    model = Champion
    icon = "group"
    menu_label = gettext_lazy("Champions")
    add_to_admin_menu = False
    index_view_class = ChampionIndexView
    inspect_view_class = ChampionInspectView
    filterset_class = ChampionFilterSet
    search_fields = ["person__first_name", "person__last_name", "person__email", "department__name"]
    search_backend_name = None
    ordering = ["department__path", "-nominated_at"]
    list_display = [
        # A field name, not a Column: Wagtail makes the first one the title column (a link to the
        # champion's page, and the row's buttons).
        "person",
        Column("department", label=gettext_lazy("Department"), accessor="department.name"),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor=champion_status,
            primary=lambda c: c.status == ChampionStatus.ACTIVE,
        ),
        Column("self_nominated", label=gettext_lazy("Self-nominated")),
        DateColumn("nominated_at", label=gettext_lazy("Nominated")),
        Column("term_end", label=gettext_lazy("Term ends")),
    ]
    list_export = [
        "person_name",
        "person.email",
        "department.name",
        "program.name",
        "status",
        "self_nominated",
        "nominated_at",
        "term_start",
        "term_end",
        "ended_at",
        "end_reason",
    ]
    export_headings = {
        "person_name": "Champion",
        "person.email": "E-mail",
        "department.name": "Department",
        "program.name": "Program",
    }
    export_filename = "champions"
    inspect_view_fields = [
        "person",
        "department",
        "program",
        "certificate",
        "status",
        "self_nominated",
        "nominated_by",
        "nominated_at",
        "note",
        "decided_by",
        "decided_at",
        "term_start",
        "term_end",
        "ended_at",
        "end_reason",
    ]

    def get_extra_urlpatterns(self):
        return [
            path("nominate/", NominateChampionView.as_view(), name="nominate"),
            path("decide/<int:pk>/", DecideChampionView.as_view(), name="decide"),
            path("end/<int:pk>/", EndChampionView.as_view(), name="end"),
        ]
