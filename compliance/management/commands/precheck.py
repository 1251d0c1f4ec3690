"""manage.py precheck "some text" | --jsonl IN --output OUT: check drafts (nothing is stored)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from compliance.engine import analyze, finding_render, warm_up


class Command(BaseCommand):
    help = "Check draft posts with the pre-publication checker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?")
        parser.add_argument("--jsonl", type=Path, help="One JSON object a line: id, text, [lang], [author_role].")
        parser.add_argument("--output", type=Path, help="Where to write the results (default: stdout).")
        parser.add_argument("--lang", choices=["fr", "en"])
        parser.add_argument("--author-role", default="employee", choices=["employee", "spokesperson"])
        parser.add_argument("--ui-language", default="en", help="Language of messages and fixes.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["text"] and not options["jsonl"]:
            raise CommandError("Give a text or --jsonl FILE.")
        with translation.override(options["ui_language"]):
            warm_up()
            if options["jsonl"]:
                self._jsonl(options["jsonl"], options["output"])
            else:
                row = self._check("1", options["text"], options["lang"], options["author_role"])
                self.stdout.write(json.dumps(row, ensure_ascii=False, indent=2))

    def _check(self, post_id: str, text: str, lang: str | None, role: str) -> dict[str, Any]:
        started = time.perf_counter()
        analysis = analyze(text, lang, role)
        findings = [finding_render(f, text) for f in analysis.findings]
        elapsed = (time.perf_counter() - started) * 1000
        row = {"id": post_id, "verdict": analysis.verdict, "findings": findings, "elapsed_ms": round(elapsed, 3)}
        if analysis.notices:
            row["notices"] = list(analysis.notices)
        return row

    def _jsonl(self, source: Path, output: Path | None) -> None:
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            with source.open(encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        post = json.loads(line)
                        text = str(post["text"])
                    except (json.JSONDecodeError, KeyError) as exc:
                        raise CommandError(f"{source}, line {n}: {exc}") from exc
                    row = self._check(
                        str(post.get("id", n)), text, post.get("lang"), post.get("author_role", "employee")
                    )
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            if output:
                out.close()
