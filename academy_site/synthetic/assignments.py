"""HR assignments over the synthetic organisation: the kinds HR really makes."""

import datetime

from academy_site.synthetic.bulk import IdBlock, Table
from reporting.models import Assignment


def write_assignments(rng, catalogue, departments, people, today):
    """The first tier for everyone, the second for some divisions, a course for some areas,
    one group and a few people; returns the number of assignments."""
    if not catalogue.ladder and not catalogue.courses:
        return 0
    ids = IdBlock(Assignment)
    table = Table(
        Assignment,
        ["id", "title", "course_id", "program_id", "target", "department_id", "employee_id",
         "due_date", "due_days_after_start", "assigned_on"],
    )  # fmt: skip
    members = Table(Assignment.members.through, ["assignment_id", "employee_id"])
    root = departments[0]
    ladder = catalogue.ladder
    course_ids = sorted(catalogue.courses)
    launch = today - datetime.timedelta(days=3 * 365)

    def add(title, *, course=None, program=None, target="department", dept=None, person=None,
            due=None, days=None, on=launch):  # fmt: skip
        pk = ids.take()
        table.add((pk, title, course, program, target, dept, person, due, days, on))
        return pk

    if ladder:
        add("First tier for everyone", program=ladder[0].pk, dept=root.pk,
            due=launch + datetime.timedelta(days=180))  # fmt: skip
    second = ladder[1] if len(ladder) > 1 else (ladder[0] if ladder else None)
    divisions = [d for d in departments if d.depth == 2]
    for division in rng.sample(divisions, max(1, len(divisions) // 2)) if second else []:
        add(f"Second tier: {division.name}", program=second.pk, dept=division.pk,
            due=today + datetime.timedelta(days=rng.randrange(-90, 120)),
            on=today - datetime.timedelta(days=rng.randrange(120, 400)))  # fmt: skip
    areas = [d for d in departments if d.depth == 3]
    for area in rng.sample(areas, max(1, len(areas) // 5)):
        add(f"Course for {area.name}", course=rng.choice(course_ids), dept=area.pk, days=30,
            on=today - datetime.timedelta(days=rng.randrange(30, 300)))  # fmt: skip
    group = add("Launch group", course=rng.choice(course_ids), target="group",
                due=today + datetime.timedelta(days=30),
                on=today - datetime.timedelta(days=20))  # fmt: skip
    chosen = rng.sample(people, min(len(people), max(10, len(people) // 200)))
    members.extend((group, person.employee_pk) for person in chosen)
    top = ladder[-1] if ladder else None
    for person in rng.sample(people, min(len(people), 10)):
        if top:
            add("Spokesperson nomination", program=top.pk, target="person",
                person=person.employee_pk,
                due=today + datetime.timedelta(days=rng.randrange(-30, 60)),
                on=today - datetime.timedelta(days=60))  # fmt: skip
    table.flush()
    members.flush()
    return table.count
