"""Admin screens of the manual lifecycle actions: extend and reinstate (from a certificate),
grant an exemption and reset a person's quiz attempts (from the lifecycle log), and the log
itself. Staff with `certification.manage_certificate_lifecycle` act on anyone; a scoped HR user
only on the people of their departments (anyone else is "not found")."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from certification import learning
from certification.models import (
    Certificate,
    CertificateStatus,
    LifecycleAction,
    LifecycleEvent,
    Program,
)
from certification.services import lifecycle
from certification.services.revocation import MAX_REASON_LENGTH
from lms.admin_views import MomentColumn, ObjectFormView, ServiceMadeViewSet
from lms.people import display_name

LOG_INDEX = "certification_lifecycle:index"


# Forms ------------------------------------------------------------------------------------------


def reason_field(help_text=None):
    return forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text or gettext_lazy("Required; kept in the lifecycle log."),
    )


class ReasonForm(forms.Form):
    reason = reason_field()


class UntilForm(ReasonForm):
    until = forms.DateField(
        label=gettext_lazy("Valid until"),
        widget=AdminDateInput,
        help_text=gettext_lazy("The last day it counts (at most five years ahead)."),
    )
    field_order = ["until", "reason"]


class PersonField(forms.CharField):
    """An employee id, found only inside the acting user's HR scope."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Employee id"))
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)


def find_person(user, employee_id):
    """The person with this employee id whom `user` may act for, or None."""
    condition = lifecycle.people_in_scope(user)
    people = get_user_model().objects.filter(employee__employee_id=(employee_id or "").strip())
    if condition is not None:
        people = people.filter(condition)
    return people.select_related("employee__department").first()


class PersonForm(forms.Form):
    employee_id = PersonField()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_employee_id(self):
        person = find_person(self.user, self.cleaned_data["employee_id"])
        if person is None:
            raise forms.ValidationError(_(lifecycle.NO_PERSON))
        self.person = person
        return self.cleaned_data["employee_id"]


class ExemptionForm(PersonForm, UntilForm):
    program = forms.ModelChoiceField(
        queryset=Program.objects.order_by("tier", "name"), label=gettext_lazy("Program")
    )
    field_order = ["employee_id", "program", "until", "reason"]


class ResetAttemptsForm(ReasonForm):
    quiz = forms.TypedChoiceField(label=gettext_lazy("Quiz"), coerce=int)
    field_order = ["quiz", "reason"]

    def __init__(self, *args, quizzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.quizzes = {quiz.pk: quiz for quiz in quizzes}
        self.fields["quiz"].choices = [
            (
                quiz.pk,
                _("%(quiz)s (%(n)d attempts)") % {"quiz": quiz.title, "n": quiz.attempts_used},
            )
            for quiz in quizzes
        ]


# Views ------------------------------------------------------------------------------------------


def may_manage(user):
    return lifecycle.can_manage_lifecycle(user)


def service_refused(view, form, exc):
    """A lifecycle refusal: under the field at fault, else a message above the form."""
    if exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        messages.error(view.request, exc.message)
    return view.form_invalid(form)


class CertificateActionView(ObjectFormView):
    """A lifecycle action on one certificate; outside the user's scope it does not exist."""

    model = Certificate
    index_url_name = "certification_certificates:index"
    summary_template = "certification/admin/lifecycle_certificate_summary.html"

    def has_permission(self, request):
        return may_manage(request.user)

    def get_queryset(self):
        certificates = Certificate.objects.select_related("holder", "program")
        condition = lifecycle.people_in_scope(self.request.user)
        return (
            certificates
            if condition is None
            else certificates.filter(holder__in=_people(condition))
        )

    def done(self, text):
        messages.success(self.request, text)
        return redirect("certification_certificates:inspect", self.object.pk)


def _people(condition):
    return get_user_model().objects.filter(condition).values("pk")


class ExtendView(CertificateActionView):
    form_class = UntilForm
    page_title = gettext_lazy("Extend certificate")
    header_icon = "date"
    submit_button_label = gettext_lazy("Extend")

    def get_initial(self):
        return {"until": timezone.localtime(self.object.expires_at).date()}

    def form_valid(self, form):
        try:
            lifecycle.extend_certificate(
                self.object,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
                by=self.request.user,
            )
        except lifecycle.LifecycleError as exc:
            return service_refused(self, form, exc)
        return self.done(
            _("Certificate %(serial)s of %(holder)s now runs until %(date)s.")
            % {
                "serial": self.object.serial,
                "holder": self.object.holder_name,
                "date": lifecycle.local_date(self.object.expires_at),
            }
        )


class ReinstateView(CertificateActionView):
    form_class = ReasonForm
    page_title = gettext_lazy("Reinstate certificate")
    header_icon = "undo"
    submit_button_label = gettext_lazy("Reinstate")

    def form_valid(self, form):
        try:
            lifecycle.reinstate_certificate(
                self.object, reason=form.cleaned_data["reason"], by=self.request.user
            )
        except lifecycle.LifecycleError as exc:
            return service_refused(self, form, exc)
        return self.done(
            _("Certificate %(serial)s of %(holder)s is valid again.")
            % {"serial": self.object.serial, "holder": self.object.holder_name}
        )


class ExemptionView(ObjectFormView):
    model = LifecycleEvent
    form_class = ExemptionForm
    page_title = gettext_lazy("Grant an exemption")
    header_icon = "pick"
    index_url_name = LOG_INDEX
    summary_template = "certification/admin/exemption_summary.html"
    submit_button_label = gettext_lazy("Grant exemption")

    def has_permission(self, request):
        return may_manage(request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            event = lifecycle.grant_exemption(
                form.person,
                data["program"],
                until=data["until"],
                reason=data["reason"],
                by=self.request.user,
            )
        except lifecycle.LifecycleError as exc:
            return service_refused(self, form, exc)
        messages.success(
            self.request,
            _("%(name)s counts as certified in %(program)s until %(date)s (exemption).")
            % {
                "name": display_name(form.person),
                "program": data["program"].name,
                "date": lifecycle.local_date(event.certificate.expires_at),
            },
        )
        return redirect(LOG_INDEX)


class ChoosePersonView(WagtailAdminTemplateMixin, FormView):
    """Whose quiz attempts to reset: an employee id, then that person's quizzes."""

    form_class = PersonForm
    template_name = "lms/admin/object_form.html"
    page_title = gettext_lazy("Reset quiz attempts")
    header_icon = "rotate"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Next"),
            breadcrumbs_items=[
                *self.breadcrumbs_items,
                {"url": reverse(LOG_INDEX), "label": _("Lifecycle log")},
                {"url": "", "label": self.get_page_title()},
            ],
            header_title=self.get_page_title(),
        )
        return context

    def form_valid(self, form):
        return redirect("certification_lifecycle:reset_attempts", form.person.pk)


class ResetAttemptsView(ObjectFormView):
    """One person's quizzes with attempts that count; the chosen one's are archived."""

    form_class = ResetAttemptsForm
    page_title = gettext_lazy("Reset quiz attempts")
    header_icon = "rotate"
    index_url_name = LOG_INDEX
    index_label = gettext_lazy("Lifecycle log")
    summary_template = "certification/admin/reset_attempts_summary.html"
    submit_button_label = gettext_lazy("Reset attempts")

    @property
    def model(self):
        return get_user_model()

    def has_permission(self, request):
        return may_manage(request.user)

    def get_queryset(self):
        people = get_user_model().objects.select_related("employee__department")
        condition = lifecycle.people_in_scope(self.request.user)
        return people if condition is None else people.filter(condition)

    def get_page_subtitle(self):
        return display_name(self.object)

    @cached_property
    def quizzes(self):
        return learning.attempted_quizzes(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "quizzes": self.quizzes}

    def get_extra_context(self):
        return {"person": self.object, "person_name": display_name(self.object)}

    def form_valid(self, form):
        quiz = form.quizzes[form.cleaned_data["quiz"]]
        try:
            event = lifecycle.reset_quiz_attempts(
                self.object, quiz, reason=form.cleaned_data["reason"], by=self.request.user
            )
        except lifecycle.LifecycleError as exc:
            return service_refused(self, form, exc)
        messages.success(
            self.request,
            _("%(n)d attempts of %(name)s at “%(quiz)s” were reset; they may try again.")
            % {
                "n": event.details["attempts"],
                "name": display_name(self.object),
                "quiz": quiz.title,
            },
        )
        return redirect(LOG_INDEX)


# The log ----------------------------------------------------------------------------------------


class LifecycleEventPolicy(ModelPermissionPolicy):
    """The log is read by whoever may act on the lifecycle (or has the model's view right);
    a scoped HR user reads the events of the people in their departments. Nobody edits it."""

    def __init__(self, model=LifecycleEvent, **kwargs):
        super().__init__(model, **kwargs)

    def user_has_permission(self, user, action):
        if action != "view" or not (user.is_active and user.is_authenticated):
            return False
        return may_manage(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _scoped(self, user, queryset):
        condition = lifecycle.people_in_scope(user)
        if condition is None:
            return queryset
        return queryset.filter(subject__in=_people(condition))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            self._scoped(user, LifecycleEvent.objects.filter(pk=instance.pk)).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return LifecycleEvent.objects.none()
        return self._scoped(user, LifecycleEvent.objects.all())

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()


register_permission_policy(LifecycleEvent, LifecycleEventPolicy(LifecycleEvent), exact_class=True)


class LifecycleEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        choices=LifecycleAction.choices, label=gettext_lazy("Action")
    )
    person = django_filters.CharFilter(
        label=gettext_lazy("Person"),
        method="filter_person",
        help_text=gettext_lazy("Name, e-mail or employee id."),
    )

    class Meta:
        model = LifecycleEvent
        fields = ["action"]

    def filter_person(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(subject__email__icontains=value)
            | Q(subject__first_name__icontains=value)
            | Q(subject__last_name__icontains=value)
            | Q(subject__employee__employee_id=value)
        )


class LifecycleIndexView(IndexView):
    def get_base_queryset(self):
        events = super().get_base_queryset().select_related("actor", "subject", "certificate")
        return LifecycleEventPolicy()._scoped(self.request.user, events.select_related("program"))

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_manage(self.request.user):
            buttons += [
                HeaderButton(
                    _("Grant an exemption"),
                    url=reverse("certification_lifecycle:exemption"),
                    icon_name="pick",
                ),
                HeaderButton(
                    _("Reset quiz attempts"),
                    url=reverse("certification_lifecycle:choose_person"),
                    icon_name="rotate",
                ),
            ]
        return buttons


class LifecycleInspectView(InspectView):
    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        if not LifecycleEventPolicy().user_has_permission_for_instance(
            self.request.user, "view", event
        ):
            raise PermissionDenied
        return event


def _subject(event):
    return display_name(event.subject) if event.subject_id else ""


def _actor(event):
    return display_name(event.actor) if event.actor_id else _("System")


def _serial(event):
    return event.certificate.serial if event.certificate_id else ""


class LifecycleEventViewSet(ServiceMadeViewSet):
    model = LifecycleEvent
    icon = "history"
    menu_label = gettext_lazy("Lifecycle log")
    add_to_admin_menu = False
    index_view_class = LifecycleIndexView
    inspect_view_class = LifecycleInspectView
    filterset_class = LifecycleEventFilterSet
    ordering = ["-at", "-pk"]
    list_display = [
        MomentColumn("at", label=gettext_lazy("When")),
        Column("get_action_display", label=gettext_lazy("Action")),
        Column("subject_name", label=gettext_lazy("Person"), accessor=_subject),
        Column("certificate", label=gettext_lazy("Certificate"), accessor=_serial),
        Column("actor_name", label=gettext_lazy("By"), accessor=_actor),
        Column("reason", label=gettext_lazy("Reason")),
    ]
    inspect_view_fields = [
        "at",
        "action",
        "actor",
        "subject",
        "certificate",
        "program",
        "reason",
        "details",
    ]

    def get_extra_urlpatterns(self):
        return [
            path("exemption/", ExemptionView.as_view(), name="exemption"),
            path("reset-attempts/", ChoosePersonView.as_view(), name="choose_person"),
            path("reset-attempts/<int:pk>/", ResetAttemptsView.as_view(), name="reset_attempts"),
        ]


# Buttons on a certificate's inspect page --------------------------------------------------------


def certificate_buttons(user, certificate):
    """(label, URL name, icon) of the lifecycle actions this certificate allows now."""
    if not may_manage(user):
        return []
    buttons = []
    status = certificate.current_status
    if status in (CertificateStatus.VALID, CertificateStatus.EXPIRED):
        buttons.append((_("Extend"), "certification_certificates:extend", "date"))
    if status == CertificateStatus.REVOKED and certificate.expires_at > timezone.now():
        buttons.append((_("Reinstate"), "certification_certificates:reinstate", "undo"))
    return buttons


def certificate_urlpatterns():
    return [
        path("extend/<int:pk>/", ExtendView.as_view(), name="extend"),
        path("reinstate/<int:pk>/", ReinstateView.as_view(), name="reinstate"),
    ]
