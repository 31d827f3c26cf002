"""The development set is well formed and the extractor keeps its score on it."""

from benchmarks.eval_extract import DEVSET, evaluate, load_cases
from incidents.rules.model import ATTACKERS, EVENT_TYPES


def test_devset_has_at_least_twenty_written_paragraphs_with_expectations():
    cases = load_cases()
    assert len([c for c in cases if not c["id"].startswith("00-")]) >= 20
    assert sorted(DEVSET.glob("*.json"))
    for case in cases:
        assert case["text"] and case["published"]
        for record in case["incidents"]:
            types = record["event_type"] if isinstance(record["event_type"], list) else [record["event_type"]]
            assert set(types) <= set(EVENT_TYPES)
            assert record["attacker"] in ATTACKERS


def test_devset_score_stays_at_the_goal():
    incidents, _, _ = evaluate(load_cases())
    rows = {field: (precision, recall) for field, _, _, _, precision, recall in incidents.rows()}
    for field in ("record", "date", "killed", "injured", "households_without_power"):
        precision, recall = rows[field]
        assert precision >= 0.95 and recall >= 0.9, field
