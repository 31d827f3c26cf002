"""Score extraction on the shared development sets (../shared/eval/*.json) with the
matching rule of their README, so the figures are comparable with the unseen reports.

- An expected incident matches a proposal whose `place` or `admin1` shares a word root
  with the expected `place` or one of its `place_aliases` (Latin: first five letters,
  Cyrillic: first four; words such as oblast, region, district, city are ignored).
  Expected incidents that name no settlement (`place` starting with "(") match by
  `admin1`, after the named ones. Each proposal matches at most one expected incident.
- A proposal left over that shares a root with an already matched expected incident is a
  split: reported, not counted against precision.
- Recall = matched / expected; precision = matched / (matched + proposals matching nothing).
- Field accuracy over matched pairs where the expected value is not null.
- Air defence: the expected `shot_down` figures found among the proposed claims' `shot_down`.

Within each matching stage the pairing is a maximum matching (a proposal that could go to
two expected incidents goes where it lets the most incidents match), so the order of
records in a case never changes the score.
"""

import collections
import dataclasses
import json
import re
import unicodedata
from pathlib import Path

from incidents.extract import extract_incidents

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SHARED_SETS = ("news-dev-en.json", "news-dev-uk-ru.json")
FIELDS = ("date", "killed", "injured", "children_killed", "children_injured", "households_without_power")
# Words that say what kind of place a name is, or glue words of the coders' notes.
_IGNORED = {
    "oblast",
    "region",
    "regions",
    "district",
    "districts",
    "city",
    "village",
    "villages",
    "town",
    "settlement",
    "community",
    "province",
    "krai",
    "republic",
    "raion",
    "urban",
    "hromada",
    "area",
    "and",
    "the",
    "of",
    "in",
    "with",
    "also",
    "spelled",
    "text",
    "source",
    "special",
    "status",
    "only",
    "not",
    "named",
    "unnamed",
    "unspecified",
    "places",
    "область",
    "район",
    "регион",
    "місто",
    "город",
    "село",
    "селище",
    "поселок",
    "громада",
    "округ",
    "край",
    "республика",
    "и",
    "та",
    "і",
}


def roots(*names: str | None) -> set[str]:
    """The word roots of names: Latin words' first five letters, Cyrillic words' first four."""
    found = set()
    for name in names:
        for word in re.findall(r"[^\W\d_]+", (name or "").casefold()):
            if word in _IGNORED:
                continue
            if re.search(r"[\u0400-\u04ff]", word):
                found.add(word[:4])
            else:
                folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
                found.add((folded or word)[:5])
    return found


def _expected_roots(truth: dict) -> set[str]:
    return roots(truth["place"], *(truth.get("place_aliases") or []))


def _region_roots(truth: dict) -> set[str]:
    return roots(truth.get("admin1")) if truth.get("admin1") else set()


def _is_named(truth: dict) -> bool:
    return not truth["place"].startswith("(")


def _max_matching(left: list[int], right: list[int], fits) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths), left index -> right index."""
    owner: dict[int, int] = {}

    def augment(i, seen):
        for j in right:
            if j in seen or not fits(i, j):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in left:
        augment(i, set())
    return {i: j for j, i in owner.items()}


@dataclasses.dataclass
class CaseScore:
    case_id: str
    language: str
    expected: int = 0
    matched: int = 0
    wrong: int = 0  # proposals matching nothing
    splits: int = 0
    fields: dict = dataclasses.field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    defence_expected: int = 0
    defence_found: int = 0
    high: list = dataclasses.field(default_factory=lambda: [0, 0])  # right, proposed
    defence_high: list = dataclasses.field(default_factory=lambda: [0, 0])
    notes: list = dataclasses.field(default_factory=list)


def score_case(case: dict) -> CaseScore:
    result = extract_incidents(case["text"], published=case["published"])
    expected = case["expected"]["incidents"]
    proposed = result.incidents
    score = CaseScore(case["id"], case.get("language", "en"), expected=len(expected))
    proposal_roots = [roots(p.get("place"), p.get("admin1")) for p in proposed]
    proposal_regions = [roots(p.get("admin1"), p.get("place")) for p in proposed]
    named = [i for i, t in enumerate(expected) if _is_named(t)]
    unnamed = [i for i, t in enumerate(expected) if not _is_named(t)]
    pairs: dict[int, int] = {}
    free = list(range(len(proposed)))
    # Named places: a proposal naming the place itself first, then one only in its region.
    place_only = [roots(p.get("place")) for p in proposed]
    for candidates in (place_only, proposal_roots):
        stage = _max_matching(
            [i for i in named if i not in pairs],
            free,
            lambda i, j, c=candidates: bool(c[j] & _expected_roots(expected[i])),
        )
        pairs.update(stage)
        free = [j for j in free if j not in stage.values()]
    stage = _max_matching(
        unnamed,
        free,
        lambda i, j: bool(proposal_regions[j] & (_region_roots(expected[i]) | _expected_roots(expected[i]))),
    )
    pairs.update(stage)
    free = [j for j in free if j not in stage.values()]
    score.matched = len(pairs)
    matched_roots = set()
    for i in pairs:
        matched_roots |= _expected_roots(expected[i]) if _is_named(expected[i]) else set()
        matched_roots |= _region_roots(expected[i]) if not _is_named(expected[i]) else set()
    for j in free:
        if proposal_roots[j] & matched_roots:
            score.splits += 1
            score.notes.append(f"split {proposed[j]['place']} ({proposed[j]['admin1']})")
        else:
            score.wrong += 1
            score.notes.append(
                f"wrong {proposed[j]['place']} ({proposed[j]['admin1']}) {_figures(proposed[j])}"
            )
            _count_high(score, proposed[j], right=False)
    for i, t in enumerate(expected):
        if i not in pairs:
            score.notes.append(f"missed {t['place']} ({t['admin1']})")
    for i, j in pairs.items():
        truth, guess = expected[i], proposed[j]
        all_right = True
        for field in FIELDS:
            want = truth.get(field)
            if want is None:
                continue
            got = guess.get(field)
            score.fields[field][1] += 1
            if got == want:
                score.fields[field][0] += 1
            else:
                all_right = False
                score.notes.append(
                    f"{truth['place']} -> {guess['place']}: {field} expected {want!r} got {got!r}"
                )
        _count_high(score, guess, right=all_right)
    wanted = collections.Counter(
        a["shot_down"] for a in case["expected"].get("air_defence", []) if a.get("shot_down") is not None
    )
    got = collections.Counter(a["shot_down"] for a in result.air_defence if a.get("shot_down") is not None)
    left = collections.Counter(wanted)
    for claim in result.air_defence:
        if claim.get("confidence_level") == "high":
            score.defence_high[1] += 1
            if left[claim.get("shot_down")] > 0:
                left[claim.get("shot_down")] -= 1
                score.defence_high[0] += 1
    score.defence_expected = sum(wanted.values())
    score.defence_found = sum((wanted & got).values())
    for value in (wanted - got).elements():
        score.notes.append(f"air defence: shot_down {value} not found")
    for value in (got - wanted).elements():
        score.notes.append(f"air defence: shot_down {value} proposed, not expected")
    return score


def _count_high(score: CaseScore, record: dict, *, right: bool) -> None:
    if record.get("confidence_level") == "high":
        score.high[1] += 1
        score.high[0] += right


def _figures(record: dict) -> str:
    shown = {f: record.get(f) for f in FIELDS[1:] if record.get(f) is not None}
    return f"{record['date']} {shown}" if shown else record["date"]


@dataclasses.dataclass
class SetScore:
    name: str
    cases: list[CaseScore]

    def total(self, attr: str) -> int:
        return sum(getattr(c, attr) for c in self.cases)

    @property
    def recall(self) -> float:
        expected = self.total("expected")
        return self.total("matched") / expected if expected else 1.0

    @property
    def precision(self) -> float:
        stated = self.total("matched") + self.total("wrong")
        return self.total("matched") / stated if stated else 1.0

    def field(self, name: str | None = None) -> tuple[int, int]:
        names = FIELDS if name is None else (name,)
        return (
            sum(c.fields[f][0] for c in self.cases for f in names),
            sum(c.fields[f][1] for c in self.cases for f in names),
        )

    @property
    def defence(self) -> tuple[int, int]:
        return self.total("defence_found"), self.total("defence_expected")

    @property
    def high(self) -> tuple[int, int]:
        return sum(c.high[0] for c in self.cases), sum(c.high[1] for c in self.cases)

    @property
    def defence_high(self) -> tuple[int, int]:
        return sum(c.defence_high[0] for c in self.cases), sum(c.defence_high[1] for c in self.cases)


def load_shared(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def score_sets(languages: tuple[str, ...] | None = None) -> list[SetScore]:
    """One SetScore per shared file and language found there (missing files are skipped)."""
    scores = []
    for name in SHARED_SETS:
        path = SHARED / name
        if not path.exists():
            continue
        by_language = collections.defaultdict(list)
        for case in load_shared(path):
            language = case.get("language", "en")
            if languages is None or language in languages:
                by_language[language].append(score_case(case))
        for language, cases in sorted(by_language.items()):
            scores.append(SetScore(f"{path.stem} [{language}]", cases))
    return scores


def _ratio(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{right / total:.2f} ({right}/{total})" if total else "  -  (0/0)"


def print_scores(scores: list[SetScore], *, verbose: bool = False) -> None:
    print(f"\nshared development sets ({SHARED}), the README's matching rule")
    header = f"{'set':<26}{'recall':>14}{'precision':>14}{'splits':>7}{'fields':>16}{'air defence':>16}"
    print(header + f"{'high right':>16}{'AD high right':>16}")
    english = [c for s in scores if s.name.endswith("[en]") for c in s.cases]
    rows = [*scores, SetScore("all English [en]", english)] if len(english) else scores
    for s in rows:
        matched, expected = s.total("matched"), s.total("expected")
        stated = matched + s.total("wrong")
        print(
            f"{s.name:<26}{_ratio((matched, expected)):>14}{_ratio((matched, stated)):>14}"
            f"{s.total('splits'):>7}{_ratio(s.field()):>16}{_ratio(s.defence):>16}{_ratio(s.high):>16}"
            f"{_ratio(s.defence_high):>16}"
        )
    print(
        "  (high right: incidents proposed with confidence_level high that match and have every"
        " scored field right; AD: high claims whose shot_down is expected)"
    )
    for s in scores:
        per_field = "  ".join(f"{f} {_ratio(s.field(f))}" for f in FIELDS if s.field(f)[1])
        print(f"  {s.name}: {per_field}")
    if verbose:
        for s in scores:
            for case in s.cases:
                for note in case.notes:
                    print(f"  {case.case_id}: {note}")
