"""The incident store on SQLAlchemy: an embedded SQLite file by default.

Minimal for now (issue 2): tables for incidents and air-defence reports, created and
loaded with the seed data on first use. Import batches and rejected rows come with
the store issue.
"""

import os
from pathlib import Path

import sqlalchemy as sa

from incidents import IncidentError
from incidents.model import AIR_DEFENCE_COUNT_FIELDS, AIR_DEFENCE_FIELDS, COUNT_FIELDS, INCIDENT_FIELDS
from incidents.seed import read_seed

DB_ENV = "INCIDENTS_DB"


class StoreError(IncidentError):
    """The database cannot be opened or used."""


def default_db_url() -> str:
    """`INCIDENTS_DB` if set, else an SQLite file in the user's data directory."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{data_home / 'incidents' / 'incidents.sqlite'}"


def _column(name: str, counts: tuple[str, ...]) -> sa.Column:
    if name == "id":
        return sa.Column(name, sa.String(64), primary_key=True)
    if name in counts:
        return sa.Column(name, sa.Integer, nullable=True)
    if name in ("latitude", "longitude"):
        return sa.Column(name, sa.Float, nullable=True)
    if name in ("damage", "description", "source_name", "source_url", "place"):
        return sa.Column(name, sa.Text, nullable=True)
    return sa.Column(name, sa.String(64), nullable=True, index=name in ("date", "country", "admin1"))


metadata = sa.MetaData()
incidents_table = sa.Table(
    "incidents", metadata, *(_column(name, COUNT_FIELDS) for name in INCIDENT_FIELDS)
)
air_defence_table = sa.Table(
    "air_defence", metadata, *(_column(name, AIR_DEFENCE_COUNT_FIELDS) for name in AIR_DEFENCE_FIELDS)
)


class Store:
    """A database of incidents; `Store(url)` creates its tables when missing."""

    def __init__(self, url: str | None = None):
        self.url = url or default_db_url()
        try:
            sa_url = sa.make_url(self.url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"not a database URL: {self.url!r} (try sqlite:///path/file.sqlite)") from exc
        if sa_url.get_backend_name() == "sqlite" and sa_url.database not in (None, "", ":memory:"):
            Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = sa.create_engine(sa_url)
            metadata.create_all(self.engine)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot open the database {self.url!r}: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}") from exc

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(incidents_table)).scalar() == 0

    def add(self, incidents: list[dict], air_defence: list[dict] = ()) -> None:
        with self.engine.begin() as conn:
            if incidents:
                conn.execute(incidents_table.insert(), [_only(row, INCIDENT_FIELDS) for row in incidents])
            if air_defence:
                conn.execute(
                    air_defence_table.insert(), [_only(row, AIR_DEFENCE_FIELDS) for row in air_defence]
                )

    def load_seed_if_empty(self) -> bool:
        """Load the seed report's records into an empty store; True if it did."""
        if not self.is_empty():
            return False
        self.add(*read_seed())
        return True

    def read_incidents(self) -> list[dict]:
        query = sa.select(incidents_table).order_by(incidents_table.c.date, incidents_table.c.place)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def read_air_defence(self) -> list[dict]:
        query = sa.select(air_defence_table).order_by(air_defence_table.c.date)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


def _only(row: dict, fields: tuple[str, ...]) -> dict:
    return {name: row.get(name) for name in fields}
