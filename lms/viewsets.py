"""Admin screens for the organisation: departments and employees."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.forms import DepartmentForm
from lms.models import Department, Employee
from lms.permissions import EmployeeEditView, ScopedViewSetMixin


class DepartmentFilterSet(WagtailFilterSet):
    class Meta:
        model = Department
        fields = ["depth"]


class DepartmentViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    add_to_admin_menu = False
    search_fields = ["name", "code"]
    ordering = ["path"]
    filterset_class = DepartmentFilterSet
    list_display = [
        Column("name", label=_("Name")),
        "code",
        Column("depth", label=_("Level")),
    ]
    list_export = ["name", "code", "depth"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return DepartmentForm


class EmployeeFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("path"), label=_("Department")
    )
    active = django_filters.BooleanFilter(label=_("Active"))
    location = django_filters.CharFilter(lookup_expr="icontains", label=_("Location"))

    class Meta:
        model = Employee
        fields = ["department", "active", "location"]


class EmployeeViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Employee
    edit_view_class = EmployeeEditView  # a leaver is announced (employee_deactivated)
    icon = "user"
    menu_label = _("Employees")
    add_to_admin_menu = False
    search_fields = ["employee_id", "job_title", "user__first_name", "user__last_name"]
    filterset_class = EmployeeFilterSet
    list_display = ["full_name", "employee_id", "department", "job_title", "manager", "active"]
    list_export = ["employee_id", "full_name", "department", "job_title", "location", "active"]
    form_fields = [
        "user",
        "employee_id",
        "department",
        "manager",
        "job_title",
        "location",
        "start_date",
        "active",
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Employee.objects.select_related("user", "department", "manager__user")


class OrganisationGroup(ViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    menu_order = 300
    items = (DepartmentViewSet("departments"), EmployeeViewSet("employees"))
