"""Validation: a raw row (field name -> value as typed) to a clean record, or every problem.

Pure. Geocoding, which needs the gazetteer, happens afterwards in `incidents.importing.locate`.
"""

import datetime as dt

from incidents import IncidentError
from incidents.rules import vocabulary as words
from incidents.rules.bounds import COUNT_MAX, ID_CHARS, TEXT_CHARS, VERSION_MAX
from incidents.rules.model import (
    AIR_DEFENCE_COUNT_FIELDS,
    COUNT_FIELDS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    GEOCODERS,
    air_defence_id,
    incident_id,
)
from incidents.rules.values import (
    ValueProblem,
    is_unknown,
    parse_coordinate,
    parse_count,
    parse_date,
    parse_details,
    parse_text,
    parse_time,
    shown,
)

CHILDREN_OF = {"children_killed": "killed", "children_injured": "injured"}


def children_above_total(children: int | None, total: int | None) -> bool:
    """Children are counted within the total: more of them than the total is a mistake.
    (The import's column path asks this of each distinct pair of counts in a file.)"""
    return children is not None and total is not None and children > total


class RecordError(IncidentError, ValueError):
    """A row that cannot be stored; `problems` lists each reason, naming field and value."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class _Problems:
    """Collects every problem of a row, so one pass tells the user all there is to fix."""

    def __init__(self):
        self.found: list[str] = []

    def read(self, field: str, parse, value, **options):
        if value is None or value == "":
            return None  # most cells of a spreadsheet are empty: skip the parser
        try:
            return parse(value, **options)
        except ValueProblem as problem:
            message = str(problem)
            self.found.append(message if message.startswith(field) else f"{field} {message}")
            return None

    def text(self, field: str, value) -> str | None:
        if value is None:
            return None
        try:  # not through `read`: six of these per row
            return parse_text(value, limit=TEXT_CHARS[field])
        except ValueProblem as problem:
            self.found.append(f"{field} {problem}")
            return None

    def count(self, field: str, value) -> int | None:
        return self.read(field, parse_count, value, maximum=COUNT_MAX[field])

    def identifier(self, value) -> str | None:
        return self.read("id", parse_text, value, limit=ID_CHARS)

    def add(self, message: str) -> None:
        self.found.append(message)

    def raise_any(self) -> None:
        if self.found:
            raise RecordError(self.found)


def validate_incident(raw: dict, *, today: dt.date | None = None) -> dict:
    """A clean incident with every field of the model; raises RecordError listing all problems.

    Coordinates may be missing: `incidents.importing.locate` fills them from the place or rejects the row.
    Every value is within `incidents.rules.bounds`; dates up to `bounds.latest_date(today)`.
    """
    problems = _Problems()
    today = today or dt.date.today()
    if "sources" in raw:
        raw = _with_sources(raw)
    get, read = raw.get, problems.read
    given_id = problems.identifier(get("id"))
    record: dict = {
        "date": read("date", parse_date, get("date"), today=today),
        "time": read("time", parse_time, get("time")),
        "date_precision": read("date_precision", parse_choice, get("date_precision"), allowed=DATE_PRECISIONS)
        or "day",
        "place": problems.text("place", get("place")),
        "admin1": problems.text("admin1", get("admin1")),
        "country": read("country", words.country_code, get("country")),
        "latitude": read("latitude", parse_coordinate, get("latitude"), low=-90, high=90, name="latitude"),
        "longitude": read(
            "longitude", parse_coordinate, get("longitude"), low=-180, high=180, name="longitude"
        ),
        "geo_precision": read("geo_precision", parse_choice, get("geo_precision"), allowed=GEO_PRECISIONS),
        "geocoder": read("geocoder", parse_choice, get("geocoder"), allowed=GEOCODERS),
        "event_type": read("event_type", words.event_type, get("event_type")),
        "attacker": read("attacker", words.attacker, get("attacker")),
    }
    for name in COUNT_FIELDS:
        record[name] = problems.count(name, get(name))
    for name in ("damage", "description", "source_name", "source_url"):
        record[name] = problems.text(name, get(name))
    record["source_published"] = read("source_published", parse_date, get("source_published"), today=today)
    _read_source_record(record, raw, problems)
    if is_unknown(get("date")):
        problems.add("date is missing; write the day of the event, e.g. 2025-07-20")
    _check_point(record, raw, problems)
    if record["latitude"] is not None:
        record["geocoder"] = record["geocoder"] or "source"
    if record["place"] is None and record["latitude"] is None and is_unknown(get("place")):
        problems.add("place is missing; write the settlement name (or give latitude and longitude)")
    if record["event_type"] is None and is_unknown(get("event_type")):
        problems.add("event_type is missing; write e.g. drone_strike, 'missile strike' or 'shelling'")
    for child, total in CHILDREN_OF.items():
        if children_above_total(record[child], record[total]):
            problems.add(
                f"{child} {record[child]} is more than {total} {record[total]};"
                " children are counted within the total, so fix one of the two"
            )
    problems.raise_any()
    record["date"] = record["date"].isoformat()
    if record["source_published"] is not None:
        record["source_published"] = record["source_published"].isoformat()
    record["id"] = given_id or incident_id(record)
    return record


def validate_air_defence(raw: dict, *, today: dt.date | None = None) -> dict:
    """A clean air-defence report within `incidents.rules.bounds`; raises RecordError listing all problems."""
    problems = _Problems()
    today = today or dt.date.today()
    raw = _with_sources(raw)
    given_id = problems.identifier(raw.get("id"))
    record: dict = {}
    record["date"] = problems.read("date", parse_date, raw.get("date"), today=today)
    if is_unknown(raw.get("date")):
        problems.add("date is missing; write the day of the report, e.g. 2025-07-20")
    record["reported_by"] = problems.text("reported_by", raw.get("reported_by"))
    if record["reported_by"] is None and is_unknown(raw.get("reported_by")):
        problems.add("reported_by is missing; write who reported it, e.g. Ukrainian Air Force")
    record["attacker"] = problems.read("attacker", words.attacker, raw.get("attacker"))
    record["weapon"] = problems.read("weapon", words.weapon, raw.get("weapon"))
    for name in AIR_DEFENCE_COUNT_FIELDS:
        record[name] = problems.count(name, raw.get(name))
    launched, shot_down, lost = (record[name] for name in AIR_DEFENCE_COUNT_FIELDS)
    if launched is not None and (shot_down or 0) + (lost or 0) > launched:
        problems.add(f"shot_down {shot_down} plus lost {lost or 0} is more than launched {launched}")
    for name in ("area", "description", "source_name", "source_url"):
        record[name] = problems.text(name, raw.get(name))
    record["source_published"] = problems.read(
        "source_published", parse_date, raw.get("source_published"), today=today
    )
    _read_source_record(record, raw, problems)
    problems.raise_any()
    record["date"] = record["date"].isoformat()
    if record["source_published"] is not None:
        record["source_published"] = record["source_published"].isoformat()
    record["id"] = given_id or air_defence_id(record)
    return record


def validate_deletion(raw: dict) -> dict:
    """A source's word that it withdrew one of its records (ACLED's deletions list):
    the record's id and the stamp of the deletion."""
    problems = _Problems()
    record = {"id": problems.identifier(raw.get("id"))}
    if record["id"] is None and is_unknown(raw.get("id")):
        problems.add("event_id_cnty is missing; each row of a deletions list names the event it deletes")
    record["source_version"] = problems.read(
        "deleted_timestamp", parse_count, raw.get("source_version"), maximum=VERSION_MAX
    )
    problems.raise_any()
    return record


def _read_source_record(record: dict, raw: dict, problems: _Problems) -> None:
    """The source's own stamp and columns (`model.SOURCE_RECORD_FIELDS`)."""
    record["source_version"] = problems.read(
        "source_version", parse_count, raw.get("source_version"), maximum=VERSION_MAX
    )
    record["source_details"] = problems.read(
        "source_details", parse_details, raw.get("source_details"), limit=TEXT_CHARS["source_details"]
    )


def parse_choice(value, *, allowed: tuple[str, ...]) -> str | None:
    """One of `allowed`, in any case and with spaces around; None when unknown."""
    if is_unknown(value):
        return None
    text = str(value).strip().casefold()
    if text not in allowed:
        raise ValueProblem(f"{shown(value)} is not allowed; use one of {', '.join(allowed)}")
    return text


def _check_point(record: dict, raw: dict, problems: _Problems) -> None:
    latitude, longitude = record["latitude"], record["longitude"]
    if latitude is not None and longitude is not None and (latitude, longitude) != (0, 0):
        return  # the common case
    given = [is_unknown(raw.get("latitude")), is_unknown(raw.get("longitude"))]
    if given == [False, True] or given == [True, False]:
        problems.add("only one of latitude and longitude is given; give both or neither")
        record["latitude"] = record["longitude"] = None
    elif latitude == 0 and longitude == 0:
        problems.add("latitude 0, longitude 0 is a placeholder, not a place; leave both empty to geocode")
        record["latitude"] = record["longitude"] = None


def _with_sources(raw: dict) -> dict:
    """JSON may list several sources: keep every name and URL, and the earliest date."""
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        return raw
    items = [source for source in sources if isinstance(source, dict)]

    def joined(key: str, separator: str) -> str | None:
        values = [str(item[key]).strip() for item in items if not is_unknown(item.get(key))]
        return separator.join(values) or None

    published = sorted(str(item["published"]) for item in items if not is_unknown(item.get("published")))
    return {
        **raw,
        "source_name": raw.get("source_name") or joined("name", "; "),
        "source_url": raw.get("source_url") or joined("url", " "),
        "source_published": raw.get("source_published") or (published[0] if published else None),
    }
