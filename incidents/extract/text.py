"""Cutting article text into paragraphs, sentences and clauses, and dropping page clutter."""

import dataclasses
import re

from geodata.words import MONTH_ABBREVIATIONS

# Periods that do not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "col",
    "lt",
    *MONTH_ABBREVIATIONS,
    "no",
    "vs",
    "approx",
    "est",
    "gov",
    "sen",
    "rep",
    "lt.-gen",
    "maj",
    "capt",
}
_BOUNDARY_RE = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
# "U.S. President" goes on; "according to the U.N. Next ..." is a new sentence.
_ACRONYM_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_ACRONYM_FOLLOWERS = re.compile(
    r"[\"“]?(?:President|Secretary|Ambassador|Army|State|Senator|Defense|Treasury|Congress|Embassy"
    r"|Envoy|Special|Air|Navy|Security|Forces|Department|Mission|Monitoring)\b"
    r"|(?:Kyiv|Moscow|local) time\b"
)
# Widgets and links that scraping leaves around an article: a short line with no sentence in it.
_CLUTTER_WORDS = {
    "conversation",
    "comments",
    "share",
    "advertisement",
    "read more",
    "related",
    "subscribe",
    "follow us",
    "print",
    "tweet",
    "email",
    "facebook",
    "telegram",
    "copy link",
}
# Where a sentence holds two separate events: "A woman was killed in X, and two men in Y".
_CLAUSE_RE = re.compile(r";\s*|,\s+(?:and|while|but|whereas|meanwhile)\s+|\s+while\s+")


@dataclasses.dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (one per line), without clutter lines."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line and not is_clutter(line)]


def is_clutter(line: str) -> bool:
    """A short line without a sentence ("Conversation", "Share") is page furniture."""
    words = line.split()
    if line.strip().casefold() in _CLUTTER_WORDS:
        return True
    return len(words) <= 3 and not re.search(r"[.!?\d]", line)


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, tagged with the index of its paragraph."""
    result = []
    for index, paragraph in enumerate(paragraphs(text)):
        for piece in split_sentences(paragraph):
            result.append(Sentence(piece, index))
    return result


def split_sentences(paragraph: str) -> list[str]:
    pieces, start = [], 0
    for match in _BOUNDARY_RE.finditer(paragraph):
        before = paragraph[start : match.start() + 1]
        last_word = re.findall(r"[\w.-]+\.?$", before)
        token = last_word[0].rstrip(".").casefold() if last_word else ""
        if paragraph[match.start()] == "." and (
            token in _ABBREVIATIONS
            or re.fullmatch(r"[a-z]", token)
            or (_ACRONYM_RE.fullmatch(token) and _ACRONYM_FOLLOWERS.match(paragraph, match.end()))
        ):
            continue
        pieces.append(paragraph[start : match.end()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, text) of each clause; a sentence with no clause break is one clause."""
    result, start = [], 0
    for match in _CLAUSE_RE.finditer(sentence):
        result.append((start, sentence[start : match.start()]))
        start = match.end()
    result.append((start, sentence[start:]))
    return [(offset, piece) for offset, piece in result if piece.strip()]
