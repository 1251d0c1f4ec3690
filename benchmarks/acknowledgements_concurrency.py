"""Benchmark: 50 employees acknowledge at the same moment on PostgreSQL (target: p95 <= 1.5x the machine floor).

Run by ``make bench``. Builds a throw-away PostgreSQL database (``BENCH_ACK_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/portal_bench_ack) with the model charter in force and 50 employees
who have read it, then forks 50 processes (as 50 web workers would be) released together by a barrier:
each records one acknowledgement through the service (evidence row, assignment, pending ledger entry,
one sealing job queued for the burst) and reports its latency. Prints p50/p95/max and exits 1 over
target. Then the sealing job runs as a worker would (its time is printed) and the ledger is verified:
one entry each, chain intact. BENCH_ACK_CACHE=db measures with the database cache instead of Redis.

The target is a ratio (issue #15): the burst's p95 against the p95 of the same burst of bare PostgreSQL
transactions (2 inserts, 1 update, commit; no Django) run by the same process right after, so that
what is judged is the application's own cost, not how many cores the machine has. BENCH_SMALL=1: 8 people.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
DATABASE_URL = os.environ.get("BENCH_ACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_ack")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings_test")

import psycopg  # noqa: E402

from benchmarks.sizes import judged, size  # noqa: E402

TARGET_RATIO = 1.5
PEOPLE = size(50, 8)
SEQUENTIAL = size(20, 3)  # acknowledged one after the other first: the uncontended latency


def recreate_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


recreate_database(DATABASE_URL)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from charters.acknowledgements.services import acknowledgement_record, reading_end_reached, reading_open  # noqa: E402
from charters.hashing import text_sha256  # noqa: E402
from charters.ledger import KICK_KEY, ledger_verify  # noqa: E402
from charters.model_charter import model_charter_texts  # noqa: E402
from charters.models import Assignment, Campaign, Charter, CharterTranslation, CharterVersion, LedgerEntry  # noqa: E402
from charters.tasks import run_ledger_seal  # noqa: E402
from policy_portal.models import Department, Employee  # noqa: E402

settings.DEBUG = False
# The cache as deployed (the test settings use a per-process memory cache, which would hide the
# shared "one sealing job per burst" flag): Redis, as README's PostgreSQL + Redis deployment has it,
# when BENCH_REDIS_URL answers; otherwise the database cache of a deployment without Redis.
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


if os.environ.get("BENCH_ACK_CACHE") != "db" and _redis_answers(REDIS):
    CACHE_KIND = "Redis cache"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
else:
    CACHE_KIND = "database cache"
    DB_CACHE = "django.core.cache.backends.db.DatabaseCache"
    settings.CACHES = {"default": {"BACKEND": DB_CACHE, "LOCATION": "portal_cache"}}
# as in production, the certificate job (issue 5) is queued on commit, not run inside the request
from django_q.conf import Conf  # noqa: E402

Conf.SYNC = False


def build() -> list[int]:
    now = timezone.now()
    department = Department.objects.create(code="bench", name="Bench")
    users = User.objects.bulk_create(
        [
            User(
                username=f"a{n}@bench.example",
                email=f"a{n}@bench.example",
                first_name=f"Prénom{n}",
                last_name="Banc",
                password=make_password(None),
                last_login=now,
            )
            for n in range(PEOPLE + SEQUENTIAL)
        ]
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(
                user=u, employee_id=f"A{n:03d}", department=department, preferred_language="en" if n % 3 == 0 else "fr"
            )
            for n, u in enumerate(users)
        ]
    )
    texts = model_charter_texts()
    charter = Charter.objects.create(name="Charte réseaux sociaux", slug="social-media")
    version = CharterVersion.objects.create(
        charter=charter, number=1, status="draft", body_fr=texts["fr"], author=users[0]
    )
    CharterTranslation.objects.create(version=version, language="en", body=texts["en"], based_on_fr_revision=1)
    CharterVersion.objects.filter(pk=version.pk).update(
        status="published",
        effective_date=now.date(),
        content_sha256=text_sha256(texts["fr"]),
        published_at=now,
        in_force_at=now,
    )
    campaign = Campaign.objects.create(version=version, started_at=now, deadline=now.date() + timedelta(days=30))
    Assignment.objects.bulk_create(
        [Assignment(campaign=campaign, employee=e, assigned_at=now, due_on=campaign.deadline) for e in employees]
    )
    ids = []
    for assignment in Assignment.objects.select_related("campaign__version", "employee"):
        reading_open(
            assignment=assignment, language=assignment.employee.preferred_language, now=now - timedelta(minutes=10)
        )
        reading_end_reached(assignment=assignment, now=now - timedelta(minutes=5))
        ids.append(assignment.pk)
    return ids


class _WarmUpDone(Exception):
    pass


WARM = os.environ.get("BENCH_ACK_COLD") != "1"


def worker(assignment_id: int, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:
    connections.close_all()  # a fresh connection per process, opened before the start signal
    assignment = (
        Assignment.objects.select_related("campaign__version__charter", "employee__user")
        .prefetch_related("campaign__version__translations")
        .get(pk=assignment_id)
    )
    connections["default"].ensure_connection()
    if WARM:  # a web worker that has served requests before: the same path once, rolled back
        try:
            with transaction.atomic():
                acknowledgement_record(
                    assignment=assignment,
                    typed_name=assignment.employee.full_name,
                    consented=True,
                    ip_address="192.0.2.8",
                    user_agent="bench",
                    auth_method="session",
                    login_at=timezone.now(),
                )
                raise _WarmUpDone
        except _WarmUpDone:
            pass
        cache.get(KICK_KEY)  # the shared cache's connection, as a worker that kicked before has it
    barrier.wait()
    start = time.perf_counter()
    _ack, created = acknowledgement_record(
        assignment=assignment,
        typed_name=assignment.employee.full_name,
        consented=True,
        ip_address="192.0.2.8",
        user_agent="bench",
        auth_method="session",
        login_at=timezone.now(),
    )
    results.put(((time.perf_counter() - start) * 1000, created))
    connections.close_all()


def _bare_transaction(barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:
    with psycopg.connect(DATABASE_URL) as conn:
        barrier.wait()
        start = time.perf_counter()
        conn.execute("INSERT INTO bench_floor (v) VALUES ('ack')")
        conn.execute("UPDATE bench_floor SET v = 'assignment' WHERE id = -1")
        conn.execute("INSERT INTO bench_floor (v) VALUES ('ledger')")
        conn.commit()
        results.put((time.perf_counter() - start) * 1000)


def machine_floor() -> float:
    """p95 of the same burst made of bare psycopg transactions (2 inserts, 1 update, commit; no Django):
    what this machine's cores and disk allow before any application code runs."""
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, v text)")
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PEOPLE), context.Queue()
    processes = [context.Process(target=_bare_transaction, args=(barrier, results)) for _ in range(PEOPLE)]
    for process in processes:
        process.start()
    durations = sorted(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join()
    return durations[int(0.95 * (len(durations) - 1))]


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    ids = build()
    alone = []
    for pk in ids[PEOPLE:]:
        assignment = Assignment.objects.select_related("campaign__version__charter", "employee__user").get(pk=pk)
        start = time.perf_counter()
        acknowledgement_record(
            assignment=assignment,
            typed_name=assignment.employee.full_name,
            consented=True,
            ip_address="192.0.2.8",
            user_agent="bench",
            auth_method="session",
            login_at=timezone.now(),
        )
        alone.append((time.perf_counter() - start) * 1000)
    print(f"one acknowledgement at a time: median {statistics.median(alone):.1f} ms")
    ids = ids[:PEOPLE]
    run_ledger_seal()  # a worker would have chained the sequential ones; the burst starts with no job queued
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PEOPLE), context.Queue()
    processes = [context.Process(target=worker, args=(pk, barrier, results)) for pk in ids]
    for process in processes:
        process.start()
    timings = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()
    durations = sorted(ms for ms, _created in timings)
    assert all(created for _ms, created in timings)
    p95 = durations[int(0.95 * (len(durations) - 1))]
    start = time.perf_counter()
    sealed = run_ledger_seal()  # what the worker does once the burst has committed
    seal_ms = (time.perf_counter() - start) * 1000
    report = ledger_verify()
    acks = LedgerEntry.objects.filter(event="acknowledged").count()
    print(
        f"{PEOPLE} concurrent acknowledgements on {os.cpu_count()} CPUs, PostgreSQL, {CACHE_KIND}: "
        f"p50 {statistics.median(durations):.0f} ms, "
        f"p95 {p95:.0f} ms, max {durations[-1]:.0f} ms"
    )
    floor = machine_floor()
    print(f"the same burst of {PEOPLE} bare PostgreSQL transactions, no Django: p95 {floor:.0f} ms (machine floor)")
    ratio = p95 / max(floor, 0.1)
    print(f"sealing job afterwards: {sealed} entries chained in {seal_ms:.0f} ms (certificates queued)")
    print(
        f"ledger: {acks} acknowledgement entries, chain {'intact' if report.ok else 'BROKEN'},"
        f" {report.checked} entries, {report.pending} pending"
    )
    met = ratio <= TARGET_RATIO
    verdict = "MET" if met else "OVER TARGET"
    print(f"{verdict}: p95 {p95:.0f} ms = {ratio:.2f}x the machine floor (target <= {TARGET_RATIO}x)")
    correct = report.ok and report.pending == 0 and acks == PEOPLE + SEQUENTIAL
    return judged(met) if correct else 1


if __name__ == "__main__":
    sys.exit(main())
