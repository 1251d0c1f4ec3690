from django.contrib import admin

from policy_portal.models import Department, DirectoryImport, Employee, Notification, WorkerHeartbeat


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code"]
    search_fields = ["name", "name_en", "code"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["employee_id", "full_name", "department", "preferred_language", "status"]
    list_filter = ["status", "preferred_language", "department"]
    search_fields = ["employee_id", "user__first_name", "user__last_name", "user__email"]
    raw_id_fields = ["user", "manager"]
    list_select_related = ["user", "department"]


@admin.register(DirectoryImport)
class DirectoryImportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "filename", "source", "created", "updated", "deactivated", "unchanged"]
    readonly_fields = [f.name for f in DirectoryImport._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Support can see who was told what; notices are written by the services, not here."""

    list_display = ["created_at", "recipient", "kind", "source_id", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


admin.site.register(WorkerHeartbeat)
admin.site.site_header = "Portail de la charte — support"
