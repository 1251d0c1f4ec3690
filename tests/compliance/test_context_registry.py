"""The registry: bundle import (idempotent, all-or-nothing) and a context every process rebuilds on change."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from compliance.context import get_context
from compliance.models import ConfidentialTerm, ContextVersion, InternalDocument, QuietTopic
from compliance.services import confidential_term_save, context_bundle_import
from tests.compliance.conftest import write_bundle

pytestmark = pytest.mark.django_db


def test_importing_a_bundle_fills_the_registry_and_the_context(tmp_path):
    # when
    changes = context_bundle_import(folder=write_bundle(tmp_path))
    # then
    assert changes > 0
    ctx = get_context()
    assert {t.term for t in ctx.terms} == {"Mistral", "Pétrin X9"}
    assert [q.topic for q in ctx.quiet_topics] == ["explosion de Trémoulin"]
    assert {w.kind for w in ctx.works} == {"internal", "protected"}
    assert ctx.public_domains == {"norvane.example"}


def test_importing_the_same_bundle_twice_changes_nothing(tmp_path):
    folder = write_bundle(tmp_path)
    context_bundle_import(folder=folder)
    version = ContextVersion.objects.get(pk=1).version
    assert context_bundle_import(folder=folder) == 0
    assert ContextVersion.objects.get(pk=1).version == version


def test_a_newer_bundle_updates_the_registry(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))
    write_bundle(tmp_path, terms="term,kind,note\nMistral,project,Nouvelle note\nSirius,product,\n")
    context_bundle_import(folder=tmp_path)
    assert dict(ConfidentialTerm.objects.values_list("term", "note")) == {"Mistral": "Nouvelle note", "Sirius": ""}
    assert not QuietTopic.objects.exists()


def test_a_malformed_file_is_reported_with_its_line_and_nothing_is_imported(tmp_path):
    write_bundle(tmp_path, terms="term,kind,note\nMistral,project,ok\nOrion,planet,bad kind\n")
    with pytest.raises(CommandError, match=r"terms.csv, line 3"):
        call_command("import_checker_context", str(tmp_path))
    assert not ConfidentialTerm.objects.exists()
    assert not InternalDocument.objects.exists()


def test_hashes_only_keeps_fingerprints_without_the_text(tmp_path):
    call_command("import_checker_context", str(write_bundle(tmp_path)), "--hashes-only")
    memo = InternalDocument.objects.get()
    assert memo.text == "" and memo.fingerprints


def test_an_edit_reaches_the_context_without_restart(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))
    assert "Andromède" not in {t.term for t in get_context().terms}
    confidential_term_save(term="Andromède", kind="project", note="Four à pain")
    assert "Andromède" in {t.term for t in get_context().terms}


def test_another_process_sees_the_change_through_the_version_counter(tmp_path, settings):
    # given a process that built its context, and a change made elsewhere (only the counter moves here)
    settings.COMPLIANCE_CONTEXT_CHECK_S = 0
    context_bundle_import(folder=write_bundle(tmp_path))
    before = get_context()
    ConfidentialTerm.objects.create(term="Véga", kind="project")
    assert get_context() is before  # counter unchanged: no rebuild
    ContextVersion.objects.filter(pk=1).update(version=before.version + 1)
    # then
    assert "Véga" in {t.term for t in get_context().terms}
