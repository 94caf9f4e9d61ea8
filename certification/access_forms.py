"""Forms of the access pages and of the access and webhook admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import (
    SUBSCRIBABLE_EVENTS,
    AccountStatus,
    RoleName,
    SocialAccount,
    WebhookEndpoint,
)
from .models.webhooks import new_webhook_secret


class AccessRequestForm(forms.Form):
    """An employee asks for a role on an account (from /my-access/ or an account's button)."""

    account = forms.ModelChoiceField(
        label=_("Account"),
        queryset=SocialAccount.objects.exclude(status=AccountStatus.RETIRED).order_by(
            "platform", "handle"
        ),
        empty_label=_("Choose an account"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=RoleName.choices)
    note = forms.CharField(
        label=_("Why do you need it? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].label_from_instance = lambda a: (
            f"{a.display_handle} · {a.get_platform_display()} ({a.name})"
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: grant the role")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject; kept in the audit log and shown to the requester."),
    )


class RetireAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Retire the account and revoke every grant on it"),
        help_text=_("The account leaves the public list; its owners keep the history."),
    )


class RevokeGrantForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log and sent to webhook receivers."),
    )


class WebhookEndpointForm(WagtailAdminModelForm):
    """Endpoints are registered with a secret; it is stored encrypted and never shown again."""

    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=SUBSCRIBABLE_EVENTS,
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
            self.fields["events"].initial = [value for value, _label in SUBSCRIBABLE_EVENTS]
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
