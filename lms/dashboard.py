"""What the home page tells a signed-in person to do next.

Each app adds panels with the ``academy_dashboard_panel`` hook, so the home page knows nothing
of courses or certificates. A hook takes the user and returns a dict with a ``template`` key (or
None to show nothing); ``order`` places it::

    @hooks.register("academy_dashboard_panel", order=10)
    def next_steps(user):
        return {"template": "courses/dashboard_panel.html", ...}
"""

from wagtail import hooks

from lms.hooks import DASHBOARD_PANEL


def dashboard_for(user):
    if not user.is_authenticated:
        return []
    panels = []
    for provider in hooks.get_hooks(DASHBOARD_PANEL):
        panel = provider(user)
        if panel:
            panels.append(panel)
    return panels
