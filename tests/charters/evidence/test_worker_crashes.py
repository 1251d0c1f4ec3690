"""Crash test: exports run by a real django-q2 cluster that is killed (SIGKILL) several times.

A real ``manage.py qcluster`` works on the test database (ORM broker); the test requests four
dossiers, kills the whole process group with SIGKILL at three moments (while a register part
renders, right after a killed export is claimed again, near the end of an export), starts it
again each time, and runs the periodic re-queue every second as the scheduler would (every minute).
In the end every export is done exactly once: one dossier file each, no stray file in the evidence
storage, one EXPORTED ledger entry each, and every dossier verifies.

PostgreSQL only: the worker is another process, and pytest-django's SQLite test database lives
in the test process's memory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from charters import ledger
from charters.evidence import recovery, services
from charters.evidence.checks import check_evidence
from charters.evidence.storage import evidence_path
from charters.models import EvidenceExport, EvidenceFile, LedgerEntry
from tests.charters.transactional import real_transactions  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[3]
Status = EvidenceExport.Status
Step = EvidenceExport.Step
# Bounds: a start may take STARTUP_TIMEOUT_S; then each kill waits at most MOMENT_TIMEOUT_S for its
# moment, and the last start has until DEADLINE_S from the first (and at least 40 s) to finish.
DEADLINE_S = 90
STARTUP_TIMEOUT_S = 60
MOMENT_TIMEOUT_S = 20
_DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}{port}/{db['NAME']}"


class Cluster:
    """``manage.py qcluster`` in its own process group, on the test database; killed with SIGKILL."""

    def __init__(self, tmp_path: Path) -> None:
        self.log_path = tmp_path / "qcluster.log"
        self.log = self.log_path.open("ab")
        self.process: subprocess.Popen[bytes] | None = None
        self.tmp_path = tmp_path
        self.starts = 0

    def _env(self) -> dict[str, str]:
        tmp_path = self.tmp_path
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "policy_portal.settings",
            "DEBUG": "1",
            "SECRET_KEY": settings.SECRET_KEY,  # django-q2 signs tasks with it
            "DATABASE_URL": _database_url(),
            "CONN_MAX_AGE": "0",
            "REDIS_URL": "",
            "PORTAL_VAR_DIR": str(tmp_path / "var"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "EVIDENCE_ROOT": str(settings.EVIDENCE_ROOT),
            "EVIDENCE_PKCS12_PATH": str(settings.EVIDENCE_PKCS12_PATH),
            "EVIDENCE_PKCS12_PASSWORD": settings.EVIDENCE_PKCS12_PASSWORD,
            "EVIDENCE_TSA_URL": "",
            "PORTAL_BASE_URL": settings.PORTAL_BASE_URL,
            "EVIDENCE_REGISTER_ROWS_PER_PART": str(settings.EVIDENCE_REGISTER_ROWS_PER_PART),
            "EVIDENCE_EXPORT_STALE_SECONDS": str(settings.EVIDENCE_EXPORT_STALE_SECONDS),
            "Q_WORKERS": "2",
            "Q_TIMEOUT_S": "45",  # timeout < retry as in production; the periodic re-queue does the recovering
            "Q_RETRY_S": "50",
            "LOG_LEVEL": "INFO",
        }

    def start(self) -> None:
        assert self.process is None
        self.starts += 1
        self.log.write(f"\n==== start {self.starts} ====\n".encode())
        self.log.flush()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=self._env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: sentinel, pusher, monitor and workers
        )

    def wait_until_up(self, *, within: float = STARTUP_TIMEOUT_S) -> float:
        """Seconds until the cluster says it runs (its system checks import every view, spaCy and WeasyPrint
        included: several seconds on a loaded machine); kills are timed from then."""
        began, end = time.monotonic(), time.monotonic() + within
        while time.monotonic() < end and self.process is not None and self.process.poll() is None:
            text = self.log_path.read_text(errors="replace").rsplit(f"==== start {self.starts} ====", 1)[-1]
            if any("Q Cluster" in line and "[policy_portal]" in line for line in text.splitlines()):
                return time.monotonic() - began
            time.sleep(0.1)
        raise AssertionError(f"qcluster did not start within {within} s; see {self.log_path}")

    def kill(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.process = None

    def close(self) -> None:
        self.kill()
        self.log.close()


@pytest.fixture
def cluster(real_transactions, tmp_path) -> Iterator[Cluster]:  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can reach: PostgreSQL")
    from django.core.management import call_command
    from django.test import override_settings

    # the worker's settings keep the cache in the database (no REDIS_URL): its table, in the test database
    with override_settings(CACHES=_DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
    running = Cluster(tmp_path)
    try:
        yield running
    finally:
        running.close()  # before the test database is flushed and dropped
        connection.close()


def _acknowledge(campaign, first_name: str, capture) -> None:
    from tests.charters.conftest import acknowledge, read_through

    assignment = campaign.assignments.get(employee__user__first_name=first_name)
    read_through(assignment)
    with capture(execute=True):
        acknowledge(assignment)


def _exports() -> list[EvidenceExport]:
    return list(EvidenceExport.objects.order_by("pk"))


def _wait_for(condition: Callable[[list[EvidenceExport]], bool], *, within: float, requeue: bool = True) -> bool:
    """Poll the exports (running the periodic re-queue every second, as the scheduler would)."""
    end, next_requeue = time.monotonic() + within, 0.0
    while time.monotonic() < end:
        if requeue and time.monotonic() >= next_requeue:
            services.evidence_exports_requeue()
            next_requeue = time.monotonic() + 1
        if condition(_exports()):
            return True
        time.sleep(0.05)
    return False


def _running(*steps: str, min_attempts: int = 1) -> Callable[[list[EvidenceExport]], bool]:
    """Some export is running (at one of ``steps``, if given), in its ``min_attempts``-th attempt or later."""

    def condition(exports: list[EvidenceExport]) -> bool:
        return any(
            e.status == Status.RUNNING and e.attempts >= min_attempts and (not steps or e.step in steps)
            for e in exports
        )

    return condition


def _all_finished(exports: list[EvidenceExport]) -> bool:
    return all(e.finished for e in exports)


def _expected_files(exports: list[EvidenceExport]) -> set[str]:
    """Every recorded file (certificates, parts) and each export's dossier: nothing else."""
    return {f.file for f in EvidenceFile.objects.all()} | {e.file for e in exports}


def _storage_files() -> set[str]:
    root = evidence_path("")
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.mark.django_db(transaction=True)
def test_exports_survive_their_worker_being_killed_and_each_finishes_exactly_once(
    cluster,
    employee_bob,  # before the version is published: with real commits, its campaign starts at publication
    employee_emma_en,
    acknowledged,
    campaign,
    legal_carol,
    evidence_settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from django_q.conf import Conf

    started = time.monotonic()
    evidence_settings.EVIDENCE_REGISTER_ROWS_PER_PART = 2
    evidence_settings.EVIDENCE_EXPORT_STALE_SECONDS = 5
    evidence_settings.EVIDENCE_EXPORT_MAX_ATTEMPTS = 20  # every kill costs the running exports one attempt
    version = acknowledged.version
    # given: four exports asked for, in French and English at two ledger snapshots: Bob and Alice had
    # acknowledged, then Victor does (his certificate job is queued too: it races with the exports)
    _acknowledge(campaign, "Alice", django_capture_on_commit_callbacks)
    monkeypatch.setattr(Conf, "SYNC", False)  # from here on, jobs go to the real queue (the test database)
    for language in ("fr", "en"):
        services.evidence_export_request(version=version, by=legal_carol.user, language=language)
    _acknowledge(campaign, "Victor", django_capture_on_commit_callbacks)
    for language in ("fr", "en"):
        services.evidence_export_request(version=version, by=legal_carol.user, language=language)
    assert EvidenceExport.objects.count() == 4
    # when: the cluster is killed at three different moments, and started again each time
    moments = [
        ("while a register part renders", _running(Step.REGISTER)),
        ("right after a killed export is claimed again", _running(min_attempts=2)),
        ("near the end of an export", _running(Step.VERSION, Step.DOSSIER)),
    ]
    timeline: list[str] = []
    for name, condition in moments:
        cluster.start()
        up = cluster.wait_until_up()
        met = _wait_for(condition, within=MOMENT_TIMEOUT_S)
        cluster.kill()
        state = " ".join(f"#{e.pk}:{e.status}/{e.step}/a{e.attempts}" for e in _exports())
        what = f"kill {'' if met else '(timed out) '}{name} (up in {up:.1f}s)"
        timeline.append(f"{time.monotonic() - started:5.1f}s {what}: {state}")
        if _all_finished(_exports()):
            break
    cluster.start()
    cluster.wait_until_up()
    finished = _wait_for(_all_finished, within=max(40.0, DEADLINE_S - (time.monotonic() - started)))
    cluster.kill()
    timeline.append(f"{time.monotonic() - started:5.1f}s all finished: {finished}")
    print("\n".join(timeline))  # shown with -s, and by pytest when the test fails
    # then: every export is done, once
    exports = _exports()
    assert finished, timeline
    assert [e.status for e in exports] == [Status.DONE] * 4, [(e.pk, e.status, e.error) for e in exports]
    assert sum("timed out" not in line for line in timeline[:-1]) >= 2, timeline
    assert sum(e.attempts for e in exports) > 4, "no export was interrupted"
    # what killed workers left behind is deleted by the periodic sweep once their files are stale
    leftovers = _storage_files() - _expected_files(exports)
    recovery.evidence_storage_sweep(
        now=timezone.now() + timedelta(seconds=evidence_settings.EVIDENCE_EXPORT_STALE_SECONDS)
    )
    print(f"left after the exports' own tidying (deleted by the sweep): {sorted(leftovers)}")
    # one dossier file per export, and no stray file (half-written, orphan part or dossier of a dead attempt)
    dossiers = sorted(name for name in _storage_files() if name.startswith("dossiers/"))
    assert dossiers == sorted(e.file for e in exports)
    assert _storage_files() == _expected_files(exports)
    # one EXPORTED ledger entry per export, with the dossier's SHA-256; the chain holds
    entries = LedgerEntry.objects.filter(event=ledger.Event.EXPORTED)
    assert sorted(entries.values_list("object_id", flat=True)) == [e.pk for e in exports]
    assert {e.payload["dossier_sha256"] for e in entries} == {e.sha256 for e in exports}
    assert ledger.ledger_verify().ok
    # and every dossier verifies
    with translation.override("en"):
        for export in exports:
            with evidence_path(export.file).open("rb") as stream:
                report = check_evidence(stream, name=export.file)
            assert report.ok, (export.file, report.problems)


@pytest.mark.django_db(transaction=True)
def test_a_step_longer_than_the_stale_delay_is_not_taken_for_a_dead_worker(
    real_transactions,  # noqa: F811
    employee_bob,
    employee_emma_en,
    acknowledged,
    legal_carol,
    evidence_settings,
    monkeypatch,
):
    if connection.vendor != "postgresql":
        pytest.skip("the heartbeat thread writes on its own connection while the test's is busy: PostgreSQL")
    from charters.evidence import documents

    # given: a 2-second stale delay, and a version document that takes 3 seconds to render
    evidence_settings.EVIDENCE_EXPORT_STALE_SECONDS = 2
    real_version_pdf, requeued_meanwhile = documents.version_pdf, []

    def slow_version_pdf(version, language):
        time.sleep(3)
        requeued_meanwhile.extend(services.evidence_exports_requeue())  # the periodic job runs meanwhile
        return real_version_pdf(version, language)

    monkeypatch.setattr(documents, "version_pdf", slow_version_pdf)
    monkeypatch.setattr(services.exports, "enqueue_export_on_commit", lambda export_id: None)  # the test runs it
    export, _ = services.evidence_export_request(version=acknowledged.version, by=legal_carol.user)
    # when
    outcome = services.evidence_export_run(export.pk)
    # then: the heartbeat thread kept it alive, and the first attempt finished it
    export.refresh_from_db()
    assert requeued_meanwhile == [] and outcome == "done"
    assert export.status == Status.DONE and export.attempts == 1
