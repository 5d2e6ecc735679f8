"""What the audit says about a commune of a convention, in plain words: one table of findings.

Each finding has a stable code (for filters and colours), a template filled from the evidence,
and an example from a real convention. The audit decides which findings hold; this module
only words them, so that the wording lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctg.core.model import FINDINGS_SEPARATOR, Finding


@dataclass(frozen=True, slots=True)
class FindingKind:
    code: str
    template: str  # str.format fields named after the evidence
    severity: str  # "problem" (something is missing or wrong), "warning" (to check), "note"
    example: str


FINDING_KINDS: tuple[FindingKind, ...] = (
    FindingKind(
        "party_without_signature",
        "a party with no signature block",
        "problem",
        "Paradou is a party of the CTG Vallée des Baux-Alpilles 2026-2030 but has no signature block",
    ),
    FindingKind(
        "signature_without_name",
        "signature block with no signer named (role printed: {role})",
        "problem",
        "Pour la Communauté de communes … / Monsieur le Président / (Cachet et signature)",
    ),
    FindingKind(
        "signature_not_party",
        "signs the convention but is not among its parties",
        "problem",
        "a 'Pour la Commune de X' block where X is not listed after 'Entre :'",
    ),
    FindingKind(
        "named_not_party",
        "named in the {sources} but not a party",
        "warning",
        "a commune in 'Vu les délibérations des conseils municipaux des communes de …' that does not sign",
    ),
    FindingKind(
        "party_not_in_visa",
        "a party whose council deliberation is not cited in the visas",
        "warning",
        "the PAA 2026-2030 visas cite only Château-Arnoux-Saint-Auban and Les Mées",
    ),
    FindingKind(
        "epci_member_not_party",
        "member of {epci} (reference) but not a party",
        "note",
        "a member commune of Provence-Alpes-Agglomération that is not a party of its CTG",
    ),
    FindingKind(
        "party_not_epci_member",
        "a party but not a member of {epci}, which signs (reference)",
        "warning",
        "a commune of another intercommunality among the parties",
    ),
    FindingKind(
        "spelt_differently",
        "spelt differently: {spellings}",
        "warning",
        "Fontvielle (party), Fontveille (signature), Fontvieille (visa)",
    ),
    FindingKind(
        "unresolved_name",
        "name '{name}' not found in the reference of communes",
        "warning",
        "an OCR-damaged name in a visa",
    ),
    FindingKind(
        "no_deliberation",
        "no deliberation of this council approving the convention in the corpus (unknown, not refused)",
        "note",
        "the corpus holds the convention but not the council's deliberation",
    ),
    FindingKind(
        "deliberation_other_ctg",
        "its deliberation of {date} (n° {number}) concerns another CTG ({period}), not this one",
        "note",
        "Maussane-les-Alpilles 2022-07-29 approves the CTG 2022-2025",
    ),
    FindingKind(
        "deliberation_from_stamp",
        "deliberation n° {number} of {date} known only from its prefecture stamp ({actes_id}),"
        " its text and vote are not in the corpus",
        "note",
        "013-211300413-20251208-DEL_2025_123-DE stamped on the Bassin Minier convention",
    ),
    FindingKind(
        "not_unanimous",
        "deliberation not unanimous: {vote}",
        "warning",
        "pour 20, contre 3, abstention 2",
    ),
    FindingKind(
        "deliberation_rejects",
        "the deliberation of {date} did not adopt it: {vote}",
        "problem",
        "pour 8, contre 12",
    ),
    FindingKind(
        "left_territory",
        "in the territory of the earlier {earlier} but not in this convention",
        "warning",
        "Maillane, listed by the 2022 deliberation of Maussane-les-Alpilles, absent in 2026-2030",
    ),
    FindingKind(
        "joined_territory",
        "not in the territory of the earlier {earlier}",
        "note",
        "Mas-Blanc-des-Alpilles, absent from the 2022 list, a party in 2026-2030",
    ),
    FindingKind(
        "unreadable_pages",
        "no signature block found, but page(s) {pages} of the file could not be read",
        "warning",
        "a scanned signature page whose OCR failed",
    ),
    FindingKind(
        "no_signatures_read",
        "no signature block was read in this convention at all",
        "warning",
        "a convention published without its signature pages",
    ),
    FindingKind(
        "signed_before_deliberation",
        "signed on {signed}, before this council's deliberation of {date}",
        "problem",
        "Fait à Saint-Rémy-de-Provence, le 19 novembre 2025; Mouriès deliberates on 1 December",
    ),
    FindingKind(
        "signed_before_executoire",
        "signed on {signed}, before its deliberation of {date} was executoire ({executoire})",
        "warning",
        "voted on 8 December, signed on 9 December, received at the prefecture on 10 December",
    ),
    FindingKind(
        "deliberation_outside_period",
        "its deliberation of {date} falls outside the convention's period {period}",
        "warning",
        "a deliberation of 2031 approving the CTG 2026-2030",
    ),
    FindingKind(
        "approves_other_version",
        "its deliberation's file ({file}) holds another version of the convention than the one signed"
        " ({evidence})",
        "problem",
        "the council approved the PROJET draft annexed to its deliberation, not the text signed",
    ),
    FindingKind(
        "signed_outside_period",
        "signed on {signed}, outside the convention's period {period}",
        "warning",
        "a CTG 2022-2025 signed in 2026",
    ),
    FindingKind(
        "annex_missing",
        "annex {number} ({title}) is listed but neither the convention nor a copy of it holds it",
        "warning",
        "Annexe 4 - Modalités de pilotage et de suivi, listed in the Alpilles convention, not published",
    ),
)
KINDS_BY_CODE: dict[str, FindingKind] = {kind.code: kind for kind in FINDING_KINDS}

# The same findings worded in French for the report (its page is lang=fr), same fields.
FRENCH_TEMPLATES: dict[str, str] = {
    "party_without_signature": "partie à la convention sans bloc de signature",
    "signature_without_name": "bloc de signature sans signataire nommé (qualité imprimée : {role})",
    "signature_not_party": "signe la convention sans figurer parmi ses parties",
    "named_not_party": "cité dans {sources} mais pas partie",
    "party_not_in_visa": "partie dont la délibération du conseil n'est pas visée",
    "epci_member_not_party": "membre de {epci} (référentiel) mais pas partie",
    "party_not_epci_member": "partie mais pas membre de {epci}, signataire (référentiel)",
    "spelt_differently": "orthographié différemment : {spellings}",
    "unresolved_name": "nom « {name} » absent du référentiel des communes",
    "no_deliberation": "aucune délibération de ce conseil approuvant la convention dans le corpus"
    " (inconnu, pas un refus)",
    "deliberation_other_ctg": "sa délibération du {date} (n° {number}) porte sur une autre CTG ({period})",
    "deliberation_from_stamp": "délibération n° {number} du {date} connue seulement par son tampon de"
    " préfecture ({actes_id}) : texte et vote absents du corpus",
    "not_unanimous": "délibération non unanime : {vote}",
    "deliberation_rejects": "la délibération du {date} ne l'adopte pas : {vote}",
    "left_territory": "dans le territoire de la {earlier} antérieure, plus dans cette convention",
    "joined_territory": "absent du territoire de la {earlier} antérieure",
    "unreadable_pages": "aucun bloc de signature trouvé, mais page(s) {pages} du fichier illisible(s)",
    "no_signatures_read": "aucun bloc de signature lu dans cette convention",
    "signed_before_deliberation": "signée le {signed}, avant la délibération de ce conseil du {date}",
    "signed_before_executoire": "signée le {signed}, avant que sa délibération du {date} soit exécutoire"
    " ({executoire})",
    "deliberation_outside_period": "sa délibération du {date} est hors de la période de la convention"
    " ({period})",
    "approves_other_version": "le fichier de sa délibération ({file}) contient une autre version de la"
    " convention que celle signée ({evidence})",
    "signed_outside_period": "signée le {signed}, hors de la période de la convention ({period})",
    "annex_missing": "annexe {number} ({title}) annoncée, mais ni la convention ni une copie ne la contient",
}
# Words the audit passes into a finding, as the French wording says them. Example: "visas and préambule".
FRENCH_WORDS: tuple[tuple[str, str], ...] = (
    (" and ", " et "),  # "visas and préambule"
    ("annex of council decisions", "l'annexe des décisions des conseils"),
    ("visas", "les visas"),
    ("préambule", "le préambule"),
    ("unanimous", "unanimité"),  # "unanimous (pour 19)"
    ("not read", "non lu"),
    ("unknown date", "date inconnue"),
    ("other years", "autres années"),
    ("no ACTES ID", "sans identifiant ACTES"),
    ("deliberation of", "délibération de"),  # "CTG 2022-2025 (deliberation of Maussane …)"
)
WHOLE_FRENCH: dict[str, str] = {"none": "aucune"}  # a whole value: no role printed


def french_value(value: object) -> object:
    if not isinstance(value, str):
        return value
    if value in WHOLE_FRENCH:
        return WHOLE_FRENCH[value]
    for english, french in FRENCH_WORDS:
        value = value.replace(english, french)
    return value


def finding(code: str, **values: object) -> Finding:
    """The finding of that code, its template filled with the evidence."""
    kind = KINDS_BY_CODE[code]
    text = kind.template.format(**values)
    french = FRENCH_TEMPLATES[code].format(**{name: french_value(v) for name, v in values.items()})
    return Finding(code, text.replace(FINDINGS_SEPARATOR, ", "), kind.severity, french)


def with_severity(found: Finding) -> Finding:
    """A finding read back from a table (code and text), its severity told again by its kind."""
    kind = KINDS_BY_CODE.get(found.code)
    return Finding(found.code, found.text, kind.severity if kind else "")
