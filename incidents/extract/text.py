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
# A byline or dateline opening a paragraph: "KYIV, Ukraine (AP) —", "KYIV (Reuters) –",
# "MOSCOW (Reuters):", "(LONDON) --", "(MENAFN- UkrinForm)". It says where the story was
# filed, never where a strike was: set aside before the paragraph is read.
_BYLINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,2}(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?"
    r"\((?:[A-Za-z][\w.&/]*(?:[\s-]{1,2}[A-Za-z][\w.&/]*){0,2})\)\s*(?:(?:[-–—:]|--)\s*)?"
    r"(?=[\"“‘A-Z0-9(])"
)
_RELATED_RE = re.compile(r"^(?:read|see) (?:also|more)\b\s*[:—–-]", re.IGNORECASE)
_DATELINE_PLACE_RE = re.compile(r"^[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]{2,}){0,2}(?=[\s,(])")
# "Kyiv (Reuters) -", "Odesa, Ukraine, Oct 3 (AP) —": syndicated copies print the place in
# title case; without capitals only a named agency and the dash set it apart from text such
# as "Zelensky (pictured) - said".
_AGENCIES = (
    r"Reuters|AP|AFP|Ukrinform|Interfax(?:-Ukraine)?|TASS|RIA(?:\s+Novosti)?|dpa|Bloomberg|UNN|RBC-Ukraine"
    r"|Kyiv Independent|Anadolu|EFE|ANSA|PAP|Xinhua|CNN|BBC|Suspilne"
)
_TITLE_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][a-z'’]+(?:[\s-][A-Z][a-z'’]+){0,2})(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    rf"\((?:{_AGENCIES})\)\s*(?:[-–—:]|--)\s*(?=[\"“‘A-Z0-9])"
)
# "KHARKIV, Ukraine — ": a dateline in capitals and a dash, with no agency named.
_CAPS_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]{2,}){0,2}(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?\s*(?:—|–|--)\s*"
    r"(?=[\"“‘A-Z0-9])"
)
# Where a sentence holds two separate events: "A woman was killed in X, and two men in Y".
_CLAUSE_RE = re.compile(r";\s*|,\s+(?:and|while|but|whereas|meanwhile)\s+|\s+while\s+")


@dataclasses.dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    headline: bool = False  # a title line: it sums up the story the body tells
    dateline: str | None = None  # "KHARKIV, Ukraine (AP) —": where the story was filed


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (one per line), without clutter lines."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line and not is_clutter(line)]


def is_clutter(line: str) -> bool:
    """A short line without a sentence ("Conversation", "Share") is page furniture, and so is
    a link to another story ("Read also: ..."), whose strike is not this one."""
    words = line.split()
    if line.strip().casefold() in _CLUTTER_WORDS or _RELATED_RE.match(line.strip()):
        return True
    return len(words) <= 3 and not re.search(r"[.!?\d]", line)


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, tagged with the index of its paragraph."""
    result = []
    lines = paragraphs(text)
    for index, paragraph in enumerate(lines):
        place, body = split_byline(paragraph)
        pieces = split_sentences(body)
        headline = index < len(lines) - 1 and is_headline(pieces)
        for piece in pieces:
            result.append(Sentence(piece, index, headline, place))
    return result


def is_headline(pieces: list[str]) -> bool:
    """One short line with no full stop: "Russian drone strike on Kharkiv injures ten"."""
    return (
        len(pieces) == 1 and len(pieces[0].split()) <= 20 and not re.search(r"[.!?][\"”’')\]]*$", pieces[0])
    )


def strip_byline(paragraph: str) -> str:
    """The paragraph without the byline or dateline that opens it, if any."""
    return split_byline(paragraph)[1]


def split_byline(paragraph: str) -> tuple[str | None, str]:
    """(the dateline's place in capitals or None, the paragraph without its byline)."""
    place = _DATELINE_PLACE_RE.match(paragraph)
    place = place.group(0).title() if place else None
    titled = _TITLE_DATELINE_RE.match(paragraph)
    if titled:
        return titled["place"], paragraph[titled.end() :]
    found = _BYLINE_RE.match(paragraph)
    if found is None:
        bare = _CAPS_DATELINE_RE.match(paragraph)
        return (place, paragraph[bare.end() :]) if bare else (None, paragraph)
    # An agency in brackets alone ("(Reuters)") or after a capitalised place; not "(Kharkiv)".
    inside = found.group(0)
    if not re.match(r"^[A-Z]{2}", inside) and not re.search(r"\([A-Z]{2,}|\(\w+-\s|--|[-–—:]\s*$", inside):
        return None, paragraph
    return place, paragraph[found.end() :]


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
