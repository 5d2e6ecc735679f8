"""A generated run with planted copies and look-alikes, and its ground truth (tests and bench/dedupe.py).

Templates are the real seeds when present (conventions 000 and 001, deliberation 003), else
a short template built here. A template is cut once into literal text and *slots*: names
(capitalised words that are not shared template vocabulary, replaced wherever they occur,
'GARDANNE' and 'Gardanne' alike), territory-specific numbers, and the period years. A
territory is a seed that fills the slots, so two territories on one template are the
look-alike trap: same wording, other names and figures. Copies are planted as exact,
reformatted, OCR-noised and truncated; relations as a deliberation bundling the convention
(containment), a PROJET draft and an avenant (versions).
Documents are rebuilt from a small DocSpec, so a parallel map step can make them on the fly.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, NamedTuple

from ctg.core.model import Document, Line, Party, Span
from ctg.dedupe.text_norm import fold

Variant = Literal[
    "original", "exact", "reformatted", "ocr", "truncated", "bundle", "draft", "amendment", "deliberation"
]
COPY_VARIANTS: frozenset[str] = frozenset({"original", "exact", "reformatted", "ocr", "truncated"})
SEED_FILES = {"conv_a": "000_", "conv_b": "001_", "delib": "003_"}

# Capitalised words that are the template's own vocabulary, never a territory's name.
_GENERIC_WORDS = (
    "caf msa ctg cnaf cog rgpd cnil eaje alsh laep rpe ram acm sppe casf convention territoriale globale "
    "caisse allocations familiales mutualite sociale agricole commune communes communaute conseil "
    "municipal deliberation objet pour contre abstention article annexe annexes projet entre et la le les "
    "de des du maire president presidente directeur general seance ooo bouches rhone provence"
)
GENERIC_CAPS = frozenset(fold(w) for w in _GENERIC_WORDS.split())  # folded like the keys they filter
# OCR confusions planted in "ocr" copies (those named in issue 6), with a rate for each.
OCR_NOISE: tuple[tuple[str, str, float], ...] = (
    ("é", "¢", 0.04),  # autorisé -> autoris¢
    ("l", "I", 0.04),  # l'Etat -> I'Etat
    ("û", "ii", 0.3),  # dûment -> diiment
)
RANDOM_NOISE = 0.002  # other misread letters, uniformly
_PERIOD = (2026, 2030)  # the seeds' period; other periods replace these years

_FALLBACK_CONVENTION = """CONVENTION TERRITORIALE GLOBALE
VALLON DES OLIVIERS
2026 2030
Entre :
LA CAISSE D'ALLOCATIONS FAMILIALES DU VAR représentée par Madame Anne MARTIN, Présidente,
Et
LA COMMUNE DE BELCASTEL représentée par son Maire, Monsieur Paul ROUSSEL,
Et
LA COMMUNE DE ROCHEGUDE représentée par son Maire, Madame Claire FAURE,
Il est convenu et arrêté ce qui suit :
Vu le Code de la sécurité sociale ;
Vu la délibération du Conseil d'administration de la Caf en date du 16 décembre 2024 ;
Article 1 : Objet de la convention
La présente convention vise à définir le projet stratégique global du territoire VALLON DES OLIVIERS à
l'égard des familles ainsi que ses modalités de mise en œuvre, dûment arrêtées entre les parties.
Article 2 : Les champs d'intervention
Les communes de Belcastel et Rochegude soutiennent 12 établissements d'accueil du jeune enfant, 4
accueils de loisirs et 2 lieux d'accueil enfants parents, pour 3456 enfants de moins de six ans.
Article 3 : Les engagements
La Caf mobilise 1250000 euros par an ; les communes 845000 euros ; le plan d'actions compte 21 fiches.
Article 4 : Durée de la convention
La présente convention est conclue du 1er janvier 2026 au 31 décembre 2030.
Fait à Belcastel, le 12 décembre 2025
Pour la commune de BELCASTEL, Paul ROUSSEL
Pour la commune de ROCHEGUDE, Claire FAURE
"""
_FALLBACK_DELIBERATION = """COMMUNE DE BELCASTEL
DELIBERATION DU CONSEIL MUNICIPAL
Séance du 8 décembre 2025
N° 2025/12/08/07 - OBJET : Convention territoriale globale 2026-2030
Le Conseil Municipal de la commune de Belcastel, sous la présidence de Monsieur Paul ROUSSEL, Maire,
APPROUVE la convention territoriale globale entre la Caf et les communes de Belcastel et Rochegude.
AUTORISE le Maire à signer la convention annexée à la présente délibération.
POUR : 23 CONTRE : 0 ABSTENTION : 2
"""


class Slot(NamedTuple):
    kind: Literal["name", "number", "year"]
    key: str  # folded word, or the number as written
    style: Literal["upper", "title", "lower"]


Part = str | Slot


@dataclass(slots=True)
class Template:
    name: str
    kind: Literal["convention", "deliberation"]
    parts: list[Part]
    name_keys: list[str]  # in order of first appearance: the first ones are the parties


class DocSpec(NamedTuple):
    """Everything needed to rebuild one planted document (small, picklable)."""

    doc_id: str
    template: str
    territory: int
    start: int
    end: int
    variant: Variant
    seed: int
    origin: str  # the document this one copies, bundles or versions (its own id for an original)


@dataclass(slots=True)
class Planted:
    spec: DocSpec
    doc: Document
    quality: float
    repairs: int


# --- templates --------------------------------------------------------------------------------


def split_copies(text: str, min_lines: int = 100) -> list[str]:
    """Cut a file holding one convention several times at each 'CONVENTION / TERRITORIALE' title.

    Fragments shorter than `min_lines` (cover pages, stamp pages between copies) are dropped.
    """
    lines = text.split("\n")
    starts = [
        i
        for i in range(len(lines) - 1)
        if lines[i].strip() == "CONVENTION" and lines[i + 1].strip() == "TERRITORIALE"
    ]
    bounds = [*starts, len(lines)]
    pieces = ["\n".join(lines[a:b]) for a, b in itertools.pairwise(bounds)]
    return [p for p in pieces if p.count("\n") + 1 >= min_lines]


_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+|\d+(?:[/.,]\d+)*")
_CAPS_RE = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý]{2,}\b")
_NUM_RE = re.compile(r"\d+(?:[/.,]\d+)*")


def _style(word: str) -> Literal["upper", "title", "lower"]:
    if word.isupper():
        return "upper"
    return "title" if word[:1].isupper() else "lower"


def _cut(name: str, kind: Literal["convention", "deliberation"], text: str, shared: set[str]) -> Template:
    """Cut `text` into literals and slots; `shared` are the words and numbers every template has."""
    text = "\n".join(line for line in text.split("\n") if line.strip() != "PROJET")  # the original is final
    names = {fold(w) for w in _CAPS_RE.findall(text)} - shared - GENERIC_CAPS
    parts: list[Part] = []
    keys: list[str] = []
    last = 0
    for m in _WORD_RE.finditer(text):
        word = m.group()
        key = fold(word)
        slot: Slot | None = None
        if word[0].isdigit():
            if word in {str(y) for y in _PERIOD}:
                slot = Slot("year", word, "lower")
            elif word not in shared and sum(ch.isdigit() for ch in word) >= 2:
                slot = Slot("number", word, "lower")
        elif key in names and len(key) >= 3:
            slot = Slot("name", key, _style(word))
            if key not in keys:
                keys.append(key)
        if slot:
            parts.extend([text[last : m.start()], slot])
            last = m.end()
    parts.append(text[last:])
    return Template(name, kind, parts, keys)


@cache
def templates(seeds_dir: Path | None) -> dict[str, Template]:
    """The templates: real seeds when `seeds_dir` holds them, else the built-in ones."""
    texts = _seed_texts(seeds_dir) if seeds_dir else None
    if texts is None:
        texts = {
            "conv_a": _FALLBACK_CONVENTION,
            "conv_b": _FALLBACK_CONVENTION.replace("du Var", "des Alpes"),
            "delib": _FALLBACK_DELIBERATION,
        }
        shared: set[str] = set()  # the built-in text has no second convention to compare with
    else:
        # What both real conventions say is template vocabulary; the rest names a territory.
        a_caps = {fold(w) for w in _CAPS_RE.findall(texts["conv_a"])}
        b_caps = {fold(w) for w in _CAPS_RE.findall(texts["conv_b"])}
        a_nums, b_nums = set(_NUM_RE.findall(texts["conv_a"])), set(_NUM_RE.findall(texts["conv_b"]))
        shared = (a_caps & b_caps) | (a_nums & b_nums)
    return {
        "conv_a": _cut("conv_a", "convention", texts["conv_a"], shared),
        "conv_b": _cut("conv_b", "convention", texts["conv_b"], shared),
        "delib": _cut("delib", "deliberation", texts["delib"], shared),
    }


def _seed_texts(seeds_dir: Path) -> dict[str, str] | None:
    found = {k: sorted(seeds_dir.glob(f"{prefix}*.txt")) for k, prefix in SEED_FILES.items()}
    if not all(found.values()):
        return None
    texts = {k: paths[0].read_text(encoding="utf-8") for k, paths in found.items()}
    copies = split_copies(texts["conv_b"])
    if copies:
        texts["conv_b"] = copies[0]
    return texts


# --- filling slots ----------------------------------------------------------------------------

_SYLLABLES_TEXT = "ba be bri ca cha co da di fon ga gre la lo ma me mi mo na pa pe ri ro sa se ta ti va vi"
_SYLLABLES = tuple(_SYLLABLES_TEXT.split())


def _rng(*parts: object) -> random.Random:
    return random.Random(hashlib.sha256(repr(parts).encode()).digest())


def _name(territory: int, key: str) -> str:
    r = _rng("name", territory, key)
    return "".join(r.choice(_SYLLABLES) for _ in range(r.randint(2, 4)))


def _number(territory: int, key: str) -> str:
    r = _rng("number", territory, key)
    return "".join(str(r.randint(0, 9)) if ch.isdigit() else ch for ch in key)


def fill(template: Template, territory: int, start: int, end: int, changed: int = -1) -> str:
    """The text of `template` for a territory and period; `changed` >= 0 redraws some numbers."""
    years = {str(_PERIOD[0]): str(start), str(_PERIOD[1]): str(end)}
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
        elif part.kind == "year":
            out.append(years[part.key])
        elif part.kind == "number":
            redraw = changed >= 0 and _rng(changed, part.key).random() < 0.3
            # Another period of one territory has its own figures and dates, like a real renewal.
            figures = territory * 10_007 + start
            out.append(_number(figures * 7919 + changed if redraw else figures, part.key))
        else:
            name = _name(territory, part.key)
            out.append(
                name.upper() if part.style == "upper" else name.title() if part.style == "title" else name
            )
    return "".join(out)


# --- planted variants -------------------------------------------------------------------------


def reformat(text: str, r: random.Random) -> str:
    """Same words, other layout: lines joined and split, bold markers added and removed, spaces."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.replace("**", "") if r.random() < 0.5 else line
        if line and r.random() < 0.1:
            line = f"**{line}**"
        if out and out[-1] and line and r.random() < 0.2:
            out[-1] = out[-1] + " " + line
            continue
        if len(line) > 60 and r.random() < 0.3:
            cut = line.find(" ", r.randint(20, len(line) - 20))
            if cut > 0:
                out.extend([line[:cut], line[cut + 1 :]])
                continue
        out.append(line.replace(" ", "  ") if r.random() < 0.05 else line)
    return "\n".join(out)


def ocr_noise(text: str, r: random.Random) -> tuple[str, int]:
    """OCR_NOISE confusions at a few percent, plus rare random misreadings; returns (text, count)."""
    count = 0
    table = {src: (dst, rate) for src, dst, rate in OCR_NOISE}

    def confuse(m: re.Match[str]) -> str:
        nonlocal count
        ch = m.group()
        if ch in table and r.random() < table[ch][1]:
            count += 1
            return table[ch][0]
        if ch not in table and r.random() < RANDOM_NOISE:
            count += 1
            return r.choice("aceinorstu")
        return ch

    return re.sub("[a-z" + "".join(table) + "]", confuse, text), count


def truncate(text: str, r: random.Random) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: int(len(lines) * r.uniform(0.6, 0.8))])


def make_draft(text: str, r: random.Random) -> str:
    """A PROJET: the watermark line, and dates of deliberations not yet filled in."""
    lines = text.split("\n")
    for at in range(min(60, len(lines) // 3), len(lines), 300):
        lines.insert(at, "PROJET")
    drafted = "\n".join(lines)
    return re.sub(r"\b\d{1,2} (janvier|mars|juin|juillet|octobre|décembre) 20\d\d\b", "……………", drafted)


def make_amendment(template: Template, spec: DocSpec) -> str:
    body = fill(template, spec.territory, spec.start, spec.end, changed=spec.seed)
    return f"AVENANT N°1 À LA\n{body}"


# --- documents --------------------------------------------------------------------------------


def _document(spec: DocSpec, tpl: Template, text: str, kind: str, structured: bool, title: str) -> Document:
    file = f"run/{spec.doc_id.split('#')[0]}.pdf"
    lines = [Line(text=t, page=1, number=n) for n, t in enumerate(text.split("\n"), 1)]
    names = [_name(spec.territory, k) for k in tpl.name_keys[:4]]
    parties = [
        Party(position=i, as_written=n, party_type="commune", name=n.title(), span=Span(file, 1, 1, 1))
        for i, n in enumerate(names)
    ]
    return Document(
        doc_id=spec.doc_id,
        file=file,
        position=0,
        kind=kind,  # type: ignore[arg-type]
        span=Span(file, 1, 1, len(lines)),
        title=title,
        territory=names[0].title() if structured and names else "",
        period_start=spec.start if structured else None,
        period_end=spec.end if structured else None,
        parties=parties if structured else [],
        lines=lines,
    )


def build(spec: DocSpec, seeds_dir: Path | None) -> Planted:
    """Rebuild the planted document described by `spec` (deterministic) on the seeds' templates."""
    tpls = templates(seeds_dir)
    tpl = tpls[spec.template]
    r = _rng("variant", spec.doc_id, spec.seed)
    text = fill(tpl, spec.territory, spec.start, spec.end)
    title = f"Convention territoriale globale {spec.start}-{spec.end}"
    kind, quality, repairs, structured = "convention", 1.0, 0, True
    if spec.variant == "reformatted":
        text = reformat(text, r)
    elif spec.variant == "ocr":
        text, repairs = ocr_noise(text, r)
        quality, structured = 0.6, False  # segment often misses fields on OCR text
    elif spec.variant == "truncated":
        text = truncate(text, r)
    elif spec.variant == "draft":
        text = make_draft(text, r)
    elif spec.variant == "amendment":
        text, title = make_amendment(tpl, spec), "Avenant n°1 à la convention territoriale globale"
    elif spec.variant in ("bundle", "deliberation"):
        delib = fill(tpls["delib"], spec.territory, spec.start, spec.end)
        text = delib if spec.variant == "deliberation" else f"{delib}\n\nANNEXE : LA CONVENTION\n\n{text}"
        kind, title = "deliberation", "Délibération du conseil municipal"
    return Planted(spec, _document(spec, tpl, text, kind, structured, title), quality, repairs)


# --- a run ------------------------------------------------------------------------------------

# How often each planted document follows an original (independent draws).
PLANT_RATES: dict[str, float] = {
    "exact": 0.25,
    "reformatted": 0.35,
    "ocr": 0.35,
    "truncated": 0.25,
    "bundle": 0.12,
    "draft": 0.08,
    "amendment": 0.08,
    "deliberation": 0.15,  # a deliberation approving the convention without bundling it
}
OTHER_PERIOD = 0.1  # share of originals that reuse an earlier territory with the 2022-2026 period


def corpus(n: int, seed: int = 0) -> list[DocSpec]:
    """Specs of about `n` documents: originals on two templates, their planted relatives."""
    r = random.Random(seed)
    specs: list[DocSpec] = []
    territories: list[tuple[str, int]] = []
    group = 0
    while len(specs) < n:
        if territories and r.random() < OTHER_PERIOD:
            template, territory = territories.pop(r.randrange(len(territories)))  # each renewed once
            start, end = 2022, 2026
        else:
            template, territory = r.choice(("conv_a", "conv_b")), r.randrange(1, 10**9)
            start, end = _PERIOD
            territories.append((template, territory))
        origin = f"g{seed}-{group:06d}#0"
        specs.append(DocSpec(origin, template, territory, start, end, "original", 0, origin))
        for k, (variant, rate) in enumerate(PLANT_RATES.items(), 1):
            if r.random() < rate:
                doc_id = f"g{seed}-{group:06d}#{k}"
                specs.append(
                    DocSpec(doc_id, template, territory, start, end, variant, r.randrange(10**6), origin)
                )  # type: ignore[arg-type]
        group += 1
    return specs[:n]
