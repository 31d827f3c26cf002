"""Labels in snapshots, measured on the rendered page's element boxes (real Chromium,
network blocked): no two labels overlap, none lies under a data symbol, and the legend
and caption cover no symbol."""

import random

import pytest

from dashboard.snapshot import write_snapshot
from incidents.importing.seed import read_seed
from incidents.storage.store import Store

pytestmark = pytest.mark.browser

READY = "() => window.__snapshot && window.__snapshot.ready"
SYMBOLS = ".incident-marker, .incident-cluster, path.casualty-circle, path.outage-circle"

_BOXES = """(symbols) => {
    const box = el => { const r = el.getBoundingClientRect();
        return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, text: el.textContent}; };
    return {
        labels: Array.from(document.querySelectorAll('.map-label')).map(box),
        symbols: Array.from(document.querySelectorAll(symbols)).map(box)
            .filter(b => b.x1 > b.x0 && b.y1 > b.y0),
        panels: Array.from(document.querySelectorAll('.incident-legend, .snapshot-caption')).map(box),
        struck: Array.from(document.querySelectorAll('.map-label-struck')).map(e => e.textContent),
    };
}"""


def _overlap(a, b, slack=0.5):
    return (
        a["x1"] - slack > b["x0"]
        and a["x0"] + slack < b["x1"]
        and a["y1"] - slack > b["y0"]
        and (a["y0"] + slack < b["y1"])
    )


def _boxes(page, path, records, **options):
    store = Store(f"sqlite:///{path.with_suffix('.sqlite')}")
    store.add(records)
    write_snapshot(path, store, **options)  # asked of the store, as the CLI and the dashboard do
    page.goto(path.as_uri())
    page.wait_for_function(READY)
    return page.evaluate(_BOXES, SYMBOLS)


def _check(boxes):
    labels, symbols = boxes["labels"], boxes["symbols"]
    assert labels and symbols
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (a, b)
        for s in symbols:
            assert not _overlap(a, s), (a, s)
    for panel in boxes["panels"]:
        for s in symbols:
            assert not _overlap(panel, s), (panel, s)


@pytest.mark.parametrize("size", [(1500, 1000), (390, 844)])
def test_seed_snapshot_labels_collide_with_nothing(tmp_path, file_page, size):
    file_page.set_viewport_size({"width": size[0], "height": size[1]})
    boxes = _boxes(file_page, tmp_path / "seed.html", read_seed()[0])
    _check(boxes)
    # The struck places carry their names.
    assert {"Kharkiv", "Sumy", "Zaporizhzhia", "Zelenograd"} <= set(boxes["struck"])


def test_two_hundred_incidents_in_one_oblast(tmp_path, file_page):
    base = read_seed()[0][1]
    rng = random.Random(19)
    records = [
        {
            **base,
            "id": f"k-{n}",
            "place": f"Village {n}",
            "admin1": "Kharkiv Oblast",
            "latitude": round(49.3 + rng.random() * 1.0, 4),
            "longitude": round(35.6 + rng.random() * 1.8, 4),
            "injured": rng.choice([None, 0, 1, 3, 12]),
        }
        for n in range(200)
    ]
    file_page.set_viewport_size({"width": 1500, "height": 1000})
    _check(_boxes(file_page, tmp_path / "k.html", records))
