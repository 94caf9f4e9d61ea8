"""Forms of the access pages and of the access and webhook admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from access.models import AccountStatus, RoleName, SocialAccount


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
