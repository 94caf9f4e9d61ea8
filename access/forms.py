"""Forms of the access pages and of the access and webhook admin screens."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from access.models import AccountRole, RoleName, SocialAccount


class AccountWithRolesSelect(forms.Select):
    """Each account's option says which roles it offers (`data-roles`), so the page offers only
    those (access/request-form.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        account = getattr(value, "instance", None)
        if account is not None:
            option["attrs"]["data-roles"] = " ".join(role.role for role in account.roles.all())
        return option


class RequestableAccountField(forms.ModelChoiceField):
    """Offers the accounts that take requests (the active ones, as the public list shows them),
    each with the roles it offers. Any account is accepted, so that a paused or retired one (a
    stale page, a hand-made form) is refused by `request_access` with a message saying why."""

    widget = AccountWithRolesSelect

    def __init__(self, **kwargs):
        roles = AccountRole.objects.order_by("sort_order", "pk")
        offers_a_role = Exists(AccountRole.objects.filter(account=OuterRef("pk")))
        super().__init__(
            queryset=SocialAccount.objects.listed()
            .filter(offers_a_role)
            .prefetch_related(Prefetch("roles", roles)),
            **kwargs,
        )

    def label_from_instance(self, account):
        roles = ", ".join(role.get_role_display().lower() for role in account.roles.all())
        return _("%(handle)s · %(platform)s (%(name)s): %(roles)s") % {
            "handle": account.display_handle,
            "platform": account.get_platform_display(),
            "name": account.name,
            "roles": roles,
        }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        try:
            if not (value.isascii() and value.isdigit() and len(value) <= 18):
                raise ValueError(value)  # ids are 64-bit: a longer number names no account
            return SocialAccount.objects.get(pk=int(value))
        except (ValueError, SocialAccount.DoesNotExist):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class AccessRequestForm(forms.Form):
    """An employee asks for a role on an account (from /my-access/ or an account's button)."""

    account = RequestableAccountField(
        label=_("Account"),
        empty_label=_("Choose an account"),
        error_messages={
            "required": _("Choose an account."),
            "invalid_choice": _("Choose one of the official accounts in the list."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=RoleName.choices,
        widget=forms.Select(attrs={"aria-describedby": "role-hint"}),
        help_text=_("Only the roles the chosen account offers can be granted."),
        error_messages={
            "required": _("Choose a role."),
            "invalid_choice": _("Choose a role: monitor, publish or manage."),
        },
    )
    note = forms.CharField(
        label=_("Why do you need it? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
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
