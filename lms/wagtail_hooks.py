"""Registers the organisation's admin screens."""

from wagtail import hooks

from .viewsets import OrganisationGroup


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()
