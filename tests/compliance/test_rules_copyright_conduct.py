"""Copyright and conduct rules: tables of sentences that must and must not be flagged, in French and English."""

from __future__ import annotations

import pytest

from compliance.rules.crisis_topic import CrisisTopicRule
from compliance.rules.insult import InsultRule
from compliance.rules.protected_work import ProtectedWorkRule
from compliance.rules.third_party_media import ThirdPartyMediaRule
from compliance.rules.unattributed_quote import UnattributedQuoteRule
from compliance.rules.unauthorized_statement import UnauthorizedStatementRule

LONG_QUOTE = (
    "« Une équipe qui comprend pourquoi elle travaille avance toujours plus loin que celle qui obéit, "
    "parce que le sens donne de l'élan quand la fatigue arrive et que les chefs ne sont plus là pour "
    "pousser. »"
)


def test_protected_work_copied_with_small_edits_even_when_the_author_is_named(run_rule):
    post = (
        "From Edwin Marlow: The old baker never measured anything. He listened to his dough the way other men "
        "listen to the weather, and when it was ready he knew it before the clock did."
    )
    assert run_rule(ProtectedWorkRule(), post, "en")


def test_a_short_line_of_a_protected_work_is_not_a_copy(run_rule):
    assert not run_rule(ProtectedWorkRule(), "As Edwin Marlow says, bread keeps its own time.", "en")


QUOTES = [
    ("fr", LONG_QUOTE, True),
    ("fr", "Comme disait un sage : " + LONG_QUOTE, True),
    (
        "en",
        'As a mentor once told me: "Never hire someone who cannot explain their last failure in plain words, '
        'because people who cannot name their mistakes will repeat them at your expense, again and again."',
        True,
    ),
    ("fr", LONG_QUOTE + " — Hélène Vasseur, Le sens du travail (2019)", False),
    ("fr", "Retour de notre équipe de Lyon ce matin : " + LONG_QUOTE, True),
    ("fr", "Dans son interview au Journal des Métiers, Hélène Vasseur explique : " + LONG_QUOTE, False),
    ("en", 'My boss said "ship it" and we did.', False),
    # single quotes, straight or curly, with apostrophes inside words
    (
        "en",
        "Best line I've read all week: 'A kitchen that's loud is a kitchen that's alive, and the day it goes quiet is "
        "the day somebody stopped caring about the plates that leave the pass at nine in the evening.' So true",
        True,
    ),
    (
        "en",
        "Loved this ‘A kitchen that’s loud is a kitchen that’s alive, and the day it goes quiet is the day somebody "
        "stopped caring about the plates that leave the pass at nine in the evening.’",
        True,
    ),
    # a named publication's piece is a source
    (
        "en",
        "From the Baking Weekly article on apprentices: \"The shortage is not about wages alone, it is about "
        "the hours, the early starts and the feeling that nobody explains the craft anymore to those who join "
        "at sixteen.\"",
        False,
    ),
    ("en", "That's the chef's knife, it's Paul's favourite, don't touch it", False),
    (
        "en",
        "This hit hard today:\n> Good teams do not avoid conflict, they schedule it, they name it and they "
        "end it before\n> it ends them, because a quiet room is rarely a room where everybody "
        "agrees on anything at all.\nThoughts?",
        True,
    ),
    (
        "en",
        "From Dana Whitfield's keynote:\n> Good teams do not avoid conflict, they schedule it, they name it and "
        "they end it before\n> it ends them, because a quiet room is rarely a room where everybody "
        "agrees on anything at all.",
        False,
    ),
    ("en", "> ship it\nDone, thanks all", False),
]


@pytest.mark.parametrize("lang,text,flagged", QUOTES)
def test_long_quotations_need_a_source(run_rule, lang, text, flagged):
    assert bool(run_rule(UnattributedQuoteRule(), text, lang)) is flagged


MEDIA = [
    ("fr", "Superbe cuisine 📸 Photo AFP", True),
    ("fr", "J'ai trouvé cette image sur Google pour illustrer l'annonce", True),
    ("fr", "Image volée sur Pinterest mais elle est trop belle", True),
    ("en", "Reposting this shot from @bakerlife's feed, all credit to them", True),
    ("en", "Full article below for those behind the paywall", True),
    ("fr", "Cliché pris avec mon propre téléphone pendant le salon", False),
    ("en", "Shot this clip myself at the plant, no music added", False),
    ("en", "My aunt's lasagne recipe was the starting point for tonight's dinner", False),
    # agency credits in either order, paid content for non-subscribers, scans, someone else's song on a video
    ("en", "Used a Reuters picture of the harbour for our newsletter", True),
    ("fr", "Bannière faite avec une image Shutterstock, ça rend bien non ?", True),
    ("fr", "Voici tout l'article de La Gazette du Commerce en captures d'écran, pour les non-abonnés", True),
    ("en", "Screenshots of the whole piece below for those without a subscription", True),
    ("fr", "La page du livre de recettes scannée pour vous, régalez-vous", True),
    ("en", "I scanned the cover of the cookbook so you can see it", True),
    ("fr", "Petite vidéo de la fête de l'atelier, montée sur le dernier tube de l'été", True),
    ("en", "Our team day reel, set to that summer hit everyone knows", True),
    ("fr", "Copié-collé du compte rendu de la réunion d'équipe, pour mémoire", False),
    ("en", "Looks better than our own photos? Nope, these are our own photos, shot by our team", False),
    ("fr", "Vidéo de l'atelier avec une musique libre de droits", False),
    ("en", "Our annual report is for subscribers of the newsletter, sign up in full confidence", False),
    ("en", "Our launch video is live!\nMusic: The Lanterns - Golden Hour", True),
    ("fr", "Le son de l'atelier est trop fort, pensez aux bouchons d'oreille", False),
]


@pytest.mark.parametrize("lang,text,flagged", MEDIA)
def test_third_party_media(run_rule, lang, text, flagged):
    assert bool(run_rule(ThirdPartyMediaRule(), text, lang)) is flagged


INSULTS = [
    ("fr", "Encore un point d'équipe avec le chef de projet le plus incompétent de l'étage", True),
    ("fr", "Une bande de fainéants, voilà ce qu'ils sont", True),
    ("en", "Just met the dumbest supplier in Europe", True),
    ("en", "Their new logo is a joke, their designers are clowns", True),
    ("fr", "Bravo à nos concurrents pour leur prix, belle idée", False),
    ("en", "Our supplier is far from useless: they saved the launch", False),
    ("en", "Lazy Sunday with a stew in the oven", False),
    ("fr", "Les hirondelles volent bas, elles annoncent la pluie", False),
    ("fr", "Des amateurs de cuisine sont venus goûter nos plats", False),
    # general vocabularies: insult nouns, nouns about a person, accusations, mockery, sarcastic quotes
    ("fr", "Le nouveau chef d'atelier est un incapable, trois semaines et toujours perdu", True),
    ("fr", "Les acheteurs de chez eux sont des voleurs, point.", True),
    ("fr", "Tout le monde sait que le gérant trafique les stocks", True),
    ("fr", "Ces branquignols du support ont encore tout planté", True),
    ("fr", "Notre « visionnaire » de directeur a encore changé d'avis", True),
    ("fr", "Il n'a toujours rien compris au métier depuis son arrivée", True),
    ("en", "Our supplier's account manager is a total clown", True),
    ("en", "Everyone knows their finance guy cooks the books", True),
    ("en", "Watching the new VP try to share his screen is pure comedy, he can't open a laptop", True),
    ("en", "Their 'brilliant' sales director strikes again", True),
    ("en", "That team lead is a useless muppet 🤡", True),
    ("fr", "Les plus débiles des clients de la semaine, un vrai florilège", True),
    ("fr", "Une bande d'amis est venue fêter mes dix ans de maison", False),
    ("fr", "La collecte des ordures ménagères passe le mardi", False),
    ("fr", "Je suis incapable de choisir entre ces deux recettes", False),
    ("en", "A clown for the kids at our family day, they loved it", False),
    ("en", "Their sales director is far from incompetent, he closed the year early", False),
    ("en", "Our fraud dashboards now export every night", False),
    ("en", "The new release manager is a total waste of space", True),
    ("fr", "Ces nazes du service achats ont encore perdu la commande", True),
    ("fr", "Le stagiaire de la compta ne fout jamais rien, il ne fout rien", True),
    ("fr", "Vivement qu'elle se fasse virer, celle-là", True),
    ("en", "Can't wait for him to get fired from accounts", True),
    ("fr", "Il ne fait rien le dimanche, il se repose", False),
    ("fr", "Le con de la phrase latine : cum, avec", False),
    ("en", "The pros and cons of induction hobs", False),
]


@pytest.mark.parametrize("lang,text,flagged", INSULTS)
def test_insults_and_mockery(run_rule, lang, text, flagged):
    assert bool(run_rule(InsultRule(), text, lang)) is flagged


def test_piled_up_insults_at_a_named_colleague_are_all_marked_as_serious(run_rule):
    # given a post heaping insults on a named colleague
    text = "Paul Mercier est un incapable, un gros con, il ne fout rien, vivement qu'il soit viré"
    # when the insult rule reads it
    found = run_rule(InsultRule(), text, "fr")
    # then every offending phrase is marked, and the pile-on reads as serious (harassment)
    marked = [text[f.start : f.end] for f in found]
    assert any("incapable" in m for m in marked)
    assert any("gros con" in m for m in marked)
    assert any("fout rien" in m for m in marked)
    assert any("vivement qu'il soit vir" in m for m in marked)
    assert {f.severity for f in found} == {"high"}


def test_a_single_mild_insult_stays_medium(run_rule):
    found = run_rule(InsultRule(), "Ce fournisseur est un vrai guignol", "fr")
    assert [f.severity for f in found] == ["medium"]


STATEMENTS = [
    ("fr", "Je vous le confirme officiellement : les tarifs ne bougeront pas cette année.", "employee", True),
    ("en", "Speaking on behalf of Norvane, I can officially confirm the Lyon site stays open.", "employee", True),
    ("fr", "Voici notre position officielle : aucun commentaire.", "employee", True),
    ("fr", "Voici notre position officielle : aucun commentaire.", "spokesperson", False),
    ("en", "These opinions are personal, I do not speak for Norvane.", "employee", False),
    ("fr", "C'est officiel, je suis tonton depuis ce matin !", "employee", False),
    ("fr", "Je vous le dis au nom de la boîte : aucun souci sur les livraisons", "employee", True),
    ("en", "Official word from us: the recall is routine", "employee", True),
    ("en", "On behalf of the company, we apologise for the delay", "employee", True),
    ("en", "On behalf of the company, we apologise for the delay", "spokesperson", False),
    ("fr", "Au nom de toute l'équipe du fournil, merci pour vos messages", "employee", False),
]


@pytest.mark.parametrize("lang,text,role,flagged", STATEMENTS)
def test_official_statements_only_from_spokespeople(run_rule, lang, text, role, flagged):
    assert bool(run_rule(UnauthorizedStatementRule(), text, lang, role)) is flagged


CRISIS = [
    ("fr", "Des nouvelles de l'explosion de Trémoulin ?", True),
    ("en", "So many rumours about the Trémoulin explosion, please stop", True),
    ("en", "Thoughts with our Trémoulin colleagues after yesterday's blast", True),
    ("fr", "Exercice d'évacuation ce matin au siège, bravo à tous", False),
    ("fr", "Une explosion de saveurs dans ce plat, merci au chef", False),
    ("fr", "Visite de l'usine de Trémoulin ce samedi, venez nombreux", False),
]


@pytest.mark.parametrize("lang,text,flagged", CRISIS)
def test_quiet_topics_and_their_paraphrases(run_rule, lang, text, flagged):
    assert bool(run_rule(CrisisTopicRule(), text, lang)) is flagged


@pytest.mark.parametrize(
    "lang,text,flagged",
    [
        ("en", "Heard about the breach at Leeds? Customers' data everywhere", True),
        ("fr", "Vous avez entendu parler de la fuite de données à Leeds ?", True),
        ("en", "Our Leeds office hosts the charity quiz on Friday", False),
    ],
)
def test_quiet_topic_paraphrased_in_either_language(blank_nlp, lang, text, flagged):
    from compliance.context import CheckerContext, TopicEntry

    context = CheckerContext(
        company_name="Kelloway",
        quiet_topics=(TopicEntry("Leeds data breach", "Customer data breach at the Leeds office: crisis cell only"),),
    )
    doc = blank_nlp[lang](text)
    assert bool(list(CrisisTopicRule().check(doc, context))) is flagged


QUIET_TOPICS = (
    ("affaire Morvel", "Contentieux avec d'anciens franchisés sur des contrats de location"),
    ("audit DGCCRF", "Mission de contrôle en cours des enquêteurs de la répression des fraudes"),
    ("piratage de mars", "Vol de fichiers clients découvert en mars 2026"),
)


@pytest.mark.parametrize(
    "lang,text,flagged",
    [
        # the topic's head noun said with a synonym of its family, in either language
        ("fr", "Le dossier Morvel, franchement, c'est pas joli", True),
        ("en", "The Morvel case came up again at lunch", True),
        ("en", "The DGCCRF inspection is going fine, apparently", True),
        # the event in other words, anchored by a synonym of the note's words or its month
        ("fr", "Des clients inquiets de la fuite de leurs données en mars", True),
        ("en", "Customers keep asking whether the hackers kept their files", True),
        # two long words of the same event family name it without the anchor
        ("fr", "Les inspecteurs du régulateur sont au 3e étage depuis lundi", True),
        ("fr", "Dossier de presse prêt pour le salon de Lyon", False),
        ("en", "Annual review of our brand guidelines next week", False),
        ("fr", "Nos fichiers de recettes sont enfin rangés", False),
        ("fr", "Ô feu doux des cuisines, tu chantes tout bas", False),
    ],
)
def test_quiet_topics_are_found_through_families_and_synonyms(blank_nlp, lang, text, flagged):
    from compliance.context import CheckerContext, TopicEntry

    context = CheckerContext(
        company_name="Norvane", quiet_topics=tuple(TopicEntry(topic, note) for topic, note in QUIET_TOPICS)
    )
    doc = blank_nlp[lang](text)
    assert bool(list(CrisisTopicRule().check(doc, context))) is flagged
