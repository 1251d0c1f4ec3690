"""scripts/dependency_audit.py: a vulnerability fails, an unreachable database says so (exit 3), never a silent pass.

pip-audit is replaced by a fake executable that answers like the real one does in each situation
(the answers below are what pip-audit 2.10 printed on this machine, or its JSON format).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "dependency_audit.py"
NOT_FOUND = "Dependency not found on PyPI and could not be audited: {name} ({version})"
CONNECTION_ERROR = (
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.osv.dev', port=443): Max retries exceeded"
)
DJANGO_VULN = {"id": "PYSEC-2021-98", "fix_versions": ["3.2.1"], "aliases": ["CVE-2021-31542"], "description": "..."}


def _fake_pip_audit(tmp_path: Path, *, canary: object, audit: object) -> Path:
    """A pip-audit that writes ``canary`` or ``audit`` as its JSON report (a str: dies printing it)."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"canary": canary, "audit": audit}))
    fake = tmp_path / "pip-audit"
    fake.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import json, sys
            args = sys.argv[1:]
            requirements = open(args[args.index("--requirement") + 1]).read()
            answer = json.load(open({str(answers)!r}))["canary" if requirements.startswith("django==3.2") else "audit"]
            if isinstance(answer, str):
                print("Traceback (most recent call last):", file=sys.stderr)
                print(answer, file=sys.stderr)
                sys.exit(1)
            open(args[args.index("--output") + 1], "w").write(json.dumps(answer))
            sys.exit(1 if any(d.get("vulns") for d in answer["dependencies"]) else 0)
            """
        )
    )
    fake.chmod(0o755)
    return fake


def _run(tmp_path: Path, fake: Path) -> subprocess.CompletedProcess[str]:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("django==5.2.8\nnh3==0.3.2\nfr-core-news-sm==3.8.0\n")
    return subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), str(requirements)],
        capture_output=True,
        text=True,
        env={"PIP_AUDIT": str(fake), "PATH": "/usr/bin:/bin"},
        check=False,
        timeout=60,
    )


def _skipped(name: str, version: str) -> dict:
    return {"name": name, "skip_reason": NOT_FOUND.format(name=name, version=version)}


def _clean(name: str, version: str) -> dict:
    return {"name": name, "version": version, "vulns": []}


CANARY_KNOWN = {"dependencies": [{"name": "django", "version": "3.2", "vulns": [DJANGO_VULN]}], "fixes": []}


def test_a_registry_mirror_without_vulnerability_data_is_reported_as_no_audit_not_as_a_pass(tmp_path):
    # what the PyPI service gives here: every package "not found" and, alone, exit 0
    everything_skipped = {"dependencies": [_skipped("django", "5.2.8"), _skipped("nh3", "0.3.2")], "fixes": []}
    fake = _fake_pip_audit(tmp_path, canary={"dependencies": [_skipped("django", "3.2")]}, audit=everything_skipped)
    result = _run(tmp_path, fake)
    assert result.returncode == 3
    assert "vulnerability database unreachable: audit NOT done" in result.stdout
    assert "No known vulnerabilities" not in result.stdout and "no known vulnerability" not in result.stdout


def test_an_unreachable_osv_service_is_reported_as_no_audit_not_as_a_vulnerability(tmp_path):
    fake = _fake_pip_audit(tmp_path, canary=CONNECTION_ERROR, audit=CONNECTION_ERROR)
    result = _run(tmp_path, fake)
    assert result.returncode == 3
    assert "audit NOT done" in result.stdout and "api.osv.dev" in result.stdout


def test_a_service_that_knows_no_advisory_for_the_canary_is_not_trusted(tmp_path):
    fake = _fake_pip_audit(tmp_path, canary={"dependencies": [_clean("django", "3.2")]}, audit={"dependencies": []})
    assert _run(tmp_path, fake).returncode == 3


def test_a_known_vulnerability_in_the_lock_fails_and_is_named(tmp_path):
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.8", "vulns": [DJANGO_VULN]},
            _clean("nh3", "0.3.2"),
            _skipped("fr-core-news-sm", "3.8.0"),
        ]
    }
    result = _run(tmp_path, _fake_pip_audit(tmp_path, canary=CANARY_KNOWN, audit=report))
    assert result.returncode == 1
    assert "django 5.2.8: PYSEC-2021-98 (CVE-2021-31542) fixed in 3.2.1" in result.stdout
    assert "not audited: fr-core-news-sm" in result.stdout


def test_a_clean_lock_passes_and_says_what_it_could_not_audit(tmp_path):
    report = {"dependencies": [_clean("django", "5.2.8"), _clean("nh3", "0.3.2"), _skipped("fr-core-news-sm", "3.8.0")]}
    result = _run(tmp_path, _fake_pip_audit(tmp_path, canary=CANARY_KNOWN, audit=report))
    assert result.returncode == 0
    assert "no known vulnerability in 2 locked packages" in result.stdout
    assert "not audited: fr-core-news-sm" in result.stdout


@pytest.mark.parametrize("audit", ["SomeOtherError: pip-audit is broken", CONNECTION_ERROR])
def test_a_pip_audit_that_dies_during_the_audit_is_an_error_or_unreachable(tmp_path, audit):
    result = _run(tmp_path, _fake_pip_audit(tmp_path, canary=CANARY_KNOWN, audit=audit))
    assert result.returncode == (3 if audit == CONNECTION_ERROR else 2)
