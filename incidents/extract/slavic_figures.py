"""Words and figures of a Ukrainian or Russian clause: tokens with their dictionary forms,
numbers (digits, number words in any case, "12 тисяч"), the people harmed, power outages
and the day a clause is about.

Figures are read from the grammar the two languages share: a number (or a person in the
singular) next to a word of harm, whichever comes first ("загинули двоє", "двоє
загинули", "погибла женщина"); "серед них"/"в том числе" open a part of the figure
before it; an age ("14-річний", "пятилетний") is a person, never a count.
"""

import dataclasses
import datetime as dt
import re

from geodata.morphology import lemmas, parses
from incidents.extract import slavic_words as words
from incidents.extract.casualties import Casualties

_TOKEN_RE = re.compile(
    r"(?P<age>\d+-?(?:річн|летн|літн)[^\W\d_]*)"
    r"|(?P<ordinal>\d+-[^\W\d_]+)"
    r"|(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,:]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
)
_AGE_ADJECTIVE_RE = re.compile(r"(?:річн|літн|летн)")


@dataclasses.dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # word, number, age, ordinal, punct
    lemmas: tuple = ()
    pos: str | None = None
    grammemes: frozenset = frozenset()
    plural: bool = False  # its first noun reading is plural ("діти", "люди")
    lower: str = ""  # the word as the vocabulary spells it
    keys: frozenset = frozenset()  # the word and its lemmas, for vocabulary look-ups

    def has(self, vocabulary) -> bool:
        return not self.keys.isdisjoint(vocabulary)

    @property
    def is_capitalised(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper() and not self.text.isupper()

    @property
    def value(self) -> int | None:
        if self.kind != "number" or re.search(r"[.,:]", self.text):
            return None
        return int(re.sub(r"\D", "", self.text))


def _lowered(piece: str) -> str:
    return piece.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def tokenize(text: str, lang: str) -> list[Token]:
    found = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        piece = match.group(0)
        lower = _lowered(piece)
        if kind == "word":
            readings = parses(piece, lang)
            first = readings[0] if readings else None
            noun = next((r for r in readings if r.tag.POS == "NOUN"), first)
            found.append(
                Token(
                    piece,
                    match.start(),
                    match.end(),
                    kind,
                    lemmas(piece, lang),
                    first.tag.POS if first else None,
                    frozenset(first.tag.grammemes) if first else frozenset(),
                    noun is not None and "plur" in noun.tag.grammemes,
                    lower,
                    frozenset((lower, *lemmas(piece, lang))),
                )
            )
        else:
            found.append(
                Token(piece, match.start(), match.end(), kind, lower=lower, keys=frozenset((lower,)))
            )
    return found


# -- numbers -------------------------------------------------------------------------


def number_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(value, index after it) of a number starting at token i: "14", "32 500", "двоє",
    "двадцять два", "12 тисяч", "10 тыс."; None when no number starts there."""
    token = tokens[i]
    if token.kind == "number" and re.fullmatch(r"\d+[.,]\d{1,2}", token.text):
        # "1,5 тисячі абонентів", "2.3 тис.": a decimal only counts with its multiplier.
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        scale = (
            1000
            if following is not None and following.has(words.THOUSANDS)
            else 1_000_000
            if following is not None and following.has(words.MILLIONS)
            else None
        )
        if scale is None:
            return None
        j = i + 2
        if j < len(tokens) and tokens[j].text == "." and following.text.lower() in ("тис", "тыс", "млн"):
            j += 1
        return round(float(token.text.replace(",", ".")) * scale), j
    if token.kind == "number":
        value = token.value
        if value is None:
            return None
        j = i + 1
    elif token.kind == "word" and (value := _word_value(token)) is not None:
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "word" and (more := _word_value(tokens[j])) is not None:
            if more >= 10 or value % 10:
                break
            value += more
            j += 1
    else:
        return None
    if j < len(tokens) and tokens[j].kind == "word":
        if tokens[j].has(words.THOUSANDS):
            value *= 1000
            j += 1
        elif tokens[j].has(words.MILLIONS):
            value *= 1_000_000
            j += 1
        if j < len(tokens) and tokens[j].text == "." and tokens[j - 1].text.lower() in ("тис", "тыс", "млн"):
            j += 1
    return value, j


def _word_value(token: Token) -> int | None:
    if token.pos not in ("NUMR", None) and token.lower not in words.NUMBERS:
        return None
    for lemma in (token.lower, *token.lemmas):
        if lemma in words.NUMBERS:
            return words.NUMBERS[lemma]
    return None


def age_of(token: Token) -> int | None:
    """The age an adjective states: "14-річний" -> 14, "пятилетний" -> 5; else None."""
    if token.kind == "age":
        return int(re.match(r"\d+", token.text).group(0))
    if token.kind == "word" and _AGE_ADJECTIVE_RE.search(token.lower):
        stem = _AGE_ADJECTIVE_RE.split(token.lower)[0]
        return words.AGE_STEMS.get(stem)
    return None


# -- people harmed ---------------------------------------------------------------------


@dataclasses.dataclass
class _Group:
    start: int  # token index
    end: int
    count: int | None
    child: bool
    subset: bool = False
    comma_before: bool = False  # a comma between this group and the word before it


@dataclasses.dataclass
class _Event:
    index: int
    kind: str  # killed, injured, harmed (either), fatal
    negated: bool = False


def _is_person(token: Token) -> bool:
    if token.kind != "word" or token.has(words.ATTACKERS_PEOPLE):
        return False
    if token.has(words.OUTAGE_UNITS) and not token.has(words.PEOPLE):
        return False  # "12 тисяч абонентів" are households, not people harmed
    if token.has(words.TITLE_WORDS):
        return False  # "повідомив начальник ОВА": who reports, not who was harmed
    if token.has(words.KILLED | words.INJURED):
        return False  # "є постраждалі": the word of harm itself, counted as the event
    if any(lemma in words.WEEKDAYS or lemma in words.MONTHS for lemma in token.lemmas):
        return False
    if token.has(words.PEOPLE) or token.has(words.CHILDREN):
        return True
    return token.pos == "NOUN" and "anim" in token.grammemes and not token.is_capitalised


def _is_plural(token: Token) -> bool:
    return token.plural


def _skip_adjectives(tokens, j, limit=3):
    steps = 0
    while (
        j < len(tokens)
        and steps < limit
        and tokens[j].kind == "word"
        and tokens[j].pos in ("ADJF", "PRTF")
        and not _is_person(tokens[j])
    ):
        j += 1
        steps += 1
    return j


def _groups(tokens: list[Token]) -> list[_Group]:
    found: list[_Group] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        start = i
        subset = _subset_before(tokens, i)
        number = number_at(tokens, i)
        if number is not None and not _is_year(tokens, number[1]):
            value, j = number
            k = _skip_adjectives(tokens, j)
            if k < len(tokens) and _is_person(tokens[k]):
                end = k + 1
                while end < len(tokens) and _is_person(tokens[end]):
                    end += 1  # "двоє цивільних осіб": one group
                child = any(t.has(words.CHILDREN) for t in tokens[k:end])
                found.append(_Group(start, end, value, child, subset))
                i = end
                continue
            if _bare(tokens, j, spelled=token.kind == "word"):
                found.append(_Group(start, j, value, False, subset))
                i = j
                continue
            i = j
            continue
        if age_of(token) is not None:
            ages = [age_of(token)]
            j = i + 1
            while (
                j + 1 < len(tokens)
                and (tokens[j].text == "," or tokens[j].lower in ("і", "й", "та", "и"))
                and age_of(tokens[j + 1]) is not None
            ):
                ages.append(age_of(tokens[j + 1]))
                j += 2
            k = _skip_adjectives(tokens, j)
            child_noun = k < len(tokens) and tokens[k].has(words.CHILDREN)
            end = k + 1 if k < len(tokens) and _is_person(tokens[k]) else j
            for age in ages:
                found.append(_Group(start, end, 1, child_noun or age < 18, subset))
            i = end
            continue
        if (
            _is_person(token)
            and token.pos in ("ADJF", "PRTF")
            and i + 1 < len(tokens)
            and tokens[i + 1].pos == "NOUN"
        ):
            i += 1  # "цивільний мотоцикл": an adjective here, not a person
            continue
        if _is_person(token):
            j = i + 1
            ages = []
            # "жінки 53, 57 і 65 років": one woman per age.
            while j < len(tokens) and (
                (tokens[j].kind == "number" and tokens[j].value is not None)
                or tokens[j].text == ","
                or tokens[j].lower in ("і", "й", "та", "и")
            ):
                if tokens[j].kind == "number":
                    ages.append(tokens[j].value)
                j += 1
            if ages and j < len(tokens) and tokens[j].has(words.AGE_UNITS):
                child = token.has(words.CHILDREN) or all(a < 18 for a in ages)
                found.append(_Group(start, j + 1, len(ages), child, subset))
                i = j + 1
                continue
            count = None if _is_plural(token) else 1
            previous = found[-1] if found else None
            if (
                count == 1
                and previous is not None
                and previous.count == 1
                and tokens[previous.end : i] in ([], [tokens[i - 1]])
                and (previous.end == i or tokens[i - 1].text == ",")
            ):
                previous.end = i + 1  # "Другой мужчина, пассажир, ...": one person
                previous.child = previous.child or token.has(words.CHILDREN)
                i += 1
                continue
            found.append(_Group(start, i + 1, count, token.has(words.CHILDREN), subset))
            i += 1
            continue
        i += 1
    for group in found:
        group.comma_before = any(
            t.text in (",", "–", "—") for t in tokens[max(0, group.start - 3) : group.start]
        )
    return found


def _is_year(tokens, j) -> bool:
    return (
        j < len(tokens) and tokens[j].has(words.AGE_UNITS | {"рік", "год"}) and tokens[j - 1].kind == "number"
    )


def _bare(tokens, j, *, spelled: bool = False) -> bool:
    """A number that counts no noun after it: "5 – постраждали", "ще 14, серед них".
    A number word before a preposition is a pronoun's ("в одному з сіл"), not a count."""
    if j >= len(tokens):
        return True
    after = tokens[j]
    if after.kind == "punct":
        return after.text in (",", "–", "—", "-", ";", ")", ".", ":", "!")
    if after.has(words.KILLED | words.INJURED):
        return True  # "п'ятеро поранені"
    if spelled:
        return after.pos in ("VERB", "PRTS", "GRND")
    return after.pos in ("VERB", "PRTS", "ADVB", "PREP", "CONJ", "PRCL", "GRND")


def _subset_before(tokens, i) -> bool:
    before = [t.lower for t in tokens[max(0, i - 4) : i] if t.kind == "word"]
    for opener in words.SUBSET_OPENERS:
        size = len(opener)
        if tuple(before[-size:]) == opener or tuple(before[-size - 1 : -1]) == opener:
            return True
    return False


def _events(tokens: list[Token]) -> list[_Event]:
    found = []
    for i, token in enumerate(tokens):
        if token.kind != "word":
            continue
        if token.has(words.FATAL_WORDS):
            found.append(_Event(i, "fatal"))
            continue
        if token.has(words.KILLED):
            kind = "killed"
        elif token.has(words.INJURED):
            kind = (
                "harmed"
                if token.has({"постраждати", "постраждалий", "пострадать", "пострадавший"})
                else "injured"
            )
        else:
            continue
        before = [t for t in tokens[max(0, i - 3) : i] if t.kind == "word"]
        negated = any(t.has(words.NEGATIONS) for t in before[-2:]) or _none_after(tokens, i)
        found.append(_Event(i, kind, negated))
    return found


def _none_after(tokens, i) -> bool:
    """ "пострадавших нет", "загиблих і поранених немає": a harm word denied after it."""
    for token in tokens[i + 1 : i + 5]:
        if token.lower in ("нет", "немає", "нема"):
            return True
        if not (token.lower in ("і", "й", "та", "и", ",") or token.has(words.KILLED | words.INJURED)):
            return False
    return False


_ELABORATION_MARKS = frozenset({"–", "—", ":", "("})


def _elaborates(tokens, previous, event, members, totals) -> bool:
    """ "Пострадал один человек — мужчина получил ранение", "двое раненых: мужчина и
    женщина госпитализированы": after a dash or colon, who the people just counted were,
    not more of them. Children named there are kept, the count is not added again."""
    field = _field_of(event)
    if field != _field_of(previous) or event.negated or previous.negated:
        return False
    first = min([event.index, *(g.start for g in members)])
    if not any(t.text in _ELABORATION_MARKS for t in tokens[previous.index + 1 : first]):
        return False
    counted = [g.count for g in members if not g.subset]
    if totals[field] is None or any(c is None for c in counted) or sum(counted) > totals[field]:
        return False
    children = [g.count for g in members if g.child and g.count]
    if children and totals[f"children_{field}"] is None:
        totals[f"children_{field}"] = sum(children)
    return True


def _field_of(event) -> str:
    return "killed" if event.kind in ("killed", "fatal") else "injured"


def _told_twice(tokens, groups: list) -> list:
    """ "двох людей — чоловіка та жінку": the people after the dash are those counted
    before it; only the count before is kept (children named after it still count as such)."""
    ordered = sorted(groups, key=lambda g: g.start)
    for n in range(1, len(ordered)):
        between = tokens[ordered[n - 1].end : ordered[n].start]
        if any(t.text in _ELABORATION_MARKS for t in between):
            before, after = ordered[:n], ordered[n:]
            if all(g.count is not None for g in ordered) and sum(g.count for g in after) <= sum(
                g.count for g in before
            ):
                return before
            break
    return groups


def read_harm(tokens: list[Token]) -> Casualties:
    """The casualties a clause states; None for what it does not say."""
    events = _events(tokens)
    if not events:
        # "Серед них двоє дітей.": children among the people the sentence before counted
        # (the reader tells whether those were killed or injured).
        children = [g for g in _groups(tokens) if g.subset and g.child and g.count]
        return Casualties(children_injured=sum(g.count for g in children)) if children else Casualties()
    groups = _groups(tokens)
    fatal = [e for e in events if e.kind == "fatal"]
    if fatal:
        # "полученные травмы оказались несовместимы с жизнью": the injuries killed.
        events = [e for e in events if e.kind in ("killed", "fatal")]
    assigned: dict[int, list[_Group]] = {id(e): [] for e in events}
    for group in groups:
        before = [e for e in events if e.index < group.start]
        after = [e for e in events if e.index >= group.end]
        if before and after:
            previous = before[-1]
            between = tokens[previous.index : group.start]
            told = len(between) == 2 and between[1].text in ("–", "—", "-", ":")  # "загиблих – 3"
            event = after[0] if not told and any(t.text in (",", "–", "—") for t in between) else previous
        elif before or after:
            event = before[-1] if before else after[0]
        else:
            continue
        assigned[id(event)].append(group)
    # "пострадал ... и скончался": a verb joined to one with people shares them.
    for n, event in enumerate(events):
        if assigned[id(event)] or n == 0:
            continue
        previous = events[n - 1]
        joint = [t.lower for t in tokens[previous.index + 1 : event.index]]
        if assigned[id(previous)] and joint and joint[-1] in ("і", "й", "та", "и"):
            assigned[id(event)] = [dataclasses.replace(g, subset=g.subset) for g in assigned[id(previous)]]
    totals = {"killed": None, "injured": None, "children_killed": None, "children_injured": None}
    for n, event in enumerate(events):
        members = assigned[id(event)]
        if n and _elaborates(tokens, events[n - 1], event, members, totals):
            continue
        fields = {"killed": ("killed",), "fatal": ("killed",), "injured": ("injured",)}.get(
            event.kind, ("killed", "injured") if event.negated else ("injured",)
        )
        if event.negated:
            for name in fields:
                totals[name] = totals[name] if totals[name] else 0
            continue
        main = _told_twice(tokens, [g for g in members if not g.subset])
        count = None
        if main and all(g.count is not None for g in main):
            count = sum(g.count for g in main)
        elif event.kind == "fatal" and not main:
            count = 1
        children = [g for g in members if g.child]
        child_count = sum(g.count for g in children) if children and all(g.count for g in children) else None
        for name in fields:
            if count is not None:
                totals[name] = (totals[name] or 0) + count
            child_field = f"children_{name}"
            if child_count is not None:
                totals[child_field] = (totals[child_field] or 0) + child_count
    return Casualties(**totals)


# -- power outages ---------------------------------------------------------------------


def households_off(tokens: list[Token]) -> int | None:
    """The households a clause says are without power ("знеструмлено 12 тисяч абонентів",
    "без электричества 10587 абонентов"); None when it says no figure."""
    outage = False
    for i, token in enumerate(tokens):
        if token.kind != "word":
            continue
        if token.has(words.OUTAGE_WORDS):
            outage = True
        elif token.has(words.POWER_NOUNS) and any(
            t.lower in ("без", "нет", "немає", "нема") for t in tokens[max(0, i - 2) : i]
        ):
            outage = True
    if not outage or any(t.has(words.RECONNECTED) for t in tokens if t.kind == "word"):
        return None
    with_unit, bare = [], []
    i = 0
    while i < len(tokens):
        number = number_at(tokens, i)
        if number is None:
            i += 1
            continue
        value, j = number
        k = _skip_adjectives(tokens, j)
        qualifiers = tokens[j:k]
        if k < len(tokens) and tokens[k].has(words.OUTAGE_UNITS):
            if not any(q.has(words.NOT_HOUSEHOLDS) for q in qualifiers):
                with_unit.append(value)
        elif not qualifiers and _bare(tokens, j) and value >= 10:
            bare.append(value)
        i = max(j, i + 1)
    found = with_unit or bare
    return max(found) if found else None


# -- dates ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DateMention:
    date: dt.date
    kind: str  # day, night, relative


def find_date(tokens: list[Token], published: dt.date) -> DateMention | None:
    """The day a clause names: "у ніч на 31 грудня", "17 февраля", "минулої доби",
    "вчора", "в ночь на понедельник", measured from the publication date."""
    for i, token in enumerate(tokens):
        if token.kind == "number" and token.value is not None and 1 <= token.value <= 31:
            month = tokens[i + 1] if i + 1 < len(tokens) else None
            number = next(
                (words.MONTHS[m] for m in (month.lemmas if month else ()) if m in words.MONTHS), None
            )
            if number is not None:
                night = _night_before(tokens, i)
                return DateMention(_dated(published, number, token.value), "night" if night else "day")
    for i, token in enumerate(tokens):
        if token.kind != "word":
            continue
        if token.has(words.YESTERDAY):
            return DateMention(published - dt.timedelta(days=1), "relative")
        if token.has(words.TODAY):
            return DateMention(published, "relative")
        if token.has(words.DAY_WORDS) and (
            any(t.has(words.PAST_WORDS) for t in tokens[max(0, i - 2) : i])
            or (i > 0 and tokens[i - 1].lower in ("за",))
        ):
            return DateMention(published - dt.timedelta(days=1), "relative")
        weekday = next((words.WEEKDAYS[m] for m in token.lemmas if m in words.WEEKDAYS), None)
        if weekday is not None and i > 0 and tokens[i - 1].lower in ("в", "у", "на", "во"):
            back = (published.weekday() - weekday) % 7
            return DateMention(published - dt.timedelta(days=back), "relative")
    return None


def _night_before(tokens, i) -> bool:
    before = [t for t in tokens[max(0, i - 3) : i] if t.kind == "word"]
    return any(t.has(words.NIGHT_WORDS) for t in before)


def _dated(published: dt.date, month: int, day: int) -> dt.date:
    try:
        found = dt.date(published.year, month, day)
    except ValueError:
        return published
    if found > published + dt.timedelta(days=1):
        found = found.replace(year=published.year - 1)
    return found
