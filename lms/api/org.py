"""The signed-in person, and the department tree for those allowed to see it."""

from django.db.models import Count
from ninja import Router, Schema
from ninja.errors import HttpError

from lms.api.auth import request_user, session_auth
from lms.models import Department
from lms.people import display_name
from lms.scope import scope_for

router = Router(tags=["organisation"])


class MeOut(Schema):
    username: str
    name: str
    email: str
    employee_id: str | None = None
    department: str | None = None
    is_staff: bool


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    depth: int
    parent_id: int | None
    headcount: int


@router.get("/me", auth=session_auth, response=MeOut, summary="The signed-in person")
def me(request):
    user = request_user(request)
    employee = getattr(user, "employee", None)
    return {
        "username": user.get_username(),
        "name": display_name(user),
        "email": user.email,
        "employee_id": employee.employee_id if employee else None,
        "department": employee.department.name if employee else None,
        "is_staff": user.is_staff,
    }


@router.get(
    "/departments",
    auth=session_auth,
    response=list[DepartmentOut],
    summary="The department tree in path order, with direct headcount (an HR user with a "
    "scope sees their departments only, each scope root without a parent)",
)
def departments(request):
    if not request.user.has_perm("lms.view_department"):
        raise HttpError(403, "You may not see the organisation.")
    visible = scope_for(request.user).departments_queryset()
    rows = visible.annotate(headcount=Count("employees")).order_by("path")
    by_path = {}
    result = []
    for dept in rows:
        by_path[dept.path] = dept.pk
        parent_path = dept.path[: -Department.steplen]
        result.append(
            {
                "id": dept.pk,
                "name": dept.name,
                "code": dept.code,
                "depth": dept.depth,
                "parent_id": by_path.get(parent_path),
                "headcount": dept.headcount,
            }
        )
    return result
