"""Regression fixtures from a real Tesseract output of a CTG (seed 004): lines in, lines out."""

from collections import Counter

import pytest

from ctg.normalize import Lexicon, default_lexicon, looks_ocred, normalize_file
from ctg.normalize.commune_names import commune_name_words
from ctg.normalize.ocr_repair import OcrRepairer

from .helpers import seed, source_of_lines

FIXTURES = [
    (
        "la Commune d’Aiglun, représentée par son Maire Monsieur Michel AUDRAN, diiment autoris¢ a signer",
        "la Commune d'Aiglun, représentée par son Maire Monsieur Michel AUDRAN, dûment autorisé à signer",
    ),
    (
        "Madame Patricia GRANET-BRUNELLO, diment autorisée a signer la présente convention par",
        "Madame Patricia GRANET-BRUNELLO, dûment autorisée à signer la présente convention par",
    ),
    ("Vu le Code de I’action sociale et des familles ;", "Vu le Code de l'action sociale et des familles ;"),
    ("de 1’emploi saisonnier", "de l'emploi saisonnier"),
    ("Favoriser 1I’autonomie et 1’accés aux droits", "Favoriser l'autonomie et l'accès aux droits"),
    (
        "2. Dynamiques démographiques et socio-€conomiques",
        "2. Dynamiques démographiques et socio-économiques",
    ),
    ("couvre 1 574 km?, soit 23 % du département", "couvre 1 574 km², soit 23 % du département"),
    (
        "e Vallée de la Durance : pble d’activités économiques",
        "- Vallée de la Durance : pôle d'activités économiques",
    ),
    (
        "o Dynamique légeérement positive : +0,5 %/an (2016-2022)",
        "- Dynamique légèrement positive : +0,5 %/an (2016-2022)",
    ),
    ("son rdle de coordination", "son rôle de coordination"),
    ("une 1égere hausse", "une légère hausse"),
    ("Ci-aprés dénommée « la Caf » ;", "Ci-après dénommée « la Caf » ;"),
    ("Il est convenu et arrété ce qui suit :", "Il est convenu et arrêté ce qui suit :"),
    ("son cceur de métier, griace a une organisation", "son cœur de métier, grâce à une organisation"),
    ("le décret n°® 2025-253 du 20 mars 2025", "le décret n° 2025-253 du 20 mars 2025"),
    ("conclue a compter du 1¢ janvier 2026", "conclue à compter du 1er janvier 2026"),
    ("du code de 'action sociale", "du code de l'action sociale"),
    ("prend effet le Ler janvier 2026", "prend effet le 1er janvier 2026"),
    ("articles L. 263-1; Vu le Code", "articles L. 263-1 ; Vu le Code"),
    ("Président du Conseil d’ Administration", "Président du Conseil d'Administration"),
    ("la mise en ceuvre, I'ceuvre sociale", "la mise en œuvre, l'œuvre sociale"),
    ("Vice-Pr¢sidences et M¢tropole", "Vice-Présidences et Métropole"),
    ("enfants 4gés de moins de trois ans", "enfants âgés de moins de trois ans"),
    ("familles, et 1a mise en place de toute action", "familles, et la mise en place de toute action"),
    ("témoignant d un regain, à l'euvre", "témoignant d'un regain, à l'œuvre"),
    ("grâce au développement et & la dynamisation", "grâce au développement et à la dynamisation"),
    ("par zone à lintérieur d'un même territoire", "par zone à l'intérieur d'un même territoire"),
    # a low-resolution scan read by Tesseract
    ("la branche Fanulle, une visée umverselle", "la branche Famille, une visée universelle"),
    ("le soutiendans le parcours desenfants", "le soutien dans le parcours des enfants"),
    ("la déhberation, les entants et leur pertonnance", "la délibération, les enfants et leur performance"),
    ("figurant en-annexe, dans-une logique", "figurant en annexe, dans une logique"),
    # a 1-bit scan of a compte rendu: a bracket for the l of "la"
    ("Ouverture de [a séance", "Ouverture de la séance"),
]


@pytest.mark.parametrize(("damaged", "expected"), FIXTURES)
def test_seed_004_damage_is_repaired(damaged: str, expected: str) -> None:
    result = normalize_file(source_of_lines([damaged], method="ocr"))
    assert result.lines[0].text == expected
    assert result.lines[0].raw == damaged


@pytest.mark.parametrize(
    "text",
    [
        "ID : 013-211300413-20251208-DEL_2025_123-DE",
        "contact : ctg.partenaires@caf13.cnafmail.fr ou https://www.caf.fr/allocataires/caf-des-bouches",
        "Vu le décret n°2021-1644 du 14 décembre 2021 et la loi n° 78-17, article L. 2121-17",
        "31 501 habitants en 2021, 594 hab/km², 64,6 %, 1er janvier, 4 bis",
        "Monsieur Gilbert REINAUDO et Madame Sandrine COSSERAT, Peyruis, Malijai, Aiglun",
        "a) Développer et optimiser l'offre ; b) Soutenir les dynamiques",
        "Il a pour objet de définir ; elle a été signée",
        "crèches, relais, etc. (ex : QPV, ZRR) ou sur l'ensemble du territoire",
        "la commune de Saint-Etienne-du-Gres",
        "Animateur-trice, compète.nce.s",
        "le montant [NOM] et la référence [article 3]",
    ],
)
def test_numbers_codes_addresses_names_untouched(text: str) -> None:
    result = normalize_file(source_of_lines([text], method="ocr"))
    assert result.lines[0].text == text
    assert not [r for r in result.repairs if r.rule.startswith("ocr")]


def test_capitalised_word_reaches_only_frequent_words_or_listed_names() -> None:
    repairer = OcrRepairer(default_lexicon().copy())
    assert repairer.correct_word("Mées") is None
    assert repairer.correct_word("Ci-aprés") == "Ci-après"
    named = OcrRepairer(default_lexicon().copy(), protected_names=frozenset({"gréasque"}))
    assert named.correct_word("Gr¢asque") == "Gréasque"
    assert OcrRepairer(default_lexicon().copy()).correct_word("Gr¢asque") is None


def test_learned_bigrams_decide_a_versus_à() -> None:
    lexicon = Lexicon().learn(["un accueil à la demande", "une aide à la famille", "il a été signé"] * 2)
    damaged = source_of_lines(["un accueil a la demande", "elle a été votée"], method="ocr")
    taught = normalize_file(damaged, lexicon=lexicon)
    assert [line.text for line in taught.lines] == ["un accueil à la demande", "elle a été votée"]
    untaught = normalize_file(damaged)
    assert untaught.lines[0].text == "un accueil a la demande"


def test_repair_only_on_ocr_pages_when_not_told() -> None:
    line = "diiment autoris¢ a signer"
    assert normalize_file(source_of_lines([line], method="text")).lines[0].text == line
    assert normalize_file(source_of_lines([line], method="ocr")).lines[0].text == "dûment autorisé à signer"
    assert normalize_file(source_of_lines([line], method="ocr"), ocr_repair=False).lines[0].text == line


def test_detector_tells_ocr_output_from_clean_text(seeds_dir) -> None:
    lexicon = default_lexicon()
    assert looks_ocred(seed(seeds_dir, "004").lines, lexicon)
    for prefix in ("000", "001", "002", "003"):
        assert not looks_ocred(seed(seeds_dir, prefix).lines, lexicon), prefix


def test_seed_004_repaired_with_counts_per_rule(seeds_dir) -> None:
    result = normalize_file(seed(seeds_dir, "004"))
    counts = Counter(repair.rule for repair in result.repairs)
    for rule in ("ocr:lexicon", "ocr:context", "ocr:elision", "ocr:bullet", "ocr:superscript", "ocr:lost_l"):
        assert counts[rule] > 0, rule
    text = "\n".join(line.text for line in result.lines)
    for damage in (
        "diiment",
        "autoris¢",
        "I'action",
        "1'emploi",
        "socio-€conomiques",
        "km?",
        " rdle ",
        "aprés",
    ):
        assert damage not in text, damage


def test_commune_names_from_the_reference() -> None:
    if not commune_name_words():
        pytest.skip("resolve's commune reference is not available")
    lines = ["la commune de Gr¢asque et la commune des Mées", "la commune de Malijai", "les Iscles"]
    result = normalize_file(source_of_lines(lines, method="ocr"))
    assert [line.text for line in result.lines] == [
        "la commune de Gréasque et la commune des Mées",
        "la commune de Malijai",
        "les Iscles",  # a place missing from the reference is not turned into the commune Isdes
    ]
