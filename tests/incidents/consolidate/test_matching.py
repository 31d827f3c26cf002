"""The consolidation rules, pure: source directness, matching, figures from reports."""

from incidents.consolidate.figures import derive
from incidents.consolidate.matching import LIKELY, SURE, judge
from incidents.consolidate.sources import NATIONAL, NEWS, OTHER, REGIONAL, directness

BASE = {
    "date": "2025-07-20",
    "time": "02:10",
    "place": "Sumy",
    "country": "UA",
    "latitude": 50.9077,
    "longitude": 34.7981,
    "geo_precision": "settlement",
    "event_type": "drone_strike",
    "attacker": "RU",
    "damage": None,
    "source_name": "Sumy Regional Military Administration",
}


def record(**changes):
    return BASE | {"source_name": "Suspilne"} | changes


def test_sources_rank_regional_over_national_over_news_over_other():
    assert directness("Sumy Regional Military Administration") == REGIONAL
    assert directness("Kharkiv OVA (Telegram)") == REGIONAL
    assert directness("Air Force of Ukraine") == NATIONAL
    assert directness("Повітряні сили ЗСУ") == NATIONAL
    assert directness("Reuters") == directness("Suspilne") == NEWS
    assert directness("ACLED") == directness(None) == OTHER


def test_same_day_same_town_same_type_is_sure():
    assert judge(record(), BASE).kind == SURE


def test_the_night_before_is_sure_when_one_was_reported_at_night():
    assert judge(record(date="2025-07-19", time="12:00"), BASE).kind == SURE
    daytime = BASE | {"time": "15:00"}
    verdict = judge(record(date="2025-07-19", time="12:00"), daytime)
    assert verdict.kind == LIKELY and "no sign of a night strike" in verdict.why
    assert judge(record(date="2025-07-18"), BASE).kind is None


def test_different_targets_weapons_attackers_or_places_are_two_strikes():
    homes = BASE | {"damage": "residential building hit"}
    assert judge(record(damage="power substation hit"), homes).kind is None
    assert judge(record(damage="an apartment house damaged"), homes).kind == SURE
    assert judge(record(event_type="missile_strike"), BASE).kind is None
    assert judge(record(attacker="UA"), BASE).kind is None
    assert judge(record(attacker=None), BASE).kind == SURE
    assert judge(record(latitude=51.2), BASE).kind is None  # 30 km north
    assert judge(record(place="Zhuravka", latitude=50.93, longitude=34.83), BASE).kind == LIKELY
    assert judge(record(event_type="debris"), BASE).kind == LIKELY


def test_one_source_never_reports_one_strike_twice_and_regions_are_not_towns():
    assert judge(record(source_name=BASE["source_name"]), BASE).kind is None
    assert judge(record(source_name=None), BASE | {"source_name": None}).kind is None
    assert judge(record(source_name=None), BASE).kind == LIKELY
    assert judge(record(geo_precision="admin1"), BASE).kind is None


def test_figures_come_from_the_most_direct_source_latest_never_a_sum():
    regional = BASE | {"killed": None, "injured": 2, "source_published": "2025-07-20"}
    news = record(time="09:00", killed=1, injured=5, source_published="2025-07-20")
    later = regional | {"time": "10:30", "injured": 4}
    derived, conflicts, taken_from = derive(regional, [regional, news])
    assert (derived["injured"], derived["killed"]) == (2, 1) and conflicts == ["killed", "injured"][1:]
    assert taken_from == {"killed": "Suspilne", "injured": BASE["source_name"]}
    derived, _, _ = derive(regional, [regional, news, later])
    assert derived["injured"] == 4
    assert derived["source_name"] == "Sumy Regional Military Administration; Suspilne"
