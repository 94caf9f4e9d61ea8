"""The plugin's URLs: a host includes them once, before Wagtail's page tree::

    path("", include("lms.urls")),

They are the JSON API under /api/v1/, "Your settings" (/my-settings/, lms.account_views) and
each app's site pages (my learning, certificates, verification, official accounts, my team),
which the apps add with the ``register_academy_urls`` hook; the course pages themselves are
Wagtail pages in the host's tree.
"""

from django.urls import include, path
from wagtail import hooks

from lms import hooks as academy_hooks
from lms.api.fallback import not_found
from lms.api.main import mount_app_routers

api = mount_app_routers()

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", not_found),
    path("", include("lms.account_views")),
]
for hook in hooks.get_hooks(academy_hooks.SITE_URLS):
    urlpatterns.append(path("", include(hook())))
