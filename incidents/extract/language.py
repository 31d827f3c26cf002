"""Which language a report is written in: English, Ukrainian or Russian.

Decided per text from its letters: a text mostly in Cyrillic is Ukrainian or Russian,
told apart by the letters only one of them has (і ї є ґ against ы э ё ъ) and, when a
short text has none, by the little words only one of them uses.
"""

import re

from incidents.extract.errors import ExtractError

LANGUAGES = ("en", "uk", "ru")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_UKRAINIAN_LETTERS_RE = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_LETTERS_RE = re.compile(r"[ыэёъЫЭЁЪ]")
_UKRAINIAN_WORDS = frozenset("і й та що це як від до за під через його її їх є був була було вони".split())
_RUSSIAN_WORDS = frozenset("и что это как от по его ее их был была было они при также".split())


def check_language(lang: str | None) -> str | None:
    """The language code as given, or None; ExtractError for one extraction cannot read."""
    if lang is None:
        return None
    code = str(lang).strip().lower()
    if code not in LANGUAGES:
        raise ExtractError(
            f"language {lang!r} is not one extraction reads: use one of {', '.join(LANGUAGES)}"
        )
    return code


def detect_language(text: str) -> str:
    """ "en", "uk" or "ru": the language most of the text's letters are written in."""
    cyrillic = len(_CYRILLIC_RE.findall(text))
    if cyrillic == 0 or cyrillic < len(_LATIN_RE.findall(text)):
        return "en"
    ukrainian = len(_UKRAINIAN_LETTERS_RE.findall(text))
    russian = len(_RUSSIAN_LETTERS_RE.findall(text))
    words = re.findall(r"[\w'’]+", text.lower())
    ukrainian += sum(word in _UKRAINIAN_WORDS for word in words) / 4
    russian += sum(word in _RUSSIAN_WORDS for word in words) / 4
    return "uk" if ukrainian > russian else "ru"
