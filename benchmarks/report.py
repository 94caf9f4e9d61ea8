"""The department completion report through the API, and the bare SQL aggregate beneath it.

The bare SQL is written by hand here, independently of the report's own SQL: the least work
PostgreSQL must do to produce the report's figures per department, rolled up the tree. The
report is compared with it (ratio report / bare), at each size.
"""

import json

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from .stats import figure
from .timing import alternate

REPEAT = 20
URL = "/api/v1/reports/department-completion"

BARE_SQL = """
WITH emp AS (
    SELECT e.id, e.user_id, e.start_date, e.department_id
    FROM lms_employee e WHERE e.active
),
dept_items AS (  -- each department with the department assignments reaching it
    SELECT d.id AS dept_id, a.id AS assignment_id
    FROM lms_assignment a
    JOIN lms_department ad ON ad.id = a.department_id
    JOIN lms_department d ON d.path LIKE ad.path || '%%'
    WHERE a.target = 'department' {item}
),
targets AS (
    SELECT emp.id AS emp_id, emp.user_id, a.course_id, a.program_id,
           COALESCE(a.due_date, GREATEST(COALESCE(emp.start_date, a.assigned_on), a.assigned_on)
                    + a.due_days_after_start) AS due_on
    FROM dept_items di
    JOIN lms_assignment a ON a.id = di.assignment_id
    JOIN emp ON emp.department_id = di.dept_id
    UNION ALL
    SELECT emp.id, emp.user_id, a.course_id, a.program_id,
           COALESCE(a.due_date, GREATEST(COALESCE(emp.start_date, a.assigned_on), a.assigned_on)
                    + a.due_days_after_start)
    FROM lms_assignment a JOIN emp ON emp.id = a.employee_id
    WHERE a.target = 'person' {item}
    UNION ALL
    SELECT emp.id, emp.user_id, a.course_id, a.program_id,
           COALESCE(a.due_date, GREATEST(COALESCE(emp.start_date, a.assigned_on), a.assigned_on)
                    + a.due_days_after_start)
    FROM lms_assignment a
    JOIN lms_assignment_members m ON m.assignment_id = a.id
    JOIN emp ON emp.id = m.employee_id
    WHERE a.target = 'group' {item}
),
items AS (
    SELECT emp_id, user_id, course_id, program_id, MIN(due_on) AS due_on
    FROM targets GROUP BY emp_id, user_id, course_id, program_id
),
valid AS (
    SELECT DISTINCT holder_id, program_id FROM certification_certificate
    WHERE status = 'valid' AND expires_at > %(now)s {holder}
),
state AS (
    SELECT i.emp_id, i.due_on,
           (cc.user_id IS NOT NULL OR v.holder_id IS NOT NULL) AS done,
           -- began matters only where nothing is done: probe enrolments for those items only
           CASE WHEN cc.user_id IS NOT NULL OR v.holder_id IS NOT NULL THEN true
                ELSE EXISTS (SELECT 1 FROM courses_enrollment en
                             WHERE en.user_id = i.user_id AND en.course_id = i.course_id)
                  OR EXISTS (SELECT 1 FROM courses_enrollment en
                             JOIN certification_programcourse pc ON pc.course_id = en.course_id
                             WHERE en.user_id = i.user_id AND pc.program_id = i.program_id)
           END AS began
    FROM items i
    LEFT JOIN courses_coursecompletion cc ON cc.user_id = i.user_id AND cc.course_id = i.course_id
    LEFT JOIN valid v ON v.holder_id = i.user_id AND v.program_id = i.program_id
),
person AS (
    SELECT emp_id, bool_and(done) AS all_done, bool_or(done OR began) AS any_began,
           bool_or(NOT done AND due_on < %(today)s) AS overdue
    FROM state GROUP BY emp_id
),
direct AS (
    SELECT emp.department_id, COUNT(*) AS headcount,
           COUNT(p.emp_id) AS assigned,
           COUNT(*) FILTER (WHERE NOT p.all_done AND NOT p.any_began) AS not_started,
           COUNT(*) FILTER (WHERE NOT p.all_done AND p.any_began) AS in_progress,
           COUNT(*) FILTER (WHERE p.all_done) AS completed,
           COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM valid v WHERE v.holder_id = emp.user_id))
               AS certified,
           COUNT(*) FILTER (WHERE p.overdue) AS overdue
    FROM emp LEFT JOIN person p ON p.emp_id = emp.id
    GROUP BY emp.department_id
)
SELECT a.id, a.path, SUM(x.headcount), SUM(x.assigned), SUM(x.not_started),
       SUM(x.in_progress), SUM(x.completed), SUM(x.certified), SUM(x.overdue)
FROM lms_department a
JOIN lms_department d ON d.path LIKE a.path || '%%'
JOIN direct x ON x.department_id = d.id
GROUP BY a.id, a.path
ORDER BY a.path
"""


#: The same memory and no JIT compilation, as the report itself asks for: the comparison is of
#: the statements, not of the planner's settings.
BARE_SETTINGS = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"


def bare_sql(program_id=None):
    item = "AND a.program_id = %(program)s" if program_id else ""
    holder = "AND program_id = %(program)s" if program_id else ""
    sql = BARE_SQL.format(item=item, holder=holder)
    params = {"now": timezone.now(), "today": timezone.localdate(), "program": program_id}

    def run():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(BARE_SETTINGS)
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def reader():
    """A client for the report as HR uses it: the demo HR user's session (a token would add its
    once-a-minute `last_used_at` touch to some runs)."""
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="hr"))
    return client


def api_call(client, params):
    def run():
        response = client.get(URL, params)
        if response.status_code != 200:
            raise RuntimeError(f"{URL} {params}: {response.status_code} {response.content[:300]}")
        return response

    return run


def _root_totals(response):
    """The synthetic organisation's root row, for a sanity check against the bare SQL."""
    for row in json.loads(response.content).get("departments", []):
        if str(row.get("name", "")).startswith("Synthetic Organisation"):
            return row
    return None


def run(size):
    from certification.models import Program

    client = reader()
    program = Program.objects.order_by("tier").values_list("pk", flat=True)[1:2].first()
    variants = [("report.api", {}, None), ("report.api_filtered", {"program": program}, program)]
    for name, params, program_id in variants:
        api, bare = alternate(api_call(client, params), bare_sql(program_id), REPEAT)
        bare_name = name.replace("report.api", "report.bare_sql")
        figure(f"{bare_name}.median_ms", bare.median_ms, "ms", size)
        figure(f"{bare_name}.p95_ms", bare.p95_ms, "ms", size)
        figure(f"{name}.median_ms", api.median_ms, "ms", size, f"{bare_name}.median_ms",
               bare.median_ms)  # fmt: skip
        figure(f"{name}.p95_ms", api.p95_ms, "ms", size, f"{bare_name}.p95_ms", bare.p95_ms)
        figure(f"{name}.queries", api.typical_queries, "queries", size)
        _check(name, api_call(client, params)(), bare_sql(program_id)())


FIGURE_KEYS = ["headcount", "assigned", "not_started", "in_progress", "completed", "certified",
               "overdue"]  # fmt: skip


def root_figures(response, bare_rows):
    """(report's, bare SQL's) figures of the synthetic organisation's root, or None."""
    root = _root_totals(response)
    synthetic = [row for row in bare_rows if row[1] and len(row[1]) == 4]
    if root is None or not synthetic:
        return None
    bare_root = max(synthetic, key=lambda row: row[2])
    report = {key: _number(root.get(key)) for key in FIGURE_KEYS}
    bare = {key: int(value) for key, value in zip(FIGURE_KEYS, bare_root[2:], strict=True)}
    return report, bare


def _check(name, response, bare_rows):
    """Warn (on stderr) when the report's root figures differ from the bare SQL's."""
    import sys

    figures = root_figures(response, bare_rows)
    if figures is not None and figures[0] != figures[1]:
        sys.stderr.write(f"[bench] {name}: report {figures[0]} != bare SQL {figures[1]}\n")


def _number(value):
    if isinstance(value, dict):
        value = value.get("count", value.get("value"))
    return int(value) if value is not None else None
