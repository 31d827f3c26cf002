"""Ukrainian and Russian word forms, for looking inflected place names up.

The gazetteer knows "Харків" and "Белгородская область"; reports write "у Харкові",
"в Белгородской области", "Білій Церкві", "на Сумщині". The morphological analyser
(pymorphy3 with the OpenCorpora / VESUM dictionaries from PyPI, no download at run time)
gives each word's dictionary forms, and adjectives are put back into the nominative of
their own gender, so a phrase becomes the few nominative phrases it can stand for.
"""

import functools
import itertools
import re

import pymorphy3

from geodata.names import exact_key, loose_key
from geodata.regions import REGIONS, Region, find_regions

LANGUAGES = ("uk", "ru")
# Reporters type the Ukrainian apostrophe in several ways; the dictionary has one.
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ‘`´"})
# A word the analyser knows only as a person's name (tags of both dictionaries).
_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
_MAX_PHRASES = 16


@functools.cache
def analyser(lang: str) -> pymorphy3.MorphAnalyzer:
    if lang not in LANGUAGES:
        raise ValueError(f"no morphology for language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return pymorphy3.MorphAnalyzer(lang=lang)


def normal_word(word: str) -> str:
    """The spelling the dictionaries use: one apostrophe, ё as е, lower case."""
    return word.translate(_APOSTROPHES).lower().replace("ё", "е")


@functools.lru_cache(maxsize=65536)
def parses(word: str, lang: str) -> tuple:
    """The analyser's readings of a word (pymorphy3 Parse objects), best first."""
    return tuple(analyser(lang).parse(normal_word(word)))


def lemmas(word: str, lang: str) -> tuple[str, ...]:
    """Every dictionary form the word may be a form of, best first (ё folded to е)."""
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses(word, lang)))


def is_person_word(word: str, lang: str) -> bool:
    """A first name, surname or patronymic in every reading ("Гладков", "Олег")."""
    found = parses(word, lang)
    return bool(found) and all(_PERSON_TAGS & set(p.tag.grammemes) for p in found)


def is_first_name(word: str, lang: str) -> bool:
    found = parses(word, lang)
    return bool(found) and "Name" in found[0].tag.grammemes


@functools.lru_cache(maxsize=65536)
def nominatives(word: str, lang: str) -> tuple[str, ...]:
    """The nominative forms a word of a place name may stand for: the word itself when it
    may be nominative, each noun reading's dictionary form, and an adjective in the
    nominative of its own gender and number ("Днепровской" -> "днепровская",
    "Приморському" -> "приморський", "приморське")."""
    if "-" in word:
        parts = [nominatives(part, lang) or (normal_word(part),) for part in word.split("-")]
        return tuple(dict.fromkeys("-".join(combo) for combo in itertools.product(*parts)))[:_MAX_PHRASES]
    forms = []
    readings = parses(word, lang)
    if any("nomn" in p.tag.grammemes for p in readings) or not readings:
        forms.append(normal_word(word))
    for reading in readings:
        if reading.tag.POS in ("ADJF", "PRTF"):
            wanted = {"nomn", "plur"} if "plur" in reading.tag.grammemes else {"nomn", "sing"}
            gender = str(reading.tag.gender) if reading.tag.gender else None
            if gender and "plur" not in reading.tag.grammemes:
                wanted.add(gender)
            if lang == "uk":
                wanted.discard("sing")  # the Ukrainian dictionary marks the singular by gender alone
            inflected = reading.inflect(wanted)
            if inflected is not None:
                forms.append(inflected.word)
        else:
            forms.append(reading.normal_form)
            if "plur" in reading.tag.grammemes:
                # "в Лисках", "у Сумах": towns named in the plural keep it in the nominative.
                plural = reading.inflect({"nomn"})
                if plural is not None:
                    forms.append(plural.word)
    return tuple(dict.fromkeys(form.replace("ё", "е") for form in forms))


def phrase_forms(words: list[str], lang: str) -> list[str]:
    """Nominative phrases a run of words may stand for, likeliest first
    (["Білій", "Церкві"] -> "біла церква", ...), at most a few."""
    choices = [nominatives(word, lang)[:4] or (normal_word(word),) for word in words]
    found = []
    for combo in itertools.islice(itertools.product(*choices), _MAX_PHRASES):
        found.append(" ".join(combo))
    return list(dict.fromkeys(found))


# "Сумщина", "Донеччина", "Белгородчина": the land around a city, named with the suffix
# both languages form such names with.
_LAND_SUFFIX = re.compile(r"(?:щина|ччина|чина)$")


@functools.lru_cache(maxsize=4096)
def land_region(word: str, lang: str) -> Region | None:
    """The region a land name denotes ("на Сумщині" -> Sumy Oblast), or None."""
    for lemma in lemmas(word, lang):
        if not _LAND_SUFFIX.search(lemma):
            continue
        key = loose_key(lemma)
        for region in REGIONS:
            if any(loose_key(name) == key for name in region.standalone):
                return region
        stem = _LAND_SUFFIX.sub("", lemma)
        if len(stem) >= 3:
            found = [r for r in find_regions(stem, qualified=True) if exact_key(r.name) != exact_key(stem)]
            if len(found) == 1 or (found and len({r.name for r in found}) == 1):
                return found[0]
    return None


# The suffixes that make an adjective of a town's name ("Шебекино" -> "шебекинский"),
# and the endings such names take back; derivation, which the dictionaries do not record.
_ADJECTIVE_SUFFIX = re.compile(r"(?:ськ|цьк|ск|цк)(?:ий|ій|ая|а|е|ое|ие|і)$")
_NAME_ENDINGS = ("", "о", "е", "и", "ы", "а", "ка", "і")


def adjective_stems(word: str, lang: str) -> list[str]:
    """Names a place adjective may be made from: "Валуйском" -> "валуй", "валуйки", ...
    For looking up the town a district is named after; the caller keeps only a match the
    gazetteer finds unambiguous."""
    found = []
    for lemma in lemmas(word, lang):
        if not _ADJECTIVE_SUFFIX.search(lemma):
            continue
        stem = _ADJECTIVE_SUFFIX.sub("", lemma)
        stems = [stem, stem[:-2]] if stem.endswith("ин") else [stem]  # Шостка -> шосткинський
        for base in stems:
            if len(base) >= 4:
                found.extend(base + ending for ending in _NAME_ENDINGS)
        if re.search(r"(?:ськ|ск)(?:ий|ій)$", lemma):
            found.append(re.sub(r"(?:ий|ій)$", "", lemma))  # Рыльск -> рыльский
    return list(dict.fromkeys(found))
