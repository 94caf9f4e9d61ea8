"""Registers the certification admin screens."""

from wagtail import hooks

from .access_viewsets import SocialAccountsGroup
from .token_views import ApiTokenViewSet
from .viewsets import CertificationGroup


@hooks.register("register_admin_viewset")
def register_certification():
    return CertificationGroup()


@hooks.register("register_admin_viewset")
def register_social_accounts():
    return SocialAccountsGroup()


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet("api_tokens")
