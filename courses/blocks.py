"""The StreamField blocks a lesson is written with."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    """A boxed tip or warning."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning"))], default="tip", label=_("Kind")
    )
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "courses/blocks/callout.html"


class DoDontBlock(blocks.StructBlock):
    """Two example posts side by side: one to copy, one to avoid, and why."""

    platform = blocks.CharBlock(
        max_length=80, label=_("Platform"), help_text=_("Where the post appears, e.g. LinkedIn.")
    )
    do_post = blocks.TextBlock(label=_("Do: a good post"))
    dont_post = blocks.TextBlock(label=_("Don't: a post to avoid"))
    why = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        label=_("Why"),
        help_text=_("What makes the difference."),
    )

    class Meta:
        icon = "openquote"
        label = _("Do / don't")
        template = "courses/blocks/do_dont.html"


class ScenarioBlock(blocks.StructBlock):
    """A situation from real life, a question to think about, then a discussion."""

    situation = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Situation"))
    question = blocks.CharBlock(max_length=300, label=_("Question to think about"))
    discussion = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("Discussion")
    )

    class Meta:
        icon = "help"
        label = _("Scenario")
        template = "courses/blocks/scenario.html"


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        label=_("Text"),
        template="courses/blocks/rich_text.html",
    )
    image = ImageBlock(label=_("Image"), template="courses/blocks/image.html")
    video = EmbedBlock(
        label=_("Video"),
        help_text=_("A video address, e.g. from YouTube or Vimeo."),
        template="courses/blocks/video.html",
    )
    callout = CalloutBlock()
    do_dont = DoDontBlock()
    scenario = ScenarioBlock()
