def test_spacy_hash_is_spacys_string_id() -> None:
    from spacy.strings import get_string_id

    from normalize.lexicon import spacy_hash

    for word in ("convention", "intercommunalité", "œuvre", "délibérations", "é", "parentalités"):
        assert spacy_hash(word) == get_string_id(word)
