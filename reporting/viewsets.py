"""Admin screens of HR: assignments, HR scopes, monthly snapshots and people imports."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.models import HRScope
from lms.people_import import views as people_import_views
from lms.permissions import ScopedViewSetMixin
from reporting.forms import AssignmentForm
from reporting.models import Assignment, AssignmentTarget, ReportSnapshot


class AssignmentFilterSet(WagtailFilterSet):
    target = django_filters.ChoiceFilter(choices=AssignmentTarget.choices, label=_("Assigned to"))

    class Meta:
        model = Assignment
        fields = ["target", "course", "program"]


class AssignmentViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Assignment
    icon = "date"
    menu_label = _("Assignments")
    filterset_class = AssignmentFilterSet
    search_fields = ["title"]
    ordering = ["-created_at"]
    list_display = [
        Column("__str__", label=_("Assignment")),
        Column("item", label=_("Course or program")),
        Column("target_label", label=_("Assigned to")),
        Column("due_label", label=_("Due")),
        DateColumn("created_at", label=_("Created")),
    ]
    list_export = ["__str__", "item", "target_label", "due_label", "assigned_on", "created_by"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("course"), FieldPanel("program")])],
                heading=_("What: a course or a program"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("target"),
                    FieldPanel("department"),
                    FieldPanel("person"),
                    FieldPanel("group"),
                ],
                heading=_("To whom"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("rule_job_title"), FieldPanel("rule_location")],
                    ),
                    FieldRowPanel(
                        [FieldPanel("rule_started_after"), FieldPanel("rule_account_role")],
                    ),
                ],
                heading=_("Rule: everyone matching all the criteria given"),
                help_text=_(
                    "For 'Everyone matching a rule'. The department above, when chosen, limits "
                    "the rule to it and its sub-departments. People come and go as their "
                    "records change."
                ),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("due_date"), FieldPanel("due_days_after_start")]),
                    FieldPanel("assigned_on"),
                ],
                heading=_("By when"),
            ),
        ],
        base_form_class=AssignmentForm,
    )


class HRScopeViewSet(ModelViewSet):
    model = HRScope
    icon = "lock"
    menu_label = _("HR scopes")
    form_fields = ["user", "department"]
    list_display = ["user", "department", DateColumn("created_at", label=_("Created"))]
    ordering = ["user__username", "department__path"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["department"].label_from_instance = lambda d: (
            "\u00a0\u00a0" * (d.depth - 1) + d.name
        )
        form_class.base_fields["department"].queryset = form_class.base_fields[
            "department"
        ].queryset.order_by("path")
        return form_class


class SnapshotIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).order_by("-month", "scope_label")


class SnapshotInspectView(InspectView):
    template_name = "reporting/reports/snapshot_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshot = self.object
        previous = (
            ReportSnapshot.objects.filter(scope_key=snapshot.scope_key, month__lt=snapshot.month)
            .order_by("-month")
            .first()
        )
        before = {row["department_id"]: row for row in previous.rows} if previous else {}
        rows = []
        for row in snapshot.rows:
            old = before.get(row["department_id"])
            rows.append(
                {
                    **row,
                    "indent": row.get("level", 0),
                    "change": (
                        None
                        if old is None
                        or row.get("completed_pct") is None
                        or old.get("completed_pct") is None
                        else round(row["completed_pct"] - old["completed_pct"], 1)
                    ),
                }
            )
        history = ReportSnapshot.objects.filter(scope_key=snapshot.scope_key).order_by("month")
        context.update(
            {
                "snapshot": snapshot,
                "previous": previous,
                "rows": rows,
                "history": [{"month": item.month, "totals": item.totals} for item in history[:36]],
            }
        )
        return context


class ReportSnapshotViewSet(ModelViewSet):
    model = ReportSnapshot
    icon = "history"
    menu_label = _("Monthly snapshots")
    index_view_class = SnapshotIndexView
    inspect_view_class = SnapshotInspectView
    inspect_view_enabled = True
    form_fields = ["month"]
    list_display = [
        Column("__str__", label=_("Snapshot")),
        Column("scope_label", label=_("Scope")),
        DateColumn("created_at", label=_("Taken")),
    ]
    ordering = ["-month"]


class PeopleImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("lms.add_peopleimport") or request.user.has_perm(
            "lms.view_peopleimport"
        )


class PeopleImportViewSet(ViewSet):
    """Upload an HR export, follow its progress, read its errors."""

    icon = "upload"
    menu_label = _("Import people")
    name = "people_import"
    url_prefix = "people-import"

    @property
    def menu_item_class(self):
        return PeopleImportMenuItem

    @property
    def menu_url(self):
        return reverse("people_import:index")

    def get_urlpatterns(self):
        return [
            path("", people_import_views.import_index, name="index"),
            path("<int:pk>/", people_import_views.import_detail, name="detail"),
            path("<int:pk>/status.json", people_import_views.import_status, name="status"),
            path("template.csv", people_import_views.import_template, name="template"),
        ]


class HRGroup(ViewSetGroup):
    menu_label = _("HR")
    menu_icon = "group"
    menu_order = 310
    items = (
        AssignmentViewSet("assignments"),
        PeopleImportViewSet("people_import"),
        ReportSnapshotViewSet("report_snapshots"),
        HRScopeViewSet("hr_scopes"),
    )
