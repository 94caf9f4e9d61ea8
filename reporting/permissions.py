"""Admin permission policies of HR reporting: assignments and snapshots, inside HR scopes."""

from django.db.models import Exists, OuterRef, Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.permissions import ScopedModelPermissionPolicy
from lms.scope import scope_for
from reporting.models import Assignment, ReportSnapshot
from reporting.scope import can_view_reports


class AssignmentPermissionPolicy(ScopedModelPermissionPolicy):
    """Department assignments inside the scope, personal ones of people inside it, group
    assignments with at least one member inside it, and rules limited to a department inside
    it."""

    def __init__(self, model=Assignment, **kwargs):
        super().__init__(model, **kwargs)

    def scope_q(self, scope):
        members = Assignment.members.through.objects.filter(assignment_id=OuterRef("pk")).filter(
            scope.department_condition("employee__department__")
        )
        return (
            Q(target="department") & scope.department_condition("department__")
            | Q(target="person") & scope.department_condition("employee__department__")
            | Q(target="group") & Q(Exists(members))
            # A rule inside a department of the scope; a whole-organisation rule is not theirs.
            | Q(target="rule")
            & Q(department__isnull=False)
            & scope.department_condition("department__")
        )


class SnapshotPermissionPolicy(ModelPermissionPolicy):
    """Snapshots are written by the monthly task; people who see reports may read them."""

    def user_has_permission(self, user, action):
        if action == "view":
            return can_view_reports(user)
        if action == "delete":
            return bool(user.is_active and user.is_superuser)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        scope = scope_for(user)
        return scope.is_whole_organisation or instance.scope_key == scope.key

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return ReportSnapshot.objects.none()
        scope = scope_for(user)
        if scope.is_whole_organisation:
            return ReportSnapshot.objects.all()
        return ReportSnapshot.objects.filter(scope_key=scope.key)


def register_reporting_policies():
    """Make the admin's generic views of assignments and snapshots respect HR scopes."""
    register_permission_policy(Assignment, AssignmentPermissionPolicy(Assignment), exact_class=True)
    register_permission_policy(
        ReportSnapshot, SnapshotPermissionPolicy(ReportSnapshot), exact_class=True
    )
