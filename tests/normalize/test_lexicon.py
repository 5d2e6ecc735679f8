def test_spacy_hash_is_spacys_string_id() -> None:
    from spacy.strings import get_string_id

    from ctg.normalize.lexicon import spacy_hash

    for word in ("convention", "intercommunalité", "œuvre", "délibérations", "é", "parentalités"):
        assert spacy_hash(word) == get_string_id(word)


def test_learned_words_are_the_texts_as_they_were_when_learned() -> None:
    from ctg.core.model import Line
    from ctg.normalize.lexicon import Lexicon

    line = Line(text="la crèche de la commune, dévelop-", page=1, number=1)
    lexicon = Lexicon(base=False).learn([line, "la crèche"])
    line.text = "autre chose"  # normalize goes on changing lines after learning them
    assert lexicon.domain["crèche"] == 2 and lexicon.domain["autre"] == 0
    assert lexicon.domain["dévelop"] == 0  # a word cut at the line end is not learned
    assert lexicon.bigram("la", "crèche") == 2
    assert "commune" not in lexicon  # seen once: not yet a domain word
    assert "crèche" in lexicon.learn(["une crèche"]).copy()
