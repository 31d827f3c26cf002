"""The caption under the totals: incidents, the reports behind them, conflicting figures."""

import pandas as pd

from dashboard.state.totals import reports_caption, totals
from incidents.importing.importer import import_file
from incidents.storage.store import Store
from tests.incidents.storage.test_reports import AIR_FORCE, NEWS, REGIONAL, WIRE, write


def test_totals_count_incidents_and_the_caption_the_reports(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    import_file(store, write(tmp_path / "sumy.csv", REGIONAL, AIR_FORCE, NEWS, WIRE))
    other = "2025-07-20,23:00,Kharkiv,Kharkiv Oblast,UA,49.99,36.23,missile_strike,RU,,1,,Kharkiv OVA,"
    import_file(store, write(tmp_path / "kharkiv.csv", other))
    frame = store.query()
    assert totals(frame).incidents == 2 and totals(frame).injured.total == 3
    caption = reports_caption(frame, store.consolidated())
    assert caption == "2 incidents from 5 reports, 1 with conflicting figures"
    empty = reports_caption(pd.DataFrame({"id": []}), {})
    assert empty == "0 incidents from 0 reports, 0 with conflicting figures"
    store.close()
