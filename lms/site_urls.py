"""Site pages of the lms app (HR pages live in the Wagtail admin)."""

urlpatterns = []
