"""find_place_mentions on the seed report and on sentences built to trip it."""

from pathlib import Path

from geodata.places import find_place_mentions

SEED = Path("/work/shared/seed/report-2025-07-22.txt")
REPORT = (
    SEED.read_text(encoding="utf-8")
    if SEED.exists()
    else "The Kremlin said on Sunday that Istanbul would host talks. In Zaporizhzhia, a drone "
    "strike wounded two women. In Kharkiv, Sumy and Zelenograd, near Moscow, drones hit homes. "
    "President Vladimir Putin and Donald Trump, NATO, Patriot, Saturday, Mayor Sergei Sobyanin."
)


def _names(text, **options):
    return [(text[start:end], match.name) for start, end, match in find_place_mentions(text, **options)]


def test_seed_report_places_are_found():
    found = {name for _, name in _names(REPORT)}
    assert {"Zaporizhzhia", "Kharkiv", "Sumy", "Zelenograd", "Moscow"} <= found


def test_common_words_and_people_are_not_places():
    written = {text for text, _ in _names(REPORT)}
    for word in (
        "Kremlin",
        "Sunday",
        "Saturday",
        "NATO",
        "Trump",
        "Patriot",
        "Mayor",
        "Vladimir",
        "Drone",
    ):
        assert word not in written
    assert "Istanbul" not in written  # a real city, but in Turkey


def test_country_filter_and_spans():
    text = "Talks in Istanbul; strikes on Kharkiv."
    assert _names(text, countries=None) == [("Istanbul", "Istanbul"), ("Kharkiv", "Kharkiv")]
    start, end, match = find_place_mentions(text)[0]
    assert text[start:end] == "Kharkiv" and match.country == "UA"


def test_region_phrases_and_cyrillic():
    text = "Shelling in Belgorod region and the Kharkiv Oblast; удар по Києву, Суми."
    found = _names(text)
    assert ("Belgorod region", "Belgorod Oblast") in found
    assert ("Kharkiv Oblast", "Kharkiv Oblast") in found
    assert ("Суми", "Sumy") in found


def test_possessive_and_empty_text():
    assert _names("Moscow’s Defense Ministry said") == [("Moscow", "Moscow")]
    assert find_place_mentions("") == []
