"""Run pip-audit on an exported lock file and say plainly whether an audit really happened.

pip-audit alone cannot be trusted to fail when its vulnerability service is out of reach:

- PyPI service (default): when ``/pypi/<name>/<version>/json`` answers 404 (a registry mirror
  that serves only the simple index does), pip-audit skips every package as "Dependency not found
  on PyPI", prints "No known vulnerabilities found" and exits 0.
- OSV service: when api.osv.dev cannot be reached it dies with a traceback and exits 1, the same
  code as "vulnerabilities found".

So this script first asks about a canary, a release with published advisories (Django 3.2.0):
if the service does not report them, its data is not there and the audit is NOT done (exit 3).
Otherwise the locked packages are audited and reported (exit 1 on any known vulnerability).

    python scripts/dependency_audit.py REQUIREMENTS [--service pypi|osv]
    PIP_AUDIT=/path/to/pip-audit overrides the executable (the tests use a fake one).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OK, VULNERABLE, ERROR, UNREACHABLE = 0, 1, 2, 3
CANARY = "django==3.2"  # Django 3.2.0: dozens of published advisories (CVE-2021-31542, ...)
CONNECTION_ERRORS = ("ConnectionError", "NameResolutionError", "Max retries exceeded", "timed out", "ServiceError")


def _pip_audit() -> str:
    return os.environ.get("PIP_AUDIT") or str(Path(sys.executable).with_name("pip-audit"))


def run_pip_audit(requirements: Path, service: str, output: Path) -> tuple[dict | None, str]:
    """pip-audit's JSON report (None when it produced none) and the tail of what it printed."""
    command = [
        _pip_audit(),
        "--requirement",
        str(requirements),
        "--no-deps",
        "--disable-pip",
        "--vulnerability-service",
        service,
        "--progress-spinner",
        "off",
        "--format",
        "json",
        "--output",
        str(output),
    ]
    output.unlink(missing_ok=True)
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
    printed = (completed.stderr + completed.stdout).strip().splitlines()
    try:
        report = json.loads(output.read_text()) if output.exists() else None
    except json.JSONDecodeError:
        report = None
    return report, "\n".join(printed[-3:])


def _unreachable(why: str) -> int:
    print("vulnerability database unreachable: audit NOT done")
    print(f"  {why}")
    return UNREACHABLE


def _failed_to_reach(printed: str) -> bool:
    return any(marker in printed for marker in CONNECTION_ERRORS)


class ToolError(RuntimeError):
    """pip-audit failed for another reason than the service being out of reach."""


def canary_check(service: str, workdir: Path) -> str | None:
    """None when the service reports the canary's advisories; otherwise why its data is not there."""
    requirements = workdir / "canary.txt"
    requirements.write_text(CANARY + "\n")
    report, printed = run_pip_audit(requirements, service, workdir / "canary.json")
    if report is None:
        if not _failed_to_reach(printed):
            raise ToolError(printed or "pip-audit printed nothing")
        return f"pip-audit could not reach the {service} service: {printed.splitlines()[-1]}"
    dependency = next(iter(report.get("dependencies", [])), {})
    if dependency.get("vulns"):
        return None
    if dependency.get("skip_reason"):
        return (
            f"the {service} service answered '{dependency['skip_reason']}' for {CANARY}, "
            "a release with published advisories"
        )
    return f"the {service} service reports no advisory for {CANARY}, which has published ones"


def audit(requirements: Path, service: str) -> int:
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        workdir = Path(tmp)
        try:
            why = canary_check(service, workdir)
        except ToolError as error:
            print(f"pip-audit failed:\n{error}")
            return ERROR
        if why is not None:
            return _unreachable(why)
        report, printed = run_pip_audit(requirements, service, workdir / "report.json")
    if report is None:
        if _failed_to_reach(printed):
            last = printed.splitlines()[-1]
            return _unreachable(f"the {service} service stopped answering during the audit: {last}")
        print(f"pip-audit failed:\n{printed}")
        return ERROR
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    checked = len(dependencies) - len(skipped)
    if dependencies and not checked:
        return _unreachable(f"every one of the {len(dependencies)} packages was skipped: {skipped[0]['skip_reason']}")
    for dependency in skipped:
        print(f"not audited: {dependency['name']}: {dependency['skip_reason']}")
    if vulnerable:
        print(f"KNOWN VULNERABILITIES in {len(vulnerable)} of {checked} audited packages:")
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
                aliases = ", ".join(vuln.get("aliases") or [])
                print(f"  {dependency['name']} {dependency['version']}: {vuln['id']} ({aliases}) fixed in {fixes}")
        return VULNERABLE
    print(f"audit done ({service}): no known vulnerability in {checked} locked packages")
    return OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", type=Path)
    parser.add_argument("--service", choices=["pypi", "osv"], default="pypi")
    args = parser.parse_args(argv)
    if not args.requirements.exists():
        print(f"{args.requirements} does not exist")
        return ERROR
    return audit(args.requirements, args.service)


if __name__ == "__main__":
    sys.exit(main())
