"""Suggested themes: a lane's cards grouped by the words they share (TF-IDF and clustering).

Thai has no spaces between words, so each card's text is segmented with PyThaiNLP's `newmm` (the
same call also yields English and digits as words, see thai_search.py); stop words of both
languages are dropped and English plurals folded ("queues" → "queue"). Only words that at least two
cards share are weighed (TF-IDF, words in most cards of a big lane weigh nothing), and the cards are
clustered by average-linkage agglomerative clustering on cosine distance with a fixed threshold, so
the number of themes follows from the cards. Each group of two or more cards is a suggestion, named
from its heaviest shared words. Pure and deterministic: no database, no Flask; scikit-learn is
imported on first use (it takes a second or two).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import thai_search

CARDS_MAX = 500  # the lane's first cards considered; clustering is quadratic in them
TEXT_MAX = 400  # characters of each card read (title first, then the body)
SUGGESTIONS_MAX = 12
NAME_WORDS = 3
WORDS_SHOWN = 6
# Average cosine distance below which two groups merge: cards sharing one or two weighty words join,
# cards sharing only a common word stay apart (tuned on tests/unit/test_theme_suggest.py's corpus).
DISTANCE_THRESHOLD = 0.86
NAME_SEPARATOR = " · "

_ENGLISH_PLURAL = re.compile(r"^[a-z]{3,}[^su]s$")
_ENGLISH_IES = re.compile(r"^[a-z]{2,}ies$")
_ENGLISH_ES = re.compile(r"^[a-z]{2,}(ch|sh|ss|x)es$")


@dataclass(frozen=True)
class Suggestion:
    """A proposed theme: a name made of its top words, the words, and its cards (in the given order)."""

    name: str
    words: tuple[str, ...]
    card_ids: tuple[int, ...]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Thai stop words (PyThaiNLP's list, shipped in the package) and English ones (scikit-learn's)."""
    from pythainlp.corpus import thai_stopwords
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    extra = {"also", "really", "need", "needs", "want", "wants", "get", "got", "make", "lot", "lots"}
    return frozenset(thai_stopwords()) | frozenset(ENGLISH_STOP_WORDS) | frozenset(extra)


def prepare() -> None:
    """Import scikit-learn and load the word lists and the Thai dictionary (a server does it once at boot)."""
    import sklearn.cluster  # noqa: F401

    stop_words()
    thai_search.words("คิว")


def _fold_english(word: str) -> str:
    """A light stemmer for plurals only: enough to join "queue" and "queues" without joining unrelated words."""
    if _ENGLISH_IES.match(word):
        return word[:-3] + "y"
    if _ENGLISH_ES.match(word):
        return word[:-2]
    if _ENGLISH_PLURAL.match(word):
        return word[:-1]
    return word


def _is_word(word: str) -> bool:
    """A word worth weighing: two characters or more, with a letter (no bare numbers or marks)."""
    return len(word) >= 2 and any(unicodedata.category(char).startswith("L") for char in word)


def tokens(text: str) -> list[str]:
    """The words of a card's text that can tie it to others, folded, stop words out."""
    stop = stop_words()
    found = []
    for word in thai_search.words(text[:TEXT_MAX]):
        if word.isascii():
            word = _fold_english(word)
        if _is_word(word) and word not in stop:
            found.append(word)
    return found


def card_text(title: str, body: str) -> str:
    """What a card says, for clustering: the title, then the body."""
    return f"{title}\n{body}" if body else title


def suggest(cards: list[tuple[int, str]], threshold: float = DISTANCE_THRESHOLD) -> list[Suggestion]:
    """Groups of cards that share words, biggest first; cards alike in nothing stay out.

    `cards` are (id, text) pairs in lane order; only the first CARDS_MAX are read.
    """
    cards = cards[:CARDS_MAX]
    documents = [(card_id, tokens(text)) for card_id, text in cards]
    documents = [(card_id, words) for card_id, words in documents if words]
    if len(documents) < 2:
        return []
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Words in more than 60% of a lane of ten or more cards say nothing about which cards belong together.
    vectorizer = TfidfVectorizer(analyzer=lambda words: words, min_df=2, max_df=0.6 if len(documents) >= 10 else 1.0,
                                 sublinear_tf=True, norm="l2")
    try:
        matrix = vectorizer.fit_transform([words for _card_id, words in documents])
    except ValueError:  # no word shared by two cards
        return []
    vocabulary = vectorizer.get_feature_names_out()
    linked = np.flatnonzero(matrix.getnnz(axis=1))  # cards with at least one shared word
    if len(linked) < 2:
        return []
    vectors = matrix[linked]
    distances = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(distances, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=threshold).fit_predict(distances)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), []).append(row)
    found = []
    for rows in groups.values():
        if len(rows) < 2:
            continue
        members = vectors[rows]
        weight = np.asarray(members.sum(axis=0)).ravel()
        shared = np.asarray((members > 0).sum(axis=0)).ravel()
        # Words of two or more of the group's cards first, by weight; ties by the word, so names are stable.
        order = sorted(np.flatnonzero(weight), key=lambda column: (shared[column] < 2, -weight[column],
                                                                  vocabulary[column]))
        words = tuple(str(vocabulary[column]) for column in order[:WORDS_SHOWN])
        common = [str(vocabulary[column]) for column in order[:NAME_WORDS] if shared[column] >= 2]
        ids = tuple(documents[linked[row]][0] for row in rows)
        found.append((rows[0], Suggestion(NAME_SEPARATOR.join(common or words[:1]), words, ids)))
    found.sort(key=lambda item: (-len(item[1].card_ids), item[0]))
    return [suggestion for _first, suggestion in found[:SUGGESTIONS_MAX]]
