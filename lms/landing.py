"""Where a person lands after signing in: where their work is, unless they asked for a page.

The site's LOGIN_REDIRECT_URL names the view below ("academy_after_sign_in"); Django's LoginView
follows an explicit ``?next=`` itself and comes here otherwise. Each app says where its people
work through the ``academy_landing_page`` hook, ``fn(user) -> URL | None``; the first answer in
hook order wins (courses: editors to the admin dashboard; reporting: HR to the completion
report), and everyone else goes to the home page. A host changes it by registering the hook with
a lower ``order=``, or by pointing LOGIN_REDIRECT_URL elsewhere.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks

from lms.hooks import LANDING_PAGE


def home_url():
    try:
        return reverse("wagtail_serve", args=[""])
    except NoReverseMatch:
        return "/"


def landing_url(user):
    """The first address an ``academy_landing_page`` hook gives for `user`, or the home page."""
    for hook in hooks.get_hooks(LANDING_PAGE):
        url = hook(user)
        if url:
            return url
    return home_url()


@login_required
def after_sign_in(request):
    """LOGIN_REDIRECT_URL: a safe ``?next=`` if one came this far, else the person's landing."""
    wanted = request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(wanted)
    return redirect(landing_url(request.user))


urlpatterns = [path("signed-in/", after_sign_in, name="academy_after_sign_in")]
