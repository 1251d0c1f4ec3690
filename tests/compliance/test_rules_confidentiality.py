"""Confidentiality rules: tables of sentences that must and must not be flagged, in French and English."""

from __future__ import annotations

import pytest

from compliance.context import CheckerContext, TermEntry
from compliance.rules.confidential_term import ConfidentialTermRule
from compliance.rules.financial import FinancialFiguresRule
from compliance.rules.insider import InsiderEventRule, event_terms
from compliance.rules.internal_document import InternalDocumentRule
from compliance.rules.personal_identifiers import PersonalIdentifiersRule, iban_valid, nir_valid
from compliance.rules.personal_situation import PersonalSituationRule
from compliance.rules.security import SecretsRule

TERMS = [
    ("fr", "Réunion Mistral ce matin, on avance bien !", True),
    ("fr", "Le projet mistral avance, robot pétrin en vue", True),
    ("en", "Can't wait for #Mistral to ship", True),
    ("en", "M-I-S-T-R-A-L is going to be huge", True),
    ("fr", "Vivement le petrin x9 dans toutes les boulangeries", True),
    ("en", "Great workshop with Halvorsen Foods today", True),
    ("en", "Halvorsen Foods's buyers loved it", True),
    ("en", "Lunch with the Halvorsen team, great people", True),
    ("fr", "#PetrinX9 arrive, préparez-vous", True),
    ("fr", "Déjeuner avec Agathe Roussel, quelle énergie", True),
    ("fr", "Roussel, future directrice des ventes, arrive en mai", True),
    ("en", "I heard Roussel will be our new sales director", True),
    ("fr", "Camille Roussel, notre nouvelle directrice des ventes du magasin de Lille", False),
    ("fr", "Le roussel est un vin rouge de la région, paraît-il", False),
    ("en", "Roussel Street is closed for works this week", False),
    ("fr", "Le mistral a soufflé toute la journée sur la côte", False),
    ("en", "The mistral was blowing hard in Provence", False),
    ("fr", "Un pétrin en bois chez ma grand-mère", False),
]


@pytest.mark.parametrize("lang,text,flagged", TERMS)
def test_confidential_terms_flagged_in_any_spelling_but_not_homonyms(run_rule, lang, text, flagged):
    findings = run_rule(ConfidentialTermRule(), text, lang)
    assert bool(findings) is flagged


HOMONYM_TERMS = (
    TermEntry("Cigale", "project", "Refonte de la ligne de montage ; homonyme : l'insecte de l'été"),
    TermEntry("Ondée", "product", "Four vapeur non lancé ; homonyme courant (une ondée, une averse)"),
    TermEntry("Pic-Vert", "project", "Plan de réorganisation des ateliers ; homonyme : l'oiseau"),
)


@pytest.mark.parametrize(
    "lang,text,flagged",
    [
        ("fr", "#ProjetCigale glisse encore d'un mois, qui est surpris ?", True),
        ("en", "Cigale's test bench is finally ready", True),
        ("fr", "L'équipe Cigale a fini la recette hier soir", True),
        ("fr", "Le plan Pic-Vert avance, réunion des ateliers demain", True),
        ("en", "Ondée goes to the stores in spring, the ovens look great", True),
        ("fr", "Les cigales chantent fort ce soir, vive l'été", False),
        ("fr", "Un pic-vert tape sur le vieux chêne du jardin", False),
        ("fr", "Ondée et averse sur la côte, on rentre", False),
        ("fr", "Petite Ondée sur la plage pendant la balade du dimanche", False),
        ("fr", "Dîner à La Cigale hier soir, super restaurant", False),
        ("en", "My son's band, Les Pic-Verts, played their first concert at school", False),
        ("fr", "Week-end au bord de la mer #cigaledete #vacances", False),
    ],
)
def test_single_word_codenames_and_their_everyday_homonyms(blank_nlp, lang, text, flagged):
    context = CheckerContext(version=1, company_name="Norvane", terms=HOMONYM_TERMS)
    doc = blank_nlp[lang](text)
    assert bool(list(ConfidentialTermRule().check(doc, context))) is flagged


IDENTIFIERS = [
    ("fr", "Virement à Paul : IBAN FR76 3000 6000 0112 3456 7890 189", True),
    ("fr", "Appelez Lina au 06 12 34 56 78 ce soir", True),
    ("en", "Call Tom on +44 7700 900123 tonight", True),
    ("en", "Write to lina.morel@gmail.com for tickets", True),
    ("en", "Write to lina.morel (at) norvane (dot) example for tickets", True),
    ("en", "Test box: user qa_bot / Norv@ne-Test24. Please reset it after use", False),
    ("fr", "Le mot de passe du wifi invité est Fou@rnil-2026. Merci de ne pas le diffuser", False),
    ("fr", "Écrivez à lina.morel@gmail.com pour les photos", True),
    ("fr", "Son numéro de sécu : 1 85 05 78 006 084 91", True),
    ("fr", "Dossier patient n° 448812 à transmettre", True),
    ("fr", "Écrivez à presse@norvane.example pour toute demande", False),
    ("fr", "Standard : +33 1 84 88 20 00", False),
    ("en", "Ping me here @lina_bakes", False),
    ("fr", "IBAN FR76 3000 6000 0112 3456 7890 188 (faux, pour l'exemple)", False),
]


@pytest.mark.parametrize("lang,text,flagged", IDENTIFIERS)
def test_personal_identifiers_are_validated_and_public_contacts_spared(run_rule, lang, text, flagged):
    assert bool(run_rule(PersonalIdentifiersRule(), text, lang)) is flagged


def test_identifier_checksums():
    assert iban_valid("FR76 3000 6000 0112 3456 7890 189")
    assert not iban_valid("FR76 3000 6000 0112 3456 7890 188")
    assert nir_valid("1 85 05 78 006 084", "91")
    assert not nir_valid("1 85 05 78 006 084", "35")


SITUATIONS = [
    ("fr", "Courage à Julie Marchand, en arrêt maladie depuis un mois", True),
    ("en", "Get well soon Oliver Grant, off sick after his surgery", True),
    ("en", "Anna Schmidt is on maternity leave until June, so contact me instead", True),
    ("fr", "Mon collègue Hugo Bernard habite au 14 rue des Lilas à Nantes", True),
    ("en", "Congrats Oliver Grant! £52k plus a company car, well deserved", True),
    ("fr", "J'ai repris le travail après un arrêt maladie, merci à mon équipe", False),
    ("en", "Welcome Oliver Grant to the Lyon team!", False),
    ("fr", "Opération portes ouvertes avec Marie Durand samedi", False),
]


@pytest.mark.parametrize("lang,text,flagged", SITUATIONS)
def test_private_situation_of_a_named_person(run_rule, lang, text, flagged):
    assert bool(run_rule(PersonalSituationRule(), text, lang)) is flagged


FIGURES = [
    ("fr", "Le trimestre se termine à 41 M€ de ventes contre 45 prévus au budget", True),
    ("fr", "La marge devrait tomber à 4,2 % l'an prochain", True),
    ("en", "We're about to sign a £3.1m deal with a retailer", True),
    ("fr", "Notre carnet de commandes couvre cinq mois d'activité", True),
    ("fr", "Chiffre d'affaires 2024 : 87 millions d'euros, fiers de nos équipes", False),
    ("en", "Our bake sale raised £420 for the hospice", False),
    ("fr", "Offre d'emploi : salaire de 32 à 38 k€ brut annuel", False),
    ("en", "A sales forecast is useless for a pan that lasts twenty years", False),
    ("fr", "Ça fait 25 ans que je cuisine dans la même cocotte", False),
    ("fr", "Ma commande de 35 € est arrivée, ravie !", False),
    ("en", "Three million views on our recipe video!", False),
    ("en", "Our target: 100% recycled packaging by 2030", False),
    # amounts written in words, French and English, unless public
    ("fr", "L'enveloppe du nouvel atelier : soixante-douze millions sur trois ans", True),
    ("fr", "Le rachat se ferait pour quatre-vingt-quinze millions d'euros", True),
    ("en", "The new plant will cost forty-two million pounds, keep it quiet", True),
    ("fr", "Un chiffre d'affaires de quatre-vingt-sept millions d'euros en 2024, bravo", False),
    ("en", "A million thanks to everyone who came to the open day", False),
]


@pytest.mark.parametrize("lang,text,flagged", FIGURES)
def test_unpublished_figures_flagged_public_ones_not(run_rule, lang, text, flagged):
    assert bool(run_rule(FinancialFiguresRule(), text, lang)) is flagged


SECRETS = [
    ("en", "The staging key is AKIAIOSFODNN7EXAMPLE, don't lose it", True),
    ("en", "VPN password is Spring2025!Norv", True),
    ("fr", "Le code de la porte du local serveur est 4471#", True),
    ("fr", "Tableau de bord sur http://fours.usine.norvane.lan/vue", True),
    ("en", "Test bench at 10.20.3.4, login admin / Xk9!pass", True),
    ("fr", "Le serveur de fichiers est sur \\\\srv-files01\\partage", True),
    ("en", "My password manager saved me again today. Use one, folks!", False),
    ("fr", "Code promo de la boutique : 2024SOLDES", False),
    ("en", "Forgot your password? Ask IT to reset it", False),
    ("en", "Our public site is norvane.example", False),
]


@pytest.mark.parametrize("lang,text,flagged", SECRETS)
def test_secrets_and_internal_access_details(run_rule, lang, text, flagged):
    assert bool(run_rule(SecretsRule(), text, lang)) is flagged


INSIDER = [
    ("fr", "Off the record : le rachat de notre concurrent est acté", True),
    ("en", "Before the official announcement: we're launching a pink edition in May", True),
    ("fr", "Il paraît qu'une quarantaine de postes en moins sont prévus au siège", True),
    ("en", "Rumour has it we're buying our biggest competitor next quarter, keep it quiet", True),
    ("fr", "Entre nous, la direction prépare un plan de départs volontaires pour janvier", True),
    ("en", "The Lyon site is closing down next year, nobody has been told yet", True),
    ("en", "Project in a nutshell: about 40 job cuts next year", True),
    ("fr", "Ravi d'avoir lancé notre blog de recettes aujourd'hui", False),
    ("en", "No job cuts, no closures: just a great year", False),
    ("fr", "Bientôt le lancement de notre nouvelle newsletter recettes !", False),
    ("en", "We'll soon be close to you with a new shop in town", False),
    ("en", "Stay tuned: our Lyon plant will close down next year, new chapter ahead", True),
    # event frames in any inflection, with a future or unannounced cue near them
    ("fr", "Nous rachetons un fabricant de fours d'ici l'été, annonce prévue en septembre", True),
    ("en", "We're acquiring a small oven maker in Ghent, signing next month", True),
    ("fr", "L'entrepôt de Lille sera fermé en juin et les équipes transférées à Trémoulin", True),
    ("fr", "Selon le scénario, trois boutiques du Sud fermeraient d'ici fin 2027", True),
    ("en", "The Dundee depot is going to shut down next spring, the team has not been told yet", True),
    ("fr", "Une nouvelle directrice commerciale nous rejoint comme DG adjointe en mars, chut 🤫", True),
    ("en", "Meet our next head of sales in May: not announced yet, so hush", True),
    ("en", "Big news I'm not supposed to share: we will merge with a Belgian rival", True),
    # deal-process vocabulary needs no cue
    ("fr", "La due diligence sur la cible se termine vendredi, ambiance studieuse", True),
    ("en", "Signed the term sheet last night, champagne for the deal team", True),
    ("en", "An earn-out over three years is a clever way to keep the founders", True),
    ("en", "Heads up: a reduction in force is coming for the support org next quarter", True),
    ("en", "We're getting acquired! Embargoed until the press release, so hush", True),
    ("en", "The go-live of the billing app is set for June, internal only for now", True),
    ("fr", "Ne le dites à personne : un plan de départs se prépare pour la rentrée", True),
    ("en", "Our spring release went live last week, thanks to everyone who tested it", False),
    # not events: temporary closures, negations, public past news, reading about deals
    ("fr", "Notre boutique de Lyon sera fermée lundi pour inventaire", False),
    ("en", "The Leeds shop will be closed on Monday for the bank holiday", False),
    ("fr", "Pas de licenciements prévus cette année, rassurez-vous", False),
    ("en", "Our CEO presented the results at yesterday's press conference", False),
    ("fr", "J'ai lu un super livre sur les fusions et acquisitions", False),
    ("en", "Loved the keynote on how mergers shaped the baking industry", False),
]


@pytest.mark.parametrize("lang,text,flagged", INSIDER)
def test_unannounced_events(run_rule, lang, text, flagged):
    assert bool(run_rule(InsiderEventRule(), text, lang)) is flagged


EVENT_TERMS = (
    TermEntry("Cormoran", "project", "Projet d'acquisition de la meunerie Ferrand"),
    TermEntry("Meunerie Ferrand", "partner", "Vendeur dans le projet Cormoran (NDA)"),
    TermEntry("Brioche Zen", "product", "Gamme de pains sans sucre, non lancée"),
)


@pytest.mark.parametrize(
    "lang,text,flagged",
    [
        # a term whose note says it is an acquisition turns an event word into an insider event
        ("fr", "Cormoran avance : bientôt une nouvelle maison dans la famille", True),
        ("fr", "La Meunerie Ferrand rejoint le groupe, quelle fierté", True),  # points to Cormoran
        ("en", "Cormoran update: the acquisition is on track", True),
        # the same event words with a term that is no event, or a term without event words
        ("fr", "Brioche Zen rejoint la gamme, quelle fierté", False),
        ("fr", "Réunion Cormoran ce matin, café et croissants", False),
        ("en", "The acquisition of new skills is what training is for", False),
    ],
)
def test_terms_whose_note_is_an_event_make_event_words_insider(blank_nlp, lang, text, flagged):
    context = CheckerContext(version=1, company_name="Norvane", terms=EVENT_TERMS)
    doc = blank_nlp[lang](text)
    assert bool(list(InsiderEventRule().check(doc, context))) is flagged


def test_event_terms_follow_a_note_that_names_another_event_term():
    assert event_terms(CheckerContext(terms=EVENT_TERMS)) == {"Cormoran", "Meunerie Ferrand"}


def test_internal_document_passage_found_even_with_edits_and_in_an_english_post(run_rule):
    post = (
        "Leaked but true: « la nouvelle ligne de robots pétrins sera assemblée à Trémoulin dès le printemps, avec "
        "une équipe réduite de moitié et un contrôle qualité entièrement automatisé par caméras »"
    )
    assert run_rule(InternalDocumentRule(), post, "en")


def test_internal_document_short_overlap_not_flagged(run_rule):
    assert not run_rule(InternalDocumentRule(), "Nos robots pétrins sont assemblés à Trémoulin, venez voir !")
