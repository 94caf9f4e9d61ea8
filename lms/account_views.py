"""/my-settings/ ("Your settings"): what a signed-in person chooses for themselves, for now the
time zone their dates and times are shown in (lms.time_zones)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from lms.time_zones import (
    available_time_zones,
    chosen_time_zone_name,
    set_time_zone,
    site_time_zone,
)


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Time zone",
        error_messages={
            "required": "Choose a time zone.",
            "invalid_choice": "“%(value)s” is not a time zone we know: choose one from the list.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = site_time_zone().key
        field = self.fields["time_zone"]
        field.choices = [(name, name) for name in available_time_zones()]
        field.help_text = (
            f"Dates and times on this site and in the e-mails you get are shown in this zone. "
            f"Until you choose, it is the site's: {site}."
        )


@login_required
def your_settings(request):
    current = chosen_time_zone_name(request.user) or site_time_zone().key
    status = 200
    if request.method == "POST":
        form = TimeZoneForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["time_zone"]
            set_time_zone(request.user, name, request=request)
            messages.success(request, f"Saved: times are now shown in {name}.")
            return redirect("lms:settings")
        status = 400
    else:
        form = TimeZoneForm(initial={"time_zone": current})
    context = {"form": form, "current_time_zone": current, "now": timezone.now()}
    return render(request, "lms/your_settings.html", context, status=status)


app_name = "lms"

urlpatterns = [
    path("my-settings/", your_settings, name="settings"),
]
