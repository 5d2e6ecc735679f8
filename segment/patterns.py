"""Domain patterns of CTG conventions, kept as data: each entry has a name, a regex and an example.

Patterns run on clean text (normalize has removed markup and straightened apostrophes) but stay
tolerant of the usual OCR damage (``d'`` read as ``d’``, ``l'`` read as ``I'``). A test checks that
every pattern matches its own example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctg.core.civilities import civility_regex
from ctg.core.model import PartyType
from ctg.core.patterns import Pattern, pattern

_p = pattern


CASE = re.RegexFlag(0)  # for patterns where capitals carry the meaning (a family name, an upper-case title)


APOS = r"['’`]"
# Civilities, from core.civilities' table, as the patterns below accept them.
CIVILITY_WORD = civility_regex(("Monsieur", "Madame"), short=False)  # before a role: "Madame le Maire"
CIVILITY = civility_regex(("Monsieur", "Madame"), exclude=("M", "Mr"))  # "M. le Maire", "Mme Anne DURAND"
# Before a name: the doctor's title too, in full for a block's head ("Docteur Florence BOURDEIX").
NAME_CIVILITY = civility_regex(("Monsieur", "Madame", "Docteur"), exclude=("M", "Mr", "Dr", "Dr."))
# Dotted leaders and a trailing page number make a line a table-of-contents entry.
TOC_LINE = _p("toc_line", r"(\.{4,}|…{2,})\s*\d*\s*$|\t\s*\d{1,3}\s*$", "Article 8 : Communication.....\t12")
SOMMAIRE = _p("sommaire", r"^\s*(SOMMAIRE|TABLE DES MATI[EÈ]RES)\s*:?\s*$", "SOMMAIRE")

ARTICLE_HEADING = _p(
    "article_heading",
    r"^\s*(?:ARTICLE|ART\.)\s*(?P<number>\d{1,2}(?:\.\d{1,2})*(?:\s*(?:bis|ter))?|premier|pr[ée]liminaire|[IVX]{1,5})"
    r"(?:er)?\s*(?:(?P<sep>[:\-–—.])\s*(?P<title>.*?)|\s*)\s*$",
    "ARTICLE 9 — SUIVL, BILAN ET EVALUATION",
)
# A heading with its title in upper case and no separator: "ARTICLE 3 LES COMMUNES".
ARTICLE_HEADING_NOSEP = _p(
    "article_heading_nosep",
    r"^\s*ARTICLE\s+(?P<number>\d{1,2})\s+(?P<title>[A-ZÀ-Ý][A-ZÀ-Ý' ’-]{3,})$",
    "ARTICLE 3 LES CHAMPS D'INTERVENTION",
    CASE,
)
PREAMBULE = _p("preambule", r"^\s*PR[ÉE]AMBULE\s*:?\s*$", "Préambule")
VISA = _p(
    "visa",
    r"^\s*Vu\s+(les?|la|l['’]|I['’]|1['’]|ses?|son|sa|leurs?|notre|l'avis|\w)",
    "Vu le Code de l'action sociale",
)
CONVENU = _p(
    "convenu", r"^\s*Il est convenu et arr[êe]t[ée] ce qui suit", "Il est convenu et arrêté ce qui suit :"
)
PARTIES_OPEN = _p(
    "parties_open",
    r"^\s*(?-i:Entre|ENTRE)(\s+les\s+(soussign[ée]s|parties))?\s*,?\s*(d['’]\s*une\s+part)?\s*[:,]?\s*$"
    # the sentence that announces them: "La présente convention est conclue entre :"
    r"|^\s*(la\s+)?pr[ée]sente\s+convention\s+est\s+(conclue|pass[ée]e|[ée]tablie|sign[ée]e)\s+entre"
    r"(\s+les\s+soussign[ée]s)?\s*:\s*$",
    "Entre d'une part :",
)
# "Entre : la Caisse d'Allocations familiales …" with the first party on the same line. "Entre" takes its
# capital: "… entre la Caisse d'allocations familiales et les communes" wrapped there is a sentence.
PARTIES_OPEN_INLINE = _p(
    "parties_open_inline",
    r"^\s*(?:(?-i:Entre|ENTRE)(\s+les\s+soussign[ée]s)?\s*:?\s+(la|le|l['’])\s*(Caisse|Caf\b|Commune|Ville|Communaut|Mutualit|"
    r"M[ée]tropole|D[ée]partement)"
    r"|(?-i:Entre|ENTRE)(\s+les\s+soussign[ée]s)?\s*,?\s*(d['’]\s*une\s+part\s*[:,]?|:)\s*[-•]?\s*"
    r"(?-i:(?:La|Le|Les|L['’])\s*\w|(?:la|le|les|l['’])\s*[A-ZÀ-Ý]))",
    "Entre d'une part : L'agence régionale de santé des Hauts-de-France, dont le siège",
)
# "Entre :" / "Et" before a party named on the same line; removed to read the party's head.
PARTY_LEAD = _p(
    "party_lead",
    r"^\s*(Entre(\s+les\s+soussign[ée]s)?(\s*,?\s*d['’]\s*une\s+part)?|Et|ET|et)\s*[:,]?\s+(?=\S)",
    "Et la Commune de Volx",
)
# What ends a party's paragraph, whatever the line breaks: its "ci-après" name, or "d'une part".
PARTY_END = _p(
    "party_end",
    r"ci-?\s*apr[eè]s\s*(?:d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|appel[ée]e?s?|nomm[ée]e?s?)?\s*:?\s*"
    r"(?:«[^»]{1,60}»|\"[^\"]{1,60}\"|“[^”]{1,60}”|(?:la|le|les|l['’])\s*[^\s,;.]+)"
    r"|,?\s*d['’]\s*(?:une|autre)\s+part\b",
    "- Ci-après dénommée « l'ARS »",
)
# What separates two parties in a flow of words: "; et", "» et,", a bullet, a number, a capital "Et".
PARTY_SEPARATOR = _p(
    "party_separator",
    r"(?:[;,.»”\"]\s*(?:et|Et|ET)\b\s*[,:]?|\b(?-i:Et|ET)\b\s*[,:]?|;|(?:^|\s)(?:[-•▪–]|\d{1,2}\s*[.)°]|[a-z]\))(?=\s))",
    "« la Caf » ; et",
)
# Where the list of parties is over, when a paragraph joins it to what follows.
PARTIES_END = _p(
    "parties_end",
    r"\b(?:Il\s+(?:est|a\s+[ée]t[ée])\s+(?:convenu|arr[êe]t[ée]|d[ée]cid[ée])|ensemble\s+(?:ci-?\s*apr[eè]s\s+)?"
    r"(?:d[ée]nomm[ée]es|d[ée]sign[ée]es)|(?-i:PR[ÉE]AMBULE|Pr[ée]ambule)\b|(?-i:Vu)\s+(?:le|la|les|l['’])\s)",
    "Il est convenu ce qui suit :",
)
# The head of a party not of a known type ("L'agence régionale de santé …"): an article and a capital.
OTHER_PARTY_HEAD = _p(
    "other_party_head",
    r"^\s*(?!(?:la|le|les|l['’])\s*(?:Ci-?\s*apr|Repr[ée]sent|Pr[ée]sident|Maire|Directeu|Sous-pr[ée]f[eè]te?\b))"
    r"(?-i:(?:La|Le|Les|L['’])\s*\w|(?:la|le|les|l['’])\s*[A-ZÀ-Ý])[\w'’-]+",
    "L'agence régionale de santé des Hauts-de-France",
)
PARTIES_AND = _p("parties_and", r"^\s*(Et|ET)\s*:?\s*$", "Et")
CI_APRES = _p("ci_apres", r"^\s*Ci-?\s*apr[eè]s\s+d[ée]nomm", "Ci-après dénommée")
REPRESENTED = _p(
    "represented",
    r"repr[ée¢€]sent[ée¢€]e?s?\s+par\s*,?\s*(?P<rest>.*)$",  # ¢ € : é as OCR reads it
    "Représentée par son Maire, Monsieur Lionel ESCOFFIER",
)
# "son Maire, " / "sa Présidente " before the person's name.
ROLE_BEFORE_NAME = _p(
    "role_before_name",
    r"^(?:son|sa|ses|le|la)\s+(?P<role>[^,]+?)\s*(?:,\s*|\s+(?:(?:le|la)\s+)?(?="
    + civility_regex(("Monsieur", "Madame", "Docteur"), exclude=("M", "Mr", "Dr."), bounded=True)
    + r"))",
    "son Maire, Monsieur Lionel ESCOFFIER",
)
PERSON = _p(
    "person",
    r"(?P<civility>"
    + civility_regex(("Monsieur", "Madame", "Messieurs", "Docteur"), exclude=("M", "Mr", "MM", "Messieurs"))
    + r")?\s*(?P<name>(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*\s+)+"
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[\s-][A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*)\b",
    "Monsieur Jean-Christophe CARRÉ",
    CASE,
)
SIGNED_AT = _p(
    "signed_at",
    r"^\s*(?:Fait|Sign[ée]e?)\s+(?:en\s+\S+\s+exemplaires\s*,?\s+)?(?:et\s+d[ée]lib[ée]r[ée]\s+)?[àa]\s+"
    r"(?P<place>[^,]+?)\s*,?\s+le\s+(?P<date>.+?)[\s,.;]*$",
    "Fait à Marseille, le 19 novembre 2025,",
)
SIGNATURE_FOR = _p(
    "signature_for",
    r"^\s*Pour\s+(?P<entity>(?:la|le|l['’]|les)?\s*(?:Caisse|Caf|Mutualit|MSA|Commune|Ville|Communaut|M[ée]tropole|"
    r"D[ée]partement|Conseil|Syndicat|[ÉE]tablissement|Pr[ée]fecture|[ÉE]tat).*?)\s*,?\s*$",
    "Pour la Commune de GARDANNE,",
)
SIGNATURE_ENTITY = _p(
    "signature_entity",
    r"^\s*(?P<entity>(?:la|le|l['’])?\s*(?:Caisse|Caf|Mutualit[ée]|MSA|Commune|Ville|Communaut[ée]|M[ée]tropole|"
    r"D[ée]partement|Conseil d[ée]partemental)\b.*?)\s*,?\s*$",
    "Commune de Chateau Arnoux Saint-Auban",
)
# A civility and a name ("Monsieur Hugo GILARDI", "Docteur Florence BOURDEIX"): where a block that
# gives the name before the role starts, in a flow of words.
CIVIL_NAME = _p(
    "civil_name",
    r"(?<![\w'’])(?P<civility>"
    + NAME_CIVILITY
    + r")\s+(?P<name>(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*\s+)+"
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[\s-][A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*)\b",
    "Madame Audrey MATHON DEBETHENCOURT Directrice de la Caisse",
    CASE,
)
# What closes a minutes, a deliberation, an arrêté or a decree, just above its signatures.
CLOSING = _p(
    "closing",
    r"^\s*(?:Fait\s+(?:à|a|le)\b|Sign[ée]\s+à|S[ée]ance\s+lev[ée]e|La\s+s[ée]ance\s+est\s+lev[ée]e"
    r"|Pour\s+(?:extrait|copie)\s+(?:certifi[ée]\s+)?conforme|Fait\s+et\s+d[ée]lib[ée]r[ée]"
    r"|Ainsi\s+fait\s+et\s+d[ée]lib[ée]r[ée]|Le\s+Conseil\s+adopte|Certifi[ée]\s+ex[ée]cutoire)",
    "Séance levée 19h30",
)
# The role a closing signature gives before or beside its name.
CLOSING_ROLE = _p(
    "closing_role",
    r"(?:Pour\s+(?:extrait|copie)\s+(?:certifi[ée]\s+)?conforme\s*,?\s*|Par\s+(?:le|la)\s+(?:Premi[eè]re?\s+ministre|Pr[ée]sident)\b[^,]*?:?\s*|"
    r"Pour\s+(?:le|la)\s+(?:Maire|Pr[ée]fet|Pr[ée]sident)[^,]{0,40},?\s*)*"
    r"(?:"
    + CIVILITY_WORD
    + r"\s+)?(?:(?:Le|La|L['’])\s*)?(?:Maire|Pr[ée]f[eè]te?|Sous-pr[ée]f[eè]te?|Pr[ée]sidente?|Ministre"
    r"|Secr[ée]taire|Adjointe?|Directeur|Directrice|Vice-pr[ée]sidente?)\b[^.;]{0,120}?[,:]?",
    "Pour extrait conforme, Madame le Maire",
)
# An upper-case name alone on a line under a decree or an arrêté ("JEAN-MARC AYRAULT").
# The visible field of an electronic signature, anywhere on a page: the signer, then the date and
# quality lines under it ("Date : 19/12/2017", "Qualité : Maire").
SIGNED_BY = _p(
    "signed_by",
    r"^\s*Sign[ée]\s+(?:[ée]lectroniquement\s+)?par\s*:\s*(?P<name>\S.*?)\s*$",
    "Signé par : Bernard MAGNIEN",
)
SIGNED_FIELD = _p(
    "signed_field", r"^\s*(?P<field>Date|Qualit[ée])\s*:\s*(?P<value>\S.*?)\s*$", "Qualité : Maire"
)
# What OCR reads of a handwritten signature: a few letters or marks alone on a line.
SCRIBBLE = _p("scribble", r"^\W*\w{0,3}\W*$", "CV")
UPPER_NAME = _p(
    "upper_name",
    r"^\s*(?P<name>[A-ZÀ-Ý]{2,}(?:-[A-ZÀ-Ý]{2,})?\s+[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:[\s-][A-ZÀ-Ý]{2,})?)\s*$",
    "JEAN-MARC AYRAULT",
    CASE,
)
# Where a part of a signature block starts inside a flow of words, whatever the line breaks: an
# entity ("Pour la Commune de X", a bare "Commune d'Aiglun" on an OCR-read two-column page), a role
# ("Monsieur le Maire", "Le Directeur"), a seal. Names are found with PERSON and CIVIL_NAME.
BLOCK_FOR = _p(
    "block_for",
    r"(?-i:Pour)\s+(?:(?:la|le|les)\s+|l['’]\s*)?(?:Caisse|Caf\b|Mutualit|MSA\b|Commune|Ville|Communaut|M[ée]tropole|"
    r"D[ée]partement|Conseil|Syndicat|[ÉE]tablissement|Pr[ée]fecture|[ÉE]tat\b|Agence|Centre|Association|Union)",
    "Madame le Maire (Cachet et signature) Pour la Commune de GARDANNE,",
)
BLOCK_ENTITY = _p(
    "block_entity",
    r"(?<![dD]e )(?<![dD]u )(?<![dD]es )(?<![dDlL]['’])(?<![lL]a )(?<![lL]e )(?<!our )(?<!\w)"
    r"(?-i:(?:La|Le|L['’])\s*)?(?-i:Caisse|Caf|Commune|Ville|Communaut[ée]|Mutualit[ée]|MSA|D[ée]partement|M[ée]tropole)\b",
    "Le Directeur La Communauté de Communes Provence Alpes Agglomération",
)
BLOCK_ROLE = _p(
    "block_role",
    r"(?-i:" + CIVILITY_WORD + r"\s+(?:[Ll]e|[Ll]a|[Ll]['’])\s*|(?:Le|La|L['’])\s*)"
    r"(?:Maire|Pr[ée]sidente?|Directeu?r(?:ice)?|Vice-|Adjointe?|Premi[eè]re?\s+adjoint|Conseill[eè]re?|Secr[ée]taire|"
    r"Pr[ée]f[eè]te?|Sous-pr[ée]f[eè]te?)",
    "Yves FASANARO Monsieur le Directeur Général",
    CASE,
)
SEAL_INLINE = _p("seal_inline", r"\(\s*(?:Cachet|Signature)[^)]*\)", "Hervé GRANIER (Cachet et signature)")
SEAL = _p("seal", r"^\s*\(?\s*(Cachet|Signature)[^)]*\)?\s*$", "(Cachet et signature)")
SIGNATORIES = _p("signatories", r"^\s*(Les\s+)?Signataires\s*:?\s*\d*\s*$", "Signataires :")
COPIES = _p(
    "copies",
    r"^\s*En\s+(autant\s+d['’]\s*|\d+\s+|deux\s+|trois\s+|quatre\s+)exemplaires",
    "En 4 exemplaires originaux,",
)
ROLE_LINE = _p(
    "role_line",
    r"^\s*(?:(?:" + CIVILITY + r"\s+)?(?:le|la|l['’])?\s*(?:Maire|Pr[ée]sidente?|Directeur|Directrice|Vice-|"
    r"Adjointe?|Premi[eè]re?\s+adjoint|Conseill[eè]re?|Secr[ée]taire|Pr[ée]fet)\b"
    # "Monsieur le Présidet du …": a civility and an article before a word is a role, whatever OCR did to it
    r"|(?-i:" + CIVILITY_WORD + r")\s+(?:le|la|l['’])\s*(?-i:[A-ZÀ-Ý])\w+)[^0-9]{0,80}$",
    "Madame la Présidente du Conseil d'Administration",
)
ANNEX_HEADING = _p(
    "annex_heading",
    # "An{1,2}e?x{1,2}e": OCR drops a letter now and then ("Anexe 2 :"). A single annex may have no
    # number, then a colon follows the word ("Annexe : Plan d'actions", "Annexe :" over its title).
    r"^\s*AN{1,2}E?X{1,2}E(?:\s+(?P<number>\d{1,2}|[IVX]{1,4})\b\s*(?:[:\-–—.]|(?=\s*$))|\s*:)\s*(?P<title>.*?)\s*$",
    "ANNEXE 2 – LISTE DES ÉQUIPEMENTS ET SERVICES SOUTENUS",
)
# A heading that ends on a word no phrase ends on runs on over its next line, as OCR or a narrow
# column broke it ("… MOYENS MOBILISES PAR CHAQUE" / "SIGNATAIRE DANS LE CADRE …").
# The small words no phrase ends on, that every reader of cut headings shares ("… du", "… et").
OPEN_WORDS = ("du", "de", "des", "la", "le", "les", "au", "aux", "et", "en")
HEADING_RUNS_ON = _p(
    "heading_runs_on",
    r"(?:\b(?:"
    + "|".join((*OPEN_WORDS, "ou", "par", "pour", "sur", "dans", "avec", "chaque", "leur", "leurs"))
    + r")|\b[dl]['’])\s*$",
    "ANNEXE 3 - PLAN D’ACTIONS 2026 -2030 - MOYENS MOBILISES PAR CHAQUE",
)
# A line opened by a conjunction or a preposition goes on the heading above it ("ET SUIVI DE LA CTG"
# under "ANNEXE 4 - MODALITES DE PILOTAGE STRATEGIQUE ET OPERATIONNEL").
HEADING_GOES_ON = _p(
    "heading_goes_on", r"^\s*(?:et|ou|de|du|des|pour|dans|par|avec|en)\s", "ET SUIVI DE LA CTG"
)
# A page number alone on its line, where extraction put it: under a cover's title, after a contents entry.
PAGE_NUMBER = _p("page_number", r"^\s*\d{1,3}\s*$", "26")
ANNEX_LIST_HEADING = _p("annex_list_heading", r"^\s*(Liste\s+des\s+)?Annexes\s*:?\s*$", "Annexes")
ANNEX_LIST_ITEM = _p(
    "annex_list_item",
    r"^\s*(?:An{1,2}e?x{1,2}e\s+)?(?P<number>\d{1,2})\s*[.:)\-–—]\s*(?P<title>\S.*)$",
    "2. La liste des équipements",
)
ACK_HEADING = _p("ack_heading", r"^\s*Accus[ée]\s+de\s+r[ée]ception", "Accusé de réception en préfecture")
DELIB_HEADING = _p(
    "delib_heading",
    r"^\s*(EXTRAIT\s+DU\s+(REGISTRE|PROC[ÈE]S)|Extrait\s+du\s+(registre|proc[èe]s)|D[ÉE]LIB[ÉE]RATION\s+(DU|N)|"
    r"D[ée]lib[ée]ration\s+n\s*°|REGISTRE\s+DES\s+D[ÉE]LIB)",
    "DELIBERATION DU CONSEIL MUNICIPAL",
    CASE,  # "… par délibération du conseil municipal," in a party paragraph is not a heading
)
# A dated line of a prefecture stamp, when normalize has not marked it as a stamp (a fallback only:
# reading the stamp is segment/stamps.py's job).
STAMP_DATE_LINE = _p(
    "stamp_date_line",
    r"^\s*(Envoy[ée]|Re[çc]u|Publi[ée]|Affich[ée])\s+(en\s+(sous-)?pr[ée]fecture\s+)?le\s*:?\s*\d",
    "Publié le 16/12/2025",
)
# The ACTES identifier of a prefecture stamp, when normalize has not marked its line as a stamp.
STAMP_ID = _p(
    "stamp_id", r"^\s*ID\s*:?\s*\d{2}[0-9AB]-\d{9}-\d{8}-", "ID : 02A-212000046-20251016-DEL_2025_21-DE"
)
PERIOD = _p("period", r"\b(?P<start>20\d\d)\s*[-–/à]\s*(?P<end>20\d\d)\b", "CTG 2026-2030")
YEAR_LINE = _p("year_line", r"^\s*(20\d\d)\s*$", "2026")
DURATION = _p(
    "duration",
    r"(?:du|compter du)\s+1\S{0,3}\s+janvier\s+(?P<start>20\d\d)\s+"
    r"(?:jusqu['’]\s*au|au)\s+31\s+d[ée]cembre\s+(?P<end>20\d\d)",
    "conclue à compter du 1er janvier 2026 jusqu'au 31 décembre 2030",
)
COVER_WORD = _p(
    "cover_word",
    r"^\s*(CONVENTION|TERRITORIALE|G\s?L\s?O\s?B\s?A\s?L\s?E|GLOBALE|PROJET|DE SERVICES AUX FAMILLES|CTG)"
    r"\s*$",
    "G L O B A L E",
)
CONVENTION_TITLE = _p(
    "convention_title",
    r"Convention\s+Territori\w*\s+Globale",
    "Convention Territoriale Globale de Service aux Familles",
)
FICHE_ACTION = _p(
    "fiche_action",
    r"^\s*Fiche[\s-]+action\s*(?:n\s*°\s*)?(?P<number>\d{1,2}(?:\.\d+)?)\s*[:\-–—.]?\s*(?P<title>.*)$",
    "Fiche Action 1 — Coordination",
)
ACTION_ROW = _p(
    "action_row",
    r"^\s*[-•]?\s*Action\s*(?:n\s*°\s*)?(?P<number>\d{1,2})\s*:\s*(?P<title>[^\t]*?)\s*(?:\t(?P<rest>.*))?$",
    "Action 3: Informer sur les différentes offres de services\tLes Pennes Septèmes\tLes Pennes",
)
STRUCTURE_TYPE = _p(
    "structure_type",
    r"^\s*(EAJE|ALSH|LAEP|RPE|EVS|ACM|CLAS|MAM|PIJ|LUDOTH[ÈE]QUE|M[ÉE]DIATH[ÈE]QUE|CENTRE SOCIAL|"
    r"ESPACE DE VIE SOCIALE|MICRO[- ]CR[ÈE]CHE|CR[ÈE]CHE|MULTI[- ]ACCUEIL|ACCUEIL DE LOISIRS|"
    r"RELAIS PETITE ENFANCE|"
    r"LIEU D['’]ACCUEIL ENFANTS?[- ]PARENTS|PS JEUNES|FOYER DE JEUNES|JEUNESSE)\s*$",
    "EAJE",
)
POSTCODE_COMMUNE = _p(
    "postcode_commune",
    r"\b\d{5}\s+(?P<commune>[A-ZÀ-Ýa-zà-ÿ' -]+?)\s*$",
    "Chemin de Pierre 13170 Les Pennes Mirabeau",
)


@dataclass(frozen=True, slots=True)
class PartyHead:
    """How a party is named at the start of its paragraph, and the type it gives."""

    name: str
    regex: re.Pattern[str]
    party_type: PartyType
    example: str


def _h(name: str, regex: str, party_type: PartyType, example: str) -> PartyHead:
    return PartyHead(
        name, re.compile(r"^\s*(?:la|le|l['’]|les)?\s*" + regex, re.IGNORECASE), party_type, example
    )


# Order matters: the first head that matches names the type.
PARTY_HEADS: tuple[PartyHead, ...] = (
    _h(
        "caf",
        r"(Caisse\s+(d['’]|des\s+)allocations\s+familiales|Caf\b)",
        "caf",
        "LA CAISSE D'ALLOCATIONS FAMILIALES DES BOUCHES-DU-RHÔNE",
    ),
    _h(
        "msa",
        r"(Mutualit[ée]\s+sociale\s+agricole|MSA\b)",
        "msa",
        "LA MUTUALITE SOCIALE AGRICOLE PROVENCE AZUR",
    ),
    _h(
        "epci",
        r"(Communaut[ée]\s+(de\s+communes|d['’]\s*agglom[ée]ration|urbaine)|M[ée]tropole|Syndicat\s+intercommunal|"
        r"[ÉE]tablissement\s+public\s+de\s+coop[ée]ration)",
        "epci",
        "la Communauté d'Agglomération Provence Alpes Agglomération",
    ),
    _h(
        "departement",
        r"(D[ée]partement\s+d|Conseil\s+d[ée]partemental)",
        "departement",
        "Le Département des Bouches-du-Rhône",
    ),
    _h(
        "commune",
        r"(Commune|Ville)\s+(d['’]|de\s+l['’]|de\s+la\s+|de\s+|des\s+|du\s+)",
        "commune",
        "la Commune d'Aiglun",
    ),
)

# French contractions in "Commune de/d'/des/du X" and the article they stand for in the name.
COMMUNE_ARTICLES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^(?:Commune|Ville)\s+des\s+", re.I), "Les ", "Commune des Mées -> Les Mées"),
    (re.compile(r"^(?:Commune|Ville)\s+du\s+", re.I), "Le ", "Commune du Brusquet -> Le Brusquet"),
    (
        re.compile(r"^(?:Commune|Ville)\s+de\s+(?:l|I|1)['’]\s*", re.I),
        "L'",
        "commune de I'Escale -> L'Escale",
    ),
    (re.compile(r"^(?:Commune|Ville)\s+de\s+la\s+", re.I), "La ", "Commune de la Roque -> La Roque"),
    (re.compile(r"^(?:Commune|Ville)\s+(?:d['’]\s*|de\s+)", re.I), "", "Commune d'Aiglun -> Aiglun"),
)

ALL_PATTERNS: tuple[Pattern, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Pattern))
