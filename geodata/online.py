"""Opt-in online fallback: geopy's Nominatim, rate limited and cached on disk.

Off unless a caller builds one. Nominatim's usage policy asks for a real user agent and
at most one request per second; answers (including "nothing found") are kept in a SQLite
file so a name is asked about once, even across runs.
"""

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from geodata import InvalidQueryError, OnlineGeocoderError
from geodata.cache import cache_dir

DEFAULT_SERVER = "nominatim.openstreetmap.org"


class _InjectableRateLimiter(RateLimiter):
    """geopy's RateLimiter with the clock and sleep passed in, so tests never sleep."""

    def __init__(self, func, *, clock: Callable[[], float], sleep: Callable[[float], None], **options):
        super().__init__(func, **options)
        self._injected_clock = clock
        self._injected_sleep = sleep

    def _clock(self):
        return self._injected_clock()

    def _sleep(self, seconds):
        self._injected_sleep(seconds)


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


class NominatimFallback:
    """Ask a Nominatim server about names the gazetteer lacks; one request a second at most.

    `user_agent` must identify the application and a contact, per Nominatim's policy.
    `adapter_factory` is geopy's network boundary (tests pass a fake one).
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
    ):
        if not user_agent or "geopy" in user_agent.lower() or len(user_agent) < 8:
            raise InvalidQueryError(
                f"user_agent {user_agent!r}: give your application's name and a contact, "
                "e.g. 'incident-dashboard/0.1 (desk@example.org)'"
            )
        self.server = server
        self._geocoder = Nominatim(
            domain=server,
            scheme=scheme,
            user_agent=user_agent,
            timeout=timeout,
            adapter_factory=adapter_factory,
        )
        self._geocode = _InjectableRateLimiter(
            self._geocoder.geocode,
            clock=clock,
            sleep=sleep,
            min_delay_seconds=min_delay_seconds,
            max_retries=1,
            error_wait_seconds=max(min_delay_seconds, 2.0),
            swallow_exceptions=False,
        )
        self.cache = AnswerCache(cache_path or cache_dir() / "nominatim.sqlite")

    def lookup(self, query: str, *, country: str | None = None) -> dict | None:
        """{"name", "latitude", "longitude", "country", "admin1", "osm_id"} or None."""
        key_country = (country or "").upper()
        cached, answer = self.cache.get(self.server, query, key_country)
        if cached:
            return answer
        try:
            location = self._geocode(
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
    }
