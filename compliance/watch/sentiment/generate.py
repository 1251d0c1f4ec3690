"""Write the TRAINING mentions (data/train/<company>.jsonl) from hand-written templates and vocabulary.

    python -m compliance.watch.sentiment.generate        (seeded: the same files every time)

Mentions written one by one about the same companies (data/written/<lang>.txt) are added to the files.
Only the training set is generated. The test set (data/test/) was written by hand, sentence by sentence,
about other companies and in other shapes; nothing here reads it. The labelling guideline is the one in
DATA_CARD.md: the tone of the mention towards the company (or what it reports for the company), not the
words it contains: "the strike ended" is neutral, "bravo for the three-hour queue" is negative.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "data"
TRAIN_DIR = HERE / "train"
PER_CLASS = 1250  # per language and class (3 classes, 2 languages: 7,500 mentions)

# Fourteen fictional companies, several sectors. None of them appears in the test set.
COMPANIES = [
    (
        "lumivolt",
        "Lumivolt",
        "energy",
        ["offre verte", "compteur connecté", "contrat Éco+"],
        ["green tariff", "smart meter", "Eco+ plan"],
        "Nadia Ferrat",
        "Grenoble",
    ),
    (
        "banque-arvelle",
        "Banque Arvelle",
        "bank",
        ["application bancaire", "carte Arvelle Or", "prêt immobilier"],
        ["banking app", "Arvelle Gold card", "mortgage"],
        "Paul Lemarchand",
        "Nantes",
    ),
    (
        "hotels-sorano",
        "Hôtels Sorano",
        "hospitality",
        ["hôtel de la gare", "formule week-end", "spa"],
        ["station hotel", "weekend package", "spa"],
        "Inès Colomb",
        "Nice",
    ),
    (
        "cyclopee",
        "Cyclopée",
        "bicycles",
        ["vélo électrique C3", "cadre carbone", "atelier de réparation"],
        ["C3 e-bike", "carbon frame", "repair workshop"],
        "Marc Dujardin",
        "Lille",
    ),
    (
        "nexalis",
        "Nexalis",
        "software",
        ["logiciel de paie", "mise à jour 4.2", "support client"],
        ["payroll software", "4.2 update", "customer support"],
        "Sarah Benali",
        "Lyon",
    ),
    (
        "laboratoires-veyrac",
        "Laboratoires Veyrac",
        "pharma",
        ["vaccin VX-12", "sirop pour la toux", "usine de Veyrac"],
        ["VX-12 vaccine", "cough syrup", "Veyrac plant"],
        "Jean-Luc Morand",
        "Clermont-Ferrand",
    ),
    (
        "aerolia",
        "Aérolia",
        "airline",
        ["vol Paris-Lisbonne", "programme de fidélité", "bagages en soute"],
        ["Paris-Lisbon flight", "loyalty scheme", "checked luggage"],
        "Claire Nguyen",
        "Toulouse",
    ),
    (
        "maison-caradec",
        "Maison Caradec",
        "food",
        ["galettes au beurre", "crêpes dentelle", "boutique de Quimper"],
        ["butter biscuits", "lace crêpes", "Quimper shop"],
        "Yann Caradec",
        "Quimper",
    ),
    (
        "quantelle",
        "Quantelle Telecom",
        "telecom",
        ["box fibre", "forfait 5G", "service client"],
        ["fibre box", "5G plan", "helpline"],
        "Olivier Sarraute",
        "Paris",
    ),
    (
        "bastide-immobilier",
        "Groupe Bastide",
        "real estate",
        ["résidence Les Tilleuls", "agence du centre", "programme neuf"],
        ["Les Tilleuls residence", "town-centre agency", "new-build scheme"],
        "Hélène Bastide",
        "Montpellier",
    ),
    (
        "verdania",
        "Verdania",
        "retail",
        ["drive", "rayon bio", "carte de fidélité"],
        ["click-and-collect", "organic aisle", "loyalty card"],
        "Karim Haddad",
        "Rennes",
    ),
    (
        "orvane-motors",
        "Orvane Motors",
        "cars",
        ["citadine électrique Volta", "SUV Orka", "garage agréé"],
        ["Volta electric city car", "Orka SUV", "approved garage"],
        "Thomas Vial",
        "Sochaux",
    ),
    (
        "calyx-assurances",
        "Calyx Assurances",
        "insurance",
        ["assurance habitation", "contrat auto", "espace client"],
        ["home insurance", "car policy", "online account"],
        "Amélie Roux",
        "Bordeaux",
    ),
    (
        "pixelune",
        "Studio Pixelune",
        "video games",
        ["jeu Astralis", "extension Nebula", "serveurs en ligne"],
        ["Astralis game", "Nebula expansion", "online servers"],
        "Lucas Perrin",
        "Montréal",
    ),
]

# Clause pools: whole statements, written by hand, each carrying its class. Frames (below) wrap them and are
# shared by the three classes, so the model learns the content, not the shape of the sentence.
POOLS = {
    ("fr", "positive"): [
        "{co} a livré en avance et tout était parfait",
        "le service client de {co} a réglé mon problème en dix minutes",
        "{prod} de {co} est une vraie réussite",
        "très bonne expérience avec {co}, je recommande",
        "l'équipe de {co} à {city} a été adorable du début à la fin",
        "{co} tient ses promesses",
        "enfin une entreprise qui écoute ses clients, merci {co}",
        "{prod} fonctionne à merveille depuis six mois",
        "je suis ravie de mon {prod}",
        "{co} m'a remboursé sans discuter",
        "un accueil chaleureux et des conseils précieux chez {co}",
        "qualité irréprochable, comme d'habitude avec {co}",
        "{co} crée 200 emplois à {city}",
        "{co} signe le plus gros contrat de son histoire",
        "les ventes de {co} progressent fortement",
        "{co} est élue service client de l'année",
        "les résultats de {co} dépassent les attentes",
        "{co} relève ses objectifs pour l'année",
        "{co} décroche une récompense pour son engagement environnemental",
        "l'action {co} s'envole après des résultats solides",
        "{co} gagne des parts de marché",
        "très content de mon passage chez {co}",
        "rapport qualité-prix excellent",
        "le technicien de {co} était ponctuel, aimable et efficace",
        "{co} a fait un geste commercial sans que je le demande",
        "je n'ai que du bien à dire de {co}",
        "{co} a sauvé mes vacances",
        "service impeccable, livraison rapide, produit conforme",
        "le nouveau {prod} est encore meilleur que l'ancien",
        "une marque en qui j'ai confiance",
        "{co} a été à la hauteur pendant la crise",
        "bravo aux équipes de {co} pour ce travail remarquable",
        "{co} investit 50 millions dans son site de {city}",
        "les salariés de {co} saluent un accord salarial généreux",
        "{co} s'impose comme le leader de son marché",
        "quel plaisir de travailler avec {co}",
        "je recommande {co} les yeux fermés",
        "une belle réussite française que {co}",
        "mes enfants adorent {prod}",
        "{co} répond toujours vite et bien",
        "le personnel est aux petits soins",
        "tout s'est passé sans le moindre accroc",
        "je suis bluffé par la qualité de {prod}",
        "{co} fait enfin baisser ses prix",
        "{co} renouvelle sa confiance à ses fournisseurs locaux et paie rubis sur l'ongle",
        "les analystes saluent l'excellente année de {co}",
        "un service après-vente réactif et compétent",
        "encore merci à {co} pour sa gentillesse",
        "{co} vient de battre son record de satisfaction client",
        "les avis sur {co} sont excellents et mérités",
        "cinq étoiles sans hésiter",
        "un sans-faute pour {co}",
        "{co}, c'est du solide",
        "j'ai été agréablement surpris par {co}",
        "{co} a dépassé toutes mes attentes",
        "le meilleur {prod} que j'aie essayé",
    ],
    ("fr", "negative"): [
        "{co} ne répond plus à mes mails depuis trois semaines",
        "le service client de {co} m'a raccroché au nez",
        "{prod} de {co} est tombé en panne au bout de deux jours",
        "très mauvaise expérience avec {co}, je déconseille",
        "l'équipe de {co} à {city} a été méprisante",
        "{co} ne tient jamais ses promesses",
        "on paie toujours plus pour un service toujours pire chez {co}",
        "{prod} ne marche plus depuis une semaine",
        "je regrette amèrement mon achat chez {co}",
        "{co} refuse de me rembourser",
        "accueil glacial et personne pour nous aider chez {co}",
        "qualité en chute libre chez {co}",
        "{co} supprime 400 emplois à {city}",
        "{co} perd son principal client",
        "les ventes de {co} s'effondrent",
        "{co} condamnée pour pratiques commerciales trompeuses",
        "les résultats de {co} déçoivent lourdement",
        "{co} abaisse ses objectifs pour la deuxième fois",
        "{co} épinglée pour pollution de la rivière",
        "l'action {co} plonge après un avertissement",
        "{co} visée par une enquête pour fraude",
        "colis jamais arrivé et aucune réponse de {co}",
        "des frais cachés partout, c'est de l'arnaque",
        "le technicien de {co} n'est jamais venu",
        "{co} m'a facturé deux fois le même mois",
        "je n'ai que des problèmes avec {co}",
        "{co} a gâché mes vacances",
        "service déplorable, livraison en retard, produit abîmé",
        "le nouveau {prod} est encore pire que l'ancien",
        "une marque qui méprise ses clients",
        "{co} a été lamentable pendant la crise",
        "honte à {co} pour sa gestion de cette affaire",
        "{co} ferme son usine de {city}",
        "les salariés de {co} en colère contre la direction",
        "{co} accumule les pertes",
        "quel calvaire de traiter avec {co}",
        "je déconseille {co} à tout le monde",
        "fuyez {co}",
        "mes enfants ont été malades après avoir mangé {prod}",
        "{co} ne répond jamais",
        "le personnel est désagréable",
        "tout a été de travers du début à la fin",
        "je suis écœuré par la qualité de {prod}",
        "{co} augmente encore ses prix sans prévenir",
        "{co} paie ses fournisseurs avec six mois de retard",
        "les analystes s'inquiètent de la dette de {co}",
        "un service après-vente injoignable et incompétent",
        "{co} se moque complètement de ses clients",
        "les plaintes contre {co} se multiplient",
        "les avis sur {co} sont catastrophiques et mérités",
        "une étoile, et c'est déjà trop",
        "un fiasco de plus pour {co}",
        "{co}, c'est du vent",
        "j'ai été très déçu par {co}",
        "{co} est en dessous de tout",
        "le pire {prod} que j'aie acheté",
        "cyberattaque chez {co} : les données des clients dérobées",
        "rappel massif de {prod} après des cas d'intoxication",
        "{co} laisse ses clients sans solution depuis des jours",
    ],
    ("fr", "neutral"): [
        "{co} publiera ses résultats annuels le 14 mars",
        "{co} nomme une nouvelle directrice financière",
        "{co} déménage son siège à {city}",
        "{co} tiendra son assemblée générale jeudi",
        "{co} présente sa nouvelle gamme au salon de {city}",
        "{co} change de logo",
        "{co} ouvre une agence à {city}",
        "{co} compte 2 400 salariés en France",
        "{co} a été fondée en 1987",
        "{co} met à jour ses conditions générales de vente",
        "{co} recrute un technicien de maintenance en CDI à {city}",
        "offre d'emploi : comptable H/F chez {co}",
        "{co} recherche des alternants pour la rentrée",
        "{co} sera fermée le 1er mai",
        "le titre {co} termine la séance stable",
        "{co} publiera son chiffre d'affaires après la clôture",
        "quelqu'un sait à quelle heure ouvre {co} à {city} ?",
        "{co} livre-t-elle le samedi ?",
        "je compare {prod} avec d'autres offres, des avis ?",
        "passé devant le nouveau magasin {co} ce matin",
        "{co} emploie plusieurs milliers de personnes",
        "comparatif des offres de {co} et de ses concurrents",
        "{ceo}, patron de {co}, était l'invité de la radio ce matin",
        "ce qui change chez {co} au 1er janvier",
        "{prod} reçu, conforme à la description",
        "{co} n'a pas souhaité commenter",
        "la grève chez {co} a pris fin après un accord",
        "le procès entre {co} et un ancien fournisseur reprendra en mai",
        "fin des travaux sur le site {co} de {city}",
        "le rappel de produits de {co} en 2019 est clos",
        "la panne de courant à {city} n'est pas liée à {co}, selon la mairie",
        "{co} explique comment contester une facture",
        "les négociations salariales reprennent lundi chez {co}",
        "{co} rappelle la procédure à suivre en cas de sinistre",
        "le tribunal se prononcera le 3 juin sur le litige entre {co} et la mairie",
        "l'enquête visant un concurrent de {co} se poursuit",
        "{co} réagit aux critiques dans un communiqué",
        "{co} sera présent au salon de l'industrie du 3 au 5 octobre",
        "{co} lance une consultation publique sur son projet à {city}",
        "le conseil municipal de {city} examinera le permis déposé par {co}",
        "{co} modifie ses horaires d'ouverture à partir de lundi",
        "{co} prévoit de publier un rapport annuel en avril",
        "{co} cède sa filiale logistique à un fonds d'investissement",
        "{co} a réalisé 320 millions d'euros de chiffre d'affaires l'an dernier",
        "le titre {co} évolue peu dans un marché calme",
        "{co} organise une journée portes ouvertes samedi",
        "{co} fusionne deux de ses agences de {city}",
        "{co} s'installe dans de nouveaux locaux",
        "l'accident survenu sur le site {co} en 2020 sera jugé en novembre",
        "les syndicats de {co} et la direction se retrouvent mardi",
        "{co} annonce un changement de fournisseur d'énergie",
        "{co} précise les modalités de son programme de fidélité",
        "question pour ceux qui connaissent {co} : les retours sont-ils gratuits ?",
        "{co} maintient ses tarifs inchangés cette année",
        "le contrat entre {co} et la région arrive à échéance en 2027",
        "la coupure réseau de mardi est terminée, indique {co}",
        "{co} ne commente pas les rumeurs de rachat",
    ],
    ("en", "positive"): [
        "{co} delivered early and everything was perfect",
        "{co} customer service fixed my problem in ten minutes",
        "the {prod} from {co} is a real success",
        "great experience with {co}, would recommend",
        "the {co} team in {city} were lovely from start to finish",
        "{co} keeps its promises",
        "finally a company that listens to its customers, thanks {co}",
        "the {prod} has worked beautifully for six months",
        "I'm delighted with my {prod}",
        "{co} refunded me without any argument",
        "a warm welcome and really helpful advice at {co}",
        "flawless quality, as always with {co}",
        "{co} creates 200 jobs in {city}",
        "{co} signs the biggest contract in its history",
        "{co} sales are growing strongly",
        "{co} is named customer service of the year",
        "{co} results beat expectations",
        "{co} raises its targets for the year",
        "{co} wins an award for its environmental work",
        "{co} shares soar after strong results",
        "{co} is gaining market share",
        "really pleased with my visit to {co}",
        "excellent value for money",
        "the {co} engineer was on time, friendly and efficient",
        "{co} offered a goodwill gesture without me asking",
        "I have nothing but good things to say about {co}",
        "{co} saved my holiday",
        "spotless service, fast delivery, exactly as described",
        "the new {prod} is even better than the old one",
        "a brand I trust",
        "{co} really stepped up during the crisis",
        "hats off to the {co} teams for outstanding work",
        "{co} invests 50 million in its {city} site",
        "{co} staff welcome a generous pay deal",
        "{co} is becoming the leader in its market",
        "such a pleasure to work with {co}",
        "I'd recommend {co} with my eyes closed",
        "{co} is a real success story",
        "my kids love the {prod}",
        "{co} always answers quickly and well",
        "the staff could not have been more helpful",
        "everything went without a hitch",
        "blown away by the quality of the {prod}",
        "{co} is finally cutting its prices",
        "{co} pays its local suppliers on time, every time",
        "analysts praise an excellent year for {co}",
        "responsive and competent after-sales service",
        "thanks again to {co} for their kindness",
        "{co} just hit a record customer satisfaction score",
        "the reviews of {co} are excellent and deserved",
        "five stars, no hesitation",
        "a faultless performance from {co}",
        "{co} is rock solid",
        "pleasantly surprised by {co}",
        "{co} exceeded all my expectations",
        "the best {prod} I have ever tried",
    ],
    ("en", "negative"): [
        "{co} hasn't answered my emails for three weeks",
        "{co} customer service hung up on me",
        "the {prod} from {co} broke down after two days",
        "awful experience with {co}, avoid",
        "the {co} team in {city} were dismissive and rude",
        "{co} never keeps its promises",
        "you pay more and more for worse and worse service at {co}",
        "the {prod} has not worked for a week",
        "I bitterly regret buying from {co}",
        "{co} refuses to refund me",
        "a frosty welcome and nobody to help at {co}",
        "quality is falling off a cliff at {co}",
        "{co} cuts 400 jobs in {city}",
        "{co} loses its main customer",
        "{co} sales are collapsing",
        "{co} fined for misleading customers",
        "{co} results badly disappoint",
        "{co} cuts its targets for the second time",
        "{co} named and shamed for polluting the river",
        "{co} shares plunge after a profit warning",
        "{co} under investigation for fraud",
        "parcel never arrived and no answer from {co}",
        "hidden fees everywhere, it's a rip-off",
        "the {co} engineer never turned up",
        "{co} billed me twice in the same month",
        "nothing but problems with {co}",
        "{co} ruined my holiday",
        "terrible service, late delivery, damaged product",
        "the new {prod} is even worse than the old one",
        "a brand that treats its customers with contempt",
        "{co} was hopeless during the crisis",
        "shame on {co} for how it handled this",
        "{co} shuts its {city} factory",
        "{co} staff angry with management",
        "{co} keeps piling up losses",
        "dealing with {co} is a nightmare",
        "I would warn everyone away from {co}",
        "stay away from {co}",
        "my kids were sick after eating the {prod}",
        "{co} never answers",
        "the staff are unpleasant",
        "everything went wrong from start to finish",
        "disgusted by the quality of the {prod}",
        "{co} is putting its prices up again without warning",
        "{co} pays its suppliers six months late",
        "analysts worry about {co}'s debt",
        "after-sales service that is unreachable and incompetent",
        "{co} couldn't care less about its customers",
        "complaints against {co} keep piling up",
        "the reviews of {co} are dreadful and deserved",
        "one star, and that's generous",
        "another fiasco for {co}",
        "{co} is all talk",
        "really let down by {co}",
        "{co} is beneath contempt",
        "the worst {prod} I have ever bought",
        "cyberattack at {co}: customer data stolen",
        "mass recall of the {prod} after food poisoning cases",
        "{co} has left customers stranded for days",
    ],
    ("en", "neutral"): [
        "{co} will publish its annual results on 14 March",
        "{co} appoints a new chief financial officer",
        "{co} moves its head office to {city}",
        "{co} holds its annual general meeting on Thursday",
        "{co} presents its new range at the {city} trade fair",
        "{co} changes its logo",
        "{co} opens an office in {city}",
        "{co} employs 2,400 people in the UK",
        "{co} was founded in 1987",
        "{co} updates its terms and conditions",
        "{co} is hiring a maintenance technician in {city}",
        "job offer: accountant at {co}",
        "{co} is looking for apprentices for September",
        "{co} will be closed on the bank holiday",
        "{co} shares close flat",
        "{co} will report revenue after the close",
        "does anyone know what time {co} opens in {city}?",
        "does {co} deliver on Saturdays?",
        "comparing the {prod} with other offers, any thoughts?",
        "walked past the new {co} shop this morning",
        "{co} employs several thousand people",
        "a comparison of the offers from {co} and its rivals",
        "{ceo}, boss of {co}, was on the radio this morning",
        "what changes at {co} from 1 January",
        "{prod} received, as described",
        "{co} declined to comment",
        "the strike at {co} ended after a deal",
        "the court case between {co} and a former supplier resumes in May",
        "work on the {co} site in {city} is finished",
        "the 2019 {co} product recall is closed",
        "the power cut in {city} is not linked to {co}, the council says",
        "{co} explains how to dispute a bill",
        "pay talks at {co} resume on Monday",
        "{co} reminds customers how to make a claim",
        "the court will rule on the dispute between {co} and the council on 3 June",
        "the investigation into a rival of {co} continues",
        "{co} responds to criticism in a statement",
        "{co} will attend the industry show from 3 to 5 October",
        "{co} launches a public consultation on its {city} project",
        "{city} council will examine the planning application from {co}",
        "{co} changes its opening hours from Monday",
        "{co} plans to publish an annual report in April",
        "{co} sells its logistics arm to an investment fund",
        "{co} had revenue of 320 million last year",
        "{co} shares barely move in a quiet market",
        "{co} holds an open day on Saturday",
        "{co} merges two of its {city} branches",
        "{co} moves into new offices",
        "the 2020 accident at the {co} site will go to trial in November",
        "{co} unions and management meet on Tuesday",
        "{co} announces a change of energy supplier",
        "{co} sets out the details of its loyalty scheme",
        "question for anyone who knows {co}: are returns free?",
        "{co} keeps its prices unchanged this year",
        "the contract between {co} and the region expires in 2027",
        "Tuesday's network outage is over, {co} says",
        "{co} won't comment on takeover rumours",
    ],
}

# Hard cases, as their own pools. Irony: praise words around a bad fact (negative). Negated criticism
# (positive) and negated praise (negative). Mixed: "A, but B" takes B's side.
IRONY = {
    "fr": [
        "Bravo {co}, {bad}. Du grand art 👏",
        "Merci {co} pour {bad_np}, vraiment 🙃",
        "Génial, {bad}. Merci {co} !",
        "Super service chez {co} : {bad}.",
        "Quel plaisir d'être client chez {co} : {bad}.",
        "Chapeau {co}, {bad}. On n'arrête pas le progrès.",
        "Bien joué {co}, {bad} 🙄",
        "Ah, le fameux service client de {co} : {bad}. Magnifique.",
    ],
    "en": [
        "Well done {co}, {bad}. A masterpiece 👏",
        "Thanks {co} for {bad_np}, really 🙃",
        "Great, {bad}. Thanks {co}!",
        "Amazing service at {co}: {bad}.",
        "Such a joy being a {co} customer: {bad}.",
        "Hats off {co}, {bad}. Progress never stops.",
        "Nice one {co}, {bad} 🙄",
        "Ah, the famous {co} customer service: {bad}. Wonderful.",
    ],
}
PRAISE = {  # the same openings, sincerely, around a good fact (positive)
    "fr": [
        "Bravo {co}, {good}.",
        "Merci {co} pour {good_np} !",
        "Génial, {good}. Merci {co} !",
        "Super service chez {co} : {good}.",
        "Bien joué {co}, {good} 👏",
    ],
    "en": [
        "Well done {co}, {good}.",
        "Thanks {co} for {good_np}!",
        "Great, {good}. Thanks {co}!",
        "Amazing service at {co}: {good}.",
        "Nice one {co}, {good} 👏",
    ],
}
FACTS = {
    "fr": {
        "bad": [
            "trois heures d'attente au téléphone",
            "encore une panne ce matin",
            "ma commande est annulée sans explication",
            "la facture a doublé",
            "le train est supprimé pour la troisième fois",
            "le colis est arrivé écrasé",
            "personne ne rappelle",
            "l'appli plante à chaque connexion",
        ],
        "bad_np": [
            "les trois heures d'attente",
            "la facture doublée",
            "le colis perdu",
            "la panne du week-end",
            "le remboursement qui n'arrive jamais",
            "les frais cachés",
        ],
        "good": [
            "livré en une journée",
            "problème réglé en cinq minutes",
            "remboursé le jour même",
            "le technicien est venu un dimanche",
            "tout fonctionne parfaitement",
        ],
        "good_np": [
            "la livraison express",
            "le remboursement immédiat",
            "l'accueil adorable",
            "votre patience au téléphone",
            "le geste commercial",
        ],
    },
    "en": {
        "bad": [
            "three hours on hold",
            "another outage this morning",
            "my order was cancelled with no explanation",
            "the bill has doubled",
            "the train is cancelled for the third time",
            "the parcel arrived crushed",
            "nobody calls back",
            "the app crashes every time I log in",
        ],
        "bad_np": [
            "the three hours on hold",
            "the doubled bill",
            "the lost parcel",
            "the weekend outage",
            "the refund that never comes",
            "the hidden fees",
        ],
        "good": [
            "delivered in a day",
            "problem solved in five minutes",
            "refunded the same day",
            "the engineer came out on a Sunday",
            "everything works perfectly",
        ],
        "good_np": [
            "the express delivery",
            "the instant refund",
            "the lovely welcome",
            "your patience on the phone",
            "the goodwill gesture",
        ],
    },
}
NEGATED = {
    ("fr", "positive"): [
        "pas déçu du tout par {co}",
        "{prod} pas mal du tout",
        "franchement pas mauvais, {prod}",
        "rien à redire sur {co}",
        "aucun problème avec {co} en cinq ans",
        "jamais eu à me plaindre de {co}",
        "je ne regrette pas d'être passé chez {co}",
        "pas une seule panne en deux ans avec {prod}",
        "on n'a jamais été déçus par {co}",
        "je n'ai rien à reprocher à {co}",
    ],
    ("fr", "negative"): [
        "pas terrible, {prod}",
        "{co} n'est pas du tout à la hauteur",
        "je ne recommande pas {co}",
        "plus jamais {co}",
        "pas du tout satisfait de {co}",
        "aucun sérieux chez {co}",
        "je ne remettrai jamais les pieds chez {co}",
        "{prod} ne vaut pas son prix",
        "personne n'est capable de répondre chez {co}",
        "ce n'est vraiment pas le niveau attendu chez {co}",
    ],
    ("en", "positive"): [
        "not disappointed at all with {co}",
        "the {prod} is not bad at all",
        "honestly not bad, the {prod}",
        "can't fault {co}",
        "no problems with {co} in five years",
        "never had to complain about {co}",
        "I don't regret switching to {co}",
        "not one breakdown in two years with the {prod}",
        "{co} has never let us down",
        "nothing to complain about with {co}",
    ],
    ("en", "negative"): [
        "not great, the {prod}",
        "{co} is not up to scratch at all",
        "I don't recommend {co}",
        "never again {co}",
        "not at all happy with {co}",
        "nobody at {co} takes anything seriously",
        "I will never set foot in {co} again",
        "the {prod} is not worth the money",
        "nobody at {co} can give an answer",
        "this is really not the standard you'd expect from {co}",
    ],
}
BUT = {
    "fr": ["{a}, mais {b}", "{a}. Par contre, {b}", "{a}... mais bon, {b}", "Certes {a}, mais {b}"],
    "en": ["{a}, but {b}", "{a}. However, {b}", "{a}... but {b}", "Sure, {a}, but {b}"],
}
# Wrappers shared by the three classes ({c} is the clause); emoji and hashtags are drawn by class.
FRAMES = {
    "fr": [
        "{c}.",
        "{c}",
        "{c} {emo}",
        "{c} {emo}{emo}",
        "{c} {tag}",
        "{c} #{cotag}",
        "@{cotag} {c}",
        "Avis : {c}.",
        "{c}. Qu'en pensez-vous ?",
        "Vu sur les réseaux : {c}.",
        "{C}",
        "{C} !!!",
        "Mon avis sur {co} : {c}.",
        "Info : {c}.",
        "Thread 🧵 {c}.",
        "{c}, voilà.",
        "Bon. {c}.",
        "Retour d'expérience : {c}.",
    ],
    "en": [
        "{c}.",
        "{c}",
        "{c} {emo}",
        "{c} {emo}{emo}",
        "{c} {tag}",
        "{c} #{cotag}",
        "@{cotag} {c}",
        "Review: {c}.",
        "{c}. Thoughts?",
        "Seen online: {c}.",
        "{C}",
        "{C}!!!",
        "My take on {co}: {c}.",
        "Update: {c}.",
        "Thread 🧵 {c}.",
        "{c}, so there.",
        "Right. {c}.",
        "Customer feedback: {c}.",
    ],
}
EMO = {
    "positive": ["😍", "👍", "🙌", "👏", "❤️", "🥰", "😊", "🔥", "✨", "💯"],
    "negative": ["😡", "🤬", "👎", "😤", "🙄", "😠", "💩", "😞", "😒", "🤮"],
    "neutral": ["📢", "📰", "ℹ️", "📅", "🗓️", "👉", "📍"],
}
TAGS = {
    ("fr", "positive"): ["#fier", "#merci", "#bravo", "#satisfait", "#recommande", "#coupdecoeur", "#heureux"],
    ("fr", "negative"): ["#arnaque", "#boycott", "#honte", "#plusjamais", "#scandale", "#déçu", "#colère"],
    ("fr", "neutral"): ["#actu", "#emploi", "#économie", "#bourse", "#info", "#recrutement", "#salon"],
    ("en", "positive"): ["#proud", "#thankyou", "#welldone", "#happycustomer", "#recommended", "#love"],
    ("en", "negative"): ["#scam", "#boycott", "#shame", "#neveragain", "#scandal", "#fuming", "#avoid"],
    ("en", "neutral"): ["#news", "#jobs", "#business", "#markets", "#update", "#hiring", "#tradeshow"],
}
OPPOSITE = {"positive": "negative", "negative": "positive", "neutral": "neutral"}
SLOT = re.compile(r"\{(\w+)\}")


def _slots(text: str, lang: str, company: tuple, rng: random.Random) -> str:
    _slug, name, _sector, prods_fr, prods_en, ceo, city = company
    values = {"co": name, "prod": rng.choice(prods_fr if lang == "fr" else prods_en), "ceo": ceo, "city": city}
    return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _clause(lang: str, label: str, rng: random.Random) -> tuple[str, str]:
    """(clause, hard-case tag) of class ``label``."""
    roll = rng.random()
    if label != "neutral" and roll < 0.15:
        return rng.choice(NEGATED[(lang, label)]), "negation"
    if label != "neutral" and roll < 0.3:
        first = rng.choice(POOLS[(lang, OPPOSITE[label])] + NEGATED[(lang, OPPOSITE[label])])
        return rng.choice(BUT[lang]).format(a=first, b=rng.choice(POOLS[(lang, label)])), "mixed"
    if label == "negative" and roll < 0.42:
        facts = FACTS[lang]
        frame = rng.choice(IRONY[lang])
        return frame.replace("{bad}", rng.choice(facts["bad"])).replace(
            "{bad_np}", rng.choice(facts["bad_np"])
        ), "irony"
    if label == "positive" and roll < 0.36:
        facts = FACTS[lang]
        frame = rng.choice(PRAISE[lang])
        return frame.replace("{good}", rng.choice(facts["good"])).replace("{good_np}", rng.choice(facts["good_np"])), ""
    return rng.choice(POOLS[(lang, label)]), ""


def make(lang: str, label: str, company: tuple, rng: random.Random) -> tuple[str, str, str]:
    clause, hard = _clause(lang, label, rng)
    if hard == "irony" or clause[-1] in ".!?👏🙃🙄":
        frame = rng.choice(["{c}", "{c} {emo}", "{c} {tag}", "{C}"])
    else:
        frame = rng.choice(FRAMES[lang])
    emo, tag = rng.choice(EMO[label]), rng.choice(TAGS[(lang, label)])
    text = frame.replace("{c}", clause).replace("{C}", clause.upper()).replace("{emo}", emo).replace("{tag}", tag)
    text = text.replace("{cotag}", company[1].replace(" ", "").replace("é", "e").replace("É", "E"))
    text = _slots(text, lang, company, rng)
    text = text.replace("{CO}", company[1].upper()).replace("{PROD}", "").strip()
    if "{C}" in frame:
        text = SLOT.sub(lambda m: m.group(0), text).upper()
        hard = hard or "caps"
    elif "{emo}" in frame:
        hard = hard or "emoji"
    elif "{tag}" in frame or "cotag" in frame:
        hard = hard or "hashtag"
    kind = (
        "social"
        if hard in ("emoji", "hashtag", "caps", "irony")
        else rng.choice(
            ["news", "blog", "social", "review", "complaint", "press", "stock"]
            if label != "neutral"
            else ["news", "blog", "social", "press", "stock", "job"]
        )
    )
    if (
        label == "neutral"
        and not hard
        and any(
            w in clause
            for w in (
                "grève",
                "procès",
                "panne",
                "rappel",
                "accident",
                "litige",
                "critiques",
                "enquête",
                "strike",
                "court",
                "outage",
                "recall",
                "accident",
                "dispute",
                "criticism",
                "investigation",
                "power cut",
            )
        )
    ):
        hard = "neutral-neg-words"
    return text[0].upper() + text[1:], kind, hard


def generate(seed: int = 0) -> dict[str, list[dict]]:
    rng = random.Random(seed)  # noqa: S311  (a seeded draw of training sentences, not a secret)
    rows: dict[str, list[dict]] = {c[0]: [] for c in COMPANIES}
    for lang in ("fr", "en"):
        for label in ("negative", "neutral", "positive"):
            seen: set[str] = set()
            tries = 0
            while len(seen) < PER_CLASS and tries < PER_CLASS * 50:
                tries += 1
                company = rng.choice(COMPANIES)
                text, kind, hard = make(lang, label, company, rng)
                if text in seen:
                    continue
                seen.add(text)
                n = len(rows[company[0]]) + 1
                row = {
                    "id": f"{company[0]}-{n:04d}",
                    "company": company[0],
                    "lang": lang,
                    "kind": kind,
                    "label": label,
                    "text": text,
                }
                if hard:
                    row["hard"] = hard
                rows[company[0]].append(row)
    return rows


WRITTEN_DIR = HERE / "written"
SHORT = {"neg": "negative", "neu": "neutral", "pos": "positive"}


def written() -> list[dict]:
    """The mentions written one by one (data/written/<lang>.txt: ``@company`` blocks of ``label|kind|hard|text``)."""
    rows: list[dict] = []
    for path in sorted(WRITTEN_DIR.glob("*.txt")):
        if path.stem == "lexicon":
            continue
        lang, company = path.stem.split("-")[0], ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@"):
                company = line[1:].strip()
                continue
            label, kind, hard, text = line.split("|", 3)
            n = sum(1 for r in rows if r["company"] == company and r["lang"] == lang) + 1
            row = {
                "id": f"{company}-w{lang}-{n:03d}",
                "company": company,
                "lang": lang,
                "kind": kind,
                "label": SHORT[label],
                "text": text,
            }
            if hard:
                row["hard"] = hard
            rows.append(row)
    return rows


LEXICON_FRAMES = {
    "fr": {
        "pos": [
            "{w} !",
            "{co} : {w}.",
            "Franchement {w}.",
            "{w}, {co} 👍",
            "Avis sur {prod} : {w}.",
            "Bilan : {w}.",
            "{w} {emo}",
            "Chez {co}, {w}.",
        ],
        "neg": [
            "{w} !",
            "{co} : {w}.",
            "Franchement {w}.",
            "{w}, {co} 👎",
            "Avis sur {prod} : {w}.",
            "Bilan : {w}.",
            "{w} {emo}",
            "Chez {co}, {w}.",
        ],
        "neu": ["{co} : {w}.", "{w} chez {co}", "{co}, {w}", "Info {co} : {w}", "{w} {emo}"],
    },
    "en": {
        "pos": [
            "{w}!",
            "{co}: {w}.",
            "Honestly {w}.",
            "{w}, {co} 👍",
            "Verdict on the {prod}: {w}.",
            "Bottom line: {w}.",
            "{w} {emo}",
            "At {co}, {w}.",
        ],
        "neg": [
            "{w}!",
            "{co}: {w}.",
            "Honestly {w}.",
            "{w}, {co} 👎",
            "Verdict on the {prod}: {w}.",
            "Bottom line: {w}.",
            "{w} {emo}",
            "At {co}, {w}.",
        ],
        "neu": ["{co}: {w}.", "{w} at {co}", "{co}, {w}", "{co} update: {w}", "{w} {emo}"],
    },
}


def lexicon(rng: random.Random) -> list[dict]:
    """Two short frames per entry of data/written/lexicon.txt, each about a random training company."""
    rows: list[dict] = []
    for line in (WRITTEN_DIR / "lexicon.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, short, entries = line.split("|", 2)
        label = SHORT[short]
        for word in (w.strip() for w in entries.split(" / ")):
            for frame in rng.sample(LEXICON_FRAMES[lang][short], 2):
                company = rng.choice(COMPANIES)
                text = frame.replace("{w}", word).replace("{emo}", rng.choice(EMO[label]))
                text = _slots(text, lang, company, rng)
                rows.append(
                    {
                        "company": company[0],
                        "lang": lang,
                        "kind": "social",
                        "label": label,
                        "text": text[0].upper() + text[1:],
                    }
                )
    return rows


def main() -> int:
    TRAIN_DIR.mkdir(parents=True, exist_ok=True)
    for old in TRAIN_DIR.glob("*.jsonl"):
        old.unlink()
    rows = generate()
    for row in written():
        rows[row["company"]].append(row)
    seen = {r["text"] for items in rows.values() for r in items}
    for row in lexicon(random.Random(1)):  # noqa: S311
        if row["text"] not in seen:
            seen.add(row["text"])
            row = {"id": f"{row['company']}-x{len(rows[row['company']]) + 1:04d}", **row}
            rows[row["company"]].append(row)
    for slug, items in rows.items():
        lines = [json.dumps(r, ensure_ascii=False) for r in items]
        (TRAIN_DIR / f"{slug}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {sum(len(v) for v in rows.values())} training mentions for {len(rows)} companies to {TRAIN_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
