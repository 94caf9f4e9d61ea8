"""Editing panels of the course pages."""

from wagtail.admin.panels import InlinePanel


class ItemsPanel(InlinePanel):
    """An inline panel whose items are headed by their singular name ("Question 1") and whose
    button says what it adds ("Add a question"), where Wagtail's says "Add Questions"."""

    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "courses/admin/items_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label
            return context
