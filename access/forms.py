"""Forms of the access pages and of the access and webhook admin screens."""

from django import forms
from django.contrib.auth import get_user_model
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


# --- Champions ---------------------------------------------------------------------------------


class DepartmentChoiceField(forms.ModelChoiceField):
    """Departments in tree order, each indented under its parent."""

    def label_from_instance(self, department):
        return "— " * (department.depth - 1) + department.name


class SelfNominationForm(forms.Form):
    """An employee offers to be the champion of their department (or one above it)."""

    department = DepartmentChoiceField(
        queryset=None,
        label=_("Department"),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose your department or one above it.")},
    )
    note = forms.CharField(
        label=_("Why you? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "nomination-note-hint"}),
        help_text=_("The social media team reads this before approving."),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        field.queryset = departments
        # A handful of rows, read once for the options (the widget would read them again).
        field.choices = [(d.pk, field.label_from_instance(d)) for d in departments]


class NominateChampionForm(forms.Form):
    """HR or the social media team names a champion (admin)."""

    department = DepartmentChoiceField(
        queryset=None,
        label=_("Department"),
        error_messages={"invalid_choice": _("Choose one of the departments in the list.")},
    )
    email = forms.EmailField(
        label=_("The champion's e-mail address"),
        max_length=254,
        help_text=_("An employee of the department or of one under it."),
    )
    note = forms.CharField(
        label=_("Why them? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments.order_by("path")

    def clean(self):
        cleaned = super().clean()
        department, email = cleaned.get("department"), cleaned.get("email")
        if department is None or not email:
            return cleaned
        person = (
            get_user_model()
            .objects.filter(
                email__iexact=email,
                employee__active=True,
                employee__department__path__startswith=department.path,
            )
            .first()
        )
        if person is None:
            self.add_error(
                "email", _("Nobody with this e-mail address works in the chosen department.")
            )
        cleaned["person"] = person
        return cleaned


class EndChampionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log and sent to webhook receivers."),
    )
