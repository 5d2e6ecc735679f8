"""Communes and EPCI a convention involves, wherever it names them, resolved to official codes.

Sources, each a place of the document: its parties and signature blocks (structured by
segment), the "Vu les délibérations des conseils municipaux des communes de …" visas, the
préambule's list of the territory's communes, the title of the annex of council decisions,
and, from the reference, the members of an EPCI that is a party or signs. Lists written in
running text ("communes d'Aureille, Les Baux de Provence et Paradou, figurant …") are read by
`list_names`, then resolved with `resolve.communes.resolve_place` inside the document's context;
an EPCI named in a visa after its designator ("… de la Communauté de communes X") is read with
`resolve.context.named_epci`.

`read_places` gathers them once per document, while resolve holds its lines (Document.audit):
a convention's written mentions; a CTG deliberation's lists of communes and, when one is long
enough to be a territory, its folded text (where the audit looks the territory's name up).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from ctg.core.model import AuditInputs, Document, Line, Mention, MentionSource, Span
from ctg.resolve.communes import PlaceContext, resolve_place
from ctg.resolve.context import context_from_document, named_epci
from ctg.resolve.epci import full_name
from ctg.resolve.names import place_key, tokens
from ctg.resolve.reference import Reference

# Words that say a deliberation is about a CTG. Example above each.
CTG_CUES: tuple[re.Pattern[str], ...] = (
    # "CAF - Convention Territoriale Globale de Service aux familles 2022-2025"
    re.compile(r"convention\s+territoriale\s+globale", re.I),
    # "APPROUVE la démarche partenariale de convention territoriale globale (CTG)"
    re.compile(r"\bc\.?t\.?g\b", re.I),
)
# An older list of the territory counts only from this many communes ("la commune de X" is no territory).
MIN_TERRITORY_LIST = 2
# Where a list of commune names starts: "communes" or "commune" not inside "communauté de
# communes". Examples: "des communes d'Aureille, …", "regroupe 10 communes : Aureille, …",
# "les dix communes Aureille, …", "de la Commune des Mées en date du …".
LIST_CUE = re.compile(
    r"(?<!communauté de )(?<!communaute de )"
    r"\bcommunes?\b(?:\s+suivantes)?\s*:?\s*",
    re.IGNORECASE,
)
# Where a list ends: a sentence or clause end, or a bracket. Example: "… Saint-Rémy De Provence, figurant".
LIST_END = re.compile(r"[.;()\n]|\s[-–—]\s")
# Splits a list into names: commas, " et ", "/" . Example: "Gréasque et Meyreuil".
LIST_SPLIT = re.compile(r"\s*,\s*|\s+et\s+|\s*/\s*")
# Contracted articles before a name and what they stand for. Example after each.
LEADING_ARTICLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^de\s+la\s+", re.I), "La "),  # "de la Roque-d'Anthéron"
    (re.compile(r"^de\s+l['’]\s*", re.I), "L'"),  # "de l'Escale"
    (re.compile(r"^des\s+", re.I), "Les "),  # "des Pennes-Mirabeau", "des Mées"
    (re.compile(r"^du\s+", re.I), "Le "),  # "du Brusquet"
    (re.compile(r"^d['’]\s*", re.I), ""),  # "d'Aureille"
    (re.compile(r"^de\s+", re.I), ""),  # "de Gardanne"
    (re.compile(r"^et\s+", re.I), ""),  # "…, et Saint-Rémy De Provence"
)
# Lower-case words that may sit inside a commune name written with spaces, e.g. "Les Baux de Provence".
NAME_PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "sur", "sous", "lès", "lez", "aux", "d", "l"}
)
# First words that end a list: the piece names a body, not a commune. Folded; example after each.
NOT_A_COMMUNE = frozenset({
    "conseil",  # "… et du Conseil communautaire de l'intercommunalité …"
    "caf", "caisse", "msa", "mutualite",  # "… et la Caf des Bouches Du Rhône"
    "communaute", "intercommunalite", "epci", "metropole", "syndicat",  # "… et la Communauté de communes …"
    "commune", "communes", "ville", "departement", "region", "etat", "prefet", "prefecture",
})  # fmt: skip
LEADING_ARTICLE_WORDS = frozenset({"le", "la", "les", "l"})
# Lines one visa may run over ("Vu la délibération … en date du" / "…… figurant en annexe 5 …").
MAX_VISA_LINES = 6
# Characters a line must share with the start of a visa to be where it was read.
MIN_START_MATCH = 20
# Longest name read, in words ("Saint-Rémy De Provence" is 3; "Château Arnoux Saint Auban" 4).
MAX_NAME_WORDS = 6
# Annex titles that announce the council decisions, e.g. "Décision des Conseils municipaux des communes …".
DECISIONS_ANNEX = re.compile(r"d[ée]cision|d[ée]lib[ée]ration", re.IGNORECASE)
# The préambule heading, e.g. "Préambule", "PREAMBULE :", "Article préliminaire : Préambule".
PREAMBULE_HEADING = re.compile(r"^\W*(?:article\s+pr[ée]liminaire\W*)?pr[ée]ambule\b", re.IGNORECASE)
# A table of contents line, e.g. "Article préliminaire : Préambule ........ 4": not the heading itself.
TOC_LEADER = re.compile(r"\.{5,}|…{2,}")
# A line that opens the next visa, e.g. "Vu la délibération du conseil communautaire …".
VISA_START = re.compile(r"^\W*vu\b", re.IGNORECASE)


def mention_key(mention: Mention) -> str:
    """What identifies the place across mentions: INSEE, EPCI SIREN, else the folded name."""
    if mention.insee:
        return mention.insee
    if mention.siren:
        return f"siren:{mention.siren}"
    return f"name:{place_key(mention.as_written)}"


def strip_article(piece: str) -> str:
    for pattern, replacement in LEADING_ARTICLES:
        if pattern.match(piece):
            return replacement + pattern.sub("", piece, count=1)
    return piece


def is_name_word(word: str) -> bool:
    """A capitalised word ("Baux", "Saint-Rémy", "d'Anthéron") or a particle inside a name."""
    bare = re.sub(r"^[dlDL]['’]", "", word)
    return bool(bare) and (bare[0].isupper() or word.lower() in NAME_PARTICLES)


def name_of(piece: str) -> str:
    """The leading run of name words of a list piece; '' when it does not start with a name.

    "Château Aroux Saint-Auban en date du …" -> "Château Aroux Saint-Auban"; a word written in lower
    case continues the name after a particle: "Digne les bains en date du …" -> "Digne les bains".
    """
    words: list[str] = []
    for word in strip_article(piece.strip()).split():
        after_particle = bool(words) and words[-1].lower() in NAME_PARTICLES and word.isalpha()
        if not (is_name_word(word) or after_particle) or len(words) == MAX_NAME_WORDS:
            break
        words.append(word)
    while words and words[-1].lower() in NAME_PARTICLES:
        words.pop()
    if not words or not re.sub(r"^[dlDL]['’]", "", words[0])[:1].isupper():
        return ""
    first = next((word for word in tokens(" ".join(words)) if word not in LEADING_ARTICLE_WORDS), "")
    if first in NOT_A_COMMUNE:
        return ""
    return " ".join(words)


def list_names(text: str) -> list[tuple[int, list[str]]]:
    """Every list of names that follows a "communes" cue, with the cue's offset in the text.

    A list stops at the first piece that is not a name ("figurant en annexe 5", "la Caf …").
    """
    lists: list[tuple[int, list[str]]] = []
    for cue in LIST_CUE.finditer(text):
        tail = text[cue.end() : cue.end() + 1500]
        end = LIST_END.search(tail)
        names: list[str] = []
        for piece in LIST_SPLIT.split(tail[: end.start()] if end else tail):
            name = name_of(piece)
            if not name:
                break
            names.append(name)
        if names:
            lists.append((cue.start(), names))
    return lists


def joined_text(lines: Iterable[Line]) -> tuple[str, list[tuple[int, Line]]]:
    """Lines joined into running text, with where each line starts in it.

    A word cut by a hyphen at a line end is put back together ("Mas-Blanc-" + "des-Alpilles").
    """
    text = ""
    starts: list[tuple[int, Line]] = []
    for line in lines:
        piece = line.text.strip()
        if not piece:
            continue
        if text and not text.endswith("-"):
            text += " "
        starts.append((len(text), line))
        text += piece
    return text, starts


def line_at(starts: list[tuple[int, Line]], offset: int) -> Line | None:
    """The line holding a character offset of a joined text."""
    found = None
    for start, line in starts:
        if start > offset:
            break
        found = line
    return found


def common_prefix_length(first: str, second: str) -> int:
    return next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )


def start_line(doc: Document, text: str) -> int | None:
    """Index of the line where a text kept as a string (a visa) starts: the line sharing the longest
    beginning with it. Visas share long openings ("Vu la délibération du conseil municipal de la
    Commune de …"), so the first line holding a short probe would often be another visa's."""
    wanted = " ".join(text.split())
    best, best_length = None, MIN_START_MATCH - 1
    for index, line in enumerate(doc.lines):
        length = common_prefix_length(wanted, " ".join(line.text.split()))
        if length > best_length:
            best, best_length = index, length
    return best


def locate(doc: Document, text: str) -> Span | None:
    """The line where a text (e.g. a visa kept as a string) starts in the document."""
    index = start_line(doc, text)
    if index is None:
        return None
    line = doc.lines[index]
    return Span(doc.file, line.page, line.number, line.number)


def preambule_start(doc: Document) -> int | None:
    """Index of the préambule heading line (a table of contents line is not it)."""
    return next(
        (
            index
            for index, line in enumerate(doc.lines)
            if PREAMBULE_HEADING.match(line.text) and not TOC_LEADER.search(line.text)
        ),
        None,
    )


def visa_groups(doc: Document) -> list[list[Line]]:
    """The visas as printed before the préambule (or the first article): each "Vu …" line and the
    lines that continue it, up to a blank line or the next "Vu". Segment's visa strings may miss
    some; these lines do not."""
    first_article = min(((a.span.page, a.span.line_start) for a in doc.articles), default=None)
    end = preambule_start(doc)
    if end is None and first_article is None:
        return []
    if end is not None:
        region = doc.lines[:end]
    else:
        region = [line for line in doc.lines if (line.page, line.number) < first_article]
    groups: list[list[Line]] = []
    for line in region:
        if VISA_START.match(line.text):
            groups.append([line])
        elif groups and line.text.strip() and len(groups[-1]) < MAX_VISA_LINES:
            if not groups[-1][-1].text.strip():
                continue
            groups[-1].append(line)
    return [[line for line in group if line.text.strip()] for group in groups]


def preambule_lines(doc: Document) -> list[Line]:
    """Lines from the "Préambule" heading to the first article after it; none without a heading.

    The préambule may itself be numbered as an article ("Article préliminaire : Préambule").
    """
    start = preambule_start(doc)
    if start is None:
        return []
    heading = (doc.lines[start].page, doc.lines[start].number)
    end = min(
        (
            (a.span.page, a.span.line_start)
            for a in doc.articles
            if (a.span.page, a.span.line_start) > heading
        ),
        default=None,
    )
    if end is None:
        return []
    return [line for line in doc.lines[start + 1 :] if (line.page, line.number) < end]


def visa_lines(doc: Document, visa: str) -> list[Line]:
    """The lines a visa was read from, its punctuation as printed (a joined visa string may lose it).

    From the line where the visa starts, until its text is covered or the next "Vu" opens.
    """
    start = start_line(doc, visa)
    if start is None:
        return []
    taken: list[Line] = []
    for line in doc.lines[start:]:
        if taken and VISA_START.match(line.text):
            break
        taken.append(line)
        if len(joined_text(taken)[0]) >= len(" ".join(visa.split())):
            break
    return taken


def resolved_mention(
    as_written: str, source: MentionSource, span: Span | None, context: PlaceContext, ref: Reference
) -> Mention:
    found = resolve_place(as_written, context, "commune", ref)
    name = found.name if found.resolved else as_written
    return Mention(as_written, source, "commune", span, found.insee, found.siren, name, found.reason)


def text_mentions(
    text: str, source: MentionSource, span: Span | None, context: PlaceContext, ref: Reference
) -> list[Mention]:
    return [
        resolved_mention(name, source, span, context, ref) for _, names in list_names(text) for name in names
    ]


def lines_mentions(
    doc: Document, lines: list[Line], source: MentionSource, context: PlaceContext, ref: Reference
) -> list[Mention]:
    """Mentions in running text, each pointing at the line where its list starts."""
    text, starts = joined_text(lines)
    found: list[Mention] = []
    for offset, names in list_names(text):
        line = line_at(starts, offset)
        span = Span(doc.file, line.page, line.number, line.number) if line else None
        found += [resolved_mention(name, source, span, context, ref) for name in names]
    return found


def structured_mentions(doc: Document, ref: Reference) -> list[Mention]:
    """Parties and signature blocks that are communes or EPCI, with the codes resolve gave them."""
    found: list[Mention] = []
    for source, items in (("party", doc.parties), ("signature", doc.signatures)):
        for item in items:
            if item.party_type not in ("commune", "epci"):
                continue
            # as_written is the heading as printed ("LA COMMUNE D'AUREILLE"): what spellings compare;
            # name is the official name once resolve found the codes.
            written = item.as_written or item.name
            if item.party_type == "commune" and item.insee and item.insee in ref.communes.index:
                official = str(ref.communes.at[item.insee, "name"])
            else:
                official = item.name or written
            insee = item.insee if item.party_type == "commune" else None
            found.append(
                Mention(
                    written, source, item.party_type, item.span, insee, item.siren, official, item.resolution
                )
            )
    return found


def epci_mentions(doc: Document, lines: list[Line], source: MentionSource, ref: Reference) -> list[Mention]:
    """EPCI named after a designator ("… du conseil communautaire de la Communauté de communes X")."""
    if not lines:
        return []
    span = Span(doc.file, lines[0].page, lines[0].number, lines[0].number)
    found: list[Mention] = []
    for siren in sorted(named_epci([joined_text(lines)[0]], ref)):
        name = full_name(str(ref.epci.at[siren, "name"]), ref.epci_nature[siren])
        found.append(Mention(name, source, "epci", span, None, siren, name, "named after its designator"))
    return found


def epci_member_mentions(mentions: list[Mention], ref: Reference) -> list[Mention]:
    """The reference's members of every EPCI the document has as a party or signatory."""
    found: list[Mention] = []
    sirens = sorted({m.siren for m in mentions if m.kind == "epci" and m.siren})
    for siren in sirens:
        epci_name = str(ref.epci.at[siren, "name"]) if siren in ref.epci.index else siren
        for insee in sorted(ref.epci_members(siren)):
            row = ref.communes.loc[insee]
            found.append(
                Mention(
                    row["name"],
                    "epci_member",
                    "commune",
                    None,
                    insee,
                    row.siren,
                    row["name"],
                    f"member of {epci_name}",
                )
            )
    return found


def resolved_context(doc: Document, ref: Reference) -> PlaceContext:
    """The context told by codes resolve already gave (parties, blocks, deliberation, stamps).

    Reading it from the codes is much cheaper than re-reading the text; the text is read only when
    the document has no resolved code at all.
    """
    items = [*doc.parties, *doc.signatures]
    communes = {item.insee for item in items if item.insee}
    if doc.deliberation is not None and doc.deliberation.insee:
        communes.add(doc.deliberation.insee)
    sirens = {item.siren for item in items if item.party_type == "epci" and item.siren in ref.epci.index}
    if not communes and not sirens:
        return context_from_document(doc, ref)
    departements = {
        str(ref.communes.at[insee, "departement"]) for insee in communes if insee in ref.communes.index
    }
    members: set[str] = set()
    for siren in sirens:
        members |= ref.epci_members(siren)
        departements |= ref.epci_departements(siren)
    return PlaceContext(frozenset(departements), frozenset(sirens), frozenset(members))


def convention_mentions(doc: Document, ref: Reference, written: list[Mention] | None = None) -> list[Mention]:
    """Every commune and EPCI the convention names or involves, one Mention per place and source.

    `written`: its `written_mentions`, when they were read already (in the map step, where the
    lines are)."""
    found = structured_mentions(doc, ref)
    found += written_mentions(doc, ref) if written is None else written
    found += epci_member_mentions(found, ref)
    return found


def written_mentions(doc: Document, ref: Reference) -> list[Mention]:
    """The places a convention names in its lines: visas, préambule, annex of council decisions."""
    context = resolved_context(doc, ref)
    found: list[Mention] = []
    groups = visa_groups(doc)
    read = {id(group[0]) for group in groups if group}
    for visa in doc.visas:  # the visas segment found outside the printed "Vu" lines
        lines = visa_lines(doc, visa)
        if lines and id(lines[0]) not in read:
            groups.append(lines)
            read.add(id(lines[0]))
        elif not lines:
            found += text_mentions(visa, "visa", locate(doc, visa), context, ref)
    for group in groups:
        found += lines_mentions(doc, group, "visa", context, ref)
        found += epci_mentions(doc, group, "visa", ref)
    found += lines_mentions(doc, preambule_lines(doc), "preambule", context, ref)
    for annex in doc.annexes:
        if DECISIONS_ANNEX.search(annex.title):
            found += text_mentions(annex.title, "annex_decisions", annex.span, context, ref)
    return found


def territory_lists(doc: Document, ref: Reference, context: PlaceContext | None = None) -> list[set[str]]:
    """INSEE codes of each resolved list of communes in a document's text (e.g. an older deliberation)."""
    context = context or resolved_context(doc, ref)
    lists: list[set[str]] = []
    for _, names in list_names(joined_text(doc.lines)[0]):
        codes = {resolve_place(name, context, "commune", ref).insee for name in names}
        codes.discard(None)
        if codes:
            lists.append({code for code in codes if code})
    return lists


def is_ctg(doc: Document) -> bool:
    """Whether a document's title, objet or decisions name a CTG (table CTG_CUES)."""
    delib = doc.deliberation
    text = " ".join([doc.title, delib.objet if delib else "", *(delib.decisions if delib else [])])
    return any(cue.search(text) for cue in CTG_CUES)


def read_places(doc: Document, ref: Reference) -> AuditInputs:
    """What the audit will need of the places `doc`'s lines name (Document.audit)."""
    if doc.kind == "convention":
        return AuditInputs(mentions=written_mentions(doc, ref))
    if doc.kind == "deliberation" and is_ctg(doc):
        lists = territory_lists(doc, ref)
        territory = any(len(codes) >= MIN_TERRITORY_LIST for codes in lists)
        folded = zlib.compress(f" {' '.join(tokens(doc.text))} ".encode(), 1) if territory else b""
        return AuditInputs(commune_lists=lists, territory_text=folded)
    return AuditInputs()
