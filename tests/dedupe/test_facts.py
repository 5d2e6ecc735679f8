from ctg.dedupe import facts
from ctg.dedupe.text_norm import fold
from tests.dedupe.docs import repeated_copies, seed_text


def test_names_are_capitalised_words_folded():
    text = "LA COMMUNE DE GARDANNE\nReprésentée par son Maire, Monsieur Hervé GRANIER"
    assert {fold("Gardanne"), fold("GRANIER"), fold("commune")} <= facts.names(text)
    assert fold("représentée") not in facts.names(text)
    # an OCR reading of the capitals gives the same names
    assert facts.names("LA CORNMUNE DE GARDANNE, Monsieur GRANIER") == facts.names(
        "LA COMMUNE DE GARDANNE, Monsieur GRANIER"
    )


def test_numbers_keep_their_separators_and_skip_single_digits():
    found = facts.numbers("Publié le 10/12/2025, article 7, 35 voix, décret n° 2021-1644")
    assert {"10/12/2025", "35", "2021", "1644"} <= found
    assert "7" not in found


def test_draft_mark_found_in_the_projet_seed_only():
    assert facts.is_draft("", seed_text("000_"))
    assert not facts.is_draft("", repeated_copies()[0])
    # "le projet social de territoire" in a body is not a draft mark
    assert not facts.is_draft("", seed_text("003_"))


def test_amendment_in_the_heading_not_in_the_body():
    body = repeated_copies()[0].split("\n")
    assert any("avenant" in line for line in body)  # article 11 speaks of a future avenant
    assert not facts.is_amendment("", body)
    assert facts.is_amendment("", ["AVENANT N°1 À LA", *body])
    assert facts.is_amendment("Avenant n°2 à la convention territoriale globale", body)


def test_period_from_cover_title_or_objet():
    assert facts.period("", seed_text("000_")[:400]) == (2026, 2030)  # '2026' and '2030' on their own lines
    assert facts.period("", seed_text("002_")[:300]) == (2022, 2026)  # title "... 2022-2026 (CTG)"
    assert facts.period("", "la COG 2018 et 2030") is None
    assert facts.period("", "du 1er janvier 2022 au 31 décembre 2026") == (2022, 2026)


def test_hash_sets_are_sorted_and_stable():
    packed = facts.hash_set(["gardanne", "granier", "gardanne"])
    values = facts.unpack(packed)
    assert len(values) == 2 and list(values) == sorted(values)
    assert packed == facts.hash_set(["granier", "gardanne"])
