"""The project's own wording for the sample documents, held as data.

Placeholders in braces are filled by the builders: {territory}, {caf}, {period}, {communes} …
Each table says in its comment what a finished entry looks like.
"""

from __future__ import annotations

# How an article heading is written; the builders cycle through them so every spelling met in
# real conventions appears. Example: "ARTICLE 2 – Les missions de la Caf".
ARTICLE_HEADINGS: dict[str, str] = {
    "colon": "Article {n} : {title}",  # Article 1 : Objet de la convention
    "caps_dash": "ARTICLE {n} – {title}",  # ARTICLE 2 – Les missions de la Caf
    "tight_colon": "Article {n} :{title}",  # Article 3 :Les compétences des collectivités
    "dash": "Article {n} - {title}",  # Article 4 - Les enjeux partagés
    "dot": "Article {n}. {title}",  # Article 5. Les engagements financiers
}

# (key, title, paragraphs). Example heading: "Article 1 : Objet de la convention".
ARTICLES: list[tuple[str, str, list[str]]] = [
    (
        "objet",
        "Objet de la convention",
        [
            "La présente convention fixe le cadre dans lequel les signataires coordonnent leurs "
            "interventions en faveur des familles du territoire {territory} pour la période {period}.",
            "Elle prend appui sur le diagnostic partagé joint en annexe 1 et se traduit par un plan "
            "d'actions pluriannuel dont les fiches figurent en annexe 3.",
        ],
    ),
    (
        "caf",
        "Les missions de la Caf sur le territoire",
        [
            "La Caf verse les prestations légales, soutient le fonctionnement des équipements "
            "d'accueil et accompagne les familles confrontées à des difficultés particulières.",
            "Elle mobilise ses financements de fonctionnement et d'investissement au bénéfice des "
            "projets inscrits au plan d'actions, dans la limite de ses dotations annuelles.",
        ],
    ),
    (
        "collectivites",
        "Les compétences des collectivités signataires",
        [
            "Depuis le 1er janvier 2025, les communes exercent le rôle d'autorité organisatrice de "
            "l'accueil du jeune enfant : recensement des besoins, information des familles, "
            "planification de l'offre et soutien à la qualité des modes d'accueil.",
            "Elles conservent leurs interventions en matière d'enfance, de jeunesse, d'animation de "
            "la vie sociale et d'accès aux droits, seules ou par l'intermédiaire de leur "
            "intercommunalité lorsque la compétence lui a été transférée.",
        ],
    ),
    (
        "enjeux",
        "Les enjeux partagés issus du diagnostic",
        [
            "Le diagnostic a fait ressortir quatre enjeux : adapter l'offre d'accueil du jeune enfant "
            "aux horaires atypiques, soutenir les parents isolés, rapprocher les services des "
            "habitants éloignés des centres et mieux repérer les jeunes sans solution.",
        ],
    ),
    (
        "engagements",
        "Les engagements financiers des partenaires en faveur de la petite enfance et de la jeunesse",
        [
            "Chaque partenaire maintient son soutien aux équipements et services listés en annexe 2 "
            "pendant toute la durée de la convention.",
            "Les bonus territoriaux versés par la Caf sont calculés chaque année sur la base des "
            "données d'activité transmises par les gestionnaires.",
        ],
    ),
    (
        "pilotage",
        "Le pilotage et le suivi de la convention",
        [
            "Un comité de pilotage réunit au moins une fois par an les signataires ; il arrête les "
            "priorités de l'année et examine le bilan des actions engagées.",
            "Un comité technique, animé par le chargé de coopération, prépare ses travaux et suit "
            "les indicateurs de chaque fiche action.",
        ],
    ),
    (
        "donnees",
        "L'échange d'informations et la protection des données",
        [
            "Les signataires échangent les seules données nécessaires au suivi de la convention, "
            "dans le respect du règlement général sur la protection des données.",
        ],
    ),
    (
        "communication",
        "La communication autour de la convention",
        [
            "Toute publication relative aux actions soutenues mentionne le concours financier de "
            "chacun des partenaires et reproduit leurs logotypes.",
        ],
    ),
    (
        "evaluation",
        "L'évaluation",
        [
            "Une évaluation finale, conduite au cours de la dernière année, mesure l'effet des "
            "actions sur les familles et prépare le renouvellement de la convention.",
        ],
    ),
    (
        "duree",
        "La durée et la révision de la convention",
        [
            "La présente convention prend effet le 1er janvier {start} et s'achève le 31 décembre "
            "{end}. Toute modification fait l'objet d'un avenant signé par l'ensemble des parties.",
        ],
    ),
    (
        "fin",
        "La résiliation et les litiges",
        [
            "En cas de manquement grave de l'une des parties, la convention peut être résiliée par "
            "lettre recommandée avec un préavis de trois mois. Les litiges relèvent du tribunal "
            "administratif dans le ressort duquel se trouve le siège de la Caf.",
        ],
    ),
]

# Visas common to every convention. Example: "Vu le Code de l'action sociale et des familles ;".
VISAS: list[str] = [
    "Vu le Code de la sécurité sociale, notamment ses articles L. 223-1 et L. 263-1 ;",
    "Vu le Code de l'action sociale et des familles ;",
    "Vu le Code général des collectivités territoriales ;",
    "Vu la Convention d'objectifs et de gestion conclue entre l'État et la Caisse nationale des "
    "allocations familiales pour les années 2023 à 2027 ;",
    "Vu la délibération du conseil d'administration de la Caf en date du 10 décembre 2024 relative "
    "au renouvellement des conventions territoriales globales ;",
]

PREAMBULE: list[str] = [
    "La convention territoriale globale est un accord de partenariat par lequel la Caf et les "
    "collectivités d'un territoire construisent ensemble un projet de services aux familles, "
    "fondé sur un diagnostic partagé et décliné en actions concrètes.",
    "Elle couvre la petite enfance, l'enfance et la jeunesse, le soutien à la parentalité, "
    "l'animation de la vie sociale, l'accès aux droits et le logement.",
]

DIAGNOSTIC: list[str] = [
    "Le territoire compte une population jeune dans ses communes périurbaines et vieillissante "
    "dans ses villages ; un quart des familles avec enfants sont monoparentales.",
    "L'offre d'accueil collectif du jeune enfant couvre moins de la moitié des besoins exprimés, "
    "et les places en accueil de loisirs manquent pendant les vacances d'été.",
]

# Deliberation body: the report read to the council. {convention} is the CTG named in full.
DELIBERATION_EXPOSE: list[str] = [
    "{rapporteur} rappelle que la convention territoriale globale conclue avec la Caf arrive à "
    "échéance et qu'un nouveau diagnostic a été conduit avec les communes du territoire.",
    "La nouvelle {convention} définit les priorités communes aux signataires, le plan d'actions et "
    "les équipements soutenus. Elle conditionne le versement des bonus territoriaux de la Caf.",
]
