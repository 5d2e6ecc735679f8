"""What the sample corpus holds: one entry per document, as data.

Each spec names a real territory (corpus/territories.py) and the quirks the document carries:
spellings, heading styles, a signature without a name, a listed but absent annex, etc.
"""

from __future__ import annotations

from datetime import date

from ctg.corpus.convention import ActionSheet, ConventionSpec, EquipmentRow
from ctg.corpus.deliberation import DeliberationSpec
from ctg.corpus.territories import AJACCIO, ALPILLES, DURANCE

ANNEXES_FULL = (
    ("1", "Diagnostic territorial partagé", True),
    ("2", "Liste des équipements et services soutenus", True),
    ("3", "Plan d'actions 2026-2030", True),
    ("4", "Modalités de pilotage et de suivi", False),  # listed, never attached
)

CONV_ALPILLES = ConventionSpec(
    territory=ALPILLES,
    signed_place="Saint-Rémy-de-Provence",
    signed_date=date(2025, 11, 19),
    epci_party=True,
    sommaire=True,
    preliminary_article=True,
    heading_styles=("colon", "caps_dash", "tight_colon", "colon", "dash"),
    two_line_article="engagements",
    unnamed_signer="13065",
    # Spellings met in real documents: no hyphens, "St" for Saint, missing accents.
    spelling={
        "13100": "St Remy de Provence",
        "13058": "Maussane les Alpilles",
        "13094": "Saint-Etienne-du-Gres",
    },
    annexes=ANNEXES_FULL,
    equipments=(
        EquipmentRow("EAJE", "Multi-accueil Les Oliviers", "12 avenue de la Libération", "13100", "Commune"),
        EquipmentRow(
            "EAJE", "Crèche Lei Pitchoun", "3 chemin du Mas de Caillol", "13058", "Association Lei Pitchoun"
        ),
        EquipmentRow("ALSH", "Accueil de loisirs du Grès", "Place de l'Église", "13094", "Commune"),
        EquipmentRow("LAEP", "La Maison des Parents", "8 rue des Remparts", "13100", "CCVBA"),
        EquipmentRow("RPE", "Relais Petite Enfance Alpilles", "Avenue des Joncades Basses", "13100", "CCVBA"),
        EquipmentRow(
            "EVS", "Espace de vie sociale Lou Mas", "15 cours Paul Revoil", "13065", "Association Lou Mas"
        ),
        EquipmentRow("ALSH", "Centre de loisirs Li Cigalo", "Chemin de la Cabro d'Or", "13011", "Commune"),
    ),
    actions=(
        ActionSheet(
            "Développer l'accueil du jeune enfant en horaires atypiques",
            "Petite enfance",
            "CCVBA",
            "Caf, communes, gestionnaires d'EAJE",
            "Ouvrir vingt places en horaires décalés d'ici 2028 et informer les familles concernées.",
        ),
        ActionSheet(
            "Soutenir les parents isolés",
            "Parentalité",
            "Commune de Saint-Rémy-de-Provence",
            "Caf, Département, centres sociaux",
            "Créer un groupe de parole mensuel et un accueil sans rendez-vous dans chaque commune.",
        ),
        ActionSheet(
            "Aller vers les jeunes sans solution",
            "Jeunesse",
            "Commune de Mouriès",
            "Mission locale, Caf, associations de prévention",
            "Repérer les jeunes de 16 à 25 ans sans activité et leur proposer un accompagnement.",
        ),
    ),
)

CONV_AJACCIO = ConventionSpec(
    territory=AJACCIO,
    signed_place="Ajaccio",
    signed_date=date(2025, 10, 28),
    date_in_words=True,
    heading_styles=("caps_dash",),
    spelling={"2A271": "Sarrola Carcopino"},
    annexes=(  # listed, none attached (the convention refers to annexes 1 and 3)
        ("1", "Diagnostic territorial partagé", False),
        ("2", "Liste des équipements et services soutenus", False),
        ("3", "Plan d'actions 2026-2030", False),
    ),
    article_keys=(
        "objet",
        "caf",
        "collectivites",
        "enjeux",
        "pilotage",
        "donnees",
        "evaluation",
        "duree",
        "fin",
    ),
    footer_style="dash",
)

CONV_DURANCE = ConventionSpec(
    territory=DURANCE,
    signed_place="Digne-les-Bains",
    signed_date=date(2025, 12, 15),
    heading_styles=("colon", "dot"),
    unnamed_signer="04242",
    annexes=ANNEXES_FULL,
    equipments=(
        EquipmentRow(
            "Centre social", "Centre social La Ponsonne", "Avenue Jean Giono", "04112", "Association Ponsonne"
        ),
        EquipmentRow("EAJE", "Multi-accueil Les Lutins", "Rue des Écoles", "04245", "DLVA"),
        EquipmentRow("ALSH", "Accueil de loisirs Les Iscles", "Chemin des Iscles", "04143", "Commune"),
        EquipmentRow("RPE", "Relais Petite Enfance DLVA", "Place de l'Hôtel de Ville", "04112", "DLVA"),
    ),
    actions=(
        ActionSheet(
            "Coordonner l'offre petite enfance",
            "Petite enfance",
            "DLVA",
            "Caf, communes, PMI",
            "Tenir une liste d'attente commune à tous les établissements d'accueil du jeune enfant.",
        ),
        ActionSheet(
            "Renforcer l'accès aux droits",
            "Accès aux droits",
            "Commune de Manosque",
            "Caf, France services, CCAS",
            "Assurer une permanence mensuelle de la Caf dans chaque commune signataire.",
        ),
    ),
)

DELIB_MAUSSANE = DeliberationSpec(
    territory=ALPILLES,
    commune=ALPILLES.commune("13058"),
    seance=date(2025, 12, 8),
    hour=(18, 30),
    number="2025/12/08/07",
    act_number="DEL_2025_07",
    en_exercice=19,
    presents=15,
    pouvoirs=2,
    seed=11,
    executoire=date(2025, 12, 10),
)

DELIB_MANOSQUE = DeliberationSpec(
    territory=DURANCE,
    commune=DURANCE.commune("04112"),
    seance=date(2025, 11, 27),
    hour=(18, 0),
    number="2025-11-27-14",
    act_number="2025_114",
    en_exercice=35,
    presents=28,
    pouvoirs=4,
    contre=2,
    abstention=3,
    seed=12,
    executoire=date(2025, 12, 2),
)

DELIB_VOLX = DeliberationSpec(
    territory=DURANCE,
    commune=DURANCE.commune("04245"),
    seance=date(2025, 12, 4),
    hour=(19, 0),
    number="2025/12/04/05",
    act_number="DEL_2025_05",
    en_exercice=23,
    presents=17,
    pouvoirs=3,
    seed=13,
    executoire=date(2025, 12, 9),
)

DELIB_AJACCIO = DeliberationSpec(
    territory=AJACCIO,
    commune=AJACCIO.commune("2A004"),
    seance=date(2025, 10, 16),
    hour=(17, 0),
    number="2025/10/16/21",
    act_number="DEL_2025_21",
    en_exercice=45,
    presents=36,
    pouvoirs=5,
    abstention=1,
    seed=14,
    executoire=date(2025, 10, 21),
)

DELIB_MOURIES = DeliberationSpec(
    territory=ALPILLES,
    commune=ALPILLES.commune("13065"),
    seance=date(2025, 12, 1),
    hour=(18, 0),
    number="2025-12-01-04",
    act_number="DEL_2025_04",
    en_exercice=23,
    presents=18,
    pouvoirs=2,
    contre=1,
    seed=15,
    executoire=date(2025, 12, 3),
    footer=False,
    spelling="Mouries",  # the accent dropped in capitals, as many headings do
)

DELIB_CCVBA = DeliberationSpec(
    territory=ALPILLES,
    commune=None,
    seance=date(2025, 12, 11),
    hour=(18, 30),
    number="CC-2025-88",
    act_number="CC_2025_88",
    en_exercice=40,
    presents=31,
    pouvoirs=6,
    seed=16,
    executoire=date(2025, 12, 16),
)

DELIB_ORAISON = DeliberationSpec(
    territory=DURANCE,
    commune=DURANCE.commune("04143"),
    seance=date(2025, 11, 20),
    hour=(18, 30),
    number="2025-11-20-09",
    act_number="DEL_2025_09",
    en_exercice=27,
    presents=21,
    pouvoirs=3,
    seed=17,
    executoire=date(2025, 11, 25),
)

DELIB_SAINT_ETIENNE = DeliberationSpec(
    territory=ALPILLES,
    commune=ALPILLES.commune("13094"),
    seance=date(2025, 12, 2),
    hour=(19, 0),
    number="2025/12/02/11",
    act_number="DEL_2025_11",
    en_exercice=23,
    presents=19,
    pouvoirs=1,
    seed=18,
    executoire=date(2025, 12, 5),
)
