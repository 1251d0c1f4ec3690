"""Soak test (`make soak`): 100 people use a production-like portal at once for about two minutes.

Builds a throw-away PostgreSQL database (SOAK_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/portal_soak) with a published charter in force, 1,000 employees
assigned to it who have all read it (opened ten minutes ago, end reached five minutes ago) and
400 of whom already acknowledged it, and a checker context. Then starts gunicorn as in production
(DEBUG off, --preload, gthread workers) on a free loopback port and drives SOAK_USERS simulated
people through real HTTP for SOAK_SECONDS:

- every person signs the charter once through the real reading page and form (GET the page, type
  their name, POST: kind "acknowledgement"), then looks at their receipt;
- employees then check draft posts, in French and in English, through the checker API with their
  token, as the browser extension does (kind "precheck"), and now and then reload their home page;
- a tenth of them are HR and keep reading the campaign dashboard and its API (kind "dashboard").

The cache and task queue are Redis when it answers on SOAK_REDIS_URL (redis://127.0.0.1:6379/14, a
database number the soak empties before and after), else (or with SOAK_CACHE=db) the database. The
workers are warmed up by unmeasured requests first.

Prints p50/p95/max per kind and the error count, checks the targets (acknowledgements p95 < 300 ms,
pre-checks p95 < 500 ms, no error), verifies the database afterwards (one acknowledgement each,
ledger chain intact) and exits 1 when a target is missed. Only 127.0.0.1 is used.

The driver is one asyncio loop with httpx (already a dependency): a hundred coroutines cost
little CPU on a 2-core machine where the server needs it, and no load-testing framework (locust
and its gevent) has to be added to the lock file. People are signed in by creating their session
directly (as Django's test client does), so the load measures the portal, not the password hash.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.gunicorn_server import free_port, start_gunicorn  # noqa: E402

DATABASE_URL = os.environ.get("SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_soak")
USERS = int(os.environ.get("SOAK_USERS", "100"))
EMPLOYEES = int(os.environ.get("SOAK_EMPLOYEES", "1000"))
ALREADY_SIGNED = int(os.environ.get("SOAK_ALREADY_SIGNED", "400"))
DURATION_S = float(os.environ.get("SOAK_SECONDS", "90"))
RAMP_S = float(os.environ.get("SOAK_RAMP_SECONDS", "15"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "4"))
THREADS = int(os.environ.get("SOAK_THREADS", "2"))
HR_EVERY = 10  # one simulated person in ten is HR
TARGETS_P95_MS = {"acknowledgement": 300.0, "precheck": 500.0}
SLUG = "reseaux-sociaux"

# Production settings, with the plain-HTTP exceptions of scripts/run (loopback, no TLS).
SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
    "PORTAL_COMPANY_NAME": "Ateliers Lumen",
    "MEDIA_ROOT": tempfile.mkdtemp(prefix="portal-soak-media-"),  # removed at the end
}
# README's deployment is PostgreSQL + Redis (cache, rate-limit counters, the task queue): Redis when it
# answers on this database number (emptied before and after the run; nothing else may use it), else the
# database cache and queue of a deployment without Redis. SOAK_CACHE=db forces the latter.
SOAK_REDIS_URL = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/14")


def _redis(url: str):
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
        return client
    except Exception:  # not installed, not running: the database cache then
        return None


REDIS = _redis(SOAK_REDIS_URL) if os.environ.get("SOAK_CACHE") != "db" else None
if REDIS is not None:
    SERVER_ENV["REDIS_URL"] = SOAK_REDIS_URL
os.environ.update(SERVER_ENV)
os.environ["DJANGO_SETTINGS_MODULE"] = "policy_portal.settings"
os.environ["PORTAL_CLI"] = "1"

# Drafts employees check before posting: some fine, some naming a codename, a figure, a person, a crisis.
DRAFTS = [
    ("fr", "Fiers de notre équipe de Montrevel : 40 ans de savoir-faire en éclairage industriel ! #fierté"),
    ("fr", "Belle réunion ce matin sur Halcyon, notre futur luminaire connecté, lancement prévu en mars !"),
    ("fr", "Venez nous voir au salon Light+Building à Francfort, stand C42, du 8 au 13 mars."),
    ("fr", "Le chiffre d'affaires du trimestre dépasse 31 millions d'euros, les résultats ne sont pas encore publiés."),
    ("fr", "Bravo à Julie Marchand (julie.marchand@lumen.example, 06 12 34 56 78) pour sa promotion !"),
    ("fr", "Quelqu'un a des nouvelles de l'incendie de Brécy ? On dit que l'atelier est fermé."),
    ("fr", "Nous recrutons des techniciens de maintenance à Lyon, postulez sur notre site lumen.example !"),
    ("fr", "Ces imbéciles du service achats ont encore perdu la commande du client Orvalis."),
    ("fr", "Merci à tous pour cette belle journée portes ouvertes, plus de 300 visiteurs sont venus."),
    ("fr", "Notre position officielle : nous ne commenterons pas la rumeur de rachat par Fotonic."),
    ("en", "Proud of our Montrevel team: 40 years of industrial lighting know-how! #proud"),
    ("en", "Great meeting today about Halcyon, our next connected luminaire, launching in March!"),
    ("en", "Come and see us at Light+Building in Frankfurt, booth C42, 8 to 13 March."),
    ("en", "Quarterly revenue is above 31 million euros, results are not published yet, keep it quiet."),
    ("en", "Does anyone know more about the fire at Brécy? The workshop seems to be closed."),
    ("en", "We are hiring maintenance technicians in Lyon, apply on lumen.example!"),
    ("en", "Our client Orvalis just signed a three-year deal with us, huge thanks to the sales team."),
    ("en", "Thanks everyone for a lovely open day, more than 300 visitors came to see the workshop."),
]
COMPANY_JSON = (
    '{"name": "Ateliers Lumen", "language": "fr", "public_domains": ["lumen.example"], '
    '"public_facts": ["Ateliers Lumen emploie 1 200 personnes en France."]}'
)
TERMS_CSV = (
    "term,kind,note\nHalcyon,project,Luminaire connecté non annoncé\nOrvalis,client,Client sous accord de "
    "confidentialité\nFotonic,partner,Discussions confidentielles\nincendie de Brécy,quiet_topic,Incendie\n"
    "fire at Brécy,quiet_topic,Fire\n"
)
MEMO = (
    "# Comité de direction\n\nLe comité a validé le plan de réduction des coûts de l'atelier de Brécy, qui "
    "prévoit la fermeture de la ligne trois et le transfert de la production vers Montrevel avant l'été. Les "
    "représentants du personnel seront informés lors du prochain comité social et économique.\n"
)


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


# --- the data --------------------------------------------------------------------------------------
class People:
    """What the driver needs to act as each simulated person."""

    def __init__(self) -> None:
        self.sessions: list[str] = []
        self.tokens: list[str] = []
        self.names: list[str] = []
        self.is_hr: list[bool] = []
        self.number = 0
        self.cookie = "sessionid"


def static_up_to_date() -> bool:
    """The collected files' manifest is newer than every static source file (as scripts/run left it)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if Path(storage.path(path)).stat().st_mtime > collected:
                return False
    return True


def build() -> People:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from charters import services
    from charters.acknowledgements.services import (
        acknowledgement_record,
        campaign_start,
        reading_end_reached,
        reading_open,
    )
    from charters.ledger import ledger_seal
    from charters.model_charter import model_charter_texts
    from charters.models import Assignment
    from compliance.services import context_bundle_import
    from policy_portal.auth import totp_provision
    from policy_portal.models import Department, Employee
    from policy_portal.roles import Role

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrated = time.perf_counter()
    if not static_up_to_date():  # compressing every file again takes a minute on 2 cores
        call_command("collectstatic", "--noinput", verbosity=0)
    print(
        f"    migrated in {migrated - started:.0f} s, static files ready in {time.perf_counter() - migrated:.0f} s",
        flush=True,
    )
    started = time.perf_counter()
    now = timezone.now()
    departments = Department.objects.bulk_create(
        [
            Department(code=f"d{n}", name=name)
            for n, name in enumerate(
                ["Ventes", "Atelier Montrevel", "Atelier Brécy", "Logistique", "Finance", "RH", "R&D", "Marketing"]
            )
        ]
    )
    password = make_password(secrets.token_urlsafe(16))  # one hash for all: nobody signs in with it
    first = ["Camille", "Louis", "Inès", "Hugo", "Léa", "Nathan", "Chloé", "Jules", "Manon", "Adam", "Emma", "Noah"]
    last = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]
    users = User.objects.bulk_create(
        [
            User(
                username=f"p{n}@lumen.example",
                email=f"p{n}@lumen.example",
                first_name=first[n % len(first)],
                last_name=f"{last[n % len(last)]}-{n}",
                password=password,
                last_login=now,
            )
            for n in range(EMPLOYEES + 2)
        ]
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(
                user=u,
                employee_id=f"L{n:05d}",
                department=departments[n % len(departments)],
                preferred_language="en" if n % 3 == 0 else "fr",
            )
            for n, u in enumerate(users)
        ]
    )
    hr, approver = users[-2], users[-1]
    Group.objects.get(name=Role.EMPLOYEE).user_set.add(*users)
    hr.groups.add(Group.objects.get(name=Role.HR))
    approver.groups.add(Group.objects.get(name=Role.APPROVER))
    simulated = employees[:USERS]
    simulated_hr = [e.user for n, e in enumerate(simulated) if n % HR_EVERY == 0]
    Group.objects.get(name=Role.HR).user_set.add(*simulated_hr)
    for user in [hr, approver, *simulated_hr]:  # their role requires an authenticator app
        totp_provision(user=user)

    texts = model_charter_texts()
    charter = services.charter_create(
        name="Charte réseaux sociaux", slug=SLUG, by=hr, body_fr=texts["fr"], translations={"en": texts["en"]}
    )
    version = charter.versions.get(number=1)
    services.charter_version_update(
        version=version, by=hr, effective_date=timezone.localdate() - timedelta(days=2), change_summary="Première"
    )
    services.charter_version_submit(version=version, by=hr)
    services.charter_version_approve(version=version, by=approver)
    version = services.charter_version_publish(version=version, by=hr)
    campaign = campaign_start(version=version)
    assignments = list(
        Assignment.objects.filter(campaign=campaign)
        .select_related("campaign__version__charter", "employee__user")
        .order_by("employee__employee_id")
    )
    for assignment in assignments:
        reading_open(
            assignment=assignment, language=assignment.employee.preferred_language, now=now - timedelta(minutes=10)
        )
        reading_end_reached(assignment=assignment, now=now - timedelta(minutes=5))
    for assignment in assignments[USERS : USERS + ALREADY_SIGNED]:  # the others, not simulated
        acknowledgement_record(
            assignment=assignment,
            typed_name=assignment.employee.full_name,
            consented=True,
            ip_address="127.0.0.1",
            user_agent="soak set-up",
            auth_method="session",
            login_at=now,
        )
    ledger_seal()  # what the worker's sealing job did meanwhile
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder)
        (bundle / "internal").mkdir()
        (bundle / "company.json").write_text(COMPANY_JSON, encoding="utf-8")
        (bundle / "terms.csv").write_text(TERMS_CSV, encoding="utf-8")
        (bundle / "internal" / "codir.md").write_text(MEMO, encoding="utf-8")
        context_bundle_import(folder=bundle)

    people = People()
    people.number = version.number
    people.cookie = settings.SESSION_COOKIE_NAME
    for n, employee in enumerate(simulated):
        client = Client()
        client.force_login(employee.user)  # a fresh session, as after signing in (and the second factor)
        people.sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
        people.tokens.append(Token.objects.get_or_create(user=employee.user)[0].key)
        people.names.append(employee.full_name)
        people.is_hr.append(n % HR_EVERY == 0)
    print(
        f"    {len(assignments)} employees assigned and reading, {ALREADY_SIGNED} already signed, "
        f"{USERS} simulated ({sum(people.is_hr)} HR); built in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return people


# --- the server ------------------------------------------------------------------------------------
def start_server(port: int, log: Path) -> subprocess.Popen:
    return start_gunicorn(port, log, workers=WORKERS, threads=THREADS, env={**os.environ, **SERVER_ENV})


# --- the load ---------------------------------------------------------------------------------------
class Recorder:
    def __init__(self) -> None:
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []
        self.verdicts: dict[str, int] = defaultdict(int)

    async def call(self, kind: str, request, expected: tuple[int, ...] = (200,)):
        start = time.perf_counter()
        try:
            response = await request
        except Exception as exc:  # a timeout or a reset is an error of the run: counted
            self._error(kind, f"{kind}: {type(exc).__name__} {exc}")
            return None
        self.timings[kind].append((time.perf_counter() - start) * 1000)
        if response.status_code not in expected:
            sent = response.request
            self._error(kind, f"{kind}: {sent.method} {sent.url.path} -> {response.status_code}")
            return None
        return response

    def _error(self, kind: str, sample: str) -> None:
        self.errors[kind] += 1
        if len(self.samples) < 10:
            self.samples.append(sample)


# Like a browser, the client closes an idle connection before the server's keep-alive (gunicorn: 2 s)
# runs out; otherwise a request sent on a connection the server is closing fails for no fault of the portal.
KEEPALIVE_S = 1.0
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LANG = re.compile(r'name="lang" value="(fr|en)"')
RECEIPT = re.compile(r"/charters/acknowledgements/\d+/$")


async def person(n: int, people: People, base: str, api, record: Recorder, deadline: float) -> None:
    import httpx

    rng = random.Random(n)  # noqa: S311 - think times and drafts, not secrets
    await asyncio.sleep(RAMP_S * n / USERS)
    cookies = httpx.Cookies()
    cookies.set(people.cookie, people.sessions[n], domain="127.0.0.1")
    token = {"Authorization": f"Token {people.tokens[n]}"}
    ack_url = f"/charters/{SLUG}/v{people.number}/acknowledge/"
    limits = httpx.Limits(keepalive_expiry=KEEPALIVE_S)
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30, limits=limits) as web:
        await record.call("page", web.get("/"))
        page = await record.call("page", web.get(ack_url))
        if page is not None and (csrf := CSRF.search(page.text)):
            await asyncio.sleep(rng.uniform(2, 6))  # typing their name
            lang = shown.group(1) if (shown := LANG.search(page.text)) else ""
            response = await record.call(
                "acknowledgement",
                web.post(
                    ack_url,
                    data={
                        "csrfmiddlewaretoken": csrf.group(1),
                        "lang": lang,
                        "typed_name": people.names[n],
                        "consent": "on",
                    },
                    headers={"Referer": base + ack_url},
                ),
                expected=(302,),
            )
            if response is not None:
                location = response.headers.get("location", "")
                if RECEIPT.search(location):
                    await record.call("page", web.get(location))
                else:
                    record._error("acknowledgement", f"acknowledgement: redirected to {location!r}")
        elif page is not None:
            record._error("page", "reading page without its form")
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(2, 6))
            if time.monotonic() >= deadline:
                break
            if people.is_hr[n]:
                kind = rng.choice(["list", "detail", "detail", "api"])
                if kind == "list":
                    await record.call("dashboard", web.get("/charters/campaigns/"))
                elif kind == "detail":
                    await record.call("dashboard", web.get(f"/charters/campaigns/{SLUG}/v{people.number}/"))
                else:
                    url = f"/api/v1/campaigns/{SLUG}/v{people.number}/status/"
                    await record.call("dashboard", api.get(url, headers=token))
            elif rng.random() < 0.85:
                lang, text = rng.choice(DRAFTS)
                body = {"text": text, "lang": lang, "platform": "linkedin"}
                checked = await record.call("precheck", api.post("/api/v1/prechecks/", json=body, headers=token))
                if checked is not None:
                    record.verdicts[checked.json().get("verdict", "?")] += 1
            else:
                await record.call("page", web.get("/"))


async def warm_up(people: People, base: str) -> None:
    """Every worker process loads its templates, catalogues and the checker's language models on its
    first requests after the fork: a server that has been up for a while has done so (not measured)."""
    import httpx

    hr = people.is_hr.index(True)
    jar = {people.cookie: people.sessions[hr]}
    token = {"Authorization": f"Token {people.tokens[hr]}"}
    async with (
        httpx.AsyncClient(base_url=base, cookies=jar, timeout=60) as web,
        httpx.AsyncClient(base_url=base, timeout=60) as api,
    ):
        requests = []
        for n in range(4 * WORKERS * THREADS):
            lang, text = DRAFTS[n % len(DRAFTS)]
            requests += [
                web.get("/"),
                web.get(f"/charters/{SLUG}/v{people.number}/acknowledge/"),
                web.get(f"/charters/campaigns/{SLUG}/v{people.number}/"),
                api.post("/api/v1/prechecks/", json={"text": text, "lang": lang}, headers=token),
            ]
        await asyncio.gather(*requests, return_exceptions=True)


async def drive(people: People, base: str) -> tuple[Recorder, float]:
    import httpx

    await warm_up(people, base)
    started = time.perf_counter()
    record = Recorder()
    deadline = time.monotonic() + DURATION_S
    limits = httpx.Limits(max_connections=USERS, max_keepalive_connections=USERS, keepalive_expiry=KEEPALIVE_S)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as api:
        await asyncio.gather(*(person(n, people, base, api, record, deadline) for n in range(USERS)))
    return record, time.perf_counter() - started


# --- the report -------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(record: Recorder, checks: list[tuple[str, bool]]) -> bool:
    print(f"\n{'kind':<16}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in ("acknowledgement", "precheck", "dashboard", "page"):
        values = record.timings.get(kind, [])
        if values:
            print(
                f"{kind:<16}{len(values):>9}{record.errors.get(kind, 0):>8}{statistics.median(values):>9.0f}"
                f"{percentile(values, 0.95):>9.0f}{max(values):>9.0f}"
            )
    errors = sum(record.errors.values())
    for sample in record.samples:
        print(f"    error: {sample}")
    print()
    ok = True
    for kind, target in TARGETS_P95_MS.items():
        values = record.timings.get(kind, [])
        passed = bool(values) and percentile(values, 0.95) < target
        shown = f"{percentile(values, 0.95):.0f} ms" if values else "no request"
        print(f"{'PASS' if passed else 'FAIL'}  {kind} p95 {shown} < {target:.0f} ms")
        ok &= passed
    print(f"{'PASS' if errors == 0 else 'FAIL'}  errors: {errors}")
    verdicts = ", ".join(f"{v} {record.verdicts.get(v, 0)}" for v in ("ok", "review", "block"))
    print(f"{'PASS' if record.verdicts.get('block') else 'FAIL'}  pre-check verdicts: {verdicts}")
    ok &= bool(record.verdicts.get("block"))  # drafts naming a codename or a figure must be blocked
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {label}")
        ok &= passed
    return ok and errors == 0


def verify() -> list[tuple[str, bool]]:
    """Seal what the web requests left pending (a worker's job in production) and check the evidence."""
    from django.db import connections

    from charters.ledger import Event, ledger_seal, ledger_verify
    from charters.models import Acknowledgement, LedgerEntry

    connections.close_all()
    sealed = len(ledger_seal())
    acks, expected = Acknowledgement.objects.count(), ALREADY_SIGNED + USERS
    entries = LedgerEntry.objects.filter(event=Event.ACKNOWLEDGED, sequence__isnull=False).count()
    chain = ledger_verify()
    return [
        (f"acknowledgements in the database: {acks} (expected {expected})", acks == expected),
        (f"acknowledgements in the ledger: {entries}, {sealed} entries sealed after the run", entries == expected),
        (f"ledger chain intact ({chain.checked} entries, {chain.pending} pending)", chain.ok and not chain.pending),
    ]


def main() -> int:
    say(f"Building {DATABASE_URL.rsplit('/', 1)[1]} (PostgreSQL, thrown away at each run)")
    recreate_database(DATABASE_URL)
    if REDIS is not None:
        REDIS.flushdb()  # this database number is the soak's own
    people = build()
    port = free_port()
    log = ROOT / "var" / "soak-web.log"
    cache = f"Redis cache and queue ({SOAK_REDIS_URL})" if REDIS is not None else "database cache and queue"
    say(f"Starting gunicorn on 127.0.0.1:{port}: {WORKERS} workers x {THREADS} threads, DEBUG off, {cache}")
    log.write_text("")
    server = start_server(port, log)
    try:
        say(
            f"{USERS} people for {DURATION_S:.0f} s (ramp-up {RAMP_S:.0f} s) on {os.cpu_count()} CPUs, "
            f"load average before: {os.getloadavg()[0]:.1f}"
        )
        record, elapsed = asyncio.run(drive(people, f"http://127.0.0.1:{port}"))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(SERVER_ENV["MEDIA_ROOT"], ignore_errors=True)
    checks = verify()
    if REDIS is not None:
        REDIS.flushdb()  # the jobs queued for a worker that never ran
    total = sum(len(v) for v in record.timings.values())
    print(
        f"    {total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s); load average after: "
        f"{os.getloadavg()[0]:.1f} (other programs on the machine slow every figure down)"
    )
    return 0 if report(record, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
