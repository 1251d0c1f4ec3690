from django.urls import path

app_name = "charters"

urlpatterns: list[path] = []
