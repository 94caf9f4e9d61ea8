"""Site pages of this app."""

from django.urls import path

from certification import badge_views, views, wallet_views

app_name = "certification"

urlpatterns = [
    path("certificates/", views.my_certificates, name="my_certificates"),
    path("certificates/<str:serial>/", views.certificate_detail, name="certificate"),
    path("certificates/<str:serial>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:serial>/renew/", views.renew_certificate, name="renew"),
    # The holder's Open Badges 3.0 credential, for people (certification.wallet_views)
    path(
        "certificates/<str:serial>/credential/",
        wallet_views.credential_page,
        name="credential",
    ),
    path(
        "certificates/<str:serial>/credential.jwt",
        wallet_views.credential_file,
        name="credential_file",
    ),
    path(
        "certificates/<str:serial>/credential.png",
        wallet_views.credential_badge_png,
        name="credential_badge_png",
    ),
    path(
        "certificates/<str:serial>/credential.svg",
        wallet_views.credential_badge_svg,
        name="credential_badge_svg",
    ),
    path(
        "certificates/programs/<slug:slug>/request-approval/",
        views.request_approval,
        name="request_approval",
    ),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:serial>/", views.verify, name="verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    # Open Badges 2.0 (certification.openbadges2)
    path("certificates/<str:serial>/badge.png", badge_views.holders_badge_png, name="badge_png"),
    path("certificates/<str:serial>/badge.svg", badge_views.holders_badge_svg, name="badge_svg"),
    path("openbadges/v2/issuer.json", badge_views.issuer, name="ob2_issuer"),
    path("openbadges/v2/badges/<slug:slug>.json", badge_views.badge_class, name="ob2_badge_class"),
    path("openbadges/v2/badges/<slug:slug>.png", badge_views.badge_image, name="ob2_badge_image"),
    path(
        "openbadges/v2/badges/<slug:slug>.svg",
        badge_views.badge_image_svg,
        name="ob2_badge_image_svg",
    ),
    path("openbadges/v2/assertions/<str:token>.json", badge_views.assertion, name="ob2_assertion"),
    path(
        "openbadges/v2/assertions/<str:token>.png",
        badge_views.assertion_image,
        name="ob2_assertion_image",
    ),
]
