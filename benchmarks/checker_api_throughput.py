"""Checker API throughput at saturation: `POST /api/v1/prechecks/` under gunicorn, closed loop (issue #12).

    .venv/bin/python benchmarks/checker_api_throughput.py                 (about a minute; run by `make bench`)
    BENCH_SMALL=1 .venv/bin/python benchmarks/checker_api_throughput.py   (5 s, 4 clients: a quick check)

Builds a throw-away SQLite database (migrated, the checker context of compliance/demo_context imported with
`import_checker_context`, BENCH_CONTEXT to use another bundle), one employee per client with an API token, then
starts gunicorn as in production (DEBUG off, --preload, gthread; BENCH_WORKERS=2 workers x BENCH_THREADS=4 threads,
as scripts/run) on a free loopback port. BENCH_CLIENTS (16) clients, one asyncio loop with aiohttp (already locked,
through pyhanko; lighter than httpx on the two cores the server needs), each send the next ~80-word draft as soon as
the previous answer arrives: BENCH_WARMUP_SECONDS (3) not measured, then BENCH_SECONDS (20) measured.

The cache (the API's rate-limit counter) is Redis when it answers on BENCH_REDIS_URL (default
redis://127.0.0.1:6379/13, only throttle keys with a one-minute expiry are written there), as in the README's
deployment; otherwise, or with BENCH_CACHE=db, the database cache. The per-person rate limit is lifted
(PRECHECK_RATE) so that the checker is what is measured, not the limit; its counter is still read and written.

Prints requests/s, p50/p95/p99 latency, errors (any answer but 200, printed), the peak RSS (VmHWM) of each worker
and whether the checker answered with its trained model or on rules alone (GET /healthz); also the CPU the workers
used per request and what other programs used meanwhile (from /proc: whether the server had the two cores, and
what a request costs).
Targets: >= 150 requests/s, peak RSS <= 600 MB per worker. Exits 0 whatever the figures ("met" / "NOT met"); 1 only
when the server cannot start.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.gunicorn_server import free_port, start_gunicorn, stop_gunicorn  # noqa: E402

SMALL = os.environ.get("BENCH_SMALL") == "1"
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4" if SMALL else "16"))
DURATION_S = float(os.environ.get("BENCH_SECONDS", "5" if SMALL else "20"))
WARMUP_S = float(os.environ.get("BENCH_WARMUP_SECONDS", "3"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
CONTEXT = Path(os.environ.get("BENCH_CONTEXT", str(ROOT / "compliance" / "demo_context")))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
RPS_TARGET, RSS_TARGET_MB = 150.0, 600.0
URL = "/api/v1/prechecks/"

# Production settings, with the plain-HTTP exceptions of scripts/run (loopback, no TLS); main() adds the
# throw-away database and media folder.
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
    "PRECHECK_RATE": "1000000/min",
}

# Drafts people check before posting, about 80 words each, written for this benchmark around the demo company
# (Ateliers Lumen): most are fine, some name an unannounced project or product, a client under NDA, a nomination,
# a quiet topic, the board's memo, someone's phone number, or insult colleagues. (lang None: the checker detects it.)
DRAFTS: list[tuple[str | None, str]] = [
    (
        "fr",
        "Quelle semaine à l'atelier de Montrevel ! Nous avons accueilli douze apprentis venus des lycées de la région "
        "pour découvrir nos métiers : câblage, peinture, contrôle qualité et expédition. Ils ont monté leur premier "
        "projecteur de A à Z, sous l'œil attentif de nos anciens. Merci à toute l'équipe pour sa patience et sa bonne "
        "humeur, et bravo aux jeunes pour leur curiosité. Rendez-vous l'an prochain pour une nouvelle promotion, les "
        "inscriptions ouvriront en septembre sur notre site lumen.example.",
    ),
    (
        "en",
        "What a week at the Montrevel workshop! We welcomed twelve apprentices from local vocational schools who came "
        "to discover our trades: wiring, painting, quality control and shipping. Each of them assembled a floodlight "
        "from start to finish, coached by colleagues who have been here for decades. Thank you to the whole team for "
        "their patience, and well done to the young people for their curiosity. See you next year for a new group; "
        "applications open in September on lumen.example.",
    ),
    (
        "fr",
        "Petite fierté du jour : le Projet Orion avance très bien ! Nos lampadaires solaires tiennent déjà quatorze "
        "heures d'autonomie en test, et le lancement commercial devrait tomber au printemps. Je ne peux pas tout dire, "
        "mais croyez-moi, ça va changer l'éclairage des parkings et des zones d'activité. Bravo au bureau d'études qui "
        "a passé ses soirées sur les batteries. J'ai hâte de vous montrer les premières photos du prototype installé "
        "devant le bâtiment B.",
    ),
    (
        "en",
        "Sneak peek from the lab: our engineers have just validated the optics of Phare 9, the stadium floodlight "
        "we have been working on since last year. The beam is sharper than anything else on the market and the power "
        "draw is down by a third. Launch date still to be decided, but I could not resist sharing how proud I am of "
        "this team. If you manage a sports ground and want to be among the first to try it, send me a message!",
    ),
    (
        "fr",
        "Nous recrutons ! L'équipe logistique de Montrevel cherche deux caristes et un ou une responsable des "
        "expéditions, en CDI, pour accompagner la croissance de la gamme Halo. Horaires de journée, mutuelle prise "
        "en charge, tickets restaurant et une ambiance de travail où l'on s'entraide. Aucune expérience du luminaire "
        "n'est nécessaire, nous formons sur place. Les candidatures se font sur la page carrières de lumen.example ; "
        "n'hésitez pas à partager autour de vous, le bouche-à-oreille reste notre meilleur recruteur.",
    ),
    (
        "en",
        "Big news for our sales team: we are about to close the warehouse lighting tender with Vernier Logistique, "
        "more than four hundred Halo fittings across their three sites. The contract should be signed before the end "
        "of the month if the last technical review goes well. A huge thank you to everyone who worked late on the "
        "bid, especially the design office for the lighting studies. Fingers crossed, and I will tell you more as "
        "soon as I can.",
    ),
    (
        "fr",
        "Retour sur le salon de Lyon : trois jours intenses sur notre stand, des dizaines de discussions avec des "
        "installateurs, des bureaux d'études et quelques collectivités. Le projecteur Halo pour entrepôts a encore "
        "fait sensation, surtout la version avec détecteur de présence. Merci aux collègues du commerce et de "
        "l'atelier qui se sont relayés pour répondre aux questions techniques. Prochaine étape : le salon de Paris "
        "en novembre, où nous présenterons nos nouveaux kits de rénovation pour anciens bâtiments.",
    ),
    (
        "fr",
        "Je l'ai appris hier soir au détour d'un couloir : Mathilde Carrel va prendre la direction générale des "
        "Ateliers au début de l'année prochaine. Pour celles et ceux qui la connaissent, c'est une excellente "
        "nouvelle, elle a redressé la filiale export en deux ans. Rien n'est encore officiel, mais je voulais être "
        "le premier à la féliciter publiquement. Bienvenue Mathilde, on a hâte de travailler avec toi et de voir où "
        "tu vas emmener la maison.",
    ),
    (
        "en",
        "Our volunteering day was a success: thirty colleagues spent Saturday replacing the old bulbs of the Montrevel "
        "community centre, the football club changing rooms and the primary school gym with donated LED fittings. "
        "The town says the electricity bill of these buildings should fall by half. Thanks to the mayor's team for "
        "the warm welcome and the coffee, and to everyone who gave up their weekend. Photos are on our page, and "
        "next year we are aiming for the retirement home.",
    ),
    (
        "fr",
        "Franchement, ces incapables du service achats ont encore réussi à commander les mauvais câbles, et c'est "
        "nous, à l'atelier, qui allons devoir rattraper leurs bêtises en faisant des heures supplémentaires tout le "
        "week-end. Je ne sais pas comment on peut être aussi nuls et garder son poste. Si un client se plaint du "
        "retard, je donnerai volontiers le nom du responsable. Ras-le-bol de payer pour les erreurs des autres, "
        "franchement, il serait temps que la direction fasse le ménage.",
    ),
    (
        "en",
        "Quick tip for facility managers: before replacing your old sodium lamps, measure the light level at floor "
        "height in a few spots of the warehouse. You will often find that half the fittings are enough once they "
        "are LED and properly aimed. We wrote a short free guide on how to plan such a retrofit, with the mistakes "
        "we see most often on site and a simple spreadsheet to estimate the savings. Ask me for a copy, I am happy "
        "to share it.",
    ),
    (
        "fr",
        "Info importante pour nos distributeurs : au premier janvier, les prix de toute la gamme Halo augmenteront de "
        "huit pour cent, c'est acté par le comité de direction. Je vous conseille de passer vos commandes de stock "
        "dès maintenant pour profiter des tarifs actuels. L'annonce officielle n'arrivera qu'à la réunion commerciale "
        "de décembre, mais je préfère que mes clients soient prévenus avant. Appelez-moi si vous voulez qu'on regarde "
        "ensemble les volumes.",
    ),
    (
        "en",
        "Heads up to anyone in the trade: there is a recall coming on the Halo H2 floodlights, a batch has faulty "
        "power supplies and some units have already failed at customers. The crisis team is handling it quietly "
        "for now, but if you installed H2 models last spring you may want to check them. I think people deserve to "
        "know rather than wait for the official letter. Feel free to contact me privately if you want the batch "
        "numbers.",
    ),
    (
        "fr",
        "Bravo à notre collègue Julien Marchetti qui fête ses vingt-cinq ans à l'atelier ! Pour lui envoyer un petit "
        "mot, son numéro personnel est le 06 41 27 83 90 et son adresse julien.marchetti@orange.example. Il adore les "
        "messages, surtout ceux qui rappellent ses débuts sur la vieille ligne de peinture. Un pot est organisé "
        "vendredi à seize heures à la cantine, venez nombreux, il y aura du gâteau aux noix de sa femme et quelques "
        "photos d'époque.",
    ),
    (
        None,
        "Three years ago we started measuring the carbon footprint of every floodlight we make. Today I am proud to "
        "say that a Halo fitting leaving Montrevel carries forty percent less carbon than in 2021, thanks to "
        "recycled aluminium, local suppliers and solar panels on the workshop roof. There is still a long way to go, "
        "especially on transport, and we will publish our full figures in the spring report. Thanks to the "
        "sustainability working group for keeping us honest.",
    ),
    (
        "fr",
        "Au nom des Ateliers Lumen, je peux vous annoncer officiellement que nous allons ouvrir une seconde usine en "
        "Espagne d'ici deux ans et que nous garantissons qu'aucun poste ne sera supprimé en France. C'est notre "
        "position et elle ne changera pas. Les journalistes qui souhaitent en savoir plus peuvent m'écrire "
        "directement, je répondrai à toutes les questions sur nos investissements et sur la stratégie du groupe "
        "pour les cinq prochaines années.",
    ),
    (
        None,
        "Ce matin, petite visite de nos partenaires de l'école d'ingénieurs de Saint-Étienne : nous leur avons montré "
        "notre banc de test photométrique et expliqué comment nous mesurons la durée de vie des LED. Les étudiants "
        "ont posé des questions très pointues sur la dissipation thermique. Deux d'entre eux rejoindront le bureau "
        "d'études en stage au printemps. J'aime ces échanges qui nous obligent à expliquer simplement ce que nous "
        "faisons depuis des années.",
    ),
    (
        "en",
        "Some changes are coming at Montrevel: the management committee agreed to gradually close assembly line two "
        "in the second quarter and move the teams to the wiring workshop, with volumes of classic floodlights "
        "dropping by about fifteen percent. Staff have not been told yet, the works council meets next month. I "
        "am sharing this so that our partners can plan ahead. Nothing to worry about, the site stays open and the "
        "Halo range keeps growing.",
    ),
    (
        "fr",
        "Belle réunion hier avec Optiverre Industries, notre nouveau partenaire verrier : leurs diffuseurs en verre "
        "trempé vont équiper nos futurs modèles et nous avons signé pour cinq ans. Leur usine de Haute-Loire est "
        "impressionnante, et l'équipe est aussi passionnée que la nôtre. Je suis ravi de pouvoir enfin en parler, "
        "après des mois de négociation discrète. Merci à nos acheteurs pour leur ténacité. Les premières pièces "
        "arriveront à l'atelier au mois de mars.",
    ),
    (
        "en",
        "Friday afternoon at the workshop: the paint line is quiet, the last pallets of Halo fittings are wrapped and "
        "waiting for the truck, and someone has put music on in the break room. It is moments like these that make "
        "me love this job. Forty years of making lights in the same small town, with people who know every screw "
        "of what they build. Have a good weekend everyone, and see you Monday for the inventory.",
    ),
]


@dataclass
class Results:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    verdicts: Counter = field(default_factory=Counter)
    notices: Counter = field(default_factory=Counter)
    warm_up_ms: list[float] = field(default_factory=list)
    warm_up_errors: list[str] = field(default_factory=list)
    server_cpu_s: float = 0.0
    driver_cpu_s: float = 0.0
    others_cpu_s: float = 0.0


# --- the server ------------------------------------------------------------------------------------
def choose_cache() -> str:
    if os.environ.get("BENCH_CACHE") == "db":
        return "database cache (BENCH_CACHE=db)"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # not installed, not running: the database cache then
        return "database cache (no Redis answered on BENCH_REDIS_URL)"
    SERVER_ENV["REDIS_URL"] = REDIS_URL
    return f"Redis cache ({REDIS_URL})"


def build() -> list[str]:
    """Migrate the throw-away database, import the checker context, create one employee and token per client."""
    os.environ.update(SERVER_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "policy_portal.settings"
    os.environ["PORTAL_CLI"] = "1"
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connections
    from rest_framework.authtoken.models import Token

    from policy_portal.models import Department, Employee
    from policy_portal.roles import Role

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if "REDIS_URL" not in SERVER_ENV:
        call_command("createcachetable", verbosity=0)
    call_command("import_checker_context", str(CONTEXT), stdout=open(os.devnull, "w"))
    department = Department.objects.create(code="atelier", name="Atelier Montrevel")
    password = make_password(secrets.token_urlsafe(16))  # nobody signs in with it: they use their token
    users = User.objects.bulk_create(
        [
            User(username=f"bench{n}@lumen.example", email=f"bench{n}@lumen.example", password=password)
            for n in range(CLIENTS)
        ]
    )
    Employee.objects.bulk_create(
        [
            Employee(user=u, employee_id=f"B{n:04d}", department=department, preferred_language="fr")
            for n, u in enumerate(users)
        ]
    )
    Group.objects.get(name=Role.EMPLOYEE).user_set.add(*users)
    tokens = [Token.objects.create(user=u).key for u in users]
    connections.close_all()
    print(
        f"    database migrated, context {CONTEXT.name} imported, {CLIENTS} employees with a token "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return tokens


def start_server(port: int, log: Path) -> subprocess.Popen:
    """gunicorn as in production, ready once every worker is up and /healthz answers (2 minutes at most)."""
    return start_gunicorn(
        port,
        log,
        workers=WORKERS,
        threads=THREADS,
        env={**os.environ, **SERVER_ENV},
        path="/healthz",
        ready=lambda server: len(worker_pids(server.pid)) == WORKERS,
        tries=240,
    )


stop_server = stop_gunicorn


def proc_status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:  # the process ended meanwhile
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the children of the master process."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and proc_status(int(entry.name)).get("PPid", "").strip() == str(master):
            pids.append(int(entry.name))
    return sorted(pids)


def peak_rss_mb(pid: int) -> float | None:
    value = proc_status(pid).get("VmHWM", "")
    return int(value.split()[0]) / 1024 if value else None


def checker_model(base: str) -> list[str]:
    """What /healthz says about the checker's model, asked a few times (each worker answers for itself)."""
    import httpx

    seen = []
    for _ in range(2 * WORKERS):
        try:
            health = httpx.get(f"{base}/healthz", timeout=10).json()
        except (httpx.HTTPError, ValueError) as exc:
            health = {"checker_model": f"unknown ({type(exc).__name__})"}
        keys = ("checker_model", "checker_model_source", "checker_model_version", "checker_model_error")
        said = ", ".join(f"{k.removeprefix('checker_model_') or 'state'}={health[k]}" for k in keys if k in health)
        if said not in seen:
            seen.append(said)
    return seen


# --- the load ---------------------------------------------------------------------------------------
async def client(n: int, session, token: str, results: Results, measure_from: float, until: float) -> None:
    import aiohttp

    headers = {"Authorization": f"Token {token}"}
    turn = n  # each client starts at a different draft and goes through all of them
    while time.monotonic() < until:
        lang, text = DRAFTS[turn % len(DRAFTS)]
        turn += 1
        body = {"text": text, "platform": "linkedin", **({"lang": lang} if lang else {})}
        started = time.monotonic()
        try:
            async with session.post(URL, json=body, headers=headers) as response:
                payload = await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, payload = None, repr(exc).encode()
        finished = time.monotonic()
        if finished > until:  # answered after the end: not counted
            continue
        error = None if status == 200 else f"{status}: {payload[:200].decode(errors='replace')}"
        if started < measure_from:  # the warm-up: not measured, but its errors are shown
            results.warm_up_ms.append((finished - started) * 1000)
            results.warm_up_errors += [error] if error else []
            continue
        results.latencies_ms.append((finished - started) * 1000)
        if error:
            results.errors.append(error)
            continue
        answer = json.loads(payload)
        results.verdicts[answer.get("verdict", "?")] += 1
        results.notices.update(notice.get("code", "?") for notice in answer.get("notices", []))


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every CPU of the machine has spent busy so far (first line of /proc/stat, idle and iowait excepted)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


async def server_cpu_during(workers: list[int], measure_from: float, until: float, results: Results) -> None:
    """The workers' CPU in the measured window, and what the rest of the machine (this driver included) used."""
    driver = [os.getpid()]
    await asyncio.sleep(max(0.0, measure_from - time.monotonic()))
    server, mine, machine = cpu_seconds(workers), cpu_seconds(driver), machine_busy_seconds()
    await asyncio.sleep(max(0.0, until - time.monotonic()))
    results.server_cpu_s = cpu_seconds(workers) - server
    results.driver_cpu_s = cpu_seconds(driver) - mine
    results.others_cpu_s = machine_busy_seconds() - machine - results.server_cpu_s - results.driver_cpu_s


async def drive(base: str, tokens: list[str], workers: list[int]) -> Results:
    import aiohttp

    results = Results()
    start = time.monotonic()
    measure_from, until = start + WARMUP_S, start + WARMUP_S + DURATION_S
    connector = aiohttp.TCPConnector(limit=CLIENTS)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base_url=base, connector=connector, timeout=timeout) as session:
        await asyncio.gather(
            server_cpu_during(workers, measure_from, until, results),
            *(client(n, session, tokens[n], results, measure_from, until) for n in range(CLIENTS)),
        )
    return results


# --- the report -------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(results: Results, rss: dict[int, float | None], models: list[str]) -> None:
    done = len(results.latencies_ms)
    rps = (done - len(results.errors)) / DURATION_S
    print(f"\nmodel     /healthz: {' | '.join(models)}")
    notices = ", ".join(f"{code} x{count}" for code, count in results.notices.most_common()) or "none"
    print(f"answers   verdicts: {dict(results.verdicts)}; notices: {notices}")
    if done:
        lat = results.latencies_ms
        print(
            f"latency   p50={statistics.median(lat):.0f} ms  p95={percentile(lat, 0.95):.0f} ms  "
            f"p99={percentile(lat, 0.99):.0f} ms  max={max(lat):.0f} ms  ({done} requests measured, "
            f"{len(results.warm_up_ms)} in the warm-up, slowest {max(results.warm_up_ms, default=0):.0f} ms)"
        )
    print(f"errors    {len(results.errors)}")
    for sample, count in Counter(results.errors).most_common(10):
        print(f"    x{count}  {sample}")
    for sample, count in Counter(results.warm_up_errors).most_common(5):
        print(f"    during the warm-up (not counted): x{count}  {sample}")
    if done:
        print(
            f"server    the workers used {results.server_cpu_s:.1f} s of CPU in the {DURATION_S:.0f} s measured "
            f"({100 * results.server_cpu_s / DURATION_S:.0f}% of one core, {os.cpu_count()} CPUs), "
            f"{1000 * results.server_cpu_s / done:.1f} ms per request"
        )
    print(
        f"machine   meanwhile: this load generator {100 * results.driver_cpu_s / DURATION_S:.0f}% of one core, "
        f"other programs {100 * max(0.0, results.others_cpu_s) / DURATION_S:.0f}% (of {100 * (os.cpu_count() or 1)}%)"
    )
    rss_ok = bool(rss) and all(v is not None and v <= RSS_TARGET_MB for v in rss.values())
    shown = ", ".join(f"pid {pid}: {v:.0f} MB" if v is not None else f"pid {pid}: gone" for pid, v in rss.items())
    print(f"memory    peak RSS (VmHWM, shared pages included) per worker: {shown}")
    print(
        f"{'met' if rps >= RPS_TARGET else 'NOT met':<8}  throughput {rps:.1f} requests/s answered 200 "
        f"(target >= {RPS_TARGET:.0f})"
    )
    print(f"{'met' if rss_ok else 'NOT met':<8}  peak RSS per worker <= {RSS_TARGET_MB:.0f} MB")


def main() -> int:
    if not (CONTEXT / "company.json").exists():
        print(f"No checker context bundle at {CONTEXT} (company.json, terms.csv, ...).")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="checker-api-bench-"))
    SERVER_ENV.update(DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", MEDIA_ROOT=str(tmp / "media"))
    cache = choose_cache()
    print(f"==> Building a throw-away SQLite database in {tmp}", flush=True)
    tokens = build()
    port, log = free_port(), tmp / "gunicorn.log"
    print(
        f"==> Starting gunicorn on 127.0.0.1:{port}: {WORKERS} workers x {THREADS} threads, DEBUG off, {cache}",
        flush=True,
    )
    started = time.perf_counter()
    server = start_server(port, log)  # on failure: SystemExit, the log is kept
    print(f"    answering after {time.perf_counter() - started:.0f} s (the master loads the checker once)", flush=True)
    base = f"http://127.0.0.1:{port}"
    try:
        workers = worker_pids(server.pid)
        load_before = os.getloadavg()
        print(
            f"==> {CLIENTS} clients in a closed loop: {WARMUP_S:.0f} s warm-up, then {DURATION_S:.0f} s measured; "
            f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}",
            flush=True,
        )
        results = asyncio.run(drive(base, tokens, workers))
        load_after = os.getloadavg()
        rss = {pid: peak_rss_mb(pid) for pid in workers}
        restarted = sorted(set(worker_pids(server.pid)) - set(workers))
        models = checker_model(base)
    finally:
        stop_server(server)
    print(
        f"    load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} "
        "(other programs on the machine slow every figure down)"
    )
    if restarted:
        print(f"    workers restarted during the run: {restarted} (see {log})")
    report(results, rss, models)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
