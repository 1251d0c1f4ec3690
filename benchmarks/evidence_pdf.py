"""Benchmark: render and seal one-page acknowledgement certificates (issue 5's evidence export).

Prints the naive per-certificate time (WeasyPrint's default: fresh fonts for every document),
the optimised one (fonts and CSS loaded once per process, fonts pre-subset; see
charters/evidence/pdf.py), measured throughput on 2 worker processes, peak RSS, and the
projection for a dossier of 10,000 certificates against the target (2 minutes on 2 cores).

    .venv/bin/python benchmarks/evidence_pdf.py [--count 200] [--naive 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sizes import size  # noqa: E402

TARGET_CERTIFICATES = 10_000
TARGET_SECONDS = 120.0
PASSWORD = "benchmark"  # noqa: S105 (a throw-away key in a temporary directory)


def _setup(p12: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_portal.settings_test")
    import django
    from django.conf import settings

    django.setup()
    settings.EVIDENCE_PKCS12_PATH = p12
    settings.EVIDENCE_PKCS12_PASSWORD = PASSWORD
    settings.EVIDENCE_TSA_URL = ""
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # per-step INFO lines would dominate


def _certificate(index: int, *, cached: bool = True) -> tuple[float, float, float, int]:
    """Render and seal certificate ``index``.

    Returns (render wall s, render CPU s, seal CPU s, sealed PDF bytes). CPU time is reported next
    to wall time because a shared machine's load inflates wall time.
    """
    from django.template.loader import render_to_string
    from django.utils import translation

    from charters.evidence.pdf import html_to_pdf
    from charters.evidence.samples import CERTIFICATE_TEMPLATE, sample_certificate_context
    from charters.evidence.sealing import seal_pdf

    start, start_cpu = time.perf_counter(), time.process_time()
    with translation.override("fr"):
        html = render_to_string(CERTIFICATE_TEMPLATE, {**sample_certificate_context(index), "language": "fr"})
    pdf = html_to_pdf(html, cached=cached)
    render_wall, rendered_cpu = time.perf_counter() - start, time.process_time()
    sealed = seal_pdf(pdf)
    return render_wall, rendered_cpu - start_cpu, time.process_time() - rendered_cpu, len(sealed)


def _worker_init(p12: Path) -> None:
    _setup(p12)
    _certificate(0)  # load fonts, CSS and signer once, as a long-lived django-q2 worker would


def _assemble_dossier(pdfs: list[bytes], directory: Path) -> tuple[float, int]:
    """Write 10,000 already sealed certificates and a SHA-256 manifest into a ZIP, as the export
    job would if certificates were rendered when each acknowledgement is recorded."""
    from charters.evidence.verification import sha256_of

    start = time.perf_counter()
    path = directory / "dossier.zip"
    manifest = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as dossier:  # PDFs are compressed
        for index in range(size(TARGET_CERTIFICATES, 200)):
            pdf = pdfs[index % len(pdfs)]
            name = f"certificates/{index:05d}.pdf"
            dossier.writestr(name, pdf)
            manifest.append(f"{sha256_of(pdf)}  {name}")
        dossier.writestr("manifest.sha256", "\n".join(manifest) + "\n")
    return time.perf_counter() - start, path.stat().st_size


def _peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=size(200, 6), help="certificates in the optimised runs")
    parser.add_argument("--naive", type=int, default=size(8, 1), help="certificates rendered the naive way")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        p12 = Path(tmp) / "seal.p12"
        sys.path.insert(0, str(ROOT))
        from charters.evidence.certificates import self_signed_pkcs12

        p12.write_bytes(self_signed_pkcs12(common_name="Benchmark seal", password=PASSWORD))
        _setup(p12)

        naive = [_certificate(i, cached=False) for i in range(args.naive)]
        first = time.perf_counter()
        _certificate(0)
        first_s = time.perf_counter() - first
        runs = [_certificate(i) for i in range(1, args.count + 1)]
        serial_rss = _peak_rss_mib()

        context = multiprocessing.get_context("fork")
        n = args.count * args.workers
        with context.Pool(args.workers, initializer=_worker_init, initargs=(p12,)) as pool:
            start = time.perf_counter()
            for _ in pool.imap_unordered(_certificate, range(n), chunksize=16):
                pass
            wall = time.perf_counter() - start
        workers_rss = _peak_rss_mib(resource.RUSAGE_CHILDREN)

        from charters.evidence.pdf import render_pdf
        from charters.evidence.samples import CERTIFICATE_TEMPLATE, sample_certificate_context
        from charters.evidence.sealing import seal_pdf

        sealed = [seal_pdf(render_pdf(CERTIFICATE_TEMPLATE, sample_certificate_context(i))) for i in range(size(20, 3))]
        assembly_s, dossier_bytes = _assemble_dossier(sealed, Path(tmp))

    def ms(rows: list[tuple[float, float, float, int]], column: int) -> float:
        return statistics.median(row[column] for row in rows) * 1000

    seal_ms = ms(runs, 2)
    cpu_per_cert = (ms(runs, 1) + seal_ms) / 1000
    projection_cpu = TARGET_CERTIFICATES * cpu_per_cert / args.workers
    projection_wall = TARGET_CERTIFICATES * wall / n
    load = os.getloadavg()[0]
    print(f"render, naive (fresh fonts per document) : {ms(naive, 0):6.1f} ms wall, {ms(naive, 1):6.1f} ms CPU")
    print(f"render, optimised (cached, pre-subset)   : {ms(runs, 0):6.1f} ms wall, {ms(runs, 1):6.1f} ms CPU")
    print(f"PAdES seal (pyHanko, ECDSA P-256)        : {seal_ms:6.1f} ms CPU")
    print(f"first certificate of a process (warm-up) : {first_s * 1000:6.0f} ms")
    print(f"sealed certificate size                  : {runs[-1][3] / 1024:6.0f} KiB")
    print(f"{args.workers} worker processes, {n} certificates   : {wall:6.1f} s wall, {wall / n * 1000:.1f} ms each")
    print(f"peak RSS: serial process {serial_rss:.0f} MiB, largest worker {workers_rss:.0f} MiB (target < 1024 MiB)")
    print(f"10,000 rendered at export time on {args.workers} cores: {projection_cpu:.0f} s from CPU time,", end=" ")
    print(f"{projection_wall:.0f} s")
    print(f"  from this run's wall time (load average {load:.1f}); target {TARGET_SECONDS:.0f} s: ", end="")
    print("OK" if projection_cpu <= TARGET_SECONDS else "MISSED")
    print(f"naive, one process: {TARGET_CERTIFICATES * ms(naive, 0) / 1000 / 60:.0f} min for 10,000 renders")
    print(
        f"dossier from certificates pre-rendered at acknowledgement time: ZIP of {TARGET_CERTIFICATES:,} + manifest "
        f"in {assembly_s:.1f} s ({dossier_bytes / 2**20:.0f} MiB); target {TARGET_SECONDS:.0f} s: "
        + ("OK" if assembly_s <= TARGET_SECONDS else "MISSED")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
