"""Words of reports that are not place names: the calendar, and capitalised words that
GeoNames also knows as some place's name.

Kept here, the lowest layer that needs them: the place finders (geodata.mentions, the
extractor's fallback in incidents.extract.mentions) skip them, and incidents reads dates
with the same month names.
"""

from geodata.names import exact_key

# By month: the English name, its abbreviations, then Ukrainian and Russian, each genitive
# (as a date is written: "20 липня") and nominative.
_MONTH_NAMES = (
    ("january", "jan", "січня", "січень", "января", "январь"),
    ("february", "feb", "лютого", "лютий", "февраля", "февраль"),
    ("march", "mar", "березня", "березень", "марта", "март"),
    ("april", "apr", "квітня", "квітень", "апреля", "апрель"),
    ("may", "травня", "травень", "мая", "май"),
    ("june", "jun", "червня", "червень", "июня", "июнь"),
    ("july", "jul", "липня", "липень", "июля", "июль"),
    ("august", "aug", "серпня", "серпень", "августа", "август"),
    ("september", "sep", "sept", "вересня", "вересень", "сентября", "сентябрь"),
    ("october", "oct", "жовтня", "жовтень", "октября", "октябрь"),
    ("november", "nov", "листопада", "листопад", "ноября", "ноябрь"),
    ("december", "dec", "грудня", "грудень", "декабря", "декабрь"),
)
# Every month name, lower case -> the month's number (1-12).
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
ENGLISH_MONTHS = tuple(names[0] for names in _MONTH_NAMES)
# "Jan." or "Sept." does not end a sentence.
MONTH_ABBREVIATIONS = tuple(name for names in _MONTH_NAMES for name in names[1:] if name.isascii())
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Capitalised words in news text that GeoNames also knows as some place's name, or that
# start a sentence before one ("In Zaporizhzhia"), as exact keys (geodata.names).
COMMON_WORDS = frozenset(
    exact_key(word)
    for word in (
        *WEEKDAYS,
        *ENGLISH_MONTHS,
        *"""
        President Mayor Governor Minister Ministry Defense Defence Kremlin NATO Patriot Peace
        Drone Drones Later Earlier Despite Meanwhile Overnight According The This That These
        Those A An One Two Three Four Five Six Seven Eight Nine Ten At In On Of And But Our
        Ukrainian Russian Western European U.S. US EU UN Telegram Air Force Trump Putin
        Zelensky Zelenskyy Peskov Sobyanin Victory Pobeda Mir Svoboda Druzhba Progress Zarya
        Mayak Voskhod Oktyabr Komsomol
        """.split(),
    )
)
# First names that are also towns (Vladimir, Volodymyr, Anna): a person's in "Vladimir
# Putin". A finder that sees only capitalised words takes them for people always; one that
# knows the words before ("struck Vladimir") only when a surname follows.
GIVEN_NAMES = frozenset(
    exact_key(word)
    for word in """
    Vladimir Volodymyr Dmitry Dmitri Sergei Sergey Donald Ivan Oleksandr Alexander Andriy
    Yuri Yury Mykola Nikolai Olga Maria Anna Elena Oleg Pavel Igor Ihor Vitali Vitaliy
    """.split()
)
NOT_PLACES = COMMON_WORDS | GIVEN_NAMES


def is_common_word(words: str) -> bool:
    """True for a word (or words) that names no place whatever GeoNames lists under it."""
    return exact_key(words) in COMMON_WORDS


def is_given_name(word: str) -> bool:
    return exact_key(word) in GIVEN_NAMES
