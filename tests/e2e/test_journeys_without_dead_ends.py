"""Journeys without dead ends (issue 15), walked in the browser at 1366x900 and, where the point
is about phones, 390x844: an admin decides access requests from the queue, a request's page and
the dashboard; the "Is this account ours?" box knows an address, an @handle and a bare handle;
the request form offers only the roles an account has and no paused account; a learner who
takes the quiz first sees one progress everywhere, follows the lesson outline, resumes from the
home page and the catalogue, and is told what the course earned."""

import re

import pytest
from playwright.sync_api import expect

from academy_site.demo.access import covered_people
from access import services
from access.models import AccessGrant, AccessRequest, RequestStatus, SocialAccount
from courses.models import CoursePage

from .helpers import assert_accessible, assert_admin_accessible, shot, sign_in
from .learning_api import LearningApi
from .quiz import answer

pytestmark = pytest.mark.browser

JOURNEY = "no-dead-ends"
SUPPORT = "NorthwindSupport"
BASICS = "social-media-basics"


def message(page):
    return page.locator(".messages")


def approve_on_the_decide_page(page, name):
    """The decision form: approve, record, and back on the queue with the sentence that says so."""
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approve or reject")
    page.get_by_label("Approve: grant the role").check()
    page.get_by_role("button", name="Record decision").click()
    expect(message(page)).to_contain_text(f"{name} may now publish on @{SUPPORT}")
    expect(page).to_have_url(re.compile(r"/admin/access_requests/(\?.*)?$"))


def test_an_admin_decides_access_requests_from_the_queue_a_request_and_the_dashboard(visit):
    account = SocialAccount.objects.get(handle=SUPPORT)
    # The demo leaves one request waiting on @NorthwindSupport; two more people covered by
    # Professional ask too, so each way to a decision gets its own.
    waiting = list(AccessRequest.objects.filter(account=account, status=RequestStatus.PENDING))
    asked = set(AccessRequest.objects.filter(account=account).values_list("user_id", flat=True))
    publish = account.roles.get(role="publish")
    newcomers = [p for p in covered_people(publish.program, {"admin"}) if p.pk not in asked][:2]
    assert len(waiting) == 1 and len(newcomers) == 2
    for person in newcomers:
        waiting.append(services.request_access(person, account, "publish", note="Shift rota."))
    on_dashboard, on_row, on_inspect = waiting

    page = visit("desktop").page
    sign_in(page, "admin")
    # The admin signs in to the dashboard, where the requests to decide are listed.
    expect(page).to_have_url(re.compile(r"/admin/$"))
    panel = page.locator(
        "section", has=page.get_by_role("heading", name="Requests waiting for your decision")
    )
    expect(panel.get_by_role("link", name=on_dashboard.user_name, exact=True)).to_be_visible()
    assert_admin_accessible(page)
    shot(page, JOURNEY, "01-admin-dashboard", full_page=False)
    panel.locator("tr", has_text=on_dashboard.user_name).get_by_role("link", name="Decide").click()
    expect(page.get_by_text("Holds Professional")).to_be_visible()
    assert_admin_accessible(page)
    shot(page, JOURNEY, "02-decide")
    approve_on_the_decide_page(page, on_dashboard.user_name)

    # The queue: the row's own "Decide" action, in its menu of actions.
    row = page.locator("tbody tr", has_text=on_row.user_name)
    expect(row.get_by_role("link", name=on_row.user_name, exact=True)).to_have_attribute(
        "href", f"/admin/access_requests/decide/{on_row.pk}/"
    )
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name=f"Decide on {on_row}").click()
    approve_on_the_decide_page(page, on_row.user_name)

    # A request's own page has "Decide" in its header.
    page.goto(f"/admin/access_requests/inspect/{on_inspect.pk}/")
    page.get_by_role("link", name="Decide").click()
    approve_on_the_decide_page(page, on_inspect.user_name)

    granted = AccessGrant.objects.filter(account=account, role="publish", revoked_at=None)
    assert {r.user_id for r in waiting} <= set(granted.values_list("user_id", flat=True))
    for access_request in waiting:
        access_request.refresh_from_db()
        assert access_request.status == RequestStatus.APPROVED
    # Nothing left to decide: the dashboard panel is gone.
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Requests waiting for your decision")).to_have_count(0)


def check_account(page, query):
    page.get_by_label("Handle or address").fill(query)
    page.get_by_role("button", name="Check").click()
    return page.locator(".access-check-form ~ .message")


def offered_roles(form):
    return form.get_by_label("Role").evaluate(
        "select => [...select.options].filter(o => !o.disabled && !o.hidden).map(o => o.value)"
    )


def test_the_account_check_and_the_request_form_offer_only_what_exists(visit):
    v = visit("desktop")
    page = v.page
    sign_in(page, "employee")

    # 3. An address, an @handle and a bare handle of a real account: each is ours.
    page.goto("/official-accounts/")
    for query in (f"https://x.com/{SUPPORT}", f"@{SUPPORT}", SUPPORT):
        verdict = check_account(page, query)
        expect(verdict).to_have_text(f"@{SUPPORT} on X (Twitter) is an official account.")
    expect(check_account(page, "@Northwind_Help_Desk")).to_have_text(
        "@Northwind_Help_Desk is not one of our accounts."
    )
    assert_accessible(page)
    shot(page, JOURNEY, "03-account-check")
    # The paused Instagram account is not listed, so nobody may ask for it there.
    expect(page.get_by_role("link", name="@northwind.life")).to_have_count(0)
    expect(check_account(page, "https://www.instagram.com/northwind.life/")).to_contain_text(
        "was ours but is paused"
    )

    # 7. The request form: active accounts only, and for each only the roles it offers.
    page.goto("/my-access/")
    form = page.locator("form[data-access-request-form]")
    account = form.get_by_label("Account")
    labels = account.locator("option").all_inner_texts()
    assert not [label for label in labels if "northwind.life" in label], labels
    assert not [label for label in labels if "NorthwindSystemsOfficial" in label], labels
    channel = next(label for label in labels if label.startswith("@NorthwindSystemsTV"))
    account.select_option(label=channel)
    assert offered_roles(form) == ["publish", "manage"]
    expect(form.get_by_label("Role")).to_have_value("publish")
    brand = next(label for label in labels if label.startswith("@NorthwindSystems ·"))
    account.select_option(label=brand)
    assert offered_roles(form) == ["monitor", "publish", "manage"]
    assert_accessible(page)

    # The manager's team page (the employee manages Consumer Support) at 1366x900.
    page.goto("/my-team/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    shot(page, JOURNEY, "04-my-team")
    assert v.foreign_requests() == []


def progress_text(scope):
    return scope.locator(".progress-text").first.inner_text().strip()


def test_a_learner_who_takes_the_quiz_first_follows_the_outline_and_is_told_what_they_earned(
    visit,
):
    course = CoursePage.objects.get(slug=BASICS)
    lessons = list(course.lessons())
    assert len(lessons) >= 2, "The journey needs a course of two lessons or more."
    v = visit("desktop")
    page = v.page
    sign_in(page, "employee")
    LearningApi(v.context).accept_policy()

    # 5. The quiz may come first, and the course page says so plainly.
    page.goto(course.url)
    expect(page.locator(".quiz-rule")).to_contain_text(
        "You may take the quiz at any time, even before the lessons."
    )
    page.locator(".outline").get_by_role("link", name=re.compile("quiz", re.I)).click()
    answer(page, right=True)
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()

    # After the attempt: no "Enrol and start"; the course page and My learning agree.
    page.goto(course.url)
    expect(page.get_by_role("button", name="Enrol and start")).to_have_count(0)
    expected = f"0 of {len(lessons)} lessons done · quiz passed"
    assert progress_text(page.locator(".course-status")) == expected
    outline_quiz = page.locator(".outline li.outline-quiz")
    expect(outline_quiz).to_have_class(re.compile(r"\bis-done\b"))
    expect(outline_quiz).to_contain_text("Passed")
    shot(page, JOURNEY, "05-course-after-quiz")
    page.goto("/my-learning/")
    in_progress = page.locator("section", has=page.get_by_role("heading", name="In progress"))
    card = in_progress.locator("article, .card", has_text=course.title).first
    assert progress_text(card) == expected

    # 6. The lesson outline beside the lesson: where one is, what is done, the quiz passed.
    page.goto(course.url)
    page.get_by_role("link", name=f"Continue: {lessons[0].title}").click()
    side = page.locator("aside.course-outline-side")
    expect(side).to_be_visible()
    expect(page.locator("details.course-outline-compact")).to_be_hidden()
    expect(side.locator("li.is-current")).to_contain_text("Not done · you are here")
    expect(side.locator("li.outline-quiz")).to_contain_text("Passed")
    expect(page.get_by_role("link", name=re.compile(r"^Next:"))).to_have_count(0)
    assert_accessible(page)
    shot(page, JOURNEY, "06-lesson-outline")
    page.get_by_role("button", name="Mark as done and continue").click()
    expect(page).to_have_url(re.compile(re.escape(lessons[1].url) + "$"))
    expect(side.locator("li", has_text=lessons[0].title)).to_contain_text("Done")
    expect(side).to_contain_text(f"1 of {len(lessons)} lessons done")

    # Resume where I left off: from the home page and from the catalogue.
    resume = f"Resume where I left off in “{course.title}”"
    for address in ("/", "/courses/"):
        page.goto(address)
        page.get_by_role("link", name=resume).click()
        expect(page).to_have_url(re.compile(re.escape(lessons[1].url) + "$"))

    # 4. The last lesson done: the course announces the certificate, what it allows, what next.
    for _ in lessons[1:]:
        page.get_by_role("button", name=re.compile(r"^Mark as done")).click()
        page.wait_for_load_state()
    expect(page).to_have_url(re.compile(re.escape(course.url) + "$"))
    outcome = page.locator(".course-outcome")
    expect(outcome.get_by_role("heading", level=2)).to_have_text(
        f"What “{course.title}” earned you"
    )
    expect(outcome).to_contain_text(re.compile("Certificate held|Being issued"))
    expect(outcome).to_contain_text("Enthusiast")
    expect(outcome.get_by_role("heading", name="Next on the ladder: Professional")).to_be_visible()
    expect(page.locator(".outline li.outline-quiz")).to_contain_text("Passed")
    assert_accessible(page)
    shot(page, JOURNEY, "07-course-earned")

    # On a phone the outline folds away above the lesson and opens on demand.
    phone = visit("phone").page
    sign_in(phone, "employee")
    phone.goto(lessons[0].url)
    compact = phone.locator("details.course-outline-compact")
    expect(compact).to_be_visible()
    expect(phone.locator("aside.course-outline-side")).to_be_hidden()
    expect(compact.locator("nav")).to_be_hidden()
    compact.locator("summary").click()
    expect(compact.locator("li", has_text=lessons[0].title)).to_contain_text("Done")
    expect(compact.locator("li.outline-quiz")).to_contain_text("Passed")
    assert_accessible(phone)
    shot(phone, JOURNEY, "08-lesson-outline-phone")
    assert v.foreign_requests() == []
