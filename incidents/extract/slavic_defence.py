"""Air-defence claims in a Ukrainian or Russian sentence.

"ППО знищила 16 із 27 ворожих БпЛА", "збито/подавлено 133 ворожих БпЛА", "перехвачены и
уничтожены 45 БПЛА над территорией Белгородской области", and the per-region breakdown
that follows a national figure ("24 дрона ... над территорией Брянской области, 21 — над
территорией Белгородской области"): a figure followed by what air defence counts (drones,
missiles, targets) is the claim's; a figure just before a region named with "над"/"в" is
that region's.
"""

import dataclasses

from geodata.morphology import lemmas
from incidents.extract import slavic_words as words
from incidents.extract.slavic_figures import Token, number_at
from incidents.extract.slavic_places import Place

_OVER = frozenset({"над", "в", "у", "во"})
_TERRITORY = frozenset({"територією", "территорией", "територіями", "территориями"})
_FROM = frozenset({"із", "з", "зі", "из", "со", "от"})
_SEGMENT_BREAKS = frozenset({",", ";", "(", ")", ":"})


@dataclasses.dataclass(frozen=True)
class Claim:
    field: str  # launched, shot_down, lost
    count: int
    area: Place | None = None
    weapon: str = "drone"


def read_claims(tokens: list[Token], places: list[Place]) -> list[Claim]:
    """The air-defence figures a sentence states (none unless it says something was shot
    down, lost or launched)."""
    has_shot = any(t.has(words.SHOT_DOWN) for t in tokens if t.kind == "word")
    has_lost = any(t.has(words.LOST) for t in tokens if t.kind == "word")
    has_launch = any(t.has(words.LAUNCH) for t in tokens if t.kind == "word")
    if not (has_shot or has_lost or has_launch):
        return []
    if any(tuple(t.lower for t in tokens[i : i + 2]) in words.CUMULATIVE_OPENERS for i in range(len(tokens))):
        return []  # "з початку повномасштабного вторгнення": a war total
    claims: list[Claim] = []
    used: set[int] = set()
    if has_shot:
        for place in places:
            if place.kind != "region":
                continue
            before = [t.lower for t in tokens[max(0, place.start - 2) : place.start]]
            if not any(word in _OVER for word in before) or _in_list(tokens, place):
                continue
            count = _count_after(tokens, place.end, used)
            if count is None:
                count = _count_before(tokens, place.start, used)
            if count is not None:
                claims.append(Claim("shot_down", count, place, _weapon(tokens)))
    i = 0
    while i < len(tokens):
        if i in used:
            i += 1
            continue
        number = number_at(tokens, i)
        if number is None:
            i += 1
            continue
        value, j = number
        of = _of_total(tokens, j)
        k = _aerial_after(tokens, j if of is None else of[1])
        if k is None and of is not None:
            k = of[1]
        if k is None and has_lost and _lost_after(tokens, j):
            claims.append(Claim("lost", value, None, _weapon(tokens)))  # "ще 9 локаційно втрачені"
            i = j
            continue
        if k is None:
            i = j
            continue
        field = _field(tokens, i, has_shot, has_lost)
        if field is not None:
            # "112 дронами та 5 ракетами": each figure's weapon is the word it counts.
            weapon = "missile" if k < len(tokens) and tokens[k].has({"ракета"}) else "drone"
            claims.append(Claim(field, value, None, weapon))
            if of is not None and field == "shot_down":
                claims.append(Claim("launched", of[0], None, weapon))
        i = k + 1
    regional = [c for c in claims if c.area is not None]
    over = [p for p in places if p.kind == "region" and _over(tokens, p) and not _in_list(tokens, p)]
    if not regional and len(over) == 1:
        # "над территорией Ростовской области уничтожены 15 беспилотников": that region's.
        claims = [dataclasses.replace(c, area=over[0]) for c in claims]
    return claims


def _over(tokens, place) -> bool:
    before = [t.lower for t in tokens[max(0, place.start - 2) : place.start]]
    return any(word in _OVER for word in before)


def _in_list(tokens, place) -> bool:
    """ "у Дніпропетровській, Запорізькій ... областях": regions listed together share the
    figure; none is a region's own."""
    for token in tokens[place.end - 1 : place.end + 8]:
        if token.kind == "word" and token.has(words.REGION_WORDS):
            return "plur" in token.grammemes
    return False


def _count_after(tokens, end, used) -> int | None:
    """ "над Брянской областью – 12": the figure a dash puts after the region."""
    k = end
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].has(words.REGION_WORDS):
        k += 1
    if k + 1 < len(tokens) and tokens[k].text in ("–", "—", "-", ":"):
        number = number_at(tokens, k + 1)
        if number is not None and (k + 1) not in used:
            used.add(k + 1)
            return number[0]
    return None


def _count_before(tokens, start, used) -> int | None:
    """The figure closest before a region, within its part of the sentence."""
    i = start - 1
    while i >= 0 and tokens[i].text not in _SEGMENT_BREAKS:
        i -= 1
    best = None
    k = i + 1
    while k < start:
        number = number_at(tokens, k)
        if number is not None and _is_day(tokens, number[1]):
            number = None  # "в ночь на 10 июля": a date
        if number is not None and k not in used:
            best = (number[0], k)
            k = number[1]
        else:
            k += 1
    if best is None:
        return None
    used.add(best[1])
    return best[0]


def _is_day(tokens, j) -> bool:
    return j < len(tokens) and any(lemma in words.MONTHS for lemma in tokens[j].lemmas)


def _lost_after(tokens, j) -> bool:
    for token in tokens[j : j + 4]:
        if token.kind == "word" and token.has(words.LOST):
            return True
        if token.text in ("–", "—", "-"):
            continue  # "ще 8 – локаційно втрачені"
        if token.kind != "word" or token.pos not in ("ADVB", "ADJF"):
            return False
    return False


def _of_total(tokens, j) -> tuple[int, int] | None:
    """ "16 із 27": (27, index after it)."""
    for skip in (0, 1, 2):
        at = j + skip
        if at < len(tokens) and tokens[at].lower in _FROM and skip <= 2:
            number = number_at(tokens, at + 1)
            if number is not None:
                return number
        if at < len(tokens) and not _aerial(tokens[at]) and skip:
            break
    return None


def _aerial(token: Token) -> bool:
    if token.kind != "word":
        return False
    head = token.text.split("-")[0]
    return token.has(words.AERIAL) or any(
        lemma in words.AERIAL for lemma in lemmas(head, "uk") + lemmas(head, "ru")
    )


def _aerial_after(tokens, j) -> int | None:
    """The index of the drone/missile/target word a figure counts, skipping adjectives."""
    k = j
    steps = 0
    while k < len(tokens) and steps < 5:
        token = tokens[k]
        if _aerial(token):
            return k
        if token.kind == "punct" and token.text in '«»"“”„':
            k += 1
            continue
        if token.kind != "word" or token.pos not in ("ADJF", "PRTF"):
            return None
        k += 1
        steps += 1
    return None


def _field(tokens, i, has_shot, has_lost) -> str | None:
    segment_start = i
    while segment_start > 0 and tokens[segment_start - 1].text not in (";", ".", ":"):
        segment_start -= 1
    segment_end = i
    while segment_end < len(tokens) and tokens[segment_end].text not in (";", ".", ":", ","):
        segment_end += 1
    around = [t for t in tokens[segment_start:segment_end] if t.kind == "word"]
    local = [t for t in tokens[max(segment_start, i - 4) : segment_end] if t.kind == "word"]
    if has_lost and any(t.has(words.LOST) for t in local):
        return "lost"
    before = [t for t in tokens[segment_start:i] if t.kind == "word"]
    if any(t.has(words.LAUNCH) for t in before[-4:]) and not any(t.has(words.SHOT_DOWN) for t in before[-3:]):
        return "launched"
    if has_shot and any(t.has(words.SHOT_DOWN) for t in around):
        return "shot_down"
    if has_shot and not any(t.has(words.LAUNCH) for t in around):
        return "shot_down"
    return None


def _weapon(tokens) -> str:
    text = {lemma for t in tokens if t.kind == "word" for lemma in t.lemmas}
    return (
        "missile"
        if "ракета" in text and not text & {"дрон", "бпла", "безпілотник", "беспилотник"}
        else "drone"
    )
