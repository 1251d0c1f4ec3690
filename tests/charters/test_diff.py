from __future__ import annotations

import re

import pytest
from django.utils import translation

from charters.diffing import diff_texts, word_diff_html

LABEL = re.compile(r'<span class="visually-hidden">[^<]*</span>')


def visible(html: str) -> str:
    """The diff as it looks on screen: without the labels only screen readers read."""
    return LABEL.sub("", html).replace("&#x27;", "'")


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
    assert visible(html) == "Ne publiez <del>aucune</del><ins>jamais une</ins> information"


def test_diff_text_is_escaped():
    assert word_diff_html("<b>", "<script>alert(1)</script>").count("<script>") == 0


def test_diff_is_per_clause_with_status_and_tag_changes():
    diffs = {d.number: d for d in diff_texts(OLD, NEW)}
    assert diffs["1"].status == "changed"
    assert "aux salariés <ins>et aux stagiaires</ins>." in visible(diffs["1"].html)
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
    assert "<del>aucune information interne</del><ins>aucun secret</ins>" in visible(fr["2"].html)
    assert "<ins>secret</ins>" in visible(en["2"].html) and not fr["1"].changed


RICH_OLD = """## 3 Règles
Intro.

### Exemples
- un
- deux

Texte **gras** ici.
"""
RICH_NEW = """## 3 Règles
Intro.

### Exemples à suivre
- un
- deux et demi
- trois

Texte **gras** ici.
"""


def test_the_diff_shows_rendered_text_not_markdown():
    [clause] = diff_texts(RICH_OLD, RICH_NEW)
    html = visible(clause.html)
    # headings are headings, lists are lists, emphasis marks are gone
    assert "###" not in html and "**" not in html and "- un" not in html
    assert '<h4 class="diff-heading">Exemples <ins>à suivre</ins></h4>' in html
    assert "<ul><li>un</li><li>deux <ins>et demi</ins></li><li><ins>trois</ins></li></ul>" in html
    assert "<p>Texte gras ici.</p>" in html
    # the clause's own heading is not repeated when it did not change (the diff's section names it)
    assert "3 Règles" not in html


def test_a_renamed_clause_shows_its_heading_change():
    [clause] = diff_texts("## 3.1 Ancien titre\nTexte.", "### 3.1 Nouveau titre\nTexte.")
    assert visible(clause.html) == (
        '<h4 class="diff-heading">3.1 <del>Ancien</del><ins>Nouveau</ins> titre</h4><p>Texte.</p>'
    )


def test_an_added_clause_is_its_rendered_text_inserted():
    added = {d.number: d for d in diff_texts(OLD, NEW)}["4"]
    assert visible(added.html) == "<p><ins>Ajoutée.</ins></p>"


def test_markdown_in_the_text_cannot_inject_html():
    [clause] = diff_texts("## 1 A\nx", "## 1 A\n<script>alert(1)</script> [lien](javascript:alert(1)) &lt;b&gt;")
    assert "<script>" not in clause.html and "href" not in clause.html and "<b>" not in clause.html


@pytest.mark.parametrize(
    ("language", "inserted", "deleted"), [("en", "inserted:", "deleted:"), ("fr", "ajouté :", "supprimé :")]
)
def test_insertions_and_deletions_are_announced_to_screen_readers(language, inserted, deleted):
    with translation.override(language):
        html = word_diff_html("aucune information", "jamais une information")
    assert f'<del><span class="visually-hidden">{deleted} </span>aucune</del>' in html
    assert f'<ins><span class="visually-hidden">{inserted} </span>jamais une</ins>' in html
