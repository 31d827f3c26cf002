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


def damage(text: str) -> list[str]:
    """Short damage phrases ("residential building damaged"), in the order written."""
    found = []
    for regex, template in _DAMAGE_PATTERNS:
        for match in regex.finditer(text):
            what = re.sub(r"^(?:an?|the)\s+", "", match["what"].strip())
            state = "destroyed" if match.group(0).lower().startswith("destroy") else "damaged"
            if what:
                found.append((match.start(), template.format(what=what, state=state)))
    return [phrase for _, phrase in sorted(found)]
