"""The code that changes the data refuses a viewer even when called directly, and
audits an editor's change under the editor's name."""

import pytest

from dashboard.state import changes
from incidents.importing.batch import Batch
from incidents.rules.access import AccessError, User
from incidents.storage import audit
from incidents.storage.store import Store

VIEWER, EDITOR = User("vera", "viewer"), User("ed", "editor")
UPLOAD = (
    b"date,place,country,latitude,longitude,event_type,attacker,killed,description\n"
    b"2025-07-21,Kharkiv,UA,49.98,36.25,drone_strike,RU,1,TEST upload\n"
    b"2025-07-21,Sumy,UA,95.00,34.80,drone_strike,RU,1,TEST bad latitude\n"
)


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    yield opened
    opened.close()


def test_a_viewer_may_not_import_correct_dismiss_or_save(store):
    with pytest.raises(AccessError):
        changes.import_upload(store, VIEWER, UPLOAD, name="strikes.csv", format=None)
    with pytest.raises(PermissionError):
        changes.dismiss_rejections(store, VIEWER, [1])
    with pytest.raises(PermissionError):
        changes.retry_corrections(
            store, VIEWER, [{"row": 3, "place": "Sumy"}], name="x.csv", open_rows={3: 1}
        )
    with pytest.raises(PermissionError):
        changes.store_reviewed(store, VIEWER, Batch.of_records("article", [], []), name="article")
    with pytest.raises(PermissionError):
        changes.import_upload(store, None, UPLOAD, name="strikes.csv", format=None)
    assert store.is_empty() and store.batches() == [] and audit.entries(store) == []


def test_an_editors_import_correction_and_dismissal_are_audited_under_their_name(store):
    result = changes.import_upload(store, EDITOR, UPLOAD, name="strikes.csv", format=None)
    assert (result.stored, result.rejected) == (1, 1)
    rejection = store.rejections()[0]
    corrected = changes.retry_corrections(
        store,
        EDITOR,
        [
            {
                "row": rejection["row_number"],
                "date": "2025-07-21",
                "place": "Sumy",
                "country": "UA",
                "latitude": "50.91",
                "longitude": "34.80",
                "event_type": "drone_strike",
                "attacker": "RU",
            }
        ],
        name="strikes.csv",
        open_rows={rejection["row_number"]: rejection["id"]},
    )
    assert corrected.stored == 1 and store.rejections() == []
    assert changes.dismiss_rejections(store, EDITOR, [rejection["id"]]) == 0  # already closed
    trail = audit.entries(store)
    assert [(e["who"], e["action"]) for e in trail] == [("ed", "import"), ("ed", "correction")]
    assert f"strikes.csv (batch {result.batch_id}): read 2, stored 1" in trail[0]["what"]
    assert "rejected 1" in trail[0]["what"]


def test_only_an_admin_manages_accounts_and_not_their_own(store):
    admin = User("ada", "admin")
    with pytest.raises(PermissionError):
        changes.add_account(store, EDITOR, "zed", "admin", "long enough password")
    changes.add_account(store, admin, "zed", "viewer", "long enough password")
    with pytest.raises(PermissionError):
        changes.set_account_role(store, EDITOR, "zed", "admin")
    changes.set_account_role(store, admin, "zed", "editor")
    with pytest.raises(AccessError, match="own account"):
        changes.remove_account(store, User("zed", "admin"), "zed")
    changes.remove_account(store, admin, "zed")
    assert [(e["who"], e["action"]) for e in audit.entries(store)] == [
        ("ada", "user added"),
        ("ada", "role changed"),
        ("ada", "user removed"),
    ]
