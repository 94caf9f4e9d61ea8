"""Site pages of this app."""

urlpatterns = []
