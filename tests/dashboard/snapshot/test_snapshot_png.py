"""PNG snapshots rendered by real headless Chromium, decoded with Pillow.

The view is fixed (centre and zoom), so where each incident must appear is computed
here with Web Mercator arithmetic, independently of Leaflet: a symbol at the right
pixel means the snapshot drew the right incidents in the right places.
"""

import io
import math

import pytest
from PIL import Image

from dashboard.map.style import ATTACKER_COLOURS, INJURED_COLOUR, OUTAGE_COLOUR
from dashboard.snapshot import SnapshotError, TileSource, View, make_snapshot, write_snapshot
from incidents.rules.filters import IncidentFilter
from incidents.storage.store import Store
from tests.browser import require_browser

pytestmark = pytest.mark.browser

VIEW = View(52.0, 36.0, 6)
WIDTH, HEIGHT = 1000, 900
# At this (wide) size the page gives the right-hand 260 px to the caption and legend
# band (dashboard/snapshot/page.py): the map is the rest.
MAP_WIDTH = WIDTH - 260
# Kharkiv is filtered out; it lies between the others, well inside the view.
ALL_BUT_KHARKIV = IncidentFilter(regions=("Sumy Oblast", "Zaporizhzhia Oblast", "Moscow"))


@pytest.fixture
def store(db_url):
    """The store holding the seed incidents: what snapshots are asked of."""
    require_browser()
    opened = Store(db_url)
    opened.load_seed_if_empty()
    return opened


@pytest.fixture
def seed(store):
    """The stored records, read here to say where each must be drawn."""
    return store.read_incidents()


def container_point(lat: float, lon: float, view: View, width: int, height: int) -> tuple[float, float]:
    """Web Mercator (EPSG:3857) pixel of a point in a map of that size, centre and zoom."""
    world = 256 * 2**view.zoom

    def project(lat, lon):
        s = math.sin(math.radians(lat))
        return (lon + 180) / 360 * world, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * world

    (x, y), (cx, cy) = project(lat, lon), project(view.latitude, view.longitude)
    return x - cx + width / 2, y - cy + height / 2


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def colour_near(
    image: Image.Image, x: float, y: float, colour: str, *, radius: int, tolerance: int = 40
) -> bool:
    """Whether a pixel within `radius` of (x, y) has this colour (per channel +-tolerance)."""
    want = rgb(colour)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = int(round(x)) + dx, int(round(y)) + dy
            if 0 <= px < image.width and 0 <= py < image.height:
                got = image.getpixel((px, py))[:3]
                if all(abs(g - w) <= tolerance for g, w in zip(got, want, strict=True)):
                    return True
    return False


@pytest.mark.parametrize("scale", [1, 2])
def test_png_has_the_size_and_the_filtered_incidents_only(store, seed, scale):
    snapshot = make_snapshot(
        "png", store, ALL_BUT_KHARKIV, view=VIEW, width=WIDTH, height=HEIGHT, scale=scale
    )
    image = Image.open(io.BytesIO(snapshot.data)).convert("RGB")

    assert image.size == (WIDTH * scale, HEIGHT * scale)
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 50, "the image is blank or nearly so"

    by_place = {r["place"]: r for r in seed}
    for place in ("Sumy", "Zaporizhzhia", "Zelenograd"):
        record = by_place[place]
        x, y = container_point(record["latitude"], record["longitude"], VIEW, MAP_WIDTH, HEIGHT)
        assert colour_near(
            image, x * scale, y * scale, ATTACKER_COLOURS[record["attacker"]], radius=2 * scale
        ), f"no {record['attacker']} symbol at {place} ({x * scale:.0f}, {y * scale:.0f})"

    kharkiv = by_place["Kharkiv"]
    x, y = container_point(kharkiv["latitude"], kharkiv["longitude"], VIEW, MAP_WIDTH, HEIGHT)
    assert 0 < x < MAP_WIDTH and 0 < y < HEIGHT, "the filtered-out incident must be inside the view"
    for colour in (ATTACKER_COLOURS["RU"], INJURED_COLOUR, OUTAGE_COLOUR):
        assert not colour_near(image, x * scale, y * scale, colour, radius=8 * scale), (
            f"Kharkiv is filtered out but {colour} is drawn there"
        )


def test_presets_give_the_png_their_size(store, tmp_path):
    # A4 portrait at 2x: what a printed briefing uses. Fitted view, all four incidents.
    write_snapshot(tmp_path / "a4.png", store, width=794, height=1123, scale=2)
    with Image.open(tmp_path / "a4.png") as image:
        assert image.size == (1588, 2246)
        colours = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 22)}
    assert rgb(ATTACKER_COLOURS["RU"]) in colours and rgb(ATTACKER_COLOURS["UA"]) in colours


def test_unreachable_online_tiles_fall_back_to_the_offline_basemap(store, seed):
    # Port 9 (discard) on this machine refuses at once: a tile server that cannot be reached.
    dead = TileSource("Test tiles", "http://127.0.0.1:9/{z}/{x}/{y}.png", "test tiles")
    snapshot = make_snapshot(
        "png", store, view=VIEW, width=WIDTH, height=HEIGHT, tiles=dead, tile_timeout_s=10
    )
    assert snapshot.notes == (
        "Online tiles (Test tiles) could not be reached in time: offline basemap shown.",
    )
    image = Image.open(io.BytesIO(snapshot.data)).convert("RGB")
    sumy = next(r for r in seed if r["place"] == "Sumy")
    assert colour_near(
        image,
        *container_point(sumy["latitude"], sumy["longitude"], VIEW, MAP_WIDTH, HEIGHT),
        ATTACKER_COLOURS["RU"],
        radius=2,
    )


def test_a_failed_render_leaves_no_file(store, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SnapshotError, match=r"Timeout|not drawn within"):
        write_snapshot(out / "map.png", store, width=WIDTH, height=HEIGHT, timeout_s=0.001)
    assert list(out.iterdir()) == []


def test_a_map_that_cannot_be_built_raises_and_writes_nothing(store, tmp_path):
    # The page is built while Chromium starts; a failure there must not leave either behind.
    def broken_map(data, *, over_tiles=False):
        raise ValueError("no map today")

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValueError, match="no map today"):
        write_snapshot(out / "map.png", store, build_map=broken_map)
    assert list(out.iterdir()) == []
