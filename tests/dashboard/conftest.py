"""Fixtures of the dashboard tests."""

import pytest

from incidents.importing.seed import read_seed
from incidents.storage.history import revised_text
from incidents.storage.store import Store

PAYLOAD = "<img src=x onerror=alert(1)>"


def revised_lookup(store):
    """What the dashboard gives the map and tables (`dashboard.state.data.revised_texts`),
    on `store`."""
    return lambda ids: {key: revised_text(latest) for key, latest in store.revised_ids(ids).items()}


@pytest.fixture
def revised_store(db_url):
    """The seed, and the Kharkiv strike revised by a later import: 5 injured, hostile damage text."""
    store = Store(db_url)
    incidents, _ = read_seed()
    store.add(incidents)
    kharkiv = next(record for record in incidents if record["place"] == "Kharkiv")
    store.add([kharkiv | {"injured": 5, "damage": PAYLOAD}])
    yield store, kharkiv
    store.close()
