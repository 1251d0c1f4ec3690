"""Start and stop the portal under gunicorn on a free loopback port, as in production (soak and benchmarks)."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    port: int,
    log: Path,
    *,
    workers: int,
    threads: int,
    env: Mapping[str, str],
    path: str = "/",
    ready: Callable[[subprocess.Popen], bool] = lambda server: True,
    tries: int = 120,
) -> subprocess.Popen:
    """gunicorn (gthread, --preload), waited for until ``ready(server)`` and ``path`` answers (0.5 s a try)."""
    import httpx

    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "policy_portal.wsgi:application",
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--error-logfile",
        str(log),
        "--no-control-socket",  # its default path is shared by every gunicorn of this user
    ]
    env = dict(env)
    env.pop("PORTAL_CLI", None)
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, arguments built above
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    for _ in range(tries):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (see {log}):\n" + log.read_text()[-2000:])
        if ready(server):
            try:
                httpx.get(f"http://127.0.0.1:{port}{path}", timeout=2)  # any answer will do (503 without a worker)
                return server
            except httpx.HTTPError:
                pass
        time.sleep(0.5)
    stop_gunicorn(server)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {tries // 2} s (see {log})")


def stop_gunicorn(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
