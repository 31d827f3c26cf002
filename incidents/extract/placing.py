"""Places checked against the regions an article names: a namesake inside them is preferred,
one hundreds of kilometres from all of them is not accepted, and a settlement the gazetteer
cannot place becomes "needs a place" in the region the text is talking about.

Pure: `named` maps each admin1 the article has named so far to its admin1-level match.
"""

import dataclasses

from geodata.distance import distance_km
from incidents.extract.mentions import Mention, lookup

# A namesake this far from every region the text names is not the place it means.
FAR_KM = 300
# A city this large is what its name means wherever the article is (Lviv, Odesa).
TRUSTED_POPULATION = 100_000


def trusted(match) -> bool:
    return (match.population or 0) >= TRUSTED_POPULATION and not match.ambiguous


def place_in_context(
    target: Mention,
    regions: list[str],
    region_before: str | None,
    named: dict,
    nearby: dict | None = None,
) -> Mention:
    """The target checked against the regions the text names.

    `regions` are the ones its sentence names (where it is), `region_before` the one the
    text was in before it, `nearby` the regions of places the sentence only locates by
    ("Nikolskoye in the Belgorod district"). A settlement in none of them is looked for in
    each; failing that, one far from all of them (a namesake across the country) or one the
    gazetteer does not know becomes "needs a place" in the region the text is talking about
    (with no region to put it in, it is proposed unplaced)."""
    if target.is_region or target.is_country or target.match.geo_precision == "admin1":
        return target
    known = {**{k: v for k, v in (nearby or {}).items() if v is not None}, **named}
    order = [*regions, *(r for r in named if r not in regions)]
    order += [r for r in known if r not in order]
    home = next(iter(regions), None) or region_before or (order[0] if order else None)
    match = target.match
    if not target.needs_place:
        if not order or match.admin1 in order or trusted(match):
            return target
        for region in order:
            better = lookup(target.text, region=region)
            if better is not None and better.admin1 == region:
                return dataclasses.replace(target, match=better)
        points = [known[r] for r in order]
        if not all(
            distance_km(match.latitude, match.longitude, p.latitude, p.longitude) > FAR_KM for p in points
        ):
            return target
    if home is None:
        # No region to put it in: proposed unplaced, for the analyst to place.
        return dataclasses.replace(target, needs_place=True) if target.needs_place else target
    return dataclasses.replace(target, match=known[home], needs_place=True)


def far_note(target: Mention, named: dict) -> str | None:
    """ "Sumy (Sumy Oblast) is 140 km from Kharkiv Oblast, the nearest region the text
    names": shown for review when a settlement lies in none of the regions the text names."""
    match = target.match
    if target.is_region or target.needs_place or not named or trusted(match):
        return None
    if match.admin1 in named or match.latitude is None:
        return None
    km, name = min(
        (distance_km(match.latitude, match.longitude, point.latitude, point.longitude), name)
        for name, point in named.items()
    )
    return f"{target.text} ({match.admin1}) is {km:.0f} km from {name}, the nearest region the text names"
