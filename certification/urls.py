"""Site pages of this app."""

from django.urls import path

from certification import views

app_name = "certification"

urlpatterns = [
    path("certificates/", views.my_certificates, name="my_certificates"),
    path("certificates/<str:serial>/", views.certificate_detail, name="certificate"),
    path("certificates/<str:serial>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:serial>/renew/", views.renew_certificate, name="renew"),
    path(
        "certificates/programs/<slug:slug>/request-approval/",
        views.request_approval,
        name="request_approval",
    ),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:serial>/", views.verify, name="verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
]
