"""Write a CTG convention: title page, parties, visas, préambule, articles, signatures, annexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ctg.corpus.draft import Draft, locate
from ctg.corpus.frenchdates import date_long, date_words
from ctg.corpus.layout import TEXT_WIDTH, Group, PageBreak, PageLayout, Para, Spacer, Table, text_width
from ctg.corpus.mentions import find_mentions
from ctg.corpus.territories import Commune, Territory
from ctg.corpus.truth import (
    TruthAction,
    TruthAnnex,
    TruthArticle,
    TruthDocument,
    TruthEquipment,
    TruthMention,
    TruthParty,
    TruthSignature,
)
from ctg.corpus.wording import ARTICLE_HEADINGS, ARTICLES, DIAGNOSTIC, PREAMBULE, VISAS

TITLE = "CONVENTION TERRITORIALE GLOBALE"


@dataclass(frozen=True, slots=True)
class EquipmentRow:
    structure_type: str  # EAJE, ALSH, LAEP, RPE, EVS, Centre social
    name: str
    address: str
    insee: str
    manager: str


@dataclass(frozen=True, slots=True)
class ActionSheet:
    title: str
    theme: str
    pilot: str
    partners: str
    objectives: str


@dataclass(slots=True)
class ConventionSpec:
    territory: Territory
    signed_place: str
    signed_date: date
    period: tuple[int, int] = (2026, 2030)
    date_in_words: bool = False
    epci_party: bool = False
    sommaire: bool = False
    preliminary_article: bool = False
    heading_styles: tuple[str, ...] = ("colon",)
    two_line_article: str | None = None  # article key whose heading runs over two lines
    unnamed_signer: str | None = None  # INSEE of a commune signed by role only
    spelling: dict[str, str] = field(default_factory=dict)  # INSEE -> how the text spells it
    annexes: tuple[tuple[str, str, bool], ...] = ()  # (number, title, present)
    equipments: tuple[EquipmentRow, ...] = ()
    actions: tuple[ActionSheet, ...] = ()
    article_keys: tuple[str, ...] = tuple(key for key, _, _ in ARTICLES)
    footer_style: str = "page_of"  # "page_of" -> "Page 3/12", "dash" -> "- 3 -"


FOOTERS = {
    "page_of": lambda number, total: f"Page {number}/{total}",  # Page 3/12
    "dash": lambda number, total: f"- {number} -",  # - 3 -
}


def _written(spec: ConventionSpec, commune: Commune) -> str:
    return spec.spelling.get(commune.insee, commune.name)


def _enumerate(names: list[str]) -> str:
    """["A", "B", "C"] -> "A, B et C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


def _of(commune: Commune, written: str) -> str:
    """ "de Mouriès", "d'Ajaccio", "des Baux-de-Provence" (Les X -> des X)."""
    if commune.of == "des ":
        return "des " + written.split(" ", 1)[1]
    return commune.of + written


def _title_page(draft: Draft, spec: ConventionSpec) -> None:
    start, end = spec.period
    draft.add(
        Spacer(140),
        Para(TITLE, bold=True, size=20, align="center"),
        Para("de services aux familles", size=14, align="center", space_before=10),
        Para(spec.territory.name, bold=True, size=16, align="center", space_before=40),
        Para(f"{start} - {end}", bold=True, size=16, align="center", space_before=14),
        PageBreak(),
    )


def _party(draft: Draft, truth: TruthParty, heading: str, body: str) -> None:
    draft.add(
        Group([Para("Et", bold=True, space_before=8) if draft.truth.parties else Para("Entre :", bold=True)])
    )
    draft.add(Para(heading, bold=True, space_before=4), Para(body, space_before=2))
    draft.truth.parties.append(truth)


def _parties(draft: Draft, spec: ConventionSpec) -> None:
    territory = spec.territory
    caf = territory.caf
    president_role = "Présidente" if caf.president.startswith("Madame") else "Président"
    _party(
        draft,
        TruthParty(
            1,
            caf.name,
            "caf",
            caf.name,
            None,
            None,
            caf.president,
            f"{president_role} du Conseil d'administration",
        ),
        caf.name,
        f"représentée par {caf.president}, {president_role} du Conseil d'administration, et par "
        f"{caf.director}, Directeur{'rice' if caf.director.startswith('Madame') else ''}, "
        "ci-après dénommée « la Caf »,",
    )
    if territory.msa:
        name, president, director = territory.msa
        _party(
            draft,
            TruthParty(len(draft.truth.parties) + 1, name, "msa", name, None, None, president, "Président"),
            name,
            f"représentée par son Président, {president}, et par sa Directrice générale, {director}, "
            "ci-après dénommée « la MSA »,",
        )
    for commune in territory.communes:
        written = _written(spec, commune)
        heading = f"LA COMMUNE {_of(commune, written).upper()}"
        agreed = "autorisée" if commune.mayor.startswith("Madame") else "autorisé"
        _party(
            draft,
            TruthParty(
                len(draft.truth.parties) + 1,
                heading,
                "commune",
                commune.name,
                commune.insee,
                commune.siren,
                commune.mayor,
                "Maire",
            ),
            heading,
            f"représentée par son Maire, {commune.mayor}, dûment {agreed} par délibération du "
            "conseil municipal,",
        )
    if spec.epci_party:
        epci = territory.epci
        _party(
            draft,
            TruthParty(
                len(draft.truth.parties) + 1,
                epci.name,
                "epci",
                epci.name,
                None,
                epci.siren,
                epci.president,
                "Président",
            ),
            epci.name,
            f"représentée par son Président, {epci.president}, dûment autorisé par délibération du "
            f"conseil communautaire, ci-après dénommée « la {epci.short} ».",
        )


def _sommaire(draft: Draft, spec: ConventionSpec, entries: list[tuple[str, str]]) -> None:
    """A table of contents with dotted leaders; page numbers come from a first layout pass."""
    draft.add(Para("SOMMAIRE", bold=True, size=12, align="center", space_before=14))
    for label, page in entries:
        dots = ""
        while text_width(f"{label} {dots}. {page}", False, 10) < TEXT_WIDTH - 4:
            dots += "."
        draft.add(Para(f"{label} {dots} {page}", space_before=2))
    draft.add(PageBreak())


def _visas(draft: Draft, spec: ConventionSpec) -> None:
    draft.add(Para("Il est convenu et arrêté ce qui suit :", space_before=14))
    communes = [_written(spec, c) for c in spec.territory.communes]
    visas = [
        *VISAS,
        f"Vu les délibérations des conseils municipaux des communes de {_enumerate(communes)} ;",
    ]
    if spec.epci_party:
        visas.append(f"Vu la délibération du conseil communautaire de la {spec.territory.epci.name}.")
    for visa in visas:
        draft.add(Para(visa, space_before=4))
    draft.truth.visas = visas
    draft.truth.communes_in_visa = [c.name for c in spec.territory.communes]


def _preambule(draft: Draft, spec: ConventionSpec) -> None:
    heading = "Article préliminaire : Préambule" if spec.preliminary_article else "Préambule"
    draft.add(Group([Para(heading, bold=True, size=11, space_before=14, mark="art:préliminaire")]))
    if spec.preliminary_article:
        article = TruthArticle("préliminaire", "Préambule")
        draft.truth.articles.append(article)
        draft.on_page("art:préliminaire", locate(article))
    for text in PREAMBULE:
        draft.para(text)
    names = [_written(spec, c) for c in spec.territory.communes]
    draft.para(f"Le territoire {spec.territory.name} réunit les communes de {_enumerate(names)}.")
    draft.truth.communes_in_preambule = [c.name for c in spec.territory.communes]


def _article_heading(spec: ConventionSpec, index: int, key: str, number: str, title: str) -> list[Para]:
    style = ARTICLE_HEADINGS[spec.heading_styles[index % len(spec.heading_styles)]]
    shown = title.upper() if style.startswith("ARTICLE") else title
    text = style.format(n=number, title=shown)
    if key != spec.two_line_article:
        return [Para(text, bold=True, size=11, space_before=14)]
    # A heading broken by hand over two lines, as real conventions do.
    words = text.split(" ")
    half = len(words) // 2 + 1
    return [
        Para(" ".join(words[:half]), bold=True, size=11, space_before=14),
        Para(" ".join(words[half:]), bold=True, size=11, space_before=0),
    ]


def _articles(draft: Draft, spec: ConventionSpec) -> None:
    start, end = spec.period
    fill = {"territory": spec.territory.name, "period": f"{start}-{end}", "start": start, "end": end}
    chosen = [entry for entry in ARTICLES if entry[0] in spec.article_keys]
    for index, (key, title, paragraphs) in enumerate(chosen):
        number = str(index + 1)
        heading = _article_heading(spec, index, key, number, title)
        mark = f"art:{number}"
        draft.add(Group([*heading, Para(paragraphs[0].format(**fill))], mark=mark))
        for text in paragraphs[1:]:
            draft.para(text.format(**fill))
        article = TruthArticle(number, title.upper() if heading[0].text.startswith("ARTICLE") else title)
        draft.truth.articles.append(article)
        draft.on_page(mark, locate(article))


def _signatures(draft: Draft, spec: ConventionSpec) -> None:
    territory = spec.territory
    when = date_words(spec.signed_date) if spec.date_in_words else date_long(spec.signed_date)
    draft.para(f"Fait à {spec.signed_place}, le {when},", space_before=16, mark="signatures")
    draft.para("en autant d'exemplaires originaux que de signataires.", space_before=2)
    blocks: list[tuple[TruthSignature, list[str]]] = []
    caf = territory.caf
    caf_role = (
        "La Présidente du Conseil d'administration"
        if caf.president.startswith("Madame")
        else "Le Président du Conseil d'administration"
    )
    director_role = "La Directrice" if caf.director.startswith("Madame") else "Le Directeur"
    caf_names = [caf.president.split(" ", 1)[1], caf.director.split(" ", 1)[1]]
    blocks.append(
        (
            TruthSignature(1, "caf", caf.name, f"Pour la {caf.name},", None, None, caf_names, caf_role[3:]),
            [f"Pour la {caf.name},", caf_role, caf_names[0], director_role, caf_names[1]],
        )
    )
    if territory.msa:
        name, president, _ = territory.msa
        signer = president.split(" ", 1)[1]
        blocks.append(
            (
                TruthSignature(0, "msa", name, f"Pour la {name},", None, None, [signer], "Président"),
                [f"Pour la {name},", "Le Président", signer],
            )
        )
    for commune in territory.communes:
        written = _written(spec, commune)
        as_written = f"Pour la Commune {_of(commune, written)},"
        role = "Le Maire"
        signers = [] if commune.insee == spec.unnamed_signer else [commune.mayor_name]
        truth = TruthSignature(
            0, "commune", commune.name, as_written, commune.insee, commune.siren, signers, "Maire"
        )
        blocks.append((truth, [as_written, role, *signers]))
    if spec.epci_party:
        epci = territory.epci
        signer = epci.president.split(" ", 1)[1]
        as_written = f"Pour la {epci.name},"
        blocks.append(
            (
                TruthSignature(0, "epci", epci.name, as_written, None, epci.siren, [signer], "Président"),
                [as_written, "Le Président", signer],
            )
        )
    for position, (truth, lines) in enumerate(blocks, start=1):
        truth.position = position
        paras = [Para(lines[0], bold=True, space_before=14)] + [
            Para(text, space_before=2) for text in lines[1:]
        ]
        draft.add(Group(paras))
        draft.truth.signatures.append(truth)


def _annex_list(draft: Draft, spec: ConventionSpec) -> None:
    draft.add(Group([Para("Annexes", bold=True, size=11, space_before=18)]))
    for number, title, present in spec.annexes:
        draft.para(f"Annexe {number} : {title}", space_before=3)
        draft.truth.annexes.append(TruthAnnex(number, title, listed=True, present=present))


def _annex_heading(draft: Draft, number: str, title: str) -> None:
    mark = f"annex:{number}"
    draft.add(PageBreak(), Para(f"Annexe {number} : {title}", bold=True, size=12, align="center", mark=mark))
    annex = next(a for a in draft.truth.annexes if a.number == number)
    draft.on_page(mark, locate(annex))


def _equipments(draft: Draft, spec: ConventionSpec) -> None:
    rows = [["Type", "Structure", "Adresse", "Commune", "Gestionnaire"]]
    marks: list[str | None] = []
    for index, equipment in enumerate(spec.equipments):
        commune = spec.territory.commune(equipment.insee)
        written = _written(spec, commune)
        rows.append([equipment.structure_type, equipment.name, equipment.address, written, equipment.manager])
        truth = TruthEquipment(
            equipment.structure_type,
            equipment.name,
            equipment.address,
            commune.name,
            commune.insee,
            equipment.manager,
        )
        draft.truth.equipments.append(truth)
        marks.append(f"eq:{index}")
        draft.on_page(f"eq:{index}", locate(truth))
    draft.add(Table(widths=[56, 120, 114, 87, 94], rows=rows, marks=marks))


def _actions(draft: Draft, spec: ConventionSpec) -> None:
    for index, sheet in enumerate(spec.actions, start=1):
        mark = f"act:{index}"
        draft.add(
            Group(
                [
                    Para(f"Fiche action n°{index} : {sheet.title}", bold=True, size=11, space_before=16),
                    Para(f"Thématique : {sheet.theme}", space_before=6),
                    Para(f"Pilote : {sheet.pilot}", space_before=3),
                    Para(f"Partenaires : {sheet.partners}", space_before=3),
                    Para(f"Objectifs : {sheet.objectives}", space_before=3),
                ],
                mark=mark,
            )
        )
        truth = TruthAction(
            str(index), sheet.title, sheet.theme, sheet.pilot, sheet.partners, sheet.objectives
        )
        draft.truth.actions.append(truth)
        draft.on_page(mark, locate(truth))


def _annex_bodies(draft: Draft, spec: ConventionSpec) -> None:
    for number, title, present in spec.annexes:
        if not present:
            continue
        _annex_heading(draft, number, title)
        if "quipements" in title:
            _equipments(draft, spec)
        elif "actions" in title:
            _actions(draft, spec)
        else:
            for text in DIAGNOSTIC:
                draft.para(text)


def build_convention(spec: ConventionSpec, sommaire_pages: dict[str, int] | None = None) -> Draft:
    """The convention's draft. With `sommaire`, call twice: the second time with the pages
    (within the document) that the first layout gave to each article and to the signatures."""
    start, end = spec.period
    territory = spec.territory
    truth = TruthDocument(
        kind="convention",
        title=TITLE,
        territory=territory.name,
        period_start=start,
        period_end=end,
        page_start=0,
        page_end=0,
        signed_place=spec.signed_place,
        signed_date=spec.signed_date.isoformat(),
    )
    draft = Draft(truth, header=f"{territory.name} — CTG {start}-{end}", footer=FOOTERS[spec.footer_style])
    _title_page(draft, spec)
    _parties(draft, spec)
    if spec.sommaire:
        entries = _sommaire_entries(spec, sommaire_pages or {})
        _sommaire(draft, spec, entries)
    _visas(draft, spec)
    _preambule(draft, spec)
    _articles(draft, spec)
    _signatures(draft, spec)
    _annex_list(draft, spec)
    _annex_bodies(draft, spec)
    return draft


def _sommaire_entries(spec: ConventionSpec, pages: dict[str, int]) -> list[tuple[str, str]]:
    chosen = [title for key, title, _ in ARTICLES if key in spec.article_keys]
    entries = []
    if spec.preliminary_article:
        entries.append(("Article préliminaire : Préambule", str(pages.get("art:préliminaire", 0))))
    for index, title in enumerate(chosen, start=1):
        short = title if len(title) < 60 else title[:57].rsplit(" ", 1)[0] + "…"
        entries.append((f"Article {index} : {short}", str(pages.get(f"art:{index}", 0))))
    entries.append(("Signataires", str(pages.get("signatures", 0))))
    return entries


HEADING_PERIOD = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b")  # "Plan d'actions 2026-2030"


def split_annex_bodies(truth: TruthDocument, pages: list[PageLayout]) -> list[TruthDocument]:
    """The convention and, after it, each annex body it prints, a document of its own from its
    heading's page (each body opens a page) to the next one's. The convention keeps every annex in
    its list; equipments, actions, stamps and mentions go with the document whose pages hold them."""
    first = truth.page_start
    starts = [annex for annex in truth.annexes if annex.present and annex.page is not None]
    bounds = [annex.page for annex in starts if annex.page is not None] + [truth.page_end + 1]
    if not starts:
        return [truth]
    documents = [truth]
    for annex, end in zip(starts, bounds[1:], strict=True):
        period = HEADING_PERIOD.search(annex.title)
        documents.append(
            TruthDocument(
                kind="annex",
                title=f"Annexe {annex.number} – {annex.title}",
                territory="",
                period_start=int(period.group(1)) if period else None,
                period_end=int(period.group(2)) if period else None,
                page_start=annex.page or 0,
                page_end=end - 1,
            )
        )
    truth.page_end = bounds[0] - 1
    equipments, actions, stamps = truth.equipments, truth.actions, truth.stamps
    for document in documents:
        pages_of = range(document.page_start, document.page_end + 1)
        document.equipments = [r for r in equipments if r.page in pages_of]
        document.actions = [r for r in actions if r.page in pages_of]
        document.stamps = [r for r in stamps if r.page in pages_of]
        text = "\n".join(page.body_text for page in pages[pages_of.start - first : pages_of.stop - first])
        document.commune_mentions = [TruthMention(written, insee) for written, insee in find_mentions(text)]
    return documents
