from django.urls import path

from compliance import registry_views, views

app_name = "compliance"

urlpatterns = [
    path("", views.checker, name="checker"),
    path("context/", registry_views.registry, name="registry"),
    path("context/terms/<int:pk>/", registry_views.term_edit, name="term-edit"),
]
