"""Find place names in running text cheaply: capitalised word runs looked up in the index.

News text is full of capitalised words that are also village names somewhere (a "Mayak",
a "Pobeda") or alternate names of big cities, so a run counts as a place only when it is
not a common word and the place is either sizeable or written exactly as GeoNames spells
it. Region phrases ("Kharkiv region", "Belgorod Oblast") count too, as regions.
"""

import re
from collections.abc import Iterable

from geodata.countries import FOCUS_COUNTRIES
from geodata.index import shared_index
from geodata.names import exact_key
from geodata.places import PlaceMatch, resolve_in_index
from geodata.query import MAX_QUERY_LENGTH
from geodata.words import NOT_PLACES

# A settlement named by an alternate spelling must be at least this big to count;
# one spelled exactly as its GeoNames name, at least MIN_EXACT_POPULATION.
MIN_POPULATION = 20_000
MIN_EXACT_POPULATION = 1_000
MAX_WORDS = 3

_WORD = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w’'ʼ-]*[\w]|[A-ZА-ЯЁІЇЄҐ]")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_REGION_WORD = re.compile(r"\s+(region|oblast|Oblast|Region|krai|Krai|область|області|обл\.)", re.UNICODE)


def _runs(text: str):
    """(start, end, words) for each run of capitalised words separated by single spaces."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    run: list[tuple[int, int]] = []
    for start, end in words:
        if run and text[run[-1][1] : start] not in (" ", "-"):
            yield run
            run = []
        run.append((start, end))
    if run:
        yield run


def _acceptable(match: PlaceMatch, written: str, countries) -> bool:
    if countries is not None and match.country not in countries:
        return False
    if match.geo_precision == "admin1":
        return True
    population = match.population or 0
    if population >= MIN_POPULATION:
        return True
    return population >= MIN_EXACT_POPULATION and written == match.name


def find_place_mentions(
    text: str, *, countries: Iterable[str] | None = FOCUS_COUNTRIES
) -> list[tuple[int, int, PlaceMatch]]:
    """(start, end, PlaceMatch) for each place named in `text`, in text order.

    Tries the longest run of up to three capitalised words first (Latin or Cyrillic);
    `countries` keeps places in those countries only (None: anywhere).
    """
    if not isinstance(text, str) or not text:
        return []
    wanted = None if countries is None else {c.upper() for c in countries}
    index = shared_index()
    found: list[tuple[int, int, PlaceMatch]] = []
    for run in _runs(text):
        position = 0
        while position < len(run):
            hit = _longest_match(text, run, position, index, wanted)
            if hit is None:
                position += 1
                continue
            found.append(hit[:3])
            position += hit[3]
    return found


def _longest_match(text, run, position, index, wanted):
    for length in range(min(MAX_WORDS, len(run) - position), 0, -1):
        start, end = run[position][0], run[position + length - 1][1]
        written = _POSSESSIVE.sub("", text[start:end])
        if length == 1 and exact_key(written) in NOT_PLACES:
            return None
        if not written or len(written) > MAX_QUERY_LENGTH or exact_key(written) in NOT_PLACES:
            continue
        qualifier = _REGION_WORD.match(text, end)
        if qualifier:
            region = resolve_in_index(index, f"{written} {qualifier.group(1)}")
            if region is not None and _acceptable(region, written, wanted):
                return start, qualifier.end(), region, length
        if length == 1 and _followed_by_surname(text, run, position, index):
            return None
        match = resolve_in_index(index, written)
        if match is not None and match.country not in (wanted or {match.country}):
            # The best reading is abroad ("Istanbul"); a same-named place at home still counts.
            match = next((a for a in match.alternatives if a.country in wanted), None)
        if match is not None and _acceptable(match, written, wanted):
            return start, start + len(written), match, length
    return None


def _followed_by_surname(text, run, position, index) -> bool:
    """ "Vladimir Putin": a name followed by a capitalised non-place word is a person."""
    if position + 1 >= len(run):
        return False
    start, end = run[position + 1]
    following = exact_key(_POSSESSIVE.sub("", text[start:end]))
    return following not in NOT_PLACES and following not in index.exact
