"""Write the sample corpus (inputs + ground truth): `python -m ctg.corpus.generate [--out corpus]`.

Deterministic: fixed seeds, reportlab in invariant mode, so two runs give the same truth and the
same born-digital text. Territories are real (commune names, INSEE codes, EPCI SIREN); people
are invented; the wording is the project's own.

Inputs written (`ctg run corpus/` reads every .pdf/.txt/.md below the folder, so nothing else
of those types lives here):

| file | variant | content |
|---|---|---|
| conv_alpilles.pdf | digital | CTG Vallée des Baux-Alpilles, EPCI party, SOMMAIRE, annexes |
| delib_maussane.pdf | digital | deliberation (stamped) + acknowledgement of receipt |
| bundle_manosque.pdf | bundle | deliberation of Manosque + the CTG Durance-Luberon-Verdon |
| delib_volx_repeated.pdf | repeated | one deliberation twice, a stamp page between the copies |
| mixed_ajaccio.pdf | mixed | deliberation (page 1 scanned, stamp in the image) + acknowledgement |
| scan_conv_ajaccio.pdf | scanned | CTG Pays Ajaccien with the MSA, every page an image; the stamp |
|  |  | of page 1 is real text in the top margin |
| delib_mouries_cp1252.txt | text | deliberation in cp1252, one page |
| delib_ccvba_pages.txt | text | EPCI deliberation, pages separated by form feeds |
| layered_oraison.pdf | scanned | deliberation scanned as office copiers save it: a 150 dpi colour |
|  |  | background and 1-bit 300 dpi text masks over it; the stamp typed as text over the scan |
| delib_saint_etienne_annotated.pdf | digital | deliberation whose prefecture stamp is a /Stamp |
|  |  | annotation with an appearance stream and no /Contents (its lines last in the page text) |

Ground truth: `truth/<input file name>.json`, read with corpus.truth.load_truth. Schema:

- file, variant (digital|scanned|mixed|repeated|bundle|text), encoding (text inputs).
- pages[]: page (1-based), scanned, text (every line drawn, in drawing = reading order: margin
  stamp, running header, body, footer, then a stamp annotation; table cells joined by a tab),
  body_text (text without running header / footer / page-number lines; stamps stay), layered
  (scanned as a colour background under text masks). For .txt inputs, the page's lines.
- stamps[]: every prefecture stamp of the file (also the stamp page between repeated copies,
  which belongs to no document): page, sent, received, published, actes_id, departement,
  siren, insee, act_date, act_number, nature, matiere, margin_text, annotation (a /Stamp
  annotation drawn over the page). Dates are ISO.
- documents[]: kind (convention|deliberation|acknowledgement|annex: each annex body printed
  after a convention, from its heading's page; the convention still lists it), title (first
  heading as printed), territory, period_start, period_end, page_start, page_end, signed_place,
  signed_date, copy_of (index of the document it repeats), and:
  parties[] (position, as_written = party heading as printed, party_type, name = official,
  insee, siren, representative, role); visas[] (full text); communes_in_visa[] and
  communes_in_preambule[] (official names); articles[] (number, title, page); signatures[]
  (position, party_type, name, as_written = "Pour la …" line, insee, siren, signers[] =
  printed names, empty when only the role is printed, role); annexes[] (number, title,
  listed, present, page of the body when present); equipments[] (structure_type, name,
  address, commune = official name, insee, manager, page); actions[] (number, title, theme,
  pilot, partners, objectives, page); deliberation (collectivite, insee, siren, seance_date,
  number, objet, votants, pour, contre, abstention, unanimite, presents[], pouvoirs[{giver,
  holder}], absents[], president, secretaire, decisions[], executoire_date, actes_id,
  en_exercice, presents_count) or null; stamps[] on the document's pages;
  commune_mentions[]: each distinct (as_written, insee) naming a commune in the document.
- `page` and `line` of articles, annex bodies, equipments, actions and stamps: 1-based, the line
  counted in that page's `text` (header and margin stamp lines included), pointing at the
  heading, table row, "Fiche action" line or first stamp line. In a one-page .txt input the
  line is the line of the file.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctg.corpus.convention import ConventionSpec, build_convention, split_annex_bodies
from ctg.corpus.copier import LayeredScan, layered_scans
from ctg.corpus.deliberation import DeliberationSpec, act_of, build_deliberation
from ctg.corpus.draft import Draft, StampPlacement, lay_out
from ctg.corpus.layout import PageLayout, Para, Spacer, paginate
from ctg.corpus.render import digital_pdf, final_pdf, scan_images
from ctg.corpus.samples import (
    CONV_AJACCIO,
    CONV_ALPILLES,
    CONV_DURANCE,
    DELIB_AJACCIO,
    DELIB_CCVBA,
    DELIB_MANOSQUE,
    DELIB_MAUSSANE,
    DELIB_MOURIES,
    DELIB_ORAISON,
    DELIB_SAINT_ETIENNE,
    DELIB_VOLX,
)
from ctg.corpus.stamps import Act, acknowledgement, acknowledgement_stamp, stamp_lines
from ctg.corpus.truth import TruthDocument, TruthFile, TruthPage, TruthStamp, dump_truth

SCAN_SEED = 20260101


@dataclass(slots=True)
class FileBuilder:
    """One input file being assembled from documents, page after page."""

    name: str
    variant: str
    pages: list[PageLayout] = field(default_factory=list)
    documents: list[TruthDocument] = field(default_factory=list)
    stamps: list[TruthStamp] = field(default_factory=list)

    def add(
        self,
        draft: Draft,
        scanned: set[int] | None = None,
        every_page_scanned: bool = False,
        layered: bool = False,
    ) -> int:
        """Append a document; `scanned` holds its pages (1-based, within it) to scan, `layered`
        scans them as office copiers do (corpus.copier)."""
        pages = lay_out(draft, len(self.pages) + 1)
        for number, page in enumerate(pages, start=1):
            page.scanned = every_page_scanned or number in (scanned or set())
            page.layered = layered and page.scanned
        if scanned and max(scanned) > len(pages):
            raise ValueError(f"{self.name}: page {max(scanned)} to scan, document has {len(pages)}")
        self.pages.extend(pages)
        index = len(self.documents)
        self.stamps.extend(draft.truth.stamps)
        self.documents.extend(split_annex_bodies(draft.truth, pages))
        return index

    def add_stamp_page(self, act: Act) -> None:
        """A page holding only a prefecture stamp, between two copies of a document."""
        blocks = [
            Spacer(220),
            *(Para(text, size=11, align="center", space_before=4) for text in stamp_lines(act)),
        ]
        pages, _, _ = paginate(blocks)
        stamp = act.stamp_truth()
        stamp.page, stamp.line = len(self.pages) + 1, 1
        self.pages.extend(pages)
        self.stamps.append(stamp)

    def truth(self, encoding: str | None = None) -> TruthFile:
        pages = [
            TruthPage(number, page.scanned, page.text, page.body_text, page.layered)
            for number, page in enumerate(self.pages, start=1)
        ]
        return TruthFile(self.name, self.variant, pages, self.documents, self.stamps, encoding)


def convention_draft(spec: ConventionSpec) -> Draft:
    """Build a convention; with a SOMMAIRE, lay it out once to learn the page numbers."""
    draft = build_convention(spec)
    if not spec.sommaire:
        return draft
    _, marks, _ = paginate(draft.blocks)
    final = build_convention(spec, marks)
    _, again, _ = paginate(final.blocks)
    if again != marks:
        raise ValueError("the SOMMAIRE changed the pagination it refers to")
    return final


def acknowledgement_draft(spec: DeliberationSpec, prefecture: str) -> Draft:
    act = act_of(spec)
    paras, truth = acknowledgement(act, prefecture)
    truth.territory = spec.territory.name
    draft = Draft(truth)
    draft.add(*paras)
    draft.stamps.append(StampPlacement(1, [], acknowledgement_stamp(act)))
    return draft


def _prefecture(spec: DeliberationSpec) -> str:
    territory = spec.territory
    article = "de la " if territory.departement.startswith("Corse") else "des "
    return f"Préfecture {article}{territory.departement}"


def build_files() -> list[FileBuilder]:
    files: list[FileBuilder] = []

    alpilles = FileBuilder("conv_alpilles.pdf", "digital")
    alpilles.add(convention_draft(CONV_ALPILLES))
    files.append(alpilles)

    maussane = FileBuilder("delib_maussane.pdf", "digital")
    maussane.add(build_deliberation(DELIB_MAUSSANE))
    maussane.add(acknowledgement_draft(DELIB_MAUSSANE, _prefecture(DELIB_MAUSSANE)))
    files.append(maussane)

    bundle = FileBuilder("bundle_manosque.pdf", "bundle")
    bundle.add(build_deliberation(DELIB_MANOSQUE))
    bundle.add(convention_draft(CONV_DURANCE))
    files.append(bundle)

    repeated = FileBuilder("delib_volx_repeated.pdf", "repeated")
    first = repeated.add(build_deliberation(DELIB_VOLX))
    repeated.add_stamp_page(act_of(DELIB_VOLX))
    repeated.add(build_deliberation(DELIB_VOLX))
    repeated.documents[-1].copy_of = first
    files.append(repeated)

    mixed = FileBuilder("mixed_ajaccio.pdf", "mixed")
    mixed.add(build_deliberation(DELIB_AJACCIO), scanned={1})
    mixed.add(acknowledgement_draft(DELIB_AJACCIO, _prefecture(DELIB_AJACCIO)))
    files.append(mixed)

    scanned = FileBuilder("scan_conv_ajaccio.pdf", "scanned")
    convention = convention_draft(CONV_AJACCIO)
    act = act_of(DELIB_AJACCIO)
    convention.stamps.append(StampPlacement(1, stamp_lines(act), act.stamp_truth(), margin_text=True))
    scanned.add(convention, every_page_scanned=True)
    files.append(scanned)

    mouries = FileBuilder("delib_mouries_cp1252.txt", "text")
    mouries.add(build_deliberation(DELIB_MOURIES))
    files.append(mouries)

    ccvba = FileBuilder("delib_ccvba_pages.txt", "text")
    ccvba.add(build_deliberation(DELIB_CCVBA))
    files.append(ccvba)

    # New files go last: each file's scan seed is its position.
    layered = FileBuilder("layered_oraison.pdf", "scanned")
    oraison = build_deliberation(DELIB_ORAISON)
    oraison.stamps[0].margin_text = True  # the stamp typed as text over the scan
    layered.add(oraison, every_page_scanned=True, layered=True)
    files.append(layered)

    annotated = FileBuilder("delib_saint_etienne_annotated.pdf", "digital")
    saint_etienne = build_deliberation(DELIB_SAINT_ETIENNE)
    saint_etienne.stamps[0].annotation = True
    annotated.add(saint_etienne)
    files.append(annotated)
    return files


# Text inputs: file name -> (encoding, pages separated by form feeds).
TEXT_FORMATS: dict[str, tuple[str, bool]] = {
    "delib_mouries_cp1252.txt": ("cp1252", False),  # one page, single-byte encoding
    "delib_ccvba_pages.txt": ("utf-8", True),  # "\f" between pages, as pdftotext writes
}


def _located(document: TruthDocument) -> list[Any]:
    """The truth records of a document that carry a page and a line."""
    return [*document.articles, *document.annexes, *document.equipments, *document.actions]


def _one_page(builder: FileBuilder) -> None:
    """A text file without form feeds is one page: merge the laid-out pages, renumber lines."""
    offsets = [0]
    for page in builder.pages:
        offsets.append(offsets[-1] + len(page.lines))
    builder.pages = [PageLayout(lines=[line for page in builder.pages for line in page.lines])]
    records = [record for document in builder.documents for record in _located(document)]
    for record in [*records, *builder.stamps]:
        if record.page is not None:
            record.page, record.line = 1, record.line + offsets[record.page - 1]
    for document in builder.documents:
        document.page_start = document.page_end = 1


def write_text(builder: FileBuilder, out: Path) -> TruthFile:
    encoding, form_feeds = TEXT_FORMATS[builder.name]
    if not form_feeds:
        _one_page(builder)
    text = "\f".join(page.text + "\n" for page in builder.pages)
    (out / builder.name).write_bytes(text.encode(encoding))
    return builder.truth(encoding)


def write_pdf(builder: FileBuilder, out: Path, seed: int, with_scans: bool = True) -> TruthFile:
    """Write the PDF; a file holding scanned pages is skipped when `with_scans` is false."""
    title = builder.documents[0].title
    to_scan = [index for index, page in enumerate(builder.pages) if page.scanned]
    if to_scan and not with_scans:
        return builder.truth()
    source = digital_pdf(builder.pages, title)
    layered = [index for index in to_scan if builder.pages[index].layered]
    flat = [index for index in to_scan if index not in layered]
    scans: dict[int, bytes | LayeredScan] = {}
    scans.update(scan_images(source, flat, seed) if flat else {})
    scans.update(layered_scans(source, layered, seed) if layered else {})
    (out / builder.name).write_bytes(final_pdf(builder.pages, title, scans))
    return builder.truth()


def generate(out: Path, with_scans: bool = True) -> list[TruthFile]:
    """Write every input and its truth under `out`. With `with_scans=False` the PDFs holding
    scanned pages are not written (the slow part), but their truth still is."""
    (out / "truth").mkdir(parents=True, exist_ok=True)
    truths = []
    for index, builder in enumerate(build_files()):
        if builder.name.endswith(".txt"):
            truth = write_text(builder, out)
        else:
            truth = write_pdf(builder, out, SCAN_SEED + index, with_scans)
        dump_truth(truth, out / "truth" / f"{builder.name}.json")
        truths.append(truth)
    return truths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the sample corpus and its ground truth.")
    parser.add_argument("--out", type=Path, default=Path("corpus"), help="folder to write (default: corpus)")
    args = parser.parse_args(argv)
    if (args.out / "truth").exists():
        shutil.rmtree(args.out / "truth")  # a renamed input must not leave a stale truth file
    generate(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
