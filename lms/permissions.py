"""Admin permission policies that add the HR scope to Django's model permissions (people).

A scoped HR user may act only on objects inside their departments' subtrees: listing views
filter by `scope_q`, and opening an object outside the scope is refused.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from lms.admin_delete import KeepReferencedDeleteView
from lms.models import Department, Employee
from lms.scope import scope_for
from lms.services import deactivate_employee


class ActionsPolicy(ModelPermissionPolicy):
    """Only `actions` are ever allowed (records the services make are not added, edited or
    deleted by hand); for those, Django's model permission, or else `also(user, action)` for
    an active user (owners, staff). `actions=None` allows every action."""

    def __init__(self, model, actions=None, also=None, **kwargs):
        super().__init__(model, **kwargs)
        self.actions = None if actions is None else frozenset(actions)
        self.also = also

    def allows(self, action):
        return self.actions is None or action in self.actions

    def user_has_permission(self, user, action):
        if not self.allows(action):
            return False
        if super().user_has_permission(user, action):
            return True
        return bool(self.also is not None and user.is_active and self.also(user, action))

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if self.allows(a)])


class ScopedModelPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, then the scope: subclasses say how an object meets a scope."""

    def scope_q(self, scope):
        raise NotImplementedError

    def in_scope(self, user, instance):
        scope = scope_for(user)
        if scope.is_whole_organisation:
            return True
        return self.model._default_manager.filter(self.scope_q(scope), pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and (
            self.in_scope(user, instance)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and (
            self.in_scope(user, instance)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        scope = scope_for(user)
        if scope.is_whole_organisation:
            return instances
        return instances.filter(self.scope_q(scope))

    def scoped(self, queryset, user):
        scope = scope_for(user)
        if scope.is_whole_organisation:
            return queryset
        return queryset.filter(self.scope_q(scope))


class DepartmentPermissionPolicy(ScopedModelPermissionPolicy):
    def __init__(self, model=Department, **kwargs):
        super().__init__(model, **kwargs)

    def scope_q(self, scope):
        return scope.department_condition()


class EmployeePermissionPolicy(ScopedModelPermissionPolicy):
    def __init__(self, model=Employee, **kwargs):
        super().__init__(model, **kwargs)

    def scope_q(self, scope):
        return scope.department_condition("department__")


def register_people_policies():
    """Make the admin's generic views of departments and people respect HR scopes."""
    register_permission_policy(Department, DepartmentPermissionPolicy(Department), exact_class=True)
    register_permission_policy(Employee, EmployeePermissionPolicy(Employee), exact_class=True)


class ScopedIndexView(IndexView):
    """A ModelViewSet listing that shows a scoped HR user only their part of the organisation."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        policy = policy_registry.get_by_type(queryset.model)
        if isinstance(policy, ScopedModelPermissionPolicy):
            queryset = policy.scoped(queryset, self.request.user)
        if queryset.model is Employee:
            queryset = queryset.select_related("user", "department", "manager__user")
        return queryset


class ScopedObjectMixin:
    """Refuse (as Wagtail does, with PermissionDenied) an object outside the user's scope."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        policy = policy_registry.get_by_type(type(instance))
        if isinstance(policy, ScopedModelPermissionPolicy) and not policy.in_scope(
            self.request.user, instance
        ):
            raise PermissionDenied
        return instance


class ScopedInspectView(ScopedObjectMixin, InspectView):
    pass


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, KeepReferencedDeleteView):
    pass


class EmployeeEditView(ScopedEditView):
    """Editing a person in the admin: unticking "active" goes through the service, which
    tells the access app (employee_deactivated) in the same transaction."""

    def save_instance(self):
        was_active = (
            Employee.objects.filter(pk=self.object.pk).values_list("active", flat=True).first()
        )
        leaving = bool(was_active) and not self.form.instance.active
        with transaction.atomic():
            if leaving:
                self.form.instance.active = True
            instance = super().save_instance()
            if leaving:
                deactivate_employee(instance)
        return instance


class ScopedViewSetMixin:
    """For a ModelViewSet of an organisation model: listing, inspect, edit and delete views that
    keep a scoped HR user inside their departments."""

    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
