"""The real seeds: repeated copies are one cluster; template look-alikes and other kinds are not."""

import random

from ctg.dedupe import find_duplicates
from evaluation.dedupe_synthetic import ocr_noise, reformat
from tests.dedupe.docs import digest_of, repeated_copies, seed_text


def test_seed_001_holds_four_copies():
    assert len(repeated_copies()) == 4


def test_repeated_copies_form_one_cluster_apart_from_the_look_alike():
    copies = repeated_copies()
    digests = [digest_of(f"s001#{i}", text, file="001.pdf") for i, text in enumerate(copies)]
    digests.append(digest_of("s000#0", seed_text("000_"), file="000.pdf"))
    result = find_duplicates(digests)
    canonicals = {result.canonical[f"s001#{i}"] for i in range(4)}
    assert len(canonicals) == 1
    assert result.canonical["s000#0"] == "s000#0"
    assert not any(link.doc_id == "s000#0" for link in result.links)
    rows = [link for link in result.links if link.relation == "copy"]
    # three copies point at the canonical; the canonical has no row pointing at itself
    assert len(rows) == 3 and len({link.cluster for link in rows}) == 1
    assert all(link.doc_id != link.canonical_doc_id for link in rows)
    assert all(link.similarity >= 0.99 and "agree:" in link.evidence for link in rows)


def test_look_alike_seeds_share_wording_but_not_identity():
    # 000 and 001 are built on one template: their text overlap is high, the verdict is "different".
    result = find_duplicates(
        [
            digest_of("a", repeated_copies()[0]),
            digest_of("b", seed_text("000_").replace("\nPROJET\n", "\n")),  # even without the draft mark
        ]
    )
    assert result.canonical == {"a": "a", "b": "b"}
    assert result.links == []


def test_reformatted_and_ocr_copies_of_a_seed_join_its_cluster_and_lose_canonical():
    text = repeated_copies()[1]
    r = random.Random(7)
    noisy, count = ocr_noise(text, r)
    digests = [
        digest_of("clean", text),
        digest_of("layout", reformat(text, r)),
        digest_of("ocr", noisy, quality=0.55, repairs=count),
    ]
    result = find_duplicates(digests)
    assert set(result.canonical.values()) == {result.canonical["clean"]}
    assert result.canonical["ocr"] != "ocr"  # the text layer wins over OCR


def test_different_kinds_and_documents_stay_apart():
    digests = [
        digest_of("conv", repeated_copies()[0]),
        digest_of("bundle", seed_text("002_"), kind="deliberation"),
        digest_of("delib", seed_text("003_"), kind="deliberation"),
        digest_of("scan", seed_text("004_")),
    ]
    result = find_duplicates(digests)
    assert all(doc == canonical for doc, canonical in result.canonical.items())
    assert result.links == []


STAMP = "Envoyé en préfecture le {d}\n\nReçu en préfecture le {d}\n\nPublié le {d}\n\nID : {actes}\n\n"


def test_copies_published_by_different_communes_with_their_own_stamps_are_one_cluster():
    text = repeated_copies()[0]
    digests = [
        digest_of(
            "gardanne", STAMP.format(d="10/12/2025", actes="013-211300413-20251208-DEL_2025_123-DE") + text
        ),
        digest_of("greasque", STAMP.format(d="17/12/2025", actes="013-211300462-20251215-2025_58-DE") + text),
        digest_of(
            "meyreuil", STAMP.format(d="05/01/2026", actes="013-211300595-20251219-D2025_104-DE") + text
        ),
    ]
    result = find_duplicates(digests)
    assert len(set(result.canonical.values())) == 1


def test_draft_and_amendment_of_a_seed_are_versions_not_copies():
    text = repeated_copies()[0]
    lines = text.split("\n")
    draft = "\n".join([*lines[:60], "PROJET", *lines[60:]])
    amended = "AVENANT N°1 À LA\n" + text.replace("2030", "2031")  # extended by a year
    result = find_duplicates(
        [digest_of("final", text), digest_of("draft", draft), digest_of("avenant", amended)]
    )
    assert result.canonical == {"final": "final", "draft": "draft", "avenant": "avenant"}
    versions = {(link.doc_id, link.canonical_doc_id) for link in result.links if link.relation == "version"}
    assert versions == {("draft", "final"), ("avenant", "final")}


def test_a_deliberation_bundling_the_convention_is_linked_as_containing_it():
    text = repeated_copies()[0]
    deliberation = seed_text("003_")  # any deliberation text serves as the bundle's first part
    digests = [
        digest_of("conv", text),
        digest_of("conv-copy", reformat(text, random.Random(3))),
        digest_of("bundle", f"{deliberation}\n\nANNEXE\n\n{text}", kind="deliberation"),
    ]
    result = find_duplicates(digests)
    assert result.canonical["bundle"] == "bundle"  # counted as a deliberation of its own
    contained = [link for link in result.links if link.relation == "contained"]
    assert [(x.doc_id, x.canonical_doc_id) for x in contained] == [("bundle", result.canonical["conv"])]
    assert contained[0].similarity > 0.95


def test_canonical_is_complete_first_then_text_layer_then_fewer_repairs():
    text = repeated_copies()[0]
    lines = text.split("\n")
    head = "\n".join(lines[: int(len(lines) * 0.7)])
    noisy, count = ocr_noise(text, random.Random(1))
    result = find_duplicates(
        [
            digest_of("truncated-text-layer", head),
            digest_of("complete-ocr", noisy, quality=0.6, repairs=count),
            digest_of("complete-ocr-more-repairs", noisy, quality=0.6, repairs=count + 40),
        ]
    )
    assert set(result.canonical.values()) == {"complete-ocr"}
