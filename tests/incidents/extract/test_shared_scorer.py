"""The shared sets' matching rule (../shared/eval/README.md) as benchmarks.eval_shared reads it."""

from benchmarks import eval_shared


def test_roots_are_five_latin_or_four_cyrillic_letters_without_kind_words():
    assert eval_shared.roots("Kharkiv Oblast") == {"khark"}
    assert eval_shared.roots("Харківська область") == {"харк"}
    assert eval_shared.roots("Riasne (Zolochiv community)") == {"riasn", "zoloc"}


def test_named_then_region_only_matching_and_splits(monkeypatch):
    def fake(text, published):
        class Result:
            incidents = [
                {"place": "Izmail", "admin1": "Odesa Oblast", "date": "2025-05-02", "injured": 3},
                {"place": "Reni", "admin1": "Odesa Oblast", "date": "2025-05-02"},
                {"place": "Kharkiv Oblast", "admin1": "Kharkiv Oblast", "date": "2025-05-02", "killed": 1},
                {"place": "Lviv", "admin1": "Lviv Oblast", "date": "2025-05-02"},
            ]
            air_defence = [{"shot_down": 12}, {"shot_down": 5}]

        return Result

    monkeypatch.setattr(eval_shared, "extract_incidents", fake)
    case = {
        "id": "T1",
        "published": "2025-05-02",
        "text": "",
        "expected": {
            "incidents": [
                {
                    "place": "Danube ports (Izmail, Reni)",
                    "admin1": "Odesa Oblast",
                    "date": "2025-05-02",
                    "injured": 3,
                },
                {"place": "(region only)", "admin1": "Kharkiv Oblast", "date": "2025-05-02", "killed": 2},
            ],
            "air_defence": [{"shot_down": 12}, {"shot_down": 7}],
        },
    }
    score = eval_shared.score_case(case)
    assert (score.matched, score.splits, score.wrong) == (2, 1, 1)  # Reni splits, Lviv is wrong
    assert score.fields["injured"] == [1, 1] and score.fields["killed"] == [0, 1]
    assert (score.defence_found, score.defence_expected) == (1, 2)
