from __future__ import annotations

from charters.diffing import diff_texts, word_diff_html

OLD = """## 1 Objet
La charte s'applique aux salariés.

## 2 Confidentialité {tags: confidentiality}
Ne publiez aucune information interne.

## 3 Ancienne règle
Supprimée.
"""
NEW = """## 1 Objet
La charte s'applique aux salariés et aux stagiaires.

## 2 Confidentialité {tags: confidentiality, insider}
Ne publiez aucune information interne.

## 4 Nouvelle règle
Ajoutée.
"""


def test_word_level_insertions_and_deletions_are_marked():
    html = word_diff_html("Ne publiez aucune information", "Ne publiez jamais une information")
    assert html == "Ne publiez <del>aucune</del><ins>jamais une</ins> information"


def test_diff_text_is_escaped():
    assert word_diff_html("<b>", "<script>alert(1)</script>").count("<script>") == 0


def test_diff_is_per_clause_with_status_and_tag_changes():
    diffs = {d.number: d for d in diff_texts(OLD, NEW)}
    assert diffs["1"].status == "changed"
    assert "aux salariés <ins>et aux stagiaires</ins>." in diffs["1"].html
    assert diffs["2"].status == "changed" and diffs["2"].tags_added == ("insider",)
    assert diffs["3"].status == "removed" and "<del>" in diffs["3"].html
    assert diffs["4"].status == "added" and "<ins>" in diffs["4"].html


def test_removed_clause_is_shown_where_it_was():
    assert [d.number for d in diff_texts(OLD, NEW)] == ["1", "2", "3", "4"]


def test_identical_texts_have_no_change():
    assert all(not d.changed for d in diff_texts(OLD, OLD))


def test_version_diff_between_published_versions(published_small, hr_alice, approver_victor):
    from charters import selectors, services
    from tests.charters.conftest import publish

    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(
        version=v2, by=hr_alice.user, body_fr=v2.body_fr.replace("aucune information interne", "aucun secret")
    )
    services.charter_translation_save(
        version=v2,
        language="en",
        by=hr_alice.user,
        body=v2.translations.get().body.replace("internal information", "secret"),
    )
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    v2.refresh_from_db()
    fr = {d.number: d for d in selectors.version_diff(published_small, v2, "fr")}
    en = {d.number: d for d in selectors.version_diff(published_small, v2, "en")}
    assert "<del>aucune information interne</del><ins>aucun secret</ins>" in fr["2"].html
    assert "<ins>secret</ins>" in en["2"].html and not fr["1"].changed
