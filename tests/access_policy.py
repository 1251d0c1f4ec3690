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
    # --- charters (pages); "missing" charter: allowed roles get 404, never 403 ---
    ("get", "charters:charter-list", {}, "view_charters"),
    ("get", "charters:charter-create", {}, "author_charters"),
    ("post", "charters:preview", {}, "author_charters"),
    ("get", "charters:charter-detail", {"slug": "missing"}, "view_charters"),
    ("get", "charters:version-diff", {"slug": "missing"}, "view_charters"),
    ("post", "charters:version-start", {"slug": "missing"}, "author_charters"),
    ("get", "charters:version-read", {"slug": "missing", "number": 1}, "view_charters"),
    ("get", "charters:version-edit", {"slug": "missing", "number": 1}, "author_charters"),
    ("post", "charters:version-submit", {"slug": "missing", "number": 1}, "author_charters"),
    ("get", "charters:version-review", {"slug": "missing", "number": 1}, "approve_charters"),
    ("post", "charters:version-publish", {"slug": "missing", "number": 1}, "publish_charters"),
    ("get", "charters:version-steps", {"slug": "missing", "number": 1}, "author_charters"),
    # --- charters (API) ---
    ("get", "api:charter-list", {}, "view_charters"),
    ("post", "api:charter-create", {}, "author_charters"),
    ("get", "api:charter-version-list", {"slug": "missing"}, "view_charters"),
    ("post", "api:charter-version-start", {"slug": "missing"}, "author_charters"),
    ("get", "api:charter-version-diff", {"slug": "missing"}, "view_charters"),
    ("get", "api:charter-version-detail", {"slug": "missing", "number": 1}, "view_charters"),
    ("get", "api:charter-version-clauses", {"slug": "missing", "number": 1}, "view_charters"),
    ("post", "api:charter-version-update", {"slug": "missing", "number": 1}, "author_charters"),
    ("post", "api:charter-version-submit", {"slug": "missing", "number": 1}, "author_charters"),
    ("post", "api:charter-version-approve", {"slug": "missing", "number": 1}, "approve_charters"),
    ("post", "api:charter-version-request-changes", {"slug": "missing", "number": 1}, "approve_charters"),
    ("post", "api:charter-version-publish", {"slug": "missing", "number": 1}, "publish_charters"),
    # compliance (pre-publication checker)
    ("get", "compliance:checker", {}, "use_checker"),
    ("post", "compliance:checker", {}, "use_checker"),
    ("post", "api:precheck-create", {}, "use_checker"),
    ("get", "compliance:registry", {}, "manage_checker_context"),
    ("post", "compliance:registry", {}, "manage_checker_context"),
    ("get", "compliance:term-edit", {"pk": 999999}, "manage_checker_context"),
    # --- acknowledgements (pages); "missing" charter: 404 for allowed roles ---
    ("get", "charters:ack-history", {}, "view_charters"),
    ("get", "charters:ack-receipt", {"pk": 999999}, "view_charters"),
    ("get", "charters:ack-read", {"slug": "missing", "number": 1}, "view_charters"),
    ("post", "charters:ack-end-reached", {"slug": "missing", "number": 1}, "view_charters"),
    ("post", "charters:ack-feedback", {"slug": "missing", "number": 1}, "view_charters"),
    ("get", "charters:ack-quiz", {"slug": "missing", "number": 1}, "view_charters"),
    ("get", "charters:campaign-list", {}, "view_dashboards"),
    ("get", "charters:campaign-detail", {"slug": "missing", "number": 1}, "view_dashboards"),
    ("get", "charters:campaign-export", {"slug": "missing", "number": 1}, "view_dashboards"),
    ("get", "charters:campaign-employee", {"pk": 999999}, "view_dashboards"),
    ("post", "charters:campaign-update", {"slug": "missing", "number": 1}, "manage_campaigns"),
    ("post", "charters:feedback-answer", {"pk": 999999}, "manage_campaigns"),
    ("get", "charters:quiz-edit", {"slug": "missing", "number": 1}, "manage_campaigns"),
    ("post", "charters:quiz-question-delete", {"slug": "missing", "number": 1, "pk": 999999}, "manage_campaigns"),
    # --- acknowledgements (API) ---
    ("get", "api:ack-pending", {}, "view_charters"),
    ("post", "api:ack-reading", {}, "view_charters"),
    ("post", "api:ack-create", {}, "view_charters"),
    ("get", "api:ack-receipts", {}, "view_charters"),
    ("get", "api:campaign-status", {"slug": "missing", "number": 1}, "view_dashboards"),
    # --- legal evidence (pages); missing objects: 404 for legal ---
    ("get", "charters:evidence-home", {}, "export_evidence"),
    ("post", "charters:evidence-export-request", {}, "export_evidence"),
    ("get", "charters:evidence-export", {"pk": 999999}, "export_evidence"),
    ("get", "charters:evidence-export-download", {"pk": 999999}, "export_evidence"),
    ("get", "charters:evidence-certificate", {"pk": 999999}, "export_evidence"),
    ("get", "charters:evidence-verify", {}, "export_evidence"),
    ("post", "charters:evidence-verify", {}, "export_evidence"),
    ("post", "api:evidence-export-create", {}, "export_evidence"),
    ("get", "api:evidence-export-detail", {"pk": 999999}, "export_evidence"),
]
