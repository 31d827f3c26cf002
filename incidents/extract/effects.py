"""Power outages and damage as reported: "around 100 households", "281,072 consumers"."""

import re

from incidents.extract.numbers import normalize_numbers

_POWER_RE = re.compile(
    r"\b(?:power|electricity|light|blackouts?|outages?|de-?energi[sz]ed|without (?:heat|gas))\b"
)
_HOUSEHOLD = (
    r"(?:households|homes|consumers|subscribers|customers|families|apartments|houses"
    r"|residents|users)"
)
_OUTAGE_RE = re.compile(
    r"(?:(?:some|around|about|approximately|nearly|almost|over|more than|up to|at least)\s+)?"
    rf"(?P<n>\d+)\s+(?:(?:[a-z]+\s+){{0,2}}?){_HOUSEHOLD}\b"
)
_DAMAGE_PATTERNS = (
    # "three houses were destroyed", "a school was damaged"
    (
        re.compile(
            r"\b(?P<what>(?:[\w-]+\s+){0,2}?(?:houses?|homes?|buildings?|apartments?|cars?|vehicles?"
            r"|windows|facilit(?:y|ies)|infrastructure|schools?|kindergartens?|hospitals?|shops?"
            r"|warehouses?|garages?|roofs?|substations?|enterprises?|blocks?|pipelines?|power lines?"
            r"|bridges?|churches?|markets?|offices?|plants?|factories|factory|stations?))"
            r"\s+(?:was|were|had been|have been)\s+"
            r"(?:partially\s+|partly\s+|badly\s+|severely\s+|completely\s+)?"
            r"(?:damaged|destroyed)\b",
            re.IGNORECASE,
        ),
        "{what} {state}",
    ),
    # "damaged a residential building" -> "residential building damaged"
    (
        re.compile(
            r"\b(?:damag|destroy)(?P<verb>ed|ing)\s+(?P<what>(?:an?\s+|the\s+|several\s+|\d+\s+"
            r"|dozens of\s+)?"
            r"[a-z][a-z -]*?)(?=[,.;]|\s+(?:and|but|in|on|at|with|after|as|while|according)\b|$)",
            re.IGNORECASE,
        ),
        "{what} {state}",
    ),
    (
        re.compile(
            r"\b(?P<verb>struck|hit)\s+(?:an?\s+|the\s+)(?P<what>(?:[a-z-]+\s+){0,2}?"
            r"(?:apartment|house|building|car|bus|substation|depot|school|hospital|train|port|"
            r"enterprise|facility|shop|store|roof|vehicle)s?)\b",
            re.IGNORECASE,
        ),
        "{what} struck",
    ),
    (
        re.compile(
            r"\b(?:fires?|blaze)\s+(?:at|in|on)\s+(?P<what>(?:an?\s+|the\s+)?[a-z][a-z -]*?)"
            r"(?=[,.;]|\s+(?:and|but|after|as|while|according)\b|$)",
            re.IGNORECASE,
        ),
        "fire at {what}",
    ),
    (
        re.compile(r"\b(?:power outages?|blackouts?)\s+affecting\s+(?P<what>[^,.;]+)", re.IGNORECASE),
        "power outages affecting {what}",
    ),
)


def households_without_power(text: str) -> int | None:
    """The outage size a sentence reports, or None when it reports no outage."""
    normal = normalize_numbers(text)
    if not _POWER_RE.search(normal):
        return None
    match = _OUTAGE_RE.search(normal)
    return int(match["n"]) if match else None


def household_count(text: str) -> int | None:
    """A count of households or consumers, outage or not said ("put the figure at 95,812
    consumers"): only good for refining an outage already reported."""
    match = _OUTAGE_RE.search(normalize_numbers(text))
    return int(match["n"]) if match else None


def damage(text: str) -> list[str]:
    """Short damage phrases ("residential building damaged"), in the order written."""
    found = []
    for regex, template in _DAMAGE_PATTERNS:
        for match in regex.finditer(text):
            what = re.sub(r"^(?:an?|the)\s+", "", match["what"].strip())
            state = "destroyed" if re.search(r"destroy", match.group(0), re.IGNORECASE) else "damaged"
            # "were destroyed in the strike": a passive verb's phrase says when, not what.
            if what and not re.match(
                r"(?:in|on|at|by|during|after|as|when|overnight|and|but|or|while)\b", what
            ):
                found.append((match.start(), template.format(what=what, state=state)))
    return [phrase for _, phrase in sorted(found)]
