"""How directly a source saw a strike: the one order that decides whose figure an
incident shows (`incidents.consolidate.figures`).

From most to least direct:

3. official regional post: the regional or city military administration, a governor,
   a mayor, a regional police or emergency service (who count the casualties first);
2. national authority summary: the Air Force, the General Staff, a ministry, the
   national emergency service (a summary of the regional posts, often without figures);
1. news agency or outlet: Suspilne, Ukrinform, Reuters, AP, TASS... (quoting the above);
0. anything else: a dataset compiled from the news (ACLED), a blog, an unnamed source.

The order is read from the source's name (`source_name`), by the words below, in
English, Ukrainian and Russian; the first rank whose words the name contains wins.
"""

import re

REGIONAL, NATIONAL, NEWS, OTHER = 3, 2, 1, 0
RANK_NAMES = {
    REGIONAL: "official regional post",
    NATIONAL: "national authority summary",
    NEWS: "news",
    OTHER: "other",
}

_WORDS = (
    (
        REGIONAL,
        (
            "regional",
            "oblast",
            "military administration",
            "city council",
            "governor",
            "mayor",
            "ova",
            "oda",
            "mva",
            "head of the",
            "regional police",
            "ова",
            "ода",
            "мва",
            "обласн",
            "міськ",
            "губернатор",
            "мэр",
            "глава",
        ),
    ),
    (
        NATIONAL,
        (
            "air force",
            "general staff",
            "ministry",
            "state emergency service",
            "dsns",
            "national police",
            "president",
            "armed forces",
            "defence forces",
            "defense forces",
            "sbu",
            "mod ",
            "повітряні сили",
            "генштаб",
            "генеральний штаб",
            "міноборони",
            "минобороны",
            "дснс",
            "мчс",
        ),
    ),
    (
        NEWS,
        (
            "news",
            "agency",
            "suspilne",
            "ukrinform",
            "reuters",
            "associated press",
            "afp",
            "interfax",
            "tass",
            "ria ",
            "bbc",
            "kyiv independent",
            "ukrainska pravda",
            "hromadske",
            "unian",
            "rbc",
            "kommersant",
            "meduza",
            "cnn",
            "guardian",
            "times",
            "article",
            "report of",
            "суспільне",
            "укрінформ",
            "тасс",
            "новини",
            "новости",
        ),
    ),
)
_PATTERNS = [
    (rank, re.compile("|".join(rf"(?<!\w){re.escape(word)}" for word in words))) for rank, words in _WORDS
]


def directness(source_name: str | None) -> int:
    """The source's rank in the order above (3 most direct, 0 unknown)."""
    name = (source_name or "").casefold() + " "
    for rank, pattern in _PATTERNS:
        if pattern.search(name):
            return rank
    return OTHER
