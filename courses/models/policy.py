"""The social media policy: a page whose published versions employees accept one by one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.forms import PolicyPageForm
from courses.models.serving import views_for


class PolicyPage(Page):
    """The policy everyone accepts. Publishing with "requires re-acceptance" makes version N+1,
    and everyone is asked to accept again; the first publication is version 1."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What changed, or what the policy is about.")
    )
    body = RichTextField(_("policy text"))
    attestation = models.CharField(
        _("attestation"),
        max_length=300,
        default="I have read and accept version {version} of this policy.",
        help_text=_("What a person confirms; {version} becomes the version number."),
    )
    requires_reacceptance = models.BooleanField(
        _("requires re-acceptance"),
        default=False,
        help_text=_(
            "Tick when this change matters enough that everyone must read and accept the policy "
            "again: publishing it then creates a new version. Leave unticked for typo fixes."
        ),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []
    max_count = 1
    template = "courses/policy_page.html"
    base_form_class = PolicyPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("attestation"), FieldPanel("requires_reacceptance")],
            heading=_("Acceptance"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def current_version(self):
        """The newest published version, or None before the first publication."""
        return self.versions.order_by("-number").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views_for(self).policy_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return views_for(self).accept(self, request)
        return super().serve(request, *args, **kwargs)


class PolicyVersion(models.Model):
    """The text of one published version of a policy, kept as it was when people accepted it."""

    policy = models.ForeignKey(
        PolicyPage, on_delete=models.CASCADE, related_name="versions", verbose_name=_("policy")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"))
    summary = models.TextField(_("summary"), blank=True)
    attestation = models.CharField(_("attestation"), max_length=300)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision"),
    )

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_number_once"),
            models.UniqueConstraint(
                fields=["revision"],
                condition=models.Q(revision__isnull=False),
                name="policy_version_revision_once",
            ),
        ]

    def __str__(self):
        return _("%(title)s, version %(number)s") % {"title": self.title, "number": self.number}

    @property
    def attestation_text(self):
        """The sentence a person confirms, with this version's number."""
        return self.attestation.replace("{version}", str(self.number))
