from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from policy_portal import api_views, views

api_v1: list[URLPattern | URLResolver] = [
    path("me/", api_views.MeApi.as_view(), name="me"),
    path("employees/", api_views.EmployeeListApi.as_view(), name="employee-list"),
    path("employees/import/", api_views.DirectoryImportApi.as_view(), name="employee-import"),
    path("", include("charters.api_urls")),
    path("", include("compliance.api_urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.language, name="set-language"),
    path("directory/", views.directory, name="directory"),
    path("directory/import/", views.directory_import_page, name="directory-import"),
    path("healthz", views.healthz, name="healthz"),
    path("charters/", include("charters.urls")),
    path("checker/", include("compliance.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler403 = "policy_portal.views.error_403"
handler404 = "policy_portal.views.error_404"
handler500 = "policy_portal.views.error_500"
