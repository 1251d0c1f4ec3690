from django.urls import path

from charters import views

app_name = "charters"

urlpatterns = [
    path("", views.charter_list, name="charter-list"),
    path("new/", views.charter_create, name="charter-create"),
    path("preview/", views.preview, name="preview"),
    path("<slug:slug>/", views.charter_detail, name="charter-detail"),
    path("<slug:slug>/diff/", views.version_diff, name="version-diff"),
    path("<slug:slug>/versions/new/", views.version_start, name="version-start"),
    path("<slug:slug>/v<int:number>/", views.version_read, name="version-read"),
    path("<slug:slug>/v<int:number>/edit/", views.version_edit, name="version-edit"),
    path("<slug:slug>/v<int:number>/submit/", views.version_submit, name="version-submit"),
    path("<slug:slug>/v<int:number>/review/", views.version_review, name="version-review"),
    path("<slug:slug>/v<int:number>/publish/", views.version_publish, name="version-publish"),
    path("<slug:slug>/v<int:number>/steps/", views.version_steps, name="version-steps"),
]
