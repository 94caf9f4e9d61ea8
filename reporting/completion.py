"""The department completion report as Python objects: rows, totals, people, trend.

Every function runs a fixed number of queries whatever the size of the organisation (the work
is in `reporting.sql`). Definitions, per person (active employees only):

- assigned: has at least one assignment matching the filters (course or program, due dates);
- completed: every assigned item done (course completed, or a current certificate held);
- in progress: not completed, but started something (an enrolment, or one item done);
- not started: assigned, nothing started;
- overdue: an item not done whose due date has passed (counted on top of the three above);
- certified: holds a current certificate (of the filtered program, otherwise of any program);
- due for renewal, renewed, lapsed: the recertification figures (FIGURE_HELP says what each
  counts; the SQL is `CompletionSQL._recertification_flags`).

A department's row counts its whole subtree. Percentages: assigned and certified of headcount;
not started, in progress, completed and overdue of assigned.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Department
from lms.people import display_name_of
from lms.scope import Scope
from reporting.sql import (
    FLAGS,
    METRICS,
    CompletionSQL,
    ItemFilter,
    Population,
    fetch_all,
    fetch_one,
    stream,
    to_date,
    to_datetime,
)

FIGURES = (
    "headcount",
    "assigned",
    "not_started",
    "in_progress",
    "completed",
    "certified",
    "overdue",
    "due_renewal",
    "renewed",
    "lapsed",
)
FIGURE_LABELS = {
    "headcount": _("Headcount"),
    "assigned": _("Assigned"),
    "not_started": _("Not started"),
    "in_progress": _("In progress"),
    "completed": _("Completed"),
    "certified": _("Certified"),
    "overdue": _("Overdue"),
    "due_renewal": _("Due for renewal"),
    "renewed": _("Renewed"),
    "lapsed": _("Lapsed"),
}
# What each figure counts, in the words of the SQL in `reporting.sql` (shown on the report as
# tooltips and in its "What the numbers mean" list).
FIGURE_HELP = {
    "headcount": _("Active employees in the department and every department under it."),
    "assigned": _(
        "People with at least one course or program assigned that matches the filters "
        "(course or program, due dates). Percentage of headcount."
    ),
    "not_started": _(
        "Assigned people who have not finished everything and have started nothing: no "
        "enrolment in an assigned course (or in a course of an assigned program) and no item "
        "done. Percentage of assigned."
    ),
    "in_progress": _(
        "Assigned people who have not finished everything but have started: an enrolment in an "
        "assigned course (or a course of an assigned program), or at least one item done. "
        "Percentage of assigned."
    ),
    "completed": _(
        "Assigned people who finished every assigned item: each assigned course completed and, "
        "for each assigned program, a current certificate of it held. Percentage of assigned."
    ),
    "certified": _(
        "People who hold a current certificate (valid and not expired) of the filtered program, "
        "or of any program without a program filter, whether or not anything is assigned to "
        "them. Percentage of headcount."
    ),
    "overdue": _(
        "Assigned people with an item not done whose due date has passed (counted as well as "
        "not started, in progress or completed). Percentage of assigned."
    ),
    "due_renewal": _(
        "People holding a current certificate (of the filtered program, or of any program) "
        "whose recertification window has opened (it ends within the program's window) and "
        "that has not been renewed yet. Percentage of headcount."
    ),
    "renewed": _(
        "People issued a certificate in the last 90 days for a program they held a certificate "
        "of before: renewed inside the window, or certified again after it ended. Percentage of "
        "headcount."
    ),
    "lapsed": _(
        "People whose certificate ended by expiry in the last 90 days and who have no later "
        "certificate of that program. Percentage of headcount."
    ),
}
CERTIFIED_VS_COMPLETED = _(
    "Why Certified can be higher than Completed: Certified counts everyone in the headcount who "
    "holds a current certificate, including people with nothing assigned and certificates of "
    "programs other than the ones assigned. Completed counts only "
    "assigned people who have finished every item assigned to them. So a person can be "
    "certified with an assigned course still to finish, or completed without holding any "
    "certificate."
)
PERCENT_OF = {
    "assigned": "headcount",
    "certified": "headcount",
    "not_started": "assigned",
    "in_progress": "assigned",
    "completed": "assigned",
    "overdue": "assigned",
    "due_renewal": "headcount",
    "renewed": "headcount",
    "lapsed": "headcount",
}


def figure_definitions():
    """(name, label, definition) of every figure, in the report's order."""
    return [
        {"name": name, "label": FIGURE_LABELS[name], "help": FIGURE_HELP[name]} for name in FIGURES
    ]


def percent(part, whole):
    if not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class ReportFilters:
    """What the report is about. Objects, already checked against the user's scope."""

    course: object = None
    program: object = None
    department: object = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    #: Only people with a certificate to renew that ends within this many days.
    recertification_due: int | None = None

    def item_filter(self):
        return ItemFilter(
            course_id=self.course.pk if self.course else None,
            program_id=self.program.pk if self.program else None,
            due_from=self.due_from,
            due_to=self.due_to,
            recertification_due=self.recertification_due,
        )

    def as_params(self):
        """Query-string values that reproduce these filters."""
        params = {}
        if self.course:
            params["course"] = self.course.pk
        if self.program:
            params["program"] = self.program.pk
        if self.department:
            params["department"] = self.department.pk
        if self.due_from:
            params["due_from"] = self.due_from.isoformat()
        if self.due_to:
            params["due_to"] = self.due_to.isoformat()
        if self.recertification_due is not None:
            params["recertification_due"] = self.recertification_due
        return params

    def describe(self):
        parts = []
        if self.course:
            parts.append(str(_("course: %(name)s") % {"name": self.course.title}))
        if self.program:
            parts.append(str(_("program: %(name)s") % {"name": self.program.name}))
        if self.due_from or self.due_to:
            parts.append(
                str(_("due %(start)s to %(end)s"))
                % {"start": self.due_from or "…", "end": self.due_to or "…"}
            )
        if self.recertification_due is not None:
            parts.append(
                str(_("a certificate to renew ending within %(days)s days"))
                % {"days": self.recertification_due}
            )
        return "; ".join(parts) or str(_("all assignments"))


@dataclass
class Figures:
    headcount: int = 0
    assigned: int = 0
    not_started: int = 0
    in_progress: int = 0
    completed: int = 0
    certified: int = 0
    overdue: int = 0
    due_renewal: int = 0
    renewed: int = 0
    lapsed: int = 0

    def pct(self, name):
        return percent(getattr(self, name), getattr(self, PERCENT_OF[name]))

    @property
    def assigned_pct(self):
        return self.pct("assigned")

    @property
    def not_started_pct(self):
        return self.pct("not_started")

    @property
    def in_progress_pct(self):
        return self.pct("in_progress")

    @property
    def completed_pct(self):
        return self.pct("completed")

    @property
    def certified_pct(self):
        return self.pct("certified")

    @property
    def overdue_pct(self):
        return self.pct("overdue")

    @property
    def due_renewal_pct(self):
        return self.pct("due_renewal")

    @property
    def renewed_pct(self):
        return self.pct("renewed")

    @property
    def lapsed_pct(self):
        return self.pct("lapsed")

    def as_dict(self):
        data = {name: getattr(self, name) for name in FIGURES}
        data.update({f"{name}_pct": self.pct(name) for name in PERCENT_OF})
        return data

    def add(self, other):
        for name in FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class DepartmentRow(Figures):
    id: int = 0
    name: str = ""
    path: str = ""
    depth: int = 0
    numchild: int = 0
    parent_id: int | None = None
    level: int = 0  # 0 for the report's top rows
    label: str = ""  # "Northwind Systems / Sales / Sales EMEA"
    children: list = field(default_factory=list, repr=False)

    @property
    def has_children(self):
        return bool(self.children)

    def as_dict(self):
        return {
            "department_id": self.id,
            "name": self.name,
            "path": self.label,
            "depth": self.depth,
            "level": self.level,
            "parent_id": self.parent_id,
            **super().as_dict(),
        }


def population_for(filters, scope):
    roots = (filters.department,) if filters.department else scope.departments
    return Population(paths=tuple(root.path for root in roots))


def department_completion(filters, scope, today=None):
    """One row per department in the scope (path order), rolled up through the tree.

    Two fixed queries at most: the figures, nothing else (filters and scope come resolved).
    """
    builder = CompletionSQL(population_for(filters, scope), filters.item_filter(), today=today)
    rows, by_path = [], {}
    for record in fetch_all(*builder.departments()):
        pk, name, path, depth, numchild, headcount, *flags = record
        row = DepartmentRow(
            id=pk, name=name, path=path, depth=depth, numchild=numchild, headcount=int(headcount)
        )
        for flag, value in zip(FLAGS, flags, strict=True):
            setattr(row, flag.removeprefix("is_"), int(value or 0))
        parent = by_path.get(path[: -Department.steplen]) if depth > 1 else None
        if parent is not None:
            row.parent_id = parent.id
            row.level = parent.level + 1
            row.label = f"{parent.label} / {name}"
            parent.children.append(row)
        else:
            row.label = name
        by_path[path] = row
        rows.append(row)
    _label_roots(rows)
    return rows


def _label_roots(rows):
    """Top rows below the organisation's root carry their full name path."""
    tops = [row for row in rows if row.parent_id is None and row.depth > 1]
    if not tops:
        return
    ancestors = {}
    for top in tops:
        for level in range(1, top.depth):
            ancestors[top.path[: level * Department.steplen]] = None
    names = dict(Department.objects.filter(path__in=ancestors).values_list("path", "name"))
    for top in tops:
        prefix = [
            names.get(top.path[: level * Department.steplen], "") for level in range(1, top.depth)
        ]
        old = top.label
        top.label = " / ".join([*prefix, top.name])
        _relabel(top, old, top.label)


def _relabel(row, old, new):
    for child in row.children:
        child.label = new + child.label[len(old) :]
        _relabel(child, old, new)


def top_rows(rows):
    return [row for row in rows if row.parent_id is None]


def totals(rows):
    """The figures of the whole report: the sum of its top rows (subtrees never overlap)."""
    result = Figures()
    for row in top_rows(rows):
        result.add(row)
    return result


class PersonStatus:
    NOT_ASSIGNED = "not_assigned"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LABELS = {
        "not_assigned": _("Not assigned"),
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "completed": _("Completed"),
    }


@dataclass(slots=True)
class PersonLine:
    employee_pk: int
    employee_id: str
    first_name: str
    last_name: str
    email: str
    department_id: int
    department: str
    manager: str
    items: int
    items_done: int
    status: str
    overdue: bool
    certified: bool
    due_renewal: bool
    renewed: bool
    lapsed: bool
    due_date: datetime.date | None
    completed_at: datetime.datetime | None

    @property
    def name(self):
        return display_name_of(self.first_name, self.last_name, self.email)

    @property
    def status_label(self):
        return PersonStatus.LABELS[self.status]

    @classmethod
    def from_record(cls, record):
        (
            pk, employee_id, first, last, email, dept_id, dept, m_first, m_last,
            n_items, n_done, next_due, last_due, last_done, *flags,
        ) = record  # fmt: skip
        flag = dict(zip(FLAGS, (bool(value) for value in flags), strict=True))
        if not flag["is_assigned"]:
            status = PersonStatus.NOT_ASSIGNED
        elif flag["is_completed"]:
            status = PersonStatus.COMPLETED
        elif flag["is_in_progress"]:
            status = PersonStatus.IN_PROGRESS
        else:
            status = PersonStatus.NOT_STARTED
        completed = status == PersonStatus.COMPLETED
        return cls(
            employee_pk=pk,
            employee_id=employee_id,
            first_name=first or "",
            last_name=last or "",
            email=email or "",
            department_id=dept_id,
            department=dept,
            manager=display_name_of(m_first, m_last),
            items=int(n_items or 0),
            items_done=int(n_done or 0),
            status=status,
            overdue=flag["is_overdue"],
            certified=flag["is_certified"],
            due_renewal=flag["is_due_renewal"],
            renewed=flag["is_renewed"],
            lapsed=flag["is_lapsed"],
            due_date=to_date(last_due if completed else next_due),
            completed_at=to_datetime(last_done) if completed else None,
        )


class PeopleListing:
    """The people behind one figure: countable, sliceable (for a paginator), streamable."""

    def __init__(self, builder, metric):
        if metric not in METRICS:
            raise ValueError(f"Unknown figure: {metric}")
        self.builder = builder
        self.metric = metric
        self._count = None

    def count(self):
        if self._count is None:
            self._count = int(fetch_one(*self.builder.people_count(self.metric))[0])
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        if stop <= start:
            return []
        sql, params = self.builder.people(self.metric, limit=stop - start, offset=start)
        return [PersonLine.from_record(record) for record in fetch_all(sql, params)]

    def __iter__(self):
        for record in stream(*self.builder.people(self.metric)):
            yield PersonLine.from_record(record)


def people_listing(filters, scope, department, metric, today=None):
    """People of `department`'s subtree behind `metric` (a FIGURES name)."""
    population_scope = Scope(departments=(department,)) if department else scope
    population = population_for(ReportFilters(), population_scope)
    return PeopleListing(CompletionSQL(population, filters.item_filter(), today=today), metric)


def team_listing(manager, filters=None, metric="headcount", today=None):
    """The manager's active direct reports with their status (the My team page)."""
    filters = filters or ReportFilters()
    builder = CompletionSQL(Population(manager_id=manager.pk), filters.item_filter(), today=today)
    return PeopleListing(builder, metric)


@dataclass
class TrendPoint:
    month: datetime.date
    completed: int
    assigned: int

    @property
    def pct(self):
        return percent(self.completed, self.assigned)

    @property
    def label(self):
        return self.month.strftime("%b %Y")


def month_starts(count, today=None):
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _index in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def completion_trend(filters, scope, months=12, today=None):
    """Month by month: how many assigned people had finished everything by the month's end.

    Measured against today's assignments (a person who finished in March counts from March).
    Past months as they were reported are kept in ReportSnapshot.
    """
    builder = CompletionSQL(population_for(filters, scope), filters.item_filter(), today=today)
    assigned, per_month = 0, {}
    for month, in_group, finished in fetch_all(*builder.trend()):
        assigned += int(in_group or 0)
        if month is not None:
            per_month[str(month)] = int(finished or 0)
    starts = month_starts(months, today)
    first_key = starts[0].strftime("%Y-%m")
    running = sum(count for key, count in per_month.items() if key < first_key)
    points = []
    for start in starts:
        running += per_month.get(start.strftime("%Y-%m"), 0)
        points.append(TrendPoint(month=start, completed=running, assigned=assigned))
    return points


@dataclass
class ItemLine:
    employee_pk: int
    user_id: int
    course_id: int | None
    program_id: int | None
    due_on: datetime.date
    done_at: datetime.datetime | None
    started: bool

    @property
    def key(self):
        return f"course:{self.course_id}" if self.course_id else f"program:{self.program_id}"


def item_lines(population, undone_only=False, due_to=None, today=None):
    """(person, course or program) rows for a population: reminders and personal lists."""
    builder = CompletionSQL(population, today=today)
    sql, params = builder.item_states(undone_only=undone_only, due_to=due_to)
    for emp_id, user_id, course_id, program_id, due_on, done_at, started in stream(sql, params):
        yield ItemLine(
            employee_pk=emp_id,
            user_id=user_id,
            course_id=course_id,
            program_id=program_id,
            due_on=to_date(due_on),
            done_at=to_datetime(done_at),
            started=bool(started),
        )
