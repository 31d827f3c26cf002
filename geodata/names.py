"""Name keys: turn a place name as written into the keys the gazetteer is indexed by.

Two keys per name. `exact_key` folds only what never distinguishes two places (case,
diacritics, apostrophe variants, punctuation). `loose_key` also folds the differences
between romanisations of the same Cyrillic name (Kharkiv/Kharkiw, Zaporizhzhia/Zaporizhia,
Kryvyi/Kryvyy, Oryol/Orel) and transliterates Cyrillic, so it is only consulted when the
exact key finds nothing.
"""

import re
import unicodedata

# Apostrophes and look-alikes reporters use for the Ukrainian apostrophe and the soft sign.
_APOSTROPHES = "'’ʼ‘`´ʹ′ʻ\"“”«»"
_PUNCTUATION_TO_SPACE = str.maketrans({c: " " for c in "-‐‑–—_.,;:/()[]!?"})
_DROP = str.maketrans({c: None for c in _APOSTROPHES})

# One Latin spelling for every Ukrainian and Russian letter; the loose key folds the
# remaining differences (h/g, y/i, ye/e), so one table serves both languages.
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie",
        "ё": "e", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    }
)  # fmt: skip

# Order matters: multi-letter spellings of one sound first, then single-letter folds.
_LOOSE_RULES = (
    ("shch", "S"), ("tsch", "C"), ("sch", "S"), ("zh", "Z"), ("kh", "X"), ("ch", "C"),
    ("sh", "S"), ("sz", "S"), ("cz", "C"), ("ts", "c"), ("tz", "c"), ("x", "X"),
    ("w", "v"), ("h", "g"), ("j", "i"), ("y", "i"), ("ie", "e"), ("io", "e"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
_NOT_WORD = re.compile(r"[^0-9a-zA-Z]")
_RUSSIAN_NEUTER_ENDING = re.compile(r"oe\b")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ASCII names (most queries) need only lower() and one table: apostrophes go, punctuation
# becomes a space (the two sets are disjoint, so one table does both steps).
_ASCII_FOLD = str.maketrans({**{c: None for c in _APOSTROPHES}, **_PUNCTUATION_TO_SPACE})


class _CharFold(dict):
    """Code point -> its exact-key form, worked out the first time the character is seen.

    str.translate consults __missing__, so a name costs one C-level pass instead of an
    NFKD pass, a Python loop over combining marks, casefold and two more translations.
    Per character is the same as per string here: NFKD decomposes each character on its
    own and canonical reordering only moves combining marks, which are all dropped.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _strip_marks(char).casefold().translate(_DROP).translate(_PUNCTUATION_TO_SPACE)
        self[code] = folded
        return folded


_CHAR_FOLD = _CharFold()


def exact_key(name: str) -> str:
    """Case, diacritics, apostrophes and punctuation folded; spelling kept."""
    if name.isascii():
        if name.isalpha():  # the usual one-word name: nothing to drop, nothing to split
            return name.lower()
        folded = name.lower().translate(_ASCII_FOLD)
    else:
        folded = name.translate(_CHAR_FOLD)
    # str.split() and the regex \s agree on what whitespace is; this is the cheaper one.
    return " ".join(folded.split())


def loose_key(name: str) -> str:
    """A romanisation-blind key: Cyrillic transliterated, variant spellings folded."""
    return loose_key_of_exact(exact_key(name))


def loose_key_of_exact(text: str) -> str:
    """loose_key for text that is already an exact key (saves folding the name twice)."""
    if not text.isascii():
        text = text.translate(_CYRILLIC_TO_LATIN)
        text = _strip_marks(text)
    text = _RUSSIAN_NEUTER_ENDING.sub("e", text)  # Kamenskoye -> Kamenske after ye -> e
    for spelling, folded in _LOOSE_RULES:
        if spelling in text:
            text = text.replace(spelling, folded)
    text = _RUSSIAN_NEUTER_ENDING.sub("e", text)
    text = _NOT_WORD.sub("", text)
    return _DOUBLED.sub(r"\1", text)


def has_letters(text: str) -> bool:
    # Names nearly always start with a letter: answer that without a generator.
    return text[:1].isalpha() or any(c.isalpha() for c in text)


# A word character that is neither a digit, "_", nor in the Latin or Cyrillic blocks: every
# letter of another script is one (so is a numeral such as "²", hence the exact check after).
_MAYBE_OTHER_SCRIPT = re.compile(r"[^\W\d_A-ʯЀ-ԯ]")


def is_latin_or_cyrillic(name: str) -> bool:
    """True for names written in Latin or Cyrillic letters, the scripts reports use."""
    if not _MAYBE_OTHER_SCRIPT.search(name):
        return True
    for char in name:
        if char.isalpha() and not ("A" <= char <= "ʯ" or "Ѐ" <= char <= "ԯ"):
            return False
    return True
