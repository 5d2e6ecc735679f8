from __future__ import annotations

from ctg.segment.tables import parse_actions, parse_equipments
from tests.segment.fixtures import lines

EQUIPMENTS = """
NOM DE LA COLLECTIVITE LOCALE SIGNATAIRE
LES PENNES MIRABEAU
TYPE DE STRUCTURE\tADRESSE DE LA STRUCTURE
EAJE
Mac La Gavotte\tCampagne Reggio, Chemin des Boeufs 13170 Les Pennes Mirabeau
ALSH
Les Charmes\t228 Avenue François Mitterrand 13170 Les Pennes Mirabeau
LUDOTHEQUE
/
"""

ACTION_TABLE = """
ACTIONS\tPilotes\tPorteurs\t2022\t2023
Action 1: Elaborer le schéma de coopération\tCAF Les Pennes\tLes Pennes Septèmes\t\tX
- Action 1: élaborer et mettre en œuvre le schéma de coopération
Actions\tThématiques\tDétails actions
Action 2 : Créer un forum handicap 2024-2026\tHandicap\tCréation d'un forum
"""

FICHE = """
Fiche Action 4 — Parentalité
Objectif global :
Accompagner, soutenir et valoriser les parents dans leur role éducatif en développant des
espaces de dialogue.
Actions clés :
e 4.1 Proposer des actions pour les parents
Partenaires associés :
- Structures petite enfance, enfance, jeunesse, animation de la vie
sociale
- Caf/Cd/Msa
Indicateurs :
- Nombre de parents participants
"""


def test_equipment_rows_take_type_and_collectivite() -> None:
    rows = parse_equipments(lines(EQUIPMENTS), "f.txt")
    got = [(e.structure_type, e.name, e.commune, e.span.line_start) for e in rows]
    assert got == [
        ("EAJE", "Mac La Gavotte", "Les Pennes Mirabeau", 5),
        ("ALSH", "Les Charmes", "Les Pennes Mirabeau", 7),
    ]


def test_action_tables_use_their_header() -> None:
    actions = parse_actions(lines(ACTION_TABLE), "f.txt")
    got = [(a.number, a.title, a.pilot, a.theme) for a in actions]
    assert got == [
        ("1", "Elaborer le schéma de coopération", "CAF Les Pennes", ""),
        ("2", "Créer un forum handicap", "", "Handicap"),
    ]


def test_fiche_action_fields() -> None:
    (action,) = parse_actions(lines(FICHE), "f.txt")
    assert (action.number, action.title) == ("4", "Parentalité")
    assert action.objectives.startswith("Accompagner, soutenir") and action.objectives.endswith(
        "espaces de dialogue."
    )
    assert (
        action.partners
        == "Structures petite enfance, enfance, jeunesse, animation de la vie sociale; Caf/Cd/Msa"
    )
    assert (action.span.line_start, action.span.line_end) == (1, 12)


COLUMNS = """
Type\tStructure\tAdresse\tCommune\tGestionnaire
EAJE\tMulti-accueil Les Oliviers\t12 avenue de la Libération\tSt Remy de Provence\tCommune
ALSH\tAccueil de loisirs du Grès\tPlace de l'Église\tSaint-Etienne-du-Gres\tCommune
Le territoire compte une population jeune.
"""

SPACED = """
Type Structure Adresse Commune Gestionnaire
Centre social Centre social La Ponsonne Avenue Jean Giono Manosque Association Ponsonne
EAJE Multi-accueil Les Lutins Rue des Écoles Volx DLVA
"""


def test_equipment_columns_named_by_the_header() -> None:
    rows = parse_equipments(lines(COLUMNS), "f.txt")
    got = [(e.structure_type, e.name, e.address, e.commune, e.manager) for e in rows]
    assert got == [
        (
            "EAJE",
            "Multi-accueil Les Oliviers",
            "12 avenue de la Libération",
            "St Remy de Provence",
            "Commune",
        ),
        ("ALSH", "Accueil de loisirs du Grès", "Place de l'Église", "Saint-Etienne-du-Gres", "Commune"),
    ]


def test_equipment_cells_joined_by_spaces_are_found_by_content() -> None:
    rows = parse_equipments(lines(SPACED), "f.txt", ["Manosque", "Volx"])
    got = [(e.structure_type, e.name, e.address, e.commune, e.manager) for e in rows]
    assert got == [
        (
            "Centre social",
            "Centre social La Ponsonne",
            "Avenue Jean Giono",
            "Manosque",
            "Association Ponsonne",
        ),
        ("EAJE", "Multi-accueil Les Lutins", "Rue des Écoles", "Volx", "DLVA"),
    ]


def test_fiche_title_over_two_lines_and_labels_on_the_line() -> None:
    text = (
        "Fiche action n°1 : Développer l'accueil du jeune enfant en horaires\natypiques\n"
        "Thématique : Petite enfance\nPilote : CCVBA\nPartenaires : Caf, communes\n"
        "Objectifs : Ouvrir vingt places en horaires décalés d'ici 2028 et informer les familles\nconcernées."
    )
    (action,) = parse_actions(lines(text), "f.txt")
    assert action.title == "Développer l'accueil du jeune enfant en horaires atypiques"
    assert (action.theme, action.pilot, action.partners) == ("Petite enfance", "CCVBA", "Caf, communes")
    assert action.objectives.endswith("informer les familles concernées.")
