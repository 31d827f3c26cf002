"""Two `incidents serve` processes on one PostgreSQL database give the same answers.

A team runs several servers behind one address (issue 18, "Many users, one database"):
an import through one of them is seen by the other at its next rerun, because every
cached answer is keyed by the store's change mark (`dashboard.state.data.data_version`).
"""

import shutil
import sys
from pathlib import Path

import pytest

from incidents.storage.store import Store
from tests.browser import OfflineRecorder, streamlit_server, wait_for_app
from tests.dashboard.views.test_app_views import metrics, wait_for_metric

# A fresh PostgreSQL database per test, dropped afterwards; skips without
# INCIDENTS_TEST_PG_URL (fails under CI=true), as the store tests do.
from tests.incidents.conftest import pg_url  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

TOTALS = ("Incidents", "Killed", "Injured", "Households without power")

# TEST rows (not real incidents), at places and on a day the seed's strikes are not
# matched with, so each is an incident of its own.
UPLOAD = (
    "date,place,country,latitude,longitude,event_type,attacker,injured,source_name\n"
    "2025-07-20,Odesa,UA,46.48,30.72,missile_strike,RU,1,TEST upload\n"
    "2025-07-20,Dnipro,UA,48.46,35.04,drone_strike,RU,3,TEST upload\n"
)


def incidents_serve(port: int) -> list[str]:
    """The real `incidents serve` of this install (it execs Streamlit); INCIDENTS_DB is
    set by `streamlit_server`."""
    command = shutil.which("incidents", path=str(Path(sys.executable).parent)) or "incidents"
    return [command, "serve", "--port", str(port)]


def totals(page) -> dict[str, str]:
    got = metrics(page)
    return {label: got.get(label) for label in TOTALS}


def test_an_import_through_one_server_is_seen_by_the_other(pg_url, browser, tmp_path):  # noqa: F811
    store = Store(pg_url)
    store.load_seed_if_empty()  # created once, before either server opens it
    seeded = store.count()
    store.close()

    upload = tmp_path / "two-servers.csv"
    upload.write_text(UPLOAD, encoding="utf-8")

    with (
        streamlit_server(pg_url, command=incidents_serve) as first,
        streamlit_server(pg_url, command=incidents_serve) as second,
    ):
        assert first != second  # two processes, two ports, one database
        contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
        try:
            recorders = [OfflineRecorder(context) for context in contexts]
            one, two = (
                recorder.watch(context.new_page())
                for recorder, context in zip(recorders, contexts, strict=True)
            )

            one.goto(first + "/")
            two.goto(second + "/")
            wait_for_app(one)
            wait_for_app(two)
            before = totals(one)
            assert before["Incidents"] is not None
            assert totals(two) == before
            assert before["Incidents"] == str(seeded)

            # Import through server 1's Import page.
            one.goto(first + "/import")
            wait_for_app(one)
            one.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            one.get_by_role("button", name="Import").click()
            one.get_by_text("Result: two-servers.csv").wait_for()
            got = metrics(one, first="Read")
            assert (got["Read"], got["Stored"], got["Rejected"]) == ("2", "2", "0")

            # Server 1 shows the new totals...
            one.goto(first + "/")
            wait_for_app(one)
            wait_for_metric(one, "Incidents", str(int(before["Incidents"]) + 2))
            wait_for_metric(one, "Injured", str(int(before["Injured"]) + 1 + 3))
            after = totals(one)

            # ...and server 2, which had cached the old ones, at its next rerun.
            two.reload()
            wait_for_app(two)
            for label, value in after.items():  # metrics redraw one after another
                wait_for_metric(two, label, value)
            assert totals(two) == after
            for recorder in recorders:
                assert recorder.page_errors == [] and recorder.blocked == []
        finally:
            for context in contexts:
                context.close()
