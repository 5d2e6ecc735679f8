"""Council deliberations: the fields of one deliberation, read from its clean lines.

Collectivité, séance date, number, objet, présents, pouvoirs, absents, président, secrétaire,
votes, decisions, executoire date and the ACTES id of its stamp. Councils word these in many
ways; each wording is an entry of a table below (name, pattern, example), matched on the
folded text (lower case, no accents) unless the entry needs case to find names.
Values the text does not state but implies (votants from présents + pouvoirs under a stated
unanimity …) are filled only by the rules of `_derive`, each recorded in `Deliberation.derived`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from ctg.core.civilities import civilities, civility_regex
from ctg.core.dates import find_dates
from ctg.core.model import Deliberation, Line, Proxy, Span
from ctg.core.text import fold_words
from ctg.segment.patterns import DELIB_HEADING, Pattern
from ctg.segment.patterns import pattern as table_entry
from ctg.segment.stamps import ACTES_ID, STAMP_FIELDS, find_stamps, match_key, ocr_mapped
from ctg.segment.votes import Votes, read_votes


def _p(name: str, regex: str, example: str, flags: int = 0) -> Pattern:
    """An entry matched on folded text (lower case, no accents): no flags by default."""
    return table_entry(name, regex, example, flags)


# A person's name as written in lists: civility, initial, capitalised words, particles allowed
# ("Jean-Christophe CARRÉ", "M. de LA TOUR"); an office or another civility ends it.
# The civilities of a member list ("M. Paul MARTIN", "MM. BLANC et NOIR", "Mlle Fanny ARSAC").
LIST_CIVILITY = civility_regex(
    ("Monsieur", "Madame", "Mademoiselle", "Messieurs"), exclude=("Mr", "Mademoiselle", "Messieurs")
)
NAME = (
    r"(?:" + LIST_CIVILITY + r"\s+)?(?:[A-ZÀ-Ý]\.\s?)?"  # civility, initial ("Y. HUAUMÉ")
    r"[A-ZÀ-Ý€][\w'¢€-]*"  # ¢ € are accents as OCR reads them
    r"(?:\s+(?!(?:Secr[ée]taire|Maire|Pr[ée]sidente?|Adjointe?|Conseill[eè]re?|"
    + civility_regex(("Monsieur", "Madame", "Messieurs"), exclude=("Mr", "Messieurs"))
    + r")\b)"
    r"(?:de\s+|du\s+|d'|le\s+|la\s+|des\s+)?[A-ZÀ-Ý€][\w'¢€-]+){0,3}"
)
# A proxy held by an office, not a name: "donne pouvoir à M. le Maire".
OFFICE_HOLDER = (
    r"(?:"
    + civility_regex(("Monsieur", "Madame"), exclude=("Mr",))
    + r"\s+)?(?:[Ll]e|[Ll]a)\s+(?:Maire|Pr[ée]sidente?)\b"
)
HOLDER = rf"(?:{OFFICE_HOLDER}|{NAME})"
OFFICE_NAME = re.compile(rf"^{OFFICE_HOLDER}$")
# Lower-case words that belong to a name; any other ends it ("C. ROSELLO formant la majorité").
PARTICLES = frozenset({"de", "du", "d'", "le", "la", "des", "van", "von", "del", "di", "da"})
# Words of a member list that are not members: "Mesdames et Messieurs", "les conseillers".
NOT_NAMES = frozenset(
    {
        fold_words(c.written)
        for c in civilities(("Monsieur", "Madame", "Messieurs", "Mesdames"), exclude=("Mr",))
    }
    | {"tous", "toutes"}
)
# Civilities and the titles written in their place ("Maître ANQUETIL", "Docteur LECANU").
CIVILITY = re.compile(r"^" + civility_regex(exclude=("Mr",)) + r"\s+")
# Separators of a member list: commas, "et", and a civility opening the next name.
LIST_SEPARATOR = re.compile(
    r"[,;]|\bet\b|\s(?="
    + civility_regex(
        ("Monsieur", "Madame", "Mademoiselle", "Messieurs"),
        exclude=("M", "Mr", "Mademoiselle", "Messieurs", "MM"),
    )
    + r"\s)"
)
# Offices written after a name without a comma: "sous la présidence de Loïc MORIN Maire".
TRAILING_OFFICE = re.compile(r"\s+(?:Maire|Pr[ée]sidente?|Adjointe?|Conseill[eè]re?|Vice-Pr[ée]sidente?)$")
# A list entry that is an office, not a person: "Monsieur Paul HAMEL, Maire, Messieurs …" lists the
# mayor's office after his name; written in capitals it could be a surname, so only other cases count.
OFFICE_ENTRY = re.compile(
    r"^(?:\d+\s*(?:er|[eè]re|e|[eè]me)\s+)?(?:[Mm]aire|[Pp]r[ée]sidente?|[Aa]djointe?|[Cc]onseill[eè]re?"
    r"|[Vv]ice-[Pp]r[ée]sidente?)s?\b(?:\s+[a-zà-ÿ].*)?$"
)

# Section labels, on folded text; the rest of the line after the label is the section's value.
LABELS: tuple[Pattern, ...] = (
    _p(
        "presents",
        r"^\W*(?:etaient\s+|sont\s+|membres\s+|delegues\s+|conseillers\s+)?presents?\s*(?:\(\d+\)\s*)?"
        r"(?:mesdames\s+et\s+messieurs\b[^:]{0,60})?:",
        "Délégués présents : Mesdames et Messieurs André BOULOGNE, Claire CAPET",
    ),
    _p(
        "pouvoirs",
        r"^\W*(?:pouvoirs?|procurations?|representes?"
        r"|(?:excuses?|delegues|conseillers|membres)\s+ayant\s+donne\s+(?:pouvoir|procuration)"
        r"|absents?\s+(?:excuses?\s+)?(?:ayant\s+donne\s+"
        r"(?:pouvoir|procuration)|(?:et\s+)?representes?))\s*(?:\(\d+\)\s*)?:",
        "Pouvoirs : FABRE Thierry et WAJS Alexandre ont donné pouvoir à Jean-Christophe CARRÉ",
    ),
    _p(
        "absents",
        r"^\W*(?:etaient\s+)?(?:absents?|excuses?)(?:\s+excuses?)?(?:\s+(?:et\s+)?non\s+representes?)?"
        r"\s*(?:\(\d+\)\s*)?:",
        "Absents excusés : Fanny ARSAC",
    ),
    _p(
        "secretaire",
        r"^\W*secretaire(?:\s+de\s+(?:la\s+)?seance)?\s*:|\bsecretaire\s+de\s+(?:la\s+)?seance\s*:",
        "Secrétaire de séance : Bernadette SAMUEL",
    ),
    _p(
        "president",
        r"^\W*(?:president(?:e)?\s+de\s+(?:la\s+)?seance|presidence)\s*:",
        "Président de séance : Paul MARTIN",
    ),
    _p(
        "objet",
        r"\bobjet(?:\s+de\s+la\s+deliberation)?\s*:",
        "N° 2022/07/29/07-OBJET : CAF - Convention Territoriale",
    ),
    _p("rapporteur", r"^\W*rapporteur\s*:", "Rapporteur : Monsieur Jean-Christophe CARRÉ"),
    _p(
        "counts",
        r"^\W*(?:nombre\s+de\s+)?(?:conseillers|membres)(?:\s+municipaux)?\s+en\s+exercice\b",
        "Conseillers en exercice : 9 - Présents : 6 - Votants : 8",
    ),
)

# The rest of a collectivité's name in a sentence: it ends at punctuation or at the verb that follows
# ("le Conseil Municipal de la Ville de Montpellier s'est réuni").
NAME_REST = (
    r"(?:(?!\s+(?:s'|se\s|sont\b|est\b|regulierement|dument|legalement|reuni|convoque|en\s+session|a\s+l'|au\s+lieu))"
    r"[^,;.])*"
)
COLLECTIVITE_PATTERNS: tuple[Pattern, ...] = (
    _p(
        "header",
        r"^\s*(?:commune|ville|mairie)\s+(?:de\s+|d'|du\s+|des\s+)|^(?!\W*departement).*\b(?:communaute\s+(?:de\s+"
        r"communes|d'agglomeration|urbaine)|agglomeration|metropole|syndicat\s+(?:intercommunal|mixte))\b",
        "COMMUNE de MAUSSANE les ALPILLES",
    ),
    _p(
        "register",
        r"\bconseil\s+(?:municipal|communautaire|metropolitain|syndical)\s+de\s+(?:la\s+|l')"
        rf"(?P<name>(?:commune|ville|communaute|metropole)\b{NAME_REST})",
        "Le Conseil Municipal de la Commune de Maussane les Alpilles, régulièrement convoqué",
    ),
    _p(
        "council_place",  # the place's name right after the council: "le Conseil Municipal de Guérande,"
        rf"\bconseil\s+municipal\s+(?:de\s+|d')(?!la\s|l'|notre\b|cette\b|ce\b)(?P<name>[a-z]{NAME_REST})",
        "le Conseil Municipal de Guérande, sur convocation régulière",
    ),
    _p(
        "register_of",
        rf"\bdeliberations\s+(?:du\s+conseil\s+\w+\s+)?de\s+la\s+(?P<name>(?:commune|ville)\b{NAME_REST})",
        "Extrait du registre des délibérations de la commune de Volx",
    ),
    _p(
        "mandate",
        r"\b(?:au\s+nom|pour\s+le\s+compte)\s+(?:de\s+)?(?:la\s+|l')(?P<name>(?:commune|ville)\s+(?:de|des|du|d')[^,;.]*)",
        "AUTORISE le Maire à signer au nom et pour le compte la commune des Pennes Mirabeau, la convention",
    ),
)

SEANCE_PATTERNS: tuple[Pattern, ...] = (
    _p(
        "seance",
        r"\bseance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)*du\b",
        "Séance du 29 juillet 2022",
    ),
    _p(
        "council_of",
        r"^\W*(?:deliberation\s+du\s+|reunion\s+du\s+)?conseil\s+(?:municipal|communautaire|metropolitain)\s+du\b",
        "Conseil municipal du 8 décembre 2025",
    ),
    _p("date_label", r"^\W*date\s+de\s+(?:la\s+)?(?:seance|reunion)\s*:", "Date de la séance : 08/12/2025"),
    _p(
        "met_on",  # the date the council met, not the date it was convened, which often comes first
        r"(?:s'est|se\s+sont)\s+reunie?s?\b[^.;]{0,80}?\ble\s+(?=\S+\s+\S+\s+\S+)",
        "Le Conseil, régulièrement convoqué le 2 décembre 2025, s'est réuni le 8 décembre 2025",
    ),
    _p(
        "opening",
        r"\b(?:l'an\s|s'est\s+reuni|regulierement\s+convoque|se\s+sont\s+reunis|s'est\s+assemble)",
        "Le vingt-neuf juillet deux mil vingt-deux à dix-neuf heures, le Conseil Municipal … s'est réuni",
    ),
)

NUMBER_PATTERNS: tuple[Pattern, ...] = (
    _p(
        "year_slash",  # "n° 2013 / 54": a year and a rank, spaced around the slash
        r"\bn\s?(?:°|º|o\.)\s*:?\s*(?P<number>(?:19|20)\d\d\s?/\s?\d{1,4})(?![\w/.-])",
        "n° 2013 / 54",
        re.IGNORECASE,
    ),
    _p(
        "numero",
        r"(?:\bd[ée]lib[ée]ration\s+)?\bn\s?(?:°|º|o\.|r\.)\s*:?\s*(?P<number>[A-Z]{0,5}[\s_-]?\d[\w/.-]*?)"
        r"(?=\s*-?\s*objet\b|\s*[-:]\s|\s|$)",
        "N° 2022/07/29/07-OBJET : CAF",
        re.IGNORECASE,
    ),
    _p(
        "code",
        r"\b(?P<number>(?:DEL|DCM|DCC|DBM|DC|CM)[_ -]?\d{2,4}[_/-]\d{1,4}(?:[_/-]\d{1,4})?)\b",
        "DEL_2025_123",
    ),
)
# Header lines that carry numbers which are not the deliberation's: visas of laws and codes, ACTES ids.
NOT_NUMBER_LINE = re.compile(r"^\W*vu\b|\b(?:loi|decret|ordonnance|article|code|arrete)\b|\bid\s*:")

PRESIDENT_PATTERNS: tuple[Pattern, ...] = (
    _p(
        "office_then_name",  # the office comes first, the name after the comma
        r"[Ss]ous\s+la\s+[Pp]r[ée]sidence\s+de\s+"
        + civility_regex(("Monsieur", "Madame"), exclude=("M", "Mr"))
        + r"?\s*(?:[Ll]e|[Ll]a)\s+(?:Maire|Pr[ée]sidente?)"
        rf"\s*,\s*(?P<name>{NAME})",
        "sous la présidence de Madame le Maire, Hélène Mandroux",
    ),
    _p(
        "presidence",
        rf"[Ss]ous\s+la\s+[Pp]r[ée]sidence\s+de\s+(?P<name>{NAME})",
        "sous la Présidence de Monsieur Jean-Christophe CARRÉ, Maire",
    ),
    _p("label", rf"^\W*Pr[ée]sid[ée]e?\s+par\s*:?\s*(?P<name>{NAME})", "Présidé par : M. Paul MARTIN"),
)
SECRETAIRE_PATTERNS: tuple[Pattern, ...] = (
    _p(
        "designated",
        rf"(?P<name>{NAME})\s+(?:a\s+[ée]t[ée]\s+|est\s+)?(?:d[ée]sign[ée]e?|[ée]lue?|nomm[ée]e?)\s+(?:pour\s+remplir\s+les\s+"
        r"fonctions\s+de\s+|comme\s+|en\s+qualit[ée]\s+de\s+)?secr[ée]taire",
        "Mme Claire DUPONT a été désignée secrétaire de séance",
    ),
)
# A signature block "LE SECRETAIRE" followed by the name on the next line.
SECRETAIRE_SIGNATURE = re.compile(r"^\W*(?:le|la)\s+secretaire(?:\s+de\s+seance)?\W*$")

# Decision verbs that open a line of the dispositif, folded, each with an example.
DECISION_VERBS: tuple[tuple[str, str], ...] = (
    ("approuve", "APPROUVE la démarche partenariale de convention territoriale globale"),
    ("autorise", "AUTORISE Monsieur le Maire à signer la convention"),
    ("decide", "DÉCIDE d'approuver la convention territoriale globale"),
    ("dit", "DIT que les crédits sont inscrits au budget"),
    ("charge", "CHARGE Monsieur le Maire de l'exécution de la présente délibération"),
    ("precise", "PRÉCISE que la présente délibération sera complétée"),
    ("donne", "DONNE tous pouvoirs à Monsieur le Maire"),
    ("adopte", "ADOPTE la convention territoriale globale 2026-2030"),
    ("valide", "VALIDE le plan d'actions"),
    ("prend", "PREND ACTE du diagnostic partagé"),
    ("designe", "DÉSIGNE Madame X pour siéger au comité de pilotage"),
    ("accepte", "ACCEPTE les termes de la convention"),
    ("sollicite", "SOLLICITE le concours financier de la Caf"),
    ("confirme", "CONFIRME l'engagement de la commune"),
    ("mandate", "MANDATE le Président pour signer"),
    ("attribue", "ATTRIBUE une subvention"),
    ("abroge", "ABROGE la délibération du 12 mars 2020"),
    ("s'engage", "S'ENGAGE à mettre en œuvre le plan d'actions"),
    ("fixe", "FIXE la durée de la convention à cinq ans"),
    ("delegue", "DÉLÈGUE au Maire la signature des avenants"),
)
_VERBS = {verb for verb, _ in DECISION_VERBS}
BULLET = re.compile(r"^[\s\-–•*>·]*(?:article\s+\d+\s*(?:er)?\s*[:.–-]\s*)?", re.IGNORECASE)
# Items of a list of decisions under "DÉCIDE :": bullets or articles.
LIST_ITEM = re.compile(r"^(?:[-–•*·]|article\s+\d+)", re.IGNORECASE)
# Lines that end a decision paragraph or the dispositif, on folded text.
END_MARKERS = re.compile(
    r"^\W*(?:fait\s+et\s+delibere|ainsi\s+fait|pour\s+extrait|pour\s+copie|le\s+maire|la\s+maire|le\s+president"
    r"|la\s+presidente|le\s+secretaire|la\s+secretaire|deliberation\s+executoire|acte\s+rendu|rendu\s+executoire"
    r"|certifie|publie|publication|affiche|envoye|recu|id\s*:|pour\s*:|contre\s*:|abstentions?\s*:|votes?|votants"
    r"|adopte\s+(?:a|par)|annexe\s*(?:n\W?\s*)?(?:\d+|[ivx]+\b|:)|se\s+prononce|apres\s+en\s+avoir)\b"
)
# "à l'unanimité", "après en avoir délibéré": the dispositif starts after these.
DELIBERATED = re.compile(
    r"apres\s+en\s+avoir\s+delibere|apres\s+avoir\s+entendu|ou[iï]\s+l'expose|delibere\s*,"
)
EXECUTOIRE = re.compile(r"\bexecutoire\b")

# Proxies: (name, pattern with giver and holder, example); the "Pouvoirs :" section has its own reader.
PROXY_PATTERNS: tuple[Pattern, ...] = (
    _p(
        "parenthesis",
        rf"(?P<giver>{NAME})\s*\(\s*(?:a\s+donn[ée]\s+|donne\s+)?(?:pouvoir|procuration)\s+(?:à|a)\s+(?P<holder>{HOLDER})\s*\)",
        "Fanny ARSAC (pouvoir à Bernadette SAMUEL)",
    ),
    _p(
        "sentence",
        rf"(?P<giver>{NAME})\s+(?:a\s+donn[ée]|donne)\s+(?:pouvoir|procuration)\s+(?:à|a)\s+(?P<holder>{HOLDER})",
        "Mme Anne DURAND donne pouvoir à M. Paul MARTIN",
    ),
    _p(
        "holder_parenthesis",
        rf"(?P<holder>{HOLDER})\s*\(\s*(?:porteu(?:r|se)\s+d'un\s+)?(?:pouvoir|procuration)\s+de\s+(?P<giver>{NAME})\s*\)?",
        "Anne DURAND (pouvoir de Julie GIRAUD)",
    ),
    _p(
        "power_of",
        rf"\b[Pp](?:ouvoir|rocuration)s?\s+de\s+(?P<giver>{NAME})\s+(?:à|a)\s+(?P<holder>{HOLDER})",
        "pouvoir de Mme Julie GIRAUD à M. Paul MARTIN",
    ),
    _p(
        "represented",
        rf"(?P<giver>{NAME})\s+repr[ée]sent[ée]e?\s+par\s+(?P<holder>{HOLDER})",
        "M. Louis BLANC représenté par Mme Anne DURAND",
    ),
)
# In a "Pouvoirs :" section, each holder closes a group of givers: "A et B ont donné pouvoir à C, D à E".
PROXY_HOLDER = re.compile(
    rf"(?:(?:ont|a)\s+donn[ée]e?s?\s+(?:pouvoir|procuration)\s+|donnen?t?\s+(?:pouvoir|procuration)\s+"
    rf"|pouvoir\s+|procuration\s+)?\b(?:[àa]|par)\s+(?P<holder>{HOLDER})"
)
# Lines that open a paragraph of their own (visas, the opening sentence, the council deciding).
NEW_PARAGRAPH = re.compile(
    r"^\W*(?:vu|considerant|l'an|apres|le\s+conseil|la\s+seance"
    r"|(?:"
    + civility_regex(("Monsieur", "Madame"), short=False, folded=True)
    + r"\s+)?l[ea]\s+(?:rapporteur|maire|president)\s+(?:expose|rappelle))\b"
    r"|^\W*le\s+[a-z-]+\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b"
)
SEGMENT_LIMIT = 6  # lines a wrapped objet or decision may run over
NAME_LISTS = frozenset({"presents", "pouvoirs", "absents"})
LIST_LIMIT = 25  # lines a wrapped list of members may run over (large councils list 60 names)
# Capitals lines of a deliberation's head that are not its title.
NOT_TITLE = re.compile(
    r"^\W*(?:departement|republique|arrondissement|canton|n\W?\s*\d|liberte|envoye|recu|publie|affiche)\b"
)
OBJET_TITLE_LINES = 4  # title lines that may stand for a missing OBJET label
# "Max LEVITA rapporte :", "Rapporteur : …": the objet is the title just above.
REPORTS = re.compile(r"\brapporte\s*:\s*$|^\W*rapporteur\s*:")
REPORT_LINES = 80  # non-blank lines of the head where the rapporteur line is looked for
# The number a title line opens with, kept apart from the objet: "N° 2016.02.16 - Subvention …".
NUMBER_PREFIX = re.compile(r"^\W*N\s?°\s*\S+\s*[-–:]\s*", re.IGNORECASE)
HEADING_SEANCE = frozenset({"seance", "council_of", "date_label"})  # read in the header only
HEADER_LINES = 15  # non-blank lines where the collectivité and number are looked for


def _key(text: str) -> str:
    return match_key(text)


def _after(text: str, key: str, end: int) -> str:
    """The raw text after offset `end` of its folded `key` (same length for NFC text), else after ":"."""
    return (text[end:] if len(key) == len(text) else text.split(":", 1)[-1]).strip()


def _label_of(text: str) -> tuple[str, str] | None:
    """(label name, value after the label) when the line opens a labelled section."""
    key = _key(text)
    for label in LABELS:
        match = label.regex.search(key)
        if match:
            return label.name, _after(text, key, match.end())
    return None


def _starts_anew(text: str) -> bool:
    key = _key(text)
    officers = (*PRESIDENT_PATTERNS, *SECRETAIRE_PATTERNS)
    return bool(
        _label_of(text)
        or DELIB_HEADING.regex.match(text)
        or END_MARKERS.search(key)
        or _decision_verb(text)
        or NEW_PARAGRAPH.search(key)
        or any(pattern.regex.search(text) for pattern in officers)
    )


def _continues(previous: str, line: Line, proxies: bool) -> bool:
    """Whether `line` continues a wrapped list, objet or decision rather than starting something new.

    A line stating a proxy ("X représenté par Y") starts anew unless the section may hold proxies
    (pouvoirs, absents): a giver is absent, never present.
    """
    text = line.text.strip()
    if not text or _starts_anew(text):
        return False
    if not proxies and any(pattern.regex.search(text) for pattern in PROXY_PATTERNS):
        return False
    return not previous.rstrip().endswith((".", ":", ";"))


def _section(
    lines: list[Line], index: int, first: str, proxies: bool = False, names: bool = False
) -> tuple[str, int]:
    """The value of a section: its first line's rest and the adjacent lines that continue it."""
    text, last = first, index
    for follower in lines[index + 1 : index + 1 + (LIST_LIMIT if names else SEGMENT_LIMIT)]:
        if follower.number != lines[last].number + 1 or not _continues(text, follower, proxies):
            break
        text, last = f"{text} {follower.text.strip()}".strip(), last + 1
    return text, last


def _clean_name(text: str) -> str:
    name = re.sub(r"\s+", " ", text).strip(" ,;.:-–")
    if OFFICE_NAME.match(name):
        return CIVILITY.sub("", name)  # "M. le Maire" holds as "le Maire"
    while CIVILITY.match(name):
        name = CIVILITY.sub("", name, count=1)
    words = name.split()
    end = next(
        (i for i, w in enumerate(words) if i and w.islower() and len(w) > 2 and w not in PARTICLES), None
    )
    name = " ".join(words[:end])
    return TRAILING_OFFICE.sub("", name).strip(" ,;.:-–")


def split_names(text: str) -> list[str]:
    """Names of a list "CARRÉ Jean-Christophe, FUSAT Marc et Mme Lucie BABIN" (parentheses dropped).

    A proxy stated in the list ("B. VAGNEUR a donné pouvoir à G. GRIGNARD") leaves its giver; names
    listed without commas are cut at each civility ("Mme Anne DURAND M. Paul MARTIN").
    """
    for pattern in PROXY_PATTERNS:
        listed = "holder" if pattern.name == "holder_parenthesis" else "giver"  # who the list names
        text = pattern.regex.sub(lambda match, group=listed: f", {match.group(group)},", text)
    text = re.sub(r"\([^)]*\)?", "", text)
    names = [_clean_name(part) for part in re.split(LIST_SEPARATOR, text)]
    return [
        name
        for name in names
        if re.search(r"[A-ZÀ-Ý]", name)
        and len(name.split()) <= 6
        and _key(name) not in NOT_NAMES
        and not OFFICE_ENTRY.match(name)
    ]


def _proxies_in_section(text: str) -> list[Proxy]:
    proxies: list[Proxy] = []
    start = 0
    for match in PROXY_HOLDER.finditer(text):
        givers = split_names(text[start : match.start()])
        holder = _clean_name(match.group("holder"))
        proxies.extend(Proxy(giver=giver, holder=holder) for giver in givers)
        start = match.end()
    return proxies


def _proxies_in_line(text: str) -> list[Proxy]:
    """Proxies stated in `text` in any of the PROXY_PATTERNS forms, in reading order, no overlap."""
    matches = sorted(
        (match for pattern in PROXY_PATTERNS for match in pattern.regex.finditer(text)),
        key=lambda match: (match.start(), -match.end()),
    )
    proxies: list[Proxy] = []
    end = 0
    for match in matches:
        if match.start() >= end:
            proxies.append(
                Proxy(giver=_clean_name(match.group("giver")), holder=_clean_name(match.group("holder")))
            )
            end = match.end()
    return proxies


def _decision_verb(text: str, any_case: bool = False) -> str | None:
    """The decision verb opening `text` ("APPROUVE", "- AUTORISE", "Article 1 : DÉCIDE"), if any.

    Before the council deliberates, only a verb in capitals counts: the same verbs open ordinary
    sentences of the exposé in lower case. After "après en avoir délibéré" (`any_case`), "- approuve
    la convention" is a decision too.
    """
    words = BULLET.sub("", text, count=1).split()
    word = words[0].rstrip(":,") if words else ""
    if len(word) < 2 or _key(word) not in _VERBS:
        return None
    return word if word.isupper() or any_case else None


def _deliberated_at(lines: list[Line]) -> int:
    """Index of the line where the council deliberates ("Après en avoir délibéré"), else past the end."""
    return next((i for i, line in enumerate(lines) if DELIBERATED.search(_key(line.text))), len(lines))


@dataclass(slots=True)
class _Sections:
    """The labelled sections found in a deliberation, by name, with the lines they cover."""

    values: dict[str, list[tuple[str, int, int]]]

    def first(self, name: str) -> str:
        found = self.values.get(name)
        return found[0][0] if found else ""

    def all(self, name: str) -> list[str]:
        return [value for value, _, _ in self.values.get(name, [])]


def _sections(lines: list[Line]) -> _Sections:
    values: dict[str, list[tuple[str, int, int]]] = {}
    index = 0
    while index < len(lines):
        label = _label_of(lines[index].text)
        if label:
            name = label[0]
            text, last = _section(
                lines, index, label[1], proxies=name in ("pouvoirs", "absents"), names=name in NAME_LISTS
            )
            values.setdefault(name, []).append((text, index, last))
            index = last
        index += 1
    return _Sections(values)


def _header(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.text.strip()][:HEADER_LINES]


def _collectivite(lines: list[Line]) -> str:
    header_pattern, *body_patterns = COLLECTIVITE_PATTERNS
    for line in _header(lines):
        text = line.text.strip()
        if len(text) < 90 and not text.endswith((",", ";")) and header_pattern.regex.search(_key(text)):
            return re.sub(r"\s+", " ", text)
    for pattern in body_patterns:
        for line in lines:
            key = _key(line.text)
            match = pattern.regex.search(key)
            if not match or len(key) != len(line.text):
                continue
            name = re.sub(r"\s+", " ", line.text[match.start("name") : match.end("name")]).strip()
            if any(
                word[:1].isupper() for word in name.split()
            ):  # a place's name: "de Guérande", not "de juin"
                return name
    return ""


def _seance_date(lines: list[Line]) -> date | None:
    """The meeting date, stated before the council deliberates (later dates are of other acts)."""
    before = lines[: _deliberated_at(lines)] or lines
    for pattern in SEANCE_PATTERNS:
        # a heading "Séance du …" heads the act; in the body it recalls another meeting
        for line in _header(before) if pattern.name in HEADING_SEANCE else before:
            key = _key(line.text)
            match = pattern.regex.search(key)
            if not match:
                continue
            # "Séance du …": the date after the words; an opening sentence: its first date.
            hits = find_dates(key if pattern.name == "opening" else key[match.start() :])
            if not hits and pattern.name in HEADING_SEANCE:  # "Séance publique du / lundi 4 février 2013"
                following = next(
                    (other for other in before[before.index(line) + 1 :] if other.text.strip()), None
                )
                hits = find_dates(key[match.start() :] + " " + _key(following.text)) if following else []
            if hits:
                return hits[0][0]
    return None


def _number(lines: list[Line], objet_index: int | None) -> str:
    limit = max(objet_index or 0, 0)
    header = [line for index, line in enumerate(lines) if index <= limit]
    candidates = header + [line for line in _header(lines) if line not in header]
    for pattern in NUMBER_PATTERNS:
        for line in candidates:
            if NOT_NUMBER_LINE.search(_key(line.text)):
                continue
            match = pattern.regex.search(line.text)
            if match:
                return match.group("number").strip(" -")
    return ""


def _is_title_line(line: Line) -> bool:
    """A heading line (bold, or in capitals) that is not the collectivité, séance or genre title."""
    text = line.text.strip()
    letters = [char for char in text if char.isalpha()]
    capitals = bool(letters) and sum(char.isupper() for char in letters) > 0.8 * len(letters)
    key = _key(text)
    furniture = line.role == "stamp" or bool(NOT_TITLE.search(key) or ACTES_ID.search(text))
    known = any(
        cue.regex.search(key)
        for cue in (*COLLECTIVITE_PATTERNS[:1], *SEANCE_PATTERNS[:1], *DELIBERATION_CUES[:1])
    )
    return (
        (line.bold or line.heading or capitals) and not known and not _decision_verb(text) and not furniture
    )


def _title_before_report(lines: list[Line]) -> list[str]:
    """The title lines just above "X rapporte :" or "Rapporteur :", where a register puts the objet
    after the letterhead and the list of members."""
    filled = [line for line in lines if line.text.strip()]
    at = next((i for i, line in enumerate(filled[:REPORT_LINES]) if REPORTS.search(_key(line.text))), None)
    if at is None:
        return []
    title: list[Line] = []
    for line in reversed(filled[max(0, at - OBJET_TITLE_LINES) : at]):
        if not _is_title_line(line) or _label_of(line.text):
            break
        title.insert(0, line)
    return [line.text.strip() for line in title]


def _objet(lines: list[Line], sections: _Sections) -> tuple[str, int | None, bool]:
    """The objet after its label, else the title lines that open the deliberation (flag True)."""
    found = sections.values.get("objet")
    if found:
        text, index, _ = found[0]
        return re.sub(r"\s+", " ", text).strip(), index, False
    reported = _title_before_report(lines)
    if reported:
        return " ".join(reported), None, True
    head = [line for line in lines if line.text.strip()][: OBJET_TITLE_LINES + 3]
    title: list[str] = []
    for line in head:
        if _is_title_line(line):
            title.append(line.text.strip())
        elif title or len(line.text) > 90:  # the body has started
            break
    objet = NUMBER_PREFIX.sub("", " ".join(title[:OBJET_TITLE_LINES]), count=1)
    return objet, None, bool(title)


def _person(patterns: tuple[Pattern, ...], lines: list[Line]) -> str:
    """A name after its formula, which may wrap: "sous la présidence de Madame / Claire ROUVIER"."""
    filled = [ocr_mapped(line.text.strip()) for line in lines if line.text.strip()]
    for pattern in patterns:
        for text, following in itertools.zip_longest(filled, filled[1:], fillvalue=""):
            match = pattern.regex.search(f"{text} {following}")
            if match and match.start() < len(text):
                return _clean_name(match.group("name"))
    return ""


def _secretaire(lines: list[Line], sections: _Sections) -> str:
    labelled = sections.first("secretaire")
    if labelled:
        return _clean_name(labelled)
    designated = _person(SECRETAIRE_PATTERNS, lines)
    if designated:
        return designated
    filled = [line for line in lines if line.text.strip()]
    for line, following in itertools.pairwise(filled):
        if SECRETAIRE_SIGNATURE.match(_key(line.text)):
            return _clean_name(following.text)
    return ""


def _president(lines: list[Line], sections: _Sections) -> str:
    labelled = sections.first("president")
    return _clean_name(labelled) if labelled else _person(PRESIDENT_PATTERNS, lines)


def _pouvoirs(lines: list[Line], sections: _Sections) -> list[Proxy]:
    proxies: list[Proxy] = []
    covered: set[int] = set()
    sections_at = {
        first: (name, text, last)
        for name in NAME_LISTS
        for text, first, last in sections.values.get(name, [])
    }
    # in reading order, a list read as a whole: proxies may wrap. Proxies are stated before the council
    # deliberates; after, "donne pouvoir à Monsieur le Maire de signer" is a decision.
    for index, line in enumerate(lines[: _deliberated_at(lines)]):
        if index in sections_at:
            name, text, last = sections_at[index]
            found = _proxies_in_line(text)
            proxies.extend(found or (_proxies_in_section(text) if name == "pouvoirs" else []))
            covered.update(range(index, last + 1))
        elif index not in covered:
            proxies.extend(_proxies_in_line(line.text))
    unique: dict[tuple[str, str], Proxy] = {(p.giver, p.holder): p for p in proxies}
    return list(unique.values())


def _names_of(sections: _Sections, name: str) -> list[str]:
    """Names listed in the sections `name`; a section opening with a number is a count, not a list."""
    return [
        found for text in sections.all(name) if not re.match(r"\W*\d", text) for found in split_names(text)
    ]


def _decisions(lines: list[Line]) -> list[str]:
    decisions: list[str] = []
    deliberated = _deliberated_at(lines)
    index = 0
    while index < len(lines):
        text = lines[index].text.strip()
        verb = _decision_verb(text, any_case=index > deliberated)
        if not verb:
            index += 1
            continue
        body = BULLET.sub("", text, count=1).strip()
        if _key(body.rstrip(" :")) == _key(verb):  # "DÉCIDE :" introduces a list of items
            index += 1
            while index < len(lines) and LIST_ITEM.match(item := lines[index].text.strip()):
                decisions.append(f"{verb} {BULLET.sub('', item, count=1).strip()}")
                index += 1
            continue
        paragraph, last = _section(lines, index, body)
        decisions.append(paragraph)
        index = last + 1
    return decisions


def _opens_stamp_or_label(text: str) -> bool:
    key = _key(text)
    return bool(
        _label_of(text)
        or ACTES_ID.search(text)
        or any(f.strong and f.regex.search(key) for f in STAMP_FIELDS)
    )


def _executoire(lines: list[Line]) -> date | None:
    """The date the act became executory: the later of the dates its sentence gives.

    "Acte rendu exécutoire après dépôt en préfecture le … et / publication le …": the sentence may
    wrap, so an unfinished line is read with the next one.
    """
    for index, line in enumerate(lines):
        key = _key(line.text)
        if not EXECUTOIRE.search(key):
            continue
        following = [other for other in lines[index + 1 : index + 3] if other.text.strip()]
        sentence = key
        if following and not key.rstrip().endswith(".") and not _opens_stamp_or_label(following[0].text):
            sentence += " " + _key(following[0].text)
        hits = find_dates(sentence)
        if hits:
            return max(hit[0] for hit in hits)
    return None


def _derive(deliberation: Deliberation, votes: Votes) -> None:
    """Fill counts the text implies but does not state, and say how in `derived`.

    Only figures printed with the act feed a rule: a unanimous vote whose number of voters is
    printed gives pour, contre and abstention; names listed are not a count, and a vote that prints
    its own figures ("unanimité des votants (31 voix), 8 abstentions") is left as printed.
    """
    note = deliberation.derived.append
    if votes.not_voting:
        note("a member does not take part in the vote: no count computed from it")
    if deliberation.votants is None and None not in (votes.pour, votes.contre, votes.abstention):
        deliberation.votants = (votes.pour or 0) + (votes.contre or 0) + (votes.abstention or 0)
        note(f"votants = pour {votes.pour} + contre {votes.contre} + abstention {votes.abstention}")
    if deliberation.unanimite is None and votes.contre:
        deliberation.unanimite = False
        note(f"unanimité = False ({votes.contre} contre printed)")
    printed = votes.votants is not None and all(
        count is None for count in (votes.pour, votes.contre, votes.abstention)
    )
    if votes.unanimous and printed and deliberation.contre is None:
        deliberation.contre = 0
        note("contre = 0 (unanimité)")
    if votes.unanimous and printed and deliberation.votants is not None:
        # "des suffrages exprimés" allows abstentions; a council states them, so none stated means none.
        if deliberation.abstention is None:
            deliberation.abstention = 0
            formula = "unanimité" if votes.unanimity == "all" else "unanimité des suffrages exprimés"
            note(f"abstention = 0 ({formula}, none stated)")
        if deliberation.pour is None:
            deliberation.pour = deliberation.votants - deliberation.abstention
            note(f"pour = votants - abstention = {deliberation.pour} (unanimité)")
    if deliberation.unanimite is None and None not in (
        deliberation.pour,
        deliberation.contre,
        deliberation.abstention,
    ):
        deliberation.unanimite = deliberation.contre == 0 and deliberation.abstention == 0
        note(f"unanimité = {deliberation.unanimite} (from the counts)")


def parse_deliberation(lines: list[Line], file: str) -> Deliberation:
    """The fields of the deliberation written in `lines` (one deliberation, clean lines).

    Raises ValueError when `lines` is empty: a document always has lines, so that is a caller's bug.
    """
    if not lines:
        raise ValueError(f"{file}: no lines to read a deliberation from")
    filled = [line for line in lines if line.text.strip()]
    span = Span.of_lines(file, filled or lines)
    deliberation = Deliberation(span=span)
    if not filled:
        return deliberation
    sections = _sections(lines)
    votes = read_votes([line.text for line in lines])
    deliberation.objet, objet_index, from_title = _objet(lines, sections)
    if from_title:
        deliberation.derived.append("objet = title lines (no OBJET label)")
    deliberation.collectivite = _collectivite(lines)
    deliberation.seance_date = _seance_date(lines)
    deliberation.number = _number(lines, objet_index)
    deliberation.presents = _names_of(sections, "presents")
    deliberation.pouvoirs = _pouvoirs(lines, sections)
    deliberation.absents = _names_of(sections, "absents")
    deliberation.president = _president(lines, sections)
    deliberation.secretaire = _secretaire(lines, sections)
    deliberation.decisions = _decisions(lines)
    deliberation.executoire_date = _executoire(lines)
    deliberation.votants, deliberation.pour = votes.votants, votes.pour
    deliberation.contre, deliberation.abstention = votes.contre, votes.abstention
    deliberation.unanimite = votes.unanimous if votes.unanimity else None
    deliberation.en_exercice = votes.en_exercice
    deliberation.presents_count = votes.presents  # a printed figure; the names listed are not a count
    deliberation.pouvoirs_count = votes.pouvoirs
    stamps = [stamp for stamp in find_stamps(lines, file) if stamp.actes_id]
    deliberation.actes_id = stamps[0].actes_id if stamps else None
    deliberation.siren = stamps[0].siren if stamps else None  # the ACTES id names the deliberating body
    if not deliberation.number and stamps:
        deliberation.number = stamps[0].act_number or ""
        deliberation.derived.append("number = act number of the ACTES id")
    _derive(deliberation, votes)
    return deliberation


# Cues of the genre, on folded text: (name, pattern, example). Three distinct cues make a deliberation.
DELIBERATION_CUES: tuple[Pattern, ...] = (
    _p(
        "title",
        r"^\W*(?:extrait\s+du\s+(?:registre|proces)|deliberation\s+(?:du|de\s+la|de\s+l'|n)|registre\s+des\s+deliberations)",
        "DELIBERATION DU CONSEIL MUNICIPAL",
    ),
    _p(
        "seance",
        r"\bseance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)*du\b",
        "Séance du 29 juillet 2022",
    ),
    _p(
        "deliberated",
        r"apres\s+en\s+avoir\s+delibere|(?:ainsi\s+)?fait\s+et\s+delibere|delibere\s+et\s+adopte",
        "Après en avoir délibéré, le Conseil Municipal",
    ),
    _p("objet", r"^\W*(?:n\S*\s*[\w/.-]+\s*-?\s*)?objet\s*:", "OBJET : Convention territoriale globale"),
    _p(
        "members",
        r"\b(?:etaient\s+)?presents?\s*:|conseillers\s+en\s+exercice|secretaire\s+de\s+seance|^\W*pouvoirs?\s*:"
        r"|absents?\s+excuses?",
        "Secrétaire de séance : Bernadette SAMUEL",
    ),
    _p("vote", r"a\s+l'unanimite|^\W*pour\s*:\s*\d|\bvotants\s*:|\bvoix\s+pour", "POUR : 35"),
    _p(
        "council",
        r"^\W*le\s+conseil\s+(?:municipal|communautaire|metropolitain|syndical)\b",
        "Le CONSEIL MUNICIPAL,",
    ),
)
MIN_CUES = 3


def looks_like_deliberation(lines: list[Line]) -> bool:
    """Whether `lines` read as a council deliberation (at least three of its cues)."""
    found: set[str] = set()
    for line in lines:
        key = _key(line.text)
        found.update(cue.name for cue in DELIBERATION_CUES if cue.regex.search(key))
        if _decision_verb(line.text.strip()):
            found.add("decision")
        if len(found) >= MIN_CUES:
            return True
    return False
