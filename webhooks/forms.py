"""The admin form of a webhook endpoint."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from webhooks.models import WebhookEndpoint, new_webhook_secret
from webhooks.registry import subscribable_events


class WebhookEndpointForm(WagtailAdminModelForm):
    """Endpoints are registered with a secret; it is stored encrypted and never shown again."""

    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=subscribable_events,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The event types this endpoint receives."),
    )
    secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Receivers verify X-Signature with it. Copy it now: it is stored encrypted and "
            "never shown again. On an existing endpoint, leave empty to keep the current one."
        ),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["secret"].initial = new_webhook_secret()
            self.fields["secret"].required = True
            self.fields["events"].initial = [value for value, _label in subscribable_events()]
        else:
            self.fields["secret"].help_text = _(
                "The current secret ends with “%(hint)s”. Leave empty to keep it; type a new one "
                "to rotate it (update the receivers too)."
            ) % {"hint": self.instance.secret_hint}

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Use an http:// or https:// address."))
        return url

    def clean_secret(self):
        secret = self.cleaned_data["secret"].strip()
        if secret and len(secret) < 16:
            raise forms.ValidationError(_("Use at least 16 characters."))
        return secret

    def save(self, commit=True):
        secret = self.cleaned_data.get("secret")
        if secret:
            self.instance.set_secret(secret)
        self.instance.events = list(self.cleaned_data["events"])
        user = getattr(self, "for_user", None)
        if self.instance.pk is None and user is not None and user.is_authenticated:
            self.instance.created_by = user
        return super().save(commit=commit)
