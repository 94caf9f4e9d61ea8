"""The completion report as SQL: who is assigned what, due when, and how far they are.

One statement per answer, whatever the size of the organisation. The steps, as CTEs:

- ``emp``: active employees in the scope (department subtrees, one manager's team or one person);
- ``dept_anc``: each of those departments with the path of every ancestor (itself included),
  cut from its materialised path; an assignment to a department reaches everyone whose
  department has it as an ancestor, so new joiners are covered without copying rows;
- ``targets`` → ``items``: (person, course or program, earliest due date) from department,
  group, personal and rule assignments (a rule is matched against the person's row as it is
  now: job title, location, start date, department subtree, an account role held); a relative
  due date counts from the later of the person's start date and the assignment date;
- ``item_done`` → ``item_state``: done (course completion or current certificate), then started
  (done, or an enrolment in the course or in one of the program's courses);
- ``person`` → ``status``: one row per person with 0/1 flags for every figure of the report;
- ``direct`` → ``rolled``: figures per department, then summed into every ancestor by path
  prefix, so a parent counts its whole subtree.

Table names come from the models; values are always bound parameters.
"""

# ruff: noqa: S608 - statements are assembled from model table names; values are parameters

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from lms.conf import academy_settings
from lms.models import Department, Employee
from reporting.models import Assignment, AssignmentReminder

MAX_DEPTH = 255 // Department.steplen
FLAGS = (
    "is_assigned",
    "is_not_started",
    "is_in_progress",
    "is_completed",
    "is_certified",
    "is_overdue",
    "is_due_renewal",
    "is_renewed",
    "is_lapsed",
)
#: How far back "Renewed" and "Lapsed" look (days before the report's moment).
RECERTIFICATION_LOOKBACK_DAYS = 90
METRICS = {
    "headcount": "1 = 1",
    "assigned": "s.is_assigned = 1",
    "not_started": "s.is_not_started = 1",
    "in_progress": "s.is_in_progress = 1",
    "completed": "s.is_completed = 1",
    "certified": "s.is_certified = 1",
    "overdue": "s.is_overdue = 1",
    "due_renewal": "s.is_due_renewal = 1",
    "renewed": "s.is_renewed = 1",
    "lapsed": "s.is_lapsed = 1",
}


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _models():
    return {
        "E": _table(Employee),
        "D": _table(Department),
        "A": _table(Assignment),
        "M": _table(Assignment.members.through),
        "U": _table(apps.get_model("auth", "User")),
        "R": _table(AssignmentReminder),
        "G": _table(apps.get_model("access", "AccessGrant")),
        "CC": _table(apps.get_model("courses", "CourseCompletion")),
        "EN": _table(apps.get_model("courses", "Enrollment")),
        "CERT": _table(apps.get_model("certification", "Certificate")),
        "PC": _table(apps.get_model("certification", "ProgramCourse")),
        "P": _table(apps.get_model("certification", "Program")),
    }


def _due_expression():
    """The due date of an assignment for one person (fixed, or relative to their start)."""
    if connection.vendor == "postgresql":
        relative = (
            "GREATEST(COALESCE(emp.start_date, a.assigned_on), a.assigned_on)"
            " + a.due_days_after_start"
        )
    else:
        relative = (
            "date(MAX(COALESCE(emp.start_date, a.assigned_on), a.assigned_on),"
            " '+' || a.due_days_after_start || ' days')"
        )
    return f"COALESCE(a.due_date, {relative})"


def _plus_days(moment, days):
    """SQL for the datetime `moment` (a bound parameter) plus `days` (a column or a bound
    parameter) days."""
    if connection.vendor == "postgresql":
        return f"({moment} + {days} * INTERVAL '1 day')"
    return f"datetime({moment}, '+' || {days} || ' days')"


def _month_expression(column):
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


def db_date(value):
    return connection.ops.adapt_datefield_value(value)


def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def to_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return parse_date(str(value)[:10])


def to_datetime(value):
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = parse_datetime(str(value))
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


@dataclass(frozen=True)
class Population:
    """Whose figures: department subtrees (by path; none = everyone), a manager's team, one
    person."""

    paths: tuple = ()
    manager_id: int | None = None
    employee_id: int | None = None


@dataclass(frozen=True)
class ItemFilter:
    course_id: int | None = None
    program_id: int | None = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    #: Only people holding a certificate (of the filtered program, if any) that is valid, not
    #: renewed yet, and ends within this many days.
    recertification_due: int | None = None


class CompletionSQL:
    """Builds the statements for one population, item filter and day."""

    def __init__(self, population, items=None, today=None, now=None):
        self.population = population
        self.items = items or ItemFilter()
        self.today = today or timezone.localdate()
        self.now = now or timezone.now()
        self.t = _models()

    def _path_condition(self, column):
        if not self.population.paths:
            return "1 = 1", []
        condition = " OR ".join(f"{column} LIKE %s" for _ in self.population.paths)
        return f"({condition})", [f"{path}%" for path in self.population.paths]

    def _emp(self):
        condition, params = self._path_condition("d.path")
        extra = ""
        if self.population.manager_id is not None:
            extra += " AND e.manager_id = %s"
            params.append(self.population.manager_id)
        if self.population.employee_id is not None:
            extra += " AND e.id = %s"
            params.append(self.population.employee_id)
        if self.items.recertification_due is not None:
            ends_by = _plus_days("%s", "%s")
            extra += (
                f" AND EXISTS (SELECT 1 FROM {self.t['CERT']} c WHERE c.holder_id = e.user_id"
                f" AND c.status = %s AND c.expires_at > %s AND c.expires_at <= {ends_by}"
                f"{self._program_condition('c')}{self._not_renewed('c')})"
            )
            now = db_datetime(self.now)
            params += ["valid", now, now, self.items.recertification_due, *self._program_params()]
        sql = (
            "SELECT e.id AS emp_id, e.user_id, e.start_date, e.department_id AS dept_id"
            f" FROM {self.t['E']} e JOIN {self.t['D']} d ON d.id = e.department_id"
            f" WHERE e.active = %s AND {condition}{extra}"
        )
        return sql, [True, *params]

    def _program_condition(self, alias):
        return f" AND {alias}.program_id = %s" if self.items.program_id else ""

    def _program_params(self):
        return [self.items.program_id] if self.items.program_id else []

    def _not_renewed(self, alias):
        """No certificate continues this one (a renewal inside its window)."""
        renewals = f"SELECT 1 FROM {self.t['CERT']} rn WHERE rn.renews_id = {alias}.id"
        return f" AND NOT EXISTS ({renewals})"

    def _recertification_flags(self):
        """(sql, params): the is_due_renewal, is_renewed and is_lapsed columns of `status`, each
        an index probe per person on the certificates (of the filtered program, if any).

        - due for renewal: a certificate valid now whose program's recertification window has
          opened (expires_at - window days <= now) and that no certificate renews yet;
        - renewed: a certificate issued in the last RECERTIFICATION_LOOKBACK_DAYS days to
          someone who held an earlier one of the same program (renewed inside the window, or
          certified again after it ended);
        - lapsed: a certificate that ended by expiry in the last RECERTIFICATION_LOOKBACK_DAYS
          days with no later certificate of the same program.
        """
        t, now = self.t, db_datetime(self.now)
        since = db_datetime(self.now - datetime.timedelta(days=RECERTIFICATION_LOOKBACK_DAYS))
        program, program_params = self._program_condition("c"), self._program_params()
        window_opens = _plus_days("%s", "rp.recertification_window_days")
        sql = (
            f" CASE WHEN EXISTS (SELECT 1 FROM {t['CERT']} c"
            f" JOIN {t['P']} rp ON rp.id = c.program_id WHERE c.holder_id = emp.user_id"
            f" AND c.status = %s AND c.expires_at > %s AND c.expires_at <= {window_opens}"
            f"{program}{self._not_renewed('c')}) THEN 1 ELSE 0 END AS is_due_renewal,"
            f" CASE WHEN EXISTS (SELECT 1 FROM {t['CERT']} c WHERE c.holder_id = emp.user_id"
            f" AND c.issued_at > %s AND c.issued_at <= %s{program} AND EXISTS (SELECT 1"
            f" FROM {t['CERT']} pc WHERE pc.holder_id = c.holder_id"
            " AND pc.program_id = c.program_id AND pc.issued_at < c.issued_at))"
            " THEN 1 ELSE 0 END AS is_renewed,"
            f" CASE WHEN EXISTS (SELECT 1 FROM {t['CERT']} c WHERE c.holder_id = emp.user_id"
            " AND c.status IN (%s, %s) AND c.expires_at <= %s AND c.expires_at > %s"
            f"{program} AND NOT EXISTS (SELECT 1 FROM {t['CERT']} nc"
            " WHERE nc.holder_id = c.holder_id AND nc.program_id = c.program_id"
            " AND nc.issued_at > c.issued_at)) THEN 1 ELSE 0 END AS is_lapsed,"
        )
        params = [
            *("valid", now, now, *program_params),
            *(since, now, *program_params),
            *("valid", "expired", now, since, *program_params),
        ]
        return sql, params

    def _item_condition(self):
        if self.items.course_id:
            return " AND a.course_id = %s", [self.items.course_id]
        if self.items.program_id:
            return " AND a.program_id = %s", [self.items.program_id]
        return "", []

    def _targets(self):
        item_sql, item_params = self._item_condition()
        due = _due_expression()
        select = f"SELECT emp.emp_id, emp.user_id, a.course_id, a.program_id, {due} AS due_on"
        sql = (
            f"{select} FROM {self.t['A']} a JOIN {self.t['D']} ad ON ad.id = a.department_id"
            " JOIN dept_anc da ON da.anc_path = ad.path JOIN emp ON emp.dept_id = da.dept_id"
            f" WHERE a.target = 'department'{item_sql}"
            f" UNION ALL {select} FROM {self.t['A']} a JOIN emp ON emp.emp_id = a.employee_id"
            f" WHERE a.target = 'person'{item_sql}"
            f" UNION ALL {select} FROM {self.t['A']} a"
            f" JOIN {self.t['M']} m ON m.assignment_id = a.id"
            " JOIN emp ON emp.emp_id = m.employee_id"
            f" WHERE a.target = 'group'{item_sql}"
        )
        rule_sql, rule_params = self._rule_condition()
        sql += (
            f" UNION ALL {select} FROM {self.t['A']} a CROSS JOIN emp"
            f" JOIN {self.t['E']} re ON re.id = emp.emp_id"
            f" WHERE a.target = 'rule' AND {rule_sql}{item_sql}"
        )
        return sql, item_params * 3 + rule_params + item_params

    def _rule_condition(self):
        """Who a rule assignment reaches, read live from the person's row (a job title or a
        department changed by an import counts at once). Every criterion given must hold;
        an empty one holds for everyone."""
        contains = "STRPOS" if connection.vendor == "postgresql" else "INSTR"
        sql = (
            # A department subtree: the assigned department is one of the person's ancestors.
            "(a.department_id IS NULL OR EXISTS (SELECT 1 FROM dept_anc rda"
            f" JOIN {self.t['D']} rd ON rd.path = rda.anc_path"
            " WHERE rda.dept_id = emp.dept_id AND rd.id = a.department_id))"
            " AND (a.rule_job_title = ''"
            f" OR {contains}(LOWER(re.job_title), LOWER(a.rule_job_title)) > 0)"
            " AND (a.rule_location = '' OR LOWER(TRIM(re.location)) = LOWER(TRIM(a.rule_location)))"
            " AND (a.rule_started_after IS NULL OR re.start_date > a.rule_started_after)"
            # Holds the role now: a grant not revoked, not ended, on a certificate valid now.
            " AND (a.rule_account_role = '' OR EXISTS (SELECT 1"
            f" FROM {self.t['G']} g JOIN {self.t['CERT']} gc ON gc.id = g.certificate_id"
            " WHERE g.user_id = emp.user_id AND g.role = a.rule_account_role"
            " AND g.revoked_at IS NULL AND g.expires_at > %s"
            " AND gc.status = %s AND gc.expires_at > %s))"
        )
        now = db_datetime(self.now)
        return sql, [now, "valid", now]

    def _items(self):
        having, params = [], []
        if self.items.due_from:
            having.append("MIN(due_on) >= %s")
            params.append(db_date(self.items.due_from))
        if self.items.due_to:
            having.append("MIN(due_on) <= %s")
            params.append(db_date(self.items.due_to))
        sql = (
            "SELECT emp_id, user_id, course_id, program_id, MIN(due_on) AS due_on FROM targets"
            " GROUP BY emp_id, user_id, course_id, program_id"
        )
        if having:
            sql += " HAVING " + " AND ".join(having)
        return sql, params

    def ctes(self):
        """(sql, params) of the WITH clause up to `status`."""
        t = self.t
        emp_sql, emp_params = self._emp()
        dept_condition, dept_params = self._path_condition("d.path")
        if self.population.paths == () and (
            self.population.manager_id is not None or self.population.employee_id is not None
        ):
            dept_condition, dept_params = "d.id IN (SELECT dept_id FROM emp)", []
        targets_sql, targets_params = self._targets()
        recertification_sql, recertification_params = self._recertification_flags()
        items_sql, items_params = self._items()
        # Items are courses, programs or both (a filter keeps one kind): join only what they need.
        course_items = not self.items.program_id
        program_items = not self.items.course_id
        cert_filter, cert_params = "", []
        holder_filter, holder_params = "", []
        if self.items.program_id:
            cert_filter, cert_params = " AND program_id = %s", [self.items.program_id]
            holder_filter, holder_params = " AND c.program_id = %s", [self.items.program_id]
        joins, join_params = [], []
        if course_items:
            completion_filter = ""
            if self.items.course_id:
                completion_filter = " AND cc.course_id = %s"
                join_params.append(self.items.course_id)
            joins.append(
                f" LEFT JOIN {t['CC']} cc ON cc.user_id = i.user_id"
                f" AND cc.course_id = i.course_id{completion_filter}"
            )
        if program_items:
            joins.append(
                " LEFT JOIN certs ct ON ct.user_id = i.user_id AND ct.program_id = i.program_id"
            )
        if course_items and program_items:
            done_at = "CASE WHEN i.course_id IS NOT NULL THEN cc.completed_at ELSE ct.issued_at END"
        else:
            done_at = "cc.completed_at" if course_items else "ct.issued_at"
        # Started: done, or enrolled in the course (in one of the program's courses). Probed by
        # index for the items not done only, rather than joining every enrolment there is.
        enrolled_in_course = (
            f"EXISTS (SELECT 1 FROM {t['EN']} en WHERE en.user_id = i.user_id"
            " AND en.course_id = i.course_id)"
        )
        enrolled_in_program = (
            f"EXISTS (SELECT 1 FROM {t['EN']} en WHERE en.user_id = i.user_id AND en.course_id IN"
            f" (SELECT pc.course_id FROM {t['PC']} pc WHERE pc.program_id = i.program_id))"
        )
        if course_items and program_items:
            enrolled = (
                f"(i.course_id IS NOT NULL AND {enrolled_in_course})"
                f" OR (i.course_id IS NULL AND {enrolled_in_program})"
            )
        else:
            enrolled = enrolled_in_course if course_items else enrolled_in_program
        parts = [
            ("lv(k)", f"SELECT 1 UNION ALL SELECT k + 1 FROM lv WHERE k < {MAX_DEPTH}", []),
            ("emp", emp_sql, emp_params),
            (
                "dept_anc",
                f"SELECT d.id AS dept_id, substr(d.path, 1, lv.k * {Department.steplen})"
                f" AS anc_path FROM {t['D']} d JOIN lv ON lv.k <= d.depth"
                f" WHERE {dept_condition}",
                dept_params,
            ),
            ("targets", targets_sql, targets_params),
            ("items", items_sql, items_params),
            (
                "certs",
                # At most one valid certificate per person and program (a unique constraint).
                f"SELECT holder_id AS user_id, program_id, issued_at FROM {t['CERT']}"
                f" WHERE status = %s AND expires_at > %s{cert_filter}",
                ["valid", db_datetime(self.now), *cert_params],
            ),
            (
                "item_done",
                f"SELECT i.emp_id, i.user_id, i.course_id, i.program_id, i.due_on,"
                f" {done_at} AS done_at FROM items i{''.join(joins)}",
                join_params,
            ),
            (
                "item_state",
                "SELECT i.emp_id, i.user_id, i.course_id, i.program_id, i.due_on, i.done_at,"
                f" CASE WHEN i.done_at IS NOT NULL THEN 1 WHEN {enrolled} THEN 1 ELSE 0 END"
                " AS started FROM item_done i",
                [],
            ),
            (
                "person",
                "SELECT emp_id, COUNT(*) AS n_items,"
                " SUM(CASE WHEN done_at IS NOT NULL THEN 1 ELSE 0 END) AS n_done,"
                " MAX(started) AS any_started,"
                " MIN(CASE WHEN done_at IS NULL THEN due_on END) AS next_due,"
                " MAX(due_on) AS last_due, MAX(done_at) AS last_done"
                " FROM item_state GROUP BY emp_id",
                [],
            ),
            (
                "status",
                "SELECT emp.emp_id, emp.user_id, emp.dept_id,"
                f"{recertification_sql}"
                " CASE WHEN p.emp_id IS NULL THEN 0 ELSE 1 END AS is_assigned,"
                " CASE WHEN p.n_done < p.n_items AND p.any_started = 0 THEN 1 ELSE 0 END"
                " AS is_not_started,"
                " CASE WHEN p.n_done < p.n_items AND p.any_started = 1 THEN 1 ELSE 0 END"
                " AS is_in_progress,"
                " CASE WHEN p.n_done = p.n_items THEN 1 ELSE 0 END AS is_completed,"
                # An index probe per person: robust whatever the planner guesses of `person`.
                f" CASE WHEN EXISTS (SELECT 1 FROM {t['CERT']} c WHERE c.holder_id = emp.user_id"
                f" AND c.status = %s AND c.expires_at > %s{holder_filter}) THEN 1 ELSE 0 END"
                " AS is_certified,"
                " CASE WHEN p.next_due < %s THEN 1 ELSE 0 END AS is_overdue,"
                " p.n_items, p.n_done, p.next_due, p.last_due, p.last_done"
                " FROM emp LEFT JOIN person p ON p.emp_id = emp.emp_id",
                [
                    *recertification_params,
                    "valid",
                    db_datetime(self.now),
                    *holder_params,
                    db_date(self.today),
                ],
            ),
        ]
        sql = "WITH RECURSIVE " + ", ".join(f"{name} AS ({body})" for name, body, _ in parts)
        params = [param for _name, _body, part_params in parts for param in part_params]
        return sql, params

    def departments(self, root_paths=None):
        """Rows: id, name, path, depth, numchild, headcount, then one count per FLAGS entry."""
        with_sql, params = self.ctes()
        sums = ", ".join(f"SUM({flag}) AS {flag}" for flag in FLAGS)
        rolled_sums = ", ".join(f"SUM(dr.{flag}) AS {flag}" for flag in FLAGS)
        coalesced = ", ".join(f"COALESCE(r.{flag}, 0)" for flag in FLAGS)
        prefix = f"substr(dd.path, 1, lv.k * {Department.steplen})"
        condition, path_params = self._path_condition("d.path")
        sql = (
            f"{with_sql}, direct AS (SELECT dept_id, COUNT(*) AS headcount, {sums}"
            " FROM status GROUP BY dept_id),"
            f" rolled AS (SELECT {prefix} AS anc_path, SUM(dr.headcount) AS headcount,"
            f" {rolled_sums} FROM direct dr JOIN {self.t['D']} dd ON dd.id = dr.dept_id"
            f" JOIN lv ON lv.k <= dd.depth GROUP BY {prefix})"
            " SELECT d.id, d.name, d.path, d.depth, d.numchild, COALESCE(r.headcount, 0),"
            f" {coalesced} FROM {self.t['D']} d LEFT JOIN rolled r ON r.anc_path = d.path"
            f" WHERE {condition} ORDER BY d.path"
        )
        return sql, params + path_params

    def _people_from(self, metric):
        return (
            f" FROM status s JOIN {self.t['E']} e ON e.id = s.emp_id"
            f" JOIN {self.t['U']} u ON u.id = e.user_id"
            f" JOIN {self.t['D']} d ON d.id = s.dept_id"
            f" LEFT JOIN {self.t['E']} me ON me.id = e.manager_id"
            f" LEFT JOIN {self.t['U']} mu ON mu.id = me.user_id"
            f" WHERE {METRICS[metric]}"
        )

    def people(self, metric, limit=None, offset=0):
        """Rows of the people behind one figure, by surname."""
        with_sql, params = self.ctes()
        flags = ", ".join(f"s.{flag}" for flag in FLAGS)
        sql = (
            f"{with_sql} SELECT s.emp_id, e.employee_id, u.first_name, u.last_name, u.email,"
            " d.id, d.name, mu.first_name, mu.last_name, s.n_items, s.n_done, s.next_due,"
            f" s.last_due, s.last_done, {flags}{self._people_from(metric)}"
            " ORDER BY u.last_name, u.first_name, s.emp_id"
        )
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params = [*params, limit, offset]
        return sql, params

    def people_count(self, metric):
        with_sql, params = self.ctes()
        return f"{with_sql} SELECT COUNT(*){self._people_from(metric)}", params

    def trend(self):
        """Rows (YYYY-MM or None, assigned, finished): people who finished everything, by the
        month they did; the None row holds everyone else."""
        with_sql, params = self.ctes()
        month = _month_expression("last_done")
        finished = f"CASE WHEN is_completed = 1 THEN {month} END"
        sql = (
            f"{with_sql} SELECT {finished}, SUM(is_assigned), SUM(is_completed)"
            f" FROM status GROUP BY {finished}"
        )
        return sql, params

    def item_states(self, undone_only=False, due_to=None):
        """Rows per (person, item): emp_id, user_id, course_id, program_id, due_on, done_at,
        started, ordered by person and due date."""
        with_sql, params = self.ctes()
        where = []
        if undone_only:
            where.append("s.done_at IS NULL")
        if due_to is not None:
            where.append("s.due_on <= %s")
            params = [*params, db_date(due_to)]
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        sql = (
            f"{with_sql} SELECT s.emp_id, s.user_id, s.course_id, s.program_id, s.due_on,"
            " s.done_at, s.started FROM item_state s"
            f"{clause} ORDER BY s.emp_id, s.due_on"
        )
        return sql, params

    def reminders_due(self, kind, due_from=None, due_to=None):
        """Undone (person, item) rows in a due-date window with no reminder of `kind` yet."""
        with_sql, params = self.ctes()
        where, extra = ["s.done_at IS NULL"], []
        if due_from is not None:
            where.append("s.due_on >= %s")
            extra.append(db_date(due_from))
        if due_to is not None:
            where.append("s.due_on <= %s")
            extra.append(db_date(due_to))
        key = (
            "CASE WHEN s.course_id IS NOT NULL THEN 'course:' || s.course_id"
            " ELSE 'program:' || s.program_id END"
        )
        sql = (
            f"{with_sql} SELECT s.emp_id, s.user_id, s.course_id, s.program_id, s.due_on,"
            " s.done_at, s.started FROM item_state s"
            f" WHERE {' AND '.join(where)} AND NOT EXISTS (SELECT 1 FROM {self.t['R']} r"
            " WHERE r.employee_id = s.emp_id AND r.kind = %s AND r.due_date = s.due_on"
            f" AND r.item_key = {key}) ORDER BY s.emp_id, s.due_on"
        )
        return sql, [*params, *extra, kind]

    def overdue_by_manager(self, digest_kind, digest_key):
        """(manager pk, employee pk, earliest overdue date) for managers not yet sent this
        week's digest."""
        with_sql, params = self.ctes()
        sql = (
            f"{with_sql} SELECT e.manager_id, s.emp_id, s.next_due FROM status s"
            f" JOIN {self.t['E']} e ON e.id = s.emp_id"
            f" JOIN {self.t['E']} m ON m.id = e.manager_id"
            " WHERE s.is_overdue = 1 AND m.active = %s AND NOT EXISTS"
            f" (SELECT 1 FROM {self.t['R']} r WHERE r.employee_id = e.manager_id"
            " AND r.kind = %s AND r.item_key = %s)"
            " ORDER BY e.manager_id, s.next_due"
        )
        return sql, [*params, True, digest_kind, digest_key]


#: Planner settings for one report statement on PostgreSQL. The CTEs aggregate rows the planner
#: cannot estimate (it guesses 200 groups where there are 100,000), which can make it choose
#: nested loops over hundreds of thousands of rows and a costly JIT compilation; hash joins in
#: enough memory are right for every step of this report.
PG_REPORT_SETTINGS = {"work_mem": "64MB", "jit": "off", "enable_nestloop": "off"}


def _report_cursor():
    """A cursor for one report statement, with PG_REPORT_SETTINGS for this transaction only
    (academy_settings.HR_REPORT_PG_SETTINGS overrides them)."""
    cursor = connection.cursor()
    if connection.vendor == "postgresql":
        options = academy_settings.HR_REPORT_PG_SETTINGS
        if options:
            names = ", ".join("set_config(%s, %s, true)" for _ in options)
            values = [value for pair in options.items() for value in pair]
            cursor.execute(f"SELECT {names}", values)
    return cursor


def fetch_all(sql, params):
    with transaction.atomic(), _report_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def fetch_one(sql, params):
    with transaction.atomic(), _report_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def stream(sql, params, size=2000):
    """Rows one batch at a time, in flat memory: a server-side cursor on PostgreSQL (inside a
    transaction, with PG_REPORT_SETTINGS), SQLite's own lazy stepping elsewhere."""
    with transaction.atomic():
        _report_cursor().close()  # applies the planner settings to this transaction
        cursor = connection.chunked_cursor()
        try:
            cursor.execute(sql, params)
            while True:
                rows = cursor.fetchmany(size)
                if not rows:
                    break
                yield from rows
        finally:
            cursor.close()
