"""The authorization policy every page and API is tested against (tests/*/test_access_matrix.py).

Each row: (method, url name, url kwargs, who may). ``who may`` is a capability from
policy_portal.roles, or "authenticated" (anyone signed in with an employee record), or "public".
Later issues append their rows here: one table, every URL.
"""

from __future__ import annotations

ACCESS_POLICY: list[tuple[str, str, dict[str, object], str]] = [
    ("get", "home", {}, "authenticated"),
    ("get", "login", {}, "public"),
    ("get", "healthz", {}, "public"),
    ("get", "directory", {}, "view_directory"),
    ("get", "directory-import", {}, "import_directory"),
    ("get", "api:me", {}, "authenticated"),
    ("get", "api:employee-list", {}, "view_directory"),
    ("post", "api:employee-import", {}, "import_directory"),
    ("get", "api-schema", {}, "authenticated"),
    ("get", "api-docs", {}, "authenticated"),
]
