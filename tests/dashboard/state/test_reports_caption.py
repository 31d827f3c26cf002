"""The caption under the totals: incidents, the reports behind them, conflicting figures."""

import datetime as dt

from dashboard.state.totals import reports_caption, totals_of
from incidents.importing.importer import import_file
from incidents.rules.filters import IncidentFilter
from incidents.storage import queries
from incidents.storage.store import Store
from tests.incidents.storage.test_reports import AIR_FORCE, NEWS, REGIONAL, WIRE, write


def test_totals_count_incidents_and_the_caption_the_reports(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    import_file(store, write(tmp_path / "sumy.csv", REGIONAL, AIR_FORCE, NEWS, WIRE))
    other = "2025-07-20,23:00,Kharkiv,Kharkiv Oblast,UA,49.99,36.23,missile_strike,RU,,1,,Kharkiv OVA,"
    import_file(store, write(tmp_path / "kharkiv.csv", other))
    shown = totals_of(queries.totals(store))
    assert shown.incidents == 2 and shown.injured.total == 3
    caption = reports_caption(shown.incidents, queries.reports_behind(store))
    assert caption == "2 incidents from 5 reports, 1 with conflicting figures"
    # Under a filter, the reports of the incidents it keeps only.
    kharkiv = IncidentFilter(places=("Kharkiv",))
    assert reports_caption(1, queries.reports_behind(store, kharkiv)) == (
        "1 incident from 1 report, 0 with conflicting figures"
    )
    nothing = queries.reports_behind(store, IncidentFilter(places=("Nowhere",)))
    assert reports_caption(0, nothing) == "0 incidents from 0 reports, 0 with conflicting figures"
    # A date window's, summed from the series per day, as the store counts them.
    series = queries.reports_per_day(store)
    assert sum(day["extra_reports"] for day in series) == 3 and len(series) >= 1
    for low, high in [(None, None), ("2025-07-20", "2025-07-20"), ("2025-07-21", None), (None, "2025-07-19")]:
        window = IncidentFilter(
            date_from=low and dt.date.fromisoformat(low), date_to=high and dt.date.fromisoformat(high)
        )
        assert queries.reports_of_days(series, low, high) == queries.reports_behind(store, window), window
    store.close()
