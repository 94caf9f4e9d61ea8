import datetime, random, time, tracemalloc
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lms.models import Assignment, Department, Employee
from lms.reports.completion import ReportFilters, department_completion, people_listing, completion_trend
from lms.reports.scope import Scope
from tests.factories import make_department, quick_course, make_program

N = 100_000

@pytest.mark.django_db
def test_scale():
    from courses.models import CourseCompletion, Enrollment
    from certification.models import Certificate
    rng = random.Random(1)
    root = make_department("Co")
    leaves = []
    for a in range(10):
        da = make_department(f"Div {a}", root)
        for b in range(10):
            db = make_department(f"Dept {a}.{b}", da)
            for c in range(5):
                leaves.append(make_department(f"Team {a}.{b}.{c}", db))
    print("departments", Department.objects.count())
    courses = [quick_course(f"C{i}") for i in range(6)]
    prog = make_program("enth", courses=courses[:2])
    User = get_user_model()
    t = time.time()
    users = [User(username=f"u{i}", first_name=f"F{i}", last_name=f"L{i}", email=f"u{i}@x.com", password="!x") for i in range(N)]
    User.objects.bulk_create(users, batch_size=5000)
    emps = [Employee(user_id=u.pk, employee_id=f"E{i}", department_id=leaves[i % len(leaves)].pk, start_date=datetime.date(2020,1,1)) for i, u in enumerate(users)]
    Employee.objects.bulk_create(emps, batch_size=5000)
    enr, comp = [], []
    now = timezone.now()
    for u in users:
        for c in courses:
            r = rng.random()
            if r < 0.5:
                enr.append(Enrollment(user_id=u.pk, course=c))
                if r < 0.3:
                    comp.append(CourseCompletion(user_id=u.pk, course=c, completed_at=now - datetime.timedelta(days=rng.randrange(0, 400))))
    Enrollment.objects.bulk_create(enr, batch_size=10000)
    CourseCompletion.objects.bulk_create(comp, batch_size=10000)
    Certificate.objects.bulk_create([Certificate(holder_id=u.pk, program=prog, issued_at=now, expires_at=now + datetime.timedelta(days=300), serial=f"S{u.pk}") for u in users[::3]], batch_size=10000)
    Assignment.objects.create(program=prog, department=root, target="department", due_date=timezone.localdate() + datetime.timedelta(days=10))
    for i, c in enumerate(courses[2:]):
        Assignment.objects.create(course=c, department=Department.objects.get(name=f"Div {i}"), target="department", due_date=timezone.localdate() - datetime.timedelta(days=5))
    print("data", time.time() - t)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE")
    from django.db.models import Count
    from django.test import override_settings
    variants = {"none": {}, "mem+jit": {"work_mem": "64MB", "jit": "off"}, "all": {"work_mem": "64MB", "jit": "off", "enable_nestloop": "off"}}
    for vname, opts in variants.items():
      with override_settings(HR_REPORT_PG_SETTINGS=opts):
        for label, fn in [("report", lambda: department_completion(ReportFilters(), Scope())),
                      ("report course", lambda: department_completion(ReportFilters(course=courses[3]), Scope())),
                      ("trend", lambda: completion_trend(ReportFilters(), Scope())),
                      ("people page", lambda: people_listing(ReportFilters(), Scope(), root, "overdue")[0:50]),
                      ("people count", lambda: people_listing(ReportFilters(), Scope(), root, "overdue").count()),
                      ("bare count", lambda: list(Employee.objects.values("department_id").annotate(n=Count("id")))),
                      ]:
          ts = []
          for _ in range(3):
            t = time.time()
            r = fn()
            ts.append(round(time.time() - t, 3))
          print(vname, label, ts, " s ")
    tracemalloc.start()
    t = time.time(); n = 0
    for p in people_listing(ReportFilters(), Scope(), root, "headcount"):
        n += 1
    cur, peak = tracemalloc.get_traced_memory()
    print("stream", n, round(time.time() - t, 2), "s peak MB", peak / 1e6)
