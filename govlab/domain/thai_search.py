"""Words of Thai and English text for search and for duplicate checks (PyThaiNLP newmm), and highlighting.

Thai is written without spaces between words, so text is segmented once, when it is written, with
PyThaiNLP's dictionary-based `newmm` engine (its dictionary ships inside the package: nothing is
downloaded). English and digits come out of the same call as words of their own.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SHORT_QUERY = 2  # queries of 1–2 characters are matched inside words (too short to be a word of their own)
QUERY_MAX = 200
TERMS_MAX = 8  # words of a query that are looked up (each costs a scan of the board's words)
_WORDISH = re.compile(r"\w", re.UNICODE)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@lru_cache(maxsize=1)
def _segmenter():
    """PyThaiNLP's newmm word segmenter, imported on first use (loading its dictionary takes ~0.5 s)."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def fold(text: str) -> str:
    """Text as compared: NFC and case folded (Thai has no case; English does)."""
    return unicodedata.normalize("NFC", text).casefold()


def words(text: str) -> list[str]:
    """The words of a text, in order, folded; spaces and punctuation dropped."""
    if not text or not text.strip():
        return []
    segmented = _segmenter()(fold(text), engine="newmm", keep_whitespace=False)
    return [word.strip() for word in segmented if _WORDISH.search(word)]


def word_set(text: str) -> set[str]:
    """The distinct words of a text (what the index stores and the similarity check compares)."""
    return set(words(text))


def query_terms(query: str) -> list[str]:
    """The words of a search query (at most QUERY_MAX characters and TERMS_MAX words are read); the whole
    query if it is short."""
    query = _CONTROL.sub(" ", fold(query or "")[:QUERY_MAX]).strip()
    if not query:
        return []
    if len(query) <= SHORT_QUERY:
        return [query]
    found = []
    for word in words(query):
        if word not in found:
            found.append(word)
    return found[:TERMS_MAX]


def score(terms: list[str], whole: set[str], inside: set[str]) -> float:
    """A document's rank for the terms: a whole-word match counts 3, a match inside a longer word 1.

    `whole` are the terms found as words of the document, `inside` those found only inside its words.
    Documents matching more of the terms come first.
    """
    return sum(3.0 if term in whole else 1.0 if term in inside else 0.0 for term in terms)


def highlight(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_match) pieces, the matches of any term marked (case-insensitively)."""
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths (e.g. "ß"): mark nothing rather than mark wrong
        return [(text, False)]
    marks = [False] * len(text)
    for term in terms:
        if not term:
            continue
        start = folded.find(term)
        while start != -1:
            for index in range(start, start + len(term)):
                marks[index] = True
            start = folded.find(term, start + len(term))
    pieces: list[tuple[str, bool]] = []
    for char, marked in zip(text, marks):
        if pieces and pieces[-1][1] == marked:
            pieces[-1] = (pieces[-1][0] + char, marked)
        else:
            pieces.append((char, marked))
    return pieces


SNIPPET_CHARS = 160


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """Highlight pieces of a window of the text around its first match (the start when none); "…" marks a cut."""
    if len(text) <= width:
        return highlight(text, terms)
    folded = fold(text)
    found = [folded.find(term) for term in terms if term] if len(folded) == len(text) else []
    first = min((index for index in found if index >= 0), default=0)
    start = max(0, min(first - width // 4, len(text) - width))
    while start > 0 and (unicodedata.combining(text[start]) or _THAI_MARK.match(text[start])):
        start -= 1  # never open the window on a Thai vowel or tone mark that belongs to the letter before it
    end = min(len(text), start + width)
    while end < len(text) and _THAI_MARK.match(text[end]):
        end += 1
    pieces = highlight(text[start:end], terms)
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


# Thai vowels written above or below, and tone marks: they belong to the consonant before them.
_THAI_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
