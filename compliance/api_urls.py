from django.urls import path

from compliance import apis

urlpatterns = [
    path("prechecks/", apis.PrecheckCreateApi.as_view(), name="precheck-create"),
]
