"""Word counting for the word cloud (pure functions) and the labels of the board's keys."""

from cafe.activities.board.labels import BUILDING_BLOCK_LABELS
from cafe.activities.board.wordcloud import stopwords, top_words
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.domain.words import MAX_WORD_LENGTH, frequencies, normalise, stopword_set, words


def test_words_are_lower_case_without_links_numbers_or_stop_words():
    text = "Het BUURTHUIS is dicht sinds 2023: zie https://gemeente.be/buurthuis"
    assert words(text, {"het", "is", "zie"}) == ["buurthuis", "dicht", "sinds"]


def test_french_elisions_and_accents():
    assert words("L'école et l’église", stopword_set(["l'", "et"])) == ["école", "église"]
    # Composed and decomposed é are the same word.
    assert normalise("e\u0301cole") == normalise("\u00e9cole")


def test_hyphenated_words_stay_whole_and_overlong_strings_are_dropped():
    assert words("buurt-werker " + "x" * (MAX_WORD_LENGTH + 1)) == ["buurt-werker"]


def test_frequencies_count_a_word_once_per_card():
    texts = ["Groen groen groen!", "Meer groen", "Bankjes"]
    assert frequencies(texts, ["meer"]) == {"groen": 2, "bankjes": 1}
    assert frequencies(texts, ["meer"], per_text_once=False) == {"groen": 4, "bankjes": 1}


def test_dutch_french_and_english_stop_words_are_all_left_out():
    found = top_words(["De straat is vuil", "La rue est sale", "The street is dirty"], n=20)
    assert sorted(found) == ["dirty", "rue", "sale", "straat", "street", "vuil"]
    assert {"de", "la", "the", "est", "en", "et", "and"} <= stopwords()


def test_every_building_block_has_a_label():
    assert set(BUILDING_BLOCK_LABELS) == set(BUILDING_BLOCKS)
