"""Official social accounts, the roles they offer, requests and grants, and the audit log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from access.signals import account_retired
from certification.models.certificates import valid_q
from lms.people import display_name


class Platform(models.TextChoices):
    X = "x", _("X")
    LINKEDIN = "linkedin", _("LinkedIn")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    BLOG = "blog", _("Blog")
    OTHER = "other", _("Other")


#: How pages name a platform where its short name alone could be misread: a lone "X" beside a
#: handle looks like a close button.
PLATFORM_LABELS = {Platform.X: _("X (Twitter)")}


def platform_label(value):
    """The platform's name as pages show it beside a handle ("X (Twitter)", "LinkedIn")."""
    if value in PLATFORM_LABELS:
        return PLATFORM_LABELS[value]
    return Platform(value).label if value in Platform.values else value


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    RETIRED = "retired", _("Retired")


class RoleName(models.TextChoices):
    """What a person may do on an account, from least to most."""

    MONITOR = "monitor", _("Monitor")
    PUBLISH = "publish", _("Publish")
    MANAGE = "manage", _("Manage")


#: Platforms whose handles people write with a leading @.
AT_PLATFORMS = {Platform.X, Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE}


def normalize_handle(value):
    """'@NorthwindSystems ' -> 'NorthwindSystems': handles are kept without the @."""
    return (value or "").strip().lstrip("@").strip()


class SocialAccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=AccountStatus.ACTIVE)

    def listed(self):
        """What the public page shows: accounts the company speaks through today."""
        return self.active().order_by("platform", Lower("handle"))

    def owned_by(self, user):
        return self.filter(owners=user)

    def update(self, **kwargs):
        """A bulk update that retires accounts retires them properly.

        `SocialAccount.save()` revokes the grants of an account that becomes retired; a plain
        UPDATE would skip that and leave grants (and pending requests) on a dead account. So an
        update that sets the status to retired saves each account that was not retired yet, one
        by one in one transaction, with the audit entry, and then updates the rest.
        """
        if kwargs.get("status") != AccountStatus.RETIRED:
            return super().update(**kwargs)
        rest = {name: value for name, value in kwargs.items() if name != "status"}
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            chosen = self.model.objects.using(self.db).filter(pk__in=pks)
            for account in chosen.exclude(status=AccountStatus.RETIRED).order_by("pk"):
                account._retire_reason = str(_("Retired by a bulk update"))
                account.status = AccountStatus.RETIRED
                account.save(update_fields=["status", "retired_at"])
            if rest:
                chosen.update(**rest)
        return len(pks)


class SocialAccount(ClusterableModel):
    """An official account of the company on a social platform."""

    name = models.CharField(
        _("name"), max_length=150, help_text=_("How the account is presented, e.g. 'Northwind'.")
    )
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    handle = models.CharField(
        _("handle"),
        max_length=100,
        help_text=_("The account's name on the platform, without the @. Unique per platform."),
    )
    url = models.URLField(_("address"), max_length=500)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown on the public list of official accounts.")
    )
    department = models.ForeignKey(
        "lms.Department",
        on_delete=models.PROTECT,
        related_name="social_accounts",
        verbose_name=_("owning department"),
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_social_accounts",
        verbose_name=_("owners"),
        help_text=_("They decide on access requests and can revoke access."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    sunset_date = models.DateField(
        _("sunset date"),
        null=True,
        blank=True,
        help_text=_("When the account is planned to be retired, if it is."),
    )
    requires_approval = models.BooleanField(
        _("requires approval"),
        default=False,
        help_text=_("Every request waits for an owner's decision, even from certified people."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)

    objects = SocialAccountQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("platform"), FieldPanel("handle")]),
                FieldPanel("name"),
                FieldPanel("url"),
                FieldPanel("description"),
            ],
            heading=_("Account"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldPanel("owners"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("sunset_date")]),
                FieldPanel("requires_approval"),
            ],
            heading=_("Ownership and status"),
        ),
        InlinePanel(
            "roles",
            heading=_("Roles offered"),
            label=_("role"),
            help_text=_("Each role names the certification program a person needs for it."),
        ),
    ]

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_socialaccount"
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(
                Lower("handle"), "platform", name="socialaccount_unique_handle_per_platform"
            ),
        ]

    def __str__(self):
        return f"{self.display_handle} ({self.get_platform_display()})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        super().clean()
        self.handle = normalize_handle(self.handle)
        if not self.handle:
            raise ValidationError({"handle": _("Give the account's handle.")})
        clash = SocialAccount.objects.filter(
            platform=self.platform, handle__iexact=self.handle
        ).exclude(pk=self.pk)
        if self.platform and clash.exists():
            raise ValidationError(
                {"handle": _("This platform already has an official account with that handle.")}
            )

    def save(self, *args, **kwargs):
        """Saving an account as retired revokes every grant on it, in the same transaction
        (the `account_retired` signal, which access.receivers follows)."""
        self.handle = normalize_handle(self.handle)
        becomes_retired = self.status == AccountStatus.RETIRED and (
            getattr(self, "_loaded_status", None) != AccountStatus.RETIRED
        )
        if self.status != AccountStatus.RETIRED:
            self.retired_at = None
        elif becomes_retired and self.retired_at is None:
            self.retired_at = timezone.now()
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if becomes_retired:
                account_retired.send(
                    sender=SocialAccount, account=self, actor=getattr(self, "_actor", None)
                )
        self._loaded_status = self.status

    @property
    def is_active(self):
        return self.status == AccountStatus.ACTIVE

    @property
    def roles_export(self):
        return "; ".join(f"{r.role}: {r.program.name}" for r in self.roles.all())

    @property
    def owners_export(self):
        return "; ".join(u.email for u in self.owners.all())

    @property
    def platform_label(self):
        """The platform as pages name it beside the handle: "X (Twitter)" rather than "X"."""
        return platform_label(self.platform)

    @property
    def display_handle(self):
        """'@NorthwindSystems' where the platform writes handles with an @, else the handle."""
        return f"@{self.handle}" if self.platform in AT_PLATFORMS else self.handle


class AccountRole(Orderable):
    """A role an account offers, and the program a person must hold for it."""

    account = ParentalKey(SocialAccount, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=16, choices=RoleName.choices)
    program = models.ForeignKey(
        "certification.Program",
        on_delete=models.PROTECT,
        related_name="account_roles",
        verbose_name=_("required program"),
        help_text=_("A valid certificate of this program, or of one that builds on it, is needed."),
    )

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("program")])]

    class Meta(Orderable.Meta):
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_accountrole"
        verbose_name = _("account role")
        verbose_name_plural = _("account roles")
        constraints = [
            models.UniqueConstraint(fields=["account", "role"], name="accountrole_unique_role"),
        ]

    def __str__(self):
        return f"{self.account}: {self.get_role_display()} ({self.program})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_program_id = instance.__dict__.get("program_id")
        instance._loaded_role = instance.__dict__.get("role")
        return instance


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AccessRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=RequestStatus.PENDING)

    def decidable_by(self, user):
        """The requests this person sees in the owners' queue."""
        if user.is_superuser or user.is_staff:
            return self
        return self.filter(account__owners=user)


class AccessRequest(models.Model):
    """A person asking for a role on an account; decided at once or by an owner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_requests",
        verbose_name=_("requested by"),
    )
    account = models.ForeignKey(
        SocialAccount,
        on_delete=models.RESTRICT,
        related_name="access_requests",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=16, choices=RoleName.choices)
    note = models.TextField(_("why it is needed"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("Empty when the request was granted automatically."),
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_accessrequest"
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "account", "role"],
                condition=models.Q(status="pending"),
                name="accessrequest_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="accessrequest_decision_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="accessrequest_queue")]

    def __str__(self):
        return f"{self.user_name}: {self.get_role_display()} on {self.account}"

    @property
    def user_name(self):
        return display_name(self.user)

    @property
    def is_pending(self):
        return self.status == RequestStatus.PENDING


class RevokeReason(models.TextChoices):
    CERTIFICATE_EXPIRED = "certificate_expired", _("Certificate expired")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    USER_INACTIVE = "user_inactive", _("Person deactivated")
    ACCOUNT_RETIRED = "account_retired", _("Account retired")
    ROLE_WITHDRAWN = "role_withdrawn", _("Role no longer offered")
    REQUIREMENT_CHANGED = "requirement_changed", _("Role requires another program")
    MANUAL = "manual", _("Revoked by an owner")


class AccessGrantQuerySet(models.QuerySet):
    def active(self, now=None):
        """Not revoked, not past its end, and resting on a certificate valid at `now` (read from
        its dates: a grant ends with its certificate even before the sweep records it)."""
        now = now or timezone.now()
        return self.filter(
            valid_q(now, prefix="certificate__"), revoked_at__isnull=True, expires_at__gt=now
        )

    def unrevoked(self):
        return self.filter(revoked_at__isnull=True)

    def visible_to(self, user):
        if user.is_superuser or user.is_staff:
            return self
        return self.filter(account__owners=user)


class AccessGrant(models.Model):
    """A role on an account held by a person, resting on one of their certificates."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_grants",
        verbose_name=_("holder"),
    )
    account = models.ForeignKey(
        SocialAccount,
        on_delete=models.RESTRICT,
        related_name="grants",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=16, choices=RoleName.choices)
    certificate = models.ForeignKey(
        "certification.Certificate",
        on_delete=models.RESTRICT,
        related_name="access_grants",
        verbose_name=_("rests on certificate"),
    )
    request = models.OneToOneField(
        AccessRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant",
        verbose_name=_("request"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
        help_text=_("Empty when granted automatically."),
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.CharField(
        _("reason for revocation"), max_length=32, choices=RevokeReason.choices, blank=True
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_note = models.TextField(_("revocation note"), blank=True)

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        # The table it had in the certification app, which it was part of until 0.2.
        db_table = "certification_accessgrant"
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "account", "role"],
                condition=models.Q(revoked_at__isnull=True),
                name="accessgrant_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""),
                name="accessgrant_revocation_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "role", "revoked_at"], name="accessgrant_account"),
        ]

    def __str__(self):
        return f"{self.holder_name}: {self.get_role_display()} on {self.account}"

    @property
    def holder_name(self):
        return display_name(self.user)

    def is_active(self, now=None):
        """As `AccessGrant.objects.active()`: select_related("certificate") where grants are
        listed."""
        now = now or timezone.now()
        return (
            self.revoked_at is None and self.expires_at > now and self.certificate.is_valid_at(now)
        )

    is_active.boolean = True

    @property
    def state(self):
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.is_active() else "expired"
