from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from policy_portal import api_views, views

api_v1: list[URLPattern | URLResolver] = [
    path("me/", api_views.MeApi.as_view(), name="me"),
    path("employees/", api_views.EmployeeListApi.as_view(), name="employee-list"),
    path("employees/import/", api_views.DirectoryImportApi.as_view(), name="employee-import"),
    path("", include("charters.api_urls")),
    path("", include("compliance.api_urls")),
]

# The admin site signs in through allauth too (password, then the second factor).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("notifications/read/", views.notifications_read_all, name="notifications-read-all"),
    # the old address of the sign-in page, kept for bookmarks
    path("login/", RedirectView.as_view(pattern_name="account_login", query_string=True), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="account_logout"),
    # e-mail addresses come from the HR directory: nobody adds or changes theirs here
    path("accounts/email/", views.directory_owned, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("language/", views.language, name="set-language"),
    path("directory/", views.directory, name="directory"),
    path("directory/import/", views.directory_import_page, name="directory-import"),
    path("healthz", views.healthz, name="healthz"),
    path("charters/", include("charters.urls")),
    path("checker/", include("compliance.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file (?script), not inline: see CONTENT_SECURITY_POLICY.
    path(
        "api/docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="policy_portal/swagger_ui.html")
        ),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]

handler403 = "policy_portal.views.error_403"
handler404 = "policy_portal.views.error_404"
handler500 = "policy_portal.views.error_500"
