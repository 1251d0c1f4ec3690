"""Example drafts on the checker page: one per family of findings, in the interface language.

The examples that name the company's secrets use the demo's context (compliance/demo_context/) and
are offered only when that context is loaded; otherwise only the generic examples are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from compliance.context import CheckerContext

DEMO_COMPANY = "Ateliers Lumen"
# Passages copied word for word from the demo bundle's internal memo and protected song.
MEMO_PASSAGE = (
    "Le comité a validé la fermeture progressive de la ligne de montage numéro deux à Montrevel au second "
    "trimestre, avec un transfert des équipes vers l'atelier de câblage"
)
SONG_PASSAGE = (
    "Quand la nuit tombe sur les toits gris de la ville endormie, nous allumons une à une les lampes de nos "
    "vieilles rues, et chaque flamme raconte un prénom que personne n'oublie"
)


@dataclass(frozen=True, slots=True)
class ExampleDraft:
    label: str
    text: str


def example_drafts(context: CheckerContext) -> list[ExampleDraft]:
    """The examples for the reader's language (call inside the request's translation)."""
    demo = context.company_name == DEMO_COMPANY and {t.term for t in context.terms} >= {
        "Projet Orion",
        "Vernier Logistique",
    }
    examples = []
    if demo:
        examples += [
            ExampleDraft(
                gettext("Confidential codename"),
                gettext("Proud to be working on %(project)s: our new solar street lights will amaze you!")
                % {"project": "Projet Orion"},
            ),
            ExampleDraft(
                gettext("Client under NDA"),
                gettext("Great meeting today with %(client)s about lighting their new warehouses.")
                % {"client": "Vernier Logistique"},
            ),
            ExampleDraft(
                gettext("Internal memo"),
                gettext("Heard at work: \u201c%(passage)s\u201d. Big changes ahead!") % {"passage": MEMO_PASSAGE},
            ),
            ExampleDraft(
                gettext("Quiet topic"),
                gettext("Apparently there is a %(topic)s. Has anyone heard more?")
                % {"topic": "rappel des projecteurs Halo H2"},
            ),
            ExampleDraft(
                gettext("Song lyrics"),
                gettext("The song that gets me through night shifts: %(lyrics)s") % {"lyrics": SONG_PASSAGE},
            ),
        ]
    examples += [
        ExampleDraft(gettext("Insult"), gettext("Our competitor's sales rep is a complete idiot.")),
        ExampleDraft(
            gettext("Personal phone number"),
            gettext("Questions about the trade fair? Call me on my mobile: %(phone)s") % {"phone": "06 12 34 56 78"},
        ),
        ExampleDraft(
            gettext("Clean post"),
            gettext("Lovely day at the trade fair: thank you to everyone who visited our stand!"),
        ),
    ]
    return examples
