"""Departments as a materialised-path tree, and the employees in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from lms.people import display_name


class Department(MP_Node):
    """A unit of the organisation. A subtree is one query: its rows share a path prefix."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("code"), max_length=100, unique=True, help_text=_("Stable identifier used by imports.")
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    @property
    def path_label(self):
        """The department's place in the tree, e.g. 'Sales / EMEA / Benelux'."""
        names = list(self.get_ancestors().values_list("name", flat=True)) + [self.name]
        return " / ".join(names)

    @classmethod
    def subtree_of(cls, departments):
        """Every department under any of the given ones (themselves included), in one query."""
        paths = [d.path for d in departments]
        if not paths:
            return cls.objects.none()
        condition = models.Q()
        for path in paths:
            condition |= models.Q(path__startswith=path)
        return cls.objects.filter(condition)


class Employee(models.Model):
    """A person of the organisation, tied one-to-one to the user who logs in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="employee",
        verbose_name=_("user"),
    )
    employee_id = models.CharField(_("employee id"), max_length=50, unique=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="employees",
        verbose_name=_("department"),
    )
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["user__last_name", "user__first_name"]
        indexes = [models.Index(fields=["department", "active"], name="employee_dept_active")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return display_name(self.user)
