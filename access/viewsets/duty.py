"""The duty rota in the admin: who is on listening and triage duty for which account, when.

The social media team (permission `access.manage_duty`) schedules on the accounts it covers:
the accounts they own, or every account for staff; superusers everywhere. Every change goes
through `access.services.duty`, which checks the slot (certified person, not in the past, no
overlap) under a lock on the account and sends the webhooks.
"""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from access.models import DutyKind, DutySlot
from access.services import duty as duty_services
from access.services.errors import AccessError
from lms.admin_views import MomentColumn
from lms.people import display_name


class DutyPermissionPolicy(ModelPermissionPolicy):
    """Those who may schedule duty (`may_schedule`) see and change the slots of the accounts
    they schedule on; nobody else sees the rota in the admin."""

    def user_has_permission(self, user, action):
        return action in {"add", "change", "delete", "view"} and duty_services.may_schedule(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and duty_services.may_schedule(
            user, instance.account
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return DutySlot.objects.none()
        return DutySlot.objects.filter(account__in=duty_services.schedulable_accounts(user))


register_permission_policy(DutySlot, DutyPermissionPolicy(DutySlot), exact_class=True)


def _accounts(request):
    user = request.user if request else None
    return duty_services.schedulable_accounts(user).order_by("platform", "handle")


class WeekFilter(django_filters.DateFilter):
    """The slots that overlap the week (Monday to Sunday) holding the chosen day."""

    def filter(self, qs, value):
        if not value:
            return qs
        monday = value - datetime.timedelta(days=value.weekday())
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
        return qs.filter(starts_at__lt=start + datetime.timedelta(days=7), ends_at__gt=start)


class DutySlotFilterSet(WagtailFilterSet):
    account = django_filters.ModelChoiceFilter(queryset=_accounts, label=gettext_lazy("Account"))
    kind = django_filters.ChoiceFilter(choices=DutyKind.choices, label=gettext_lazy("Duty"))
    week = WeekFilter(
        label=gettext_lazy("Week of"),
        widget=AdminDateInput,
        help_text=gettext_lazy("Slots that run during the week (Monday to Sunday) of this day."),
    )

    class Meta:
        model = DutySlot
        fields = ["account", "kind", "week"]


class DutySlotForm(WagtailAdminModelForm):
    """The slot, with the person given by e-mail address (an organisation has too many people
    for a list); `access.services.duty` says what is wrong with it."""

    person_email = forms.EmailField(
        label=gettext_lazy("Person on duty"),
        help_text=gettext_lazy(
            "Their e-mail address. They need an active grant on the account, or a valid "
            "certificate of the program its highest role requires."
        ),
    )

    class Meta:
        model = DutySlot
        fields = ["account", "kind", "starts_at", "ends_at", "note"]
        widgets = {"starts_at": AdminDateTimeInput, "ends_at": AdminDateTimeInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = duty_services.schedulable_accounts(self.for_user)
        self.fields["account"].queryset = accounts.order_by("platform", "handle")
        self.order_fields(["account", "kind", "person_email", "starts_at", "ends_at", "note"])
        if self.instance.pk:
            self.instance.loaded_starts_at = self.instance.starts_at
            self.initial.setdefault("person_email", self.instance.person.email)

    def clean_person_email(self):
        email = self.cleaned_data["person_email"].strip()
        people = list(get_user_model().objects.filter(email__iexact=email)[:2])
        if len(people) != 1:
            raise forms.ValidationError(
                _("Nobody has the e-mail address %(email)s.") % {"email": email}
                if not people
                else _("Several people have this e-mail address: ask an administrator.")
            )
        return people[0]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            duty_services.validate_slot(
                account=cleaned.get("account"),
                kind=cleaned.get("kind"),
                person=cleaned.get("person_email"),
                starts_at=cleaned.get("starts_at"),
                ends_at=cleaned.get("ends_at"),
                by=self.for_user,
                existing=self.instance if self.instance.pk else None,
            )
        except duty_services.DutyError as exc:
            field = "person_email" if exc.field == "person" else exc.field
            self.add_error(field, exc.message)
        except AccessError as exc:
            self.add_error("account", exc.message)
        return cleaned


class ScheduleMixin:
    """Create and edit save through the service, which checks again under the account's lock:
    a slot someone else scheduled in the meantime shows as an error on the form."""

    def save_instance(self):
        data = self.form.cleaned_data
        existing = self.form.instance if self.form.instance.pk else None
        return duty_services.schedule_duty(
            account=data["account"],
            kind=data["kind"],
            person=data["person_email"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            note=data.get("note", ""),
            by=self.request.user,
            slot=existing,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except duty_services.DutyError as exc:
            form.add_error("person_email" if exc.field == "person" else exc.field, exc.message)
        except AccessError as exc:
            form.add_error(None, exc.message)
        return self.form_invalid(form)


class DutySlotCreateView(ScheduleMixin, CreateView):
    pass


class DutySlotEditView(ScheduleMixin, EditView):
    pass


class DutySlotDeleteView(DeleteView):
    """Cancelling a slot that has not ended (the webhook says so); an ended one stays."""

    def delete_action(self):
        duty_services.cancel_duty(self.object, by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AccessError as exc:
            messages.error(self.request, exc.message)
            return redirect("access_duty:index")


def person_name(slot):
    return display_name(slot.person)


class DutySlotViewSet(ModelViewSet):
    model = DutySlot
    icon = "time"
    menu_label = gettext_lazy("Duty rota")
    add_to_admin_menu = False
    add_view_class = DutySlotCreateView
    edit_view_class = DutySlotEditView
    delete_view_class = DutySlotDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = DutySlotFilterSet
    ordering = ["starts_at"]
    list_display = [
        Column("account", label=gettext_lazy("Account")),
        Column("kind", label=gettext_lazy("Duty"), accessor="get_kind_display"),
        Column("person", label=gettext_lazy("Person"), accessor=person_name),
        MomentColumn("starts_at", label=gettext_lazy("Starts")),
        MomentColumn("ends_at", label=gettext_lazy("Ends")),
        "note",
    ]
    list_export = ["account", "kind", "person", "starts_at", "ends_at", "note"]
    export_filename = "duty-rota"

    def get_form_class(self, for_update=False):
        return DutySlotForm

    def get_queryset(self, request):
        return DutySlot.objects.filter(
            account__in=duty_services.schedulable_accounts(request.user)
        ).select_related("account", "person")
