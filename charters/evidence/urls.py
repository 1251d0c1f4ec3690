"""Legal's evidence pages, included under charters/evidence/ (names: charters:evidence-...)."""

from django.urls import path

from charters.evidence import views

urlpatterns = [
    path("", views.evidence_home, name="evidence-home"),
    path("exports/", views.export_request, name="evidence-export-request"),
    path("exports/<int:pk>/", views.export_detail, name="evidence-export"),
    path("exports/<int:pk>/download/", views.export_download, name="evidence-export-download"),
    path("certificates/<int:pk>/", views.certificate_download, name="evidence-certificate"),
    path("verify/", views.evidence_verify, name="evidence-verify"),
    path("verify/<int:pk>/", views.verification_detail, name="evidence-verification"),
]
