"""Opt-in online geocoding: geopy's Nominatim, rate limited and cached on disk.

Off unless configured (see geodata.geocoder.build_geocoder). Nominatim's usage policy asks
for a real user agent and at most one request per second; answers (including "nothing
found") are kept in a SQLite file so a name is asked about once, even across runs.
"""

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from geopy.exc import GeocoderServiceError
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geodata import InvalidQueryError, OnlineGeocoderError
from geodata.cache import cache_dir

DEFAULT_SERVER = "nominatim.openstreetmap.org"


class Throttle:
    """Calls `func` at most once every `min_delay_seconds`, retrying geopy's service errors
    (timeouts, rate limits, 5xx) `max_retries` times, `error_wait_seconds` apart.

    What geopy's RateLimiter does, with the clock and sleep passed in (tests never sleep).
    Thread-safe: concurrent callers each wait for their own slot.
    """

    def __init__(
        self,
        func: Callable,
        *,
        min_delay_seconds: float = 1.0,
        max_retries: int = 1,
        error_wait_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if min_delay_seconds < 0 or max_retries < 0 or error_wait_seconds < min_delay_seconds:
            raise InvalidQueryError(
                f"throttle: min_delay_seconds {min_delay_seconds!r} and max_retries {max_retries!r} "
                f"must be >= 0, error_wait_seconds {error_wait_seconds!r} >= min_delay_seconds"
            )
        self.func = func
        self.min_delay_seconds = min_delay_seconds
        self.max_retries = max_retries
        self.error_wait_seconds = error_wait_seconds
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.Lock()
        self._last_call: float | None = None

    def __call__(self, *args, **kwargs):
        for attempt in range(self.max_retries + 1):
            self._wait_for_slot()
            try:
                return self.func(*args, **kwargs)
            except GeocoderServiceError:
                if attempt == self.max_retries:
                    raise
                self.sleep(self.error_wait_seconds)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_for_slot(self) -> None:
        while True:
            with self._lock:
                now = self.clock()
                wait = 0.0 if self._last_call is None else self.min_delay_seconds - (now - self._last_call)
                if wait <= 0:
                    self._last_call = now
                    return
            self.sleep(wait)


class AnswerCache:
    """Nominatim answers by (server, query, country) in a SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS answers (server TEXT, query TEXT, country TEXT, "
                "answer TEXT, stored REAL, PRIMARY KEY (server, query, country))"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def get(self, server: str, query: str, country: str) -> tuple[bool, dict | None]:
        """(True, answer) when cached, answer None for a cached "nothing found"."""
        with self._lock, self._connect() as db:
            row = db.execute(
                "SELECT answer FROM answers WHERE server=? AND query=? AND country=?",
                (server, query, country),
            ).fetchone()
        if row is None:
            return False, None
        return True, json.loads(row[0])

    def put(self, server: str, query: str, country: str, answer: dict | None) -> None:
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                (server, query, country, json.dumps(answer), time.time()),
            )


class NominatimFallback(Geocoder):
    """A Nominatim server behind geopy's Geocoder interface: one request a second at most,
    every answer cached on disk. Plugs into GazetteerGeocoder(fallback=...) or stands alone.

    `user_agent` must identify the application and a contact, per Nominatim's policy.
    `adapter_factory` is geopy's network boundary (tests pass a fake one); `clock` and
    `sleep` drive the rate limit. `nominatim_class` may be a subclass of geopy's Nominatim.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        server: str = DEFAULT_SERVER,
        scheme: str = "https",
        cache_path: Path | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        adapter_factory=None,
        nominatim_class: type[Nominatim] = Nominatim,
    ):
        if not isinstance(user_agent, str) or "geopy" in user_agent.lower() or len(user_agent) < 8:
            raise InvalidQueryError(
                f"user_agent {user_agent!r}: give your application's name and a contact, "
                "e.g. 'incident-dashboard/0.1 (desk@example.org)'"
            )
        self.server = server
        self._nominatim = nominatim_class(
            domain=server,
            scheme=scheme,
            user_agent=user_agent,
            timeout=timeout,
            adapter_factory=adapter_factory,
        )
        # The requests go out through the Nominatim above; this object's own adapter is idle.
        super().__init__(scheme=scheme, user_agent=user_agent, adapter_factory=adapter_factory)
        self._ask = Throttle(
            self._nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=1,
            error_wait_seconds=max(min_delay_seconds, 2.0),
            clock=clock,
            sleep=sleep,
        )
        self.cache = AnswerCache(cache_path or cache_dir() / "nominatim.sqlite")

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, country=None):
        """A Location whose raw is `lookup`'s answer (plus geocoder "nominatim"), or None.

        `country` (ISO code) limits the search; `timeout` is accepted for geopy
        compatibility (the one given at construction applies).
        """
        answer = self.lookup(query, country=country)
        if answer is None:
            return None
        address = ", ".join(part for part in (answer["name"], answer["admin1"], answer["country"]) if part)
        location = Location(address, Point(answer["latitude"], answer["longitude"]), answer)
        return location if exactly_one else [location]

    def lookup(self, query: str, *, country: str | None = None) -> dict | None:
        """{"name", "latitude", "longitude", "country", "admin1", "osm_id", "geo_precision",
        "geocoder"} or None."""
        key_country = (country or "").upper()
        cached, answer = self.cache.get(self.server, query, key_country)
        if cached:
            return _with_defaults(answer)
        try:
            location = self._ask(
                query,
                exactly_one=True,
                addressdetails=True,
                language="en",
                country_codes=key_country.lower() or None,
            )
        except Exception as exc:  # geopy raises many kinds; callers need one
            raise OnlineGeocoderError(f"Nominatim at {self.server} failed for {query!r}: {exc}") from exc
        answer = parse_nominatim(location.raw) if location is not None else None
        self.cache.put(self.server, query, key_country, answer)
        return answer


def _with_defaults(answer: dict | None) -> dict | None:
    # Answers cached by an earlier version lack the fields added since.
    if answer is None:
        return None
    return {"geo_precision": "settlement", "geocoder": "nominatim", **answer}


# What kind of place an answer is, from Nominatim's `addresstype` / Photon's `type`.
_REGION_TYPES = frozenset({"state", "region", "province"})
_COUNTRY_TYPES = frozenset({"country"})


def _precision(kind: object) -> str:
    if kind in _REGION_TYPES:
        return "admin1"
    if kind in _COUNTRY_TYPES:
        return "country"
    return "settlement"


def parse_nominatim(raw: dict) -> dict:
    """The fields we keep from one Nominatim result (pure)."""
    address = raw.get("address") or {}
    name = raw.get("name") or (raw.get("display_name") or "").split(",")[0]
    return {
        "name": name,
        "latitude": float(raw["lat"]),
        "longitude": float(raw["lon"]),
        "country": (address.get("country_code") or "").upper() or None,
        "admin1": address.get("state"),
        "osm_id": raw.get("osm_id"),
        "geo_precision": _precision(raw.get("addresstype")),
        "geocoder": "nominatim",
    }


def parse_photon(raw: dict) -> dict:
    """The same fields from one Photon result, a GeoJSON Feature (pure)."""
    properties = raw.get("properties") or {}
    longitude, latitude = raw["geometry"]["coordinates"][:2]
    return {
        "name": properties.get("name") or "",
        "latitude": float(latitude),
        "longitude": float(longitude),
        "country": (properties.get("countrycode") or "").upper() or None,
        "admin1": properties.get("state"),
        "osm_id": properties.get("osm_id"),
        "geo_precision": _precision(properties.get("type")),
        "geocoder": "photon",
    }
