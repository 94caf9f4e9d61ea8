"""The names of the plugin's own ``wagtail.hooks``: how a higher app adds to a lower one.

- ``academy_dashboard_panel``: ``fn(user) -> dict | None``, a panel of the site's home page
  (``template`` key plus its context); ``order=`` places it.
- ``register_academy_api_router``: ``fn() -> ninja.Router``, mounted under /api/v1/.
- ``register_academy_urls``: ``fn() -> urls module`` (or list), included by ``lms.urls``.
- ``academy_setup``: ``fn(stdout)``, one step of ``manage.py academy_setup``; ``order=`` places it.
- ``academy_group_permissions``: ``fn() -> {group name: [(app label, codename), ...]}``, the
  rights an app gives the groups ``academy_setup`` makes (HR, the social media team).
- ``academy_due_items`` (courses): ``fn(user) -> [DueItem]``, what a person must finish by a date.
- ``academy_course_outcome``: ``fn(user, course) -> dict | None``, what completing a course
  brought a person (certificates held or being issued, the next step), shown on the course page
  and the quiz result once the course is completed (``template`` key plus its context).
- ``academy_landing_page``: ``fn(user) -> URL | None``, where a person lands after signing in
  without asking for a page (``lms.landing``); the first answer in ``order=`` wins, the home
  page otherwise.
"""

DASHBOARD_PANEL = "academy_dashboard_panel"
API_ROUTER = "register_academy_api_router"
SITE_URLS = "register_academy_urls"
SETUP = "academy_setup"
GROUP_PERMISSIONS = "academy_group_permissions"
COURSE_OUTCOME = "academy_course_outcome"
LANDING_PAGE = "academy_landing_page"
