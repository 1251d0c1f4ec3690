"""Background entry points of the portal itself (django-q2)."""

from __future__ import annotations

from policy_portal.services import worker_heartbeat_record


def run_worker_heartbeat() -> None:
    worker_heartbeat_record()
