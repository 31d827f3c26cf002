"""Reports under incidents, in the store: matching on arrival, attaching, and the reviewer's
merge, split and keep-apart. Runs inside the caller's write transaction.

The rules are `incidents.consolidate` (pure); this module applies them:

- An incident of one report is one row of `incidents`, as before (a store of an
  earlier release is already in this shape: nothing to migrate). When a second report
  attaches, the incident's own first report is copied into `incident_reports` as it
  was, the new one goes there too, and the incident row takes the figures derived
  from all of them (`incidents.consolidate.figures`). Every change of the incident row
  keeps the version it replaced, with the source (or reviewer) that made it.
- On arrival, the records a batch inserted are looked up against the incidents of
  the same and the adjacent days near their point: one SQL query over an index
  (`ix_incidents_date_map`), whatever the size of the store. A sure match attaches;
  a likely one waits in `incident_matches` for a reviewer.
- A record whose id is a stored report (a re-import, a source's revision) revises
  that report, never a new incident: re-importing a file changes nothing.
- Everything can be undone: merge by split, an attachment by split, and a pair kept
  apart is never proposed again.
"""

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from incidents import IncidentError
from incidents.consolidate.figures import derive
from incidents.consolidate.matching import (
    LIKELY,
    SEARCH_DEGREES_LAT,
    SEARCH_DEGREES_LON,
    SURE,
    judge,
)
from incidents.rules.bounds import storable
from incidents.rules.model import INCIDENT_FIELDS, content_hash, search_text
from incidents.storage import fulltext as search
from incidents.storage import history
from incidents.storage import summary as figures
from incidents.storage.merge import newer
from incidents.storage.schema import (
    batches_table,
    incidents_table,
    matches_table,
    reports_table,
    versions_table,
)

LOOKUP_CHUNK = 500
OPEN, MERGED, KEPT_APART = "open", "merged", "kept_apart"
_PROBE_TABLE = "near_probes"  # a write's own temporary table (`_near`)
_EVENT_PROBE_FIELDS = (
    *("id", "date", "latitude", "longitude", "geo_precision", "date_precision", "source_name"),
)


class MatchError(IncidentError, ValueError):
    """A review decision that cannot be made (an unknown id, a split of one report)."""


@dataclasses.dataclass
class Consolidated:
    attached: int = 0
    to_review: int = 0
    days: set = dataclasses.field(default_factory=set)


@dataclasses.dataclass
class Revised:
    records: Sequence  # the batch's records that are not stored reports (for the merge)
    updated: int = 0
    duplicates: int = 0
    outdated: int = 0
    days: set = dataclasses.field(default_factory=set)


# -- arriving records that are reports already --------------------------------------------


def revise_known(conn, records: Sequence, batch_id: str, at: dt.datetime) -> Revised:
    """Split off the records whose id is a stored report: each is a duplicate (the same),
    outdated (the store's version is newer), or revises its report and so its incident.
    The rest are returned for the merge."""
    if not records or conn.execute(sa.select(sa.exists().select_from(reports_table))).scalar() is False:
        return Revised(records)
    ids = records.column("id") if hasattr(records, "column") else [record["id"] for record in records]
    known = {
        row["id"]: row
        for row in _rows(conn, reports_table, ids, (*INCIDENT_FIELDS, "incident_id", "batch_id"))
    }
    if not known:
        return Revised(records)
    result = Revised([record for record in records if record["id"] not in known])
    current = {
        row["id"]: row
        for row in _rows(
            conn, incidents_table, list({row["incident_id"] for row in known.values()}), INCIDENT_FIELDS
        )
    }
    touched = {}
    for record in records:
        stored = known.get(record["id"])
        if stored is None:
            continue
        fields = {name: stored[name] for name in INCIDENT_FIELDS}
        incident = current.get(stored["incident_id"])
        # The same as the report, or as the incident it is now part of (an export of the
        # store imported again): nothing new.
        if _same(record, fields) or (
            record["id"] == stored["incident_id"] and incident is not None and _same(record, incident)
        ):
            result.duplicates += 1
        elif newer(stored["source_version"], record.get("source_version")):
            result.outdated += 1
        else:
            history.keep(
                conn,
                reports_table,
                [stored],
                batch_id,
                at,
                new={record["id"]: record},
                why={record["id"]: ("revised by its source", record.get("source_name"))},
            )
            conn.execute(
                reports_table.update()
                .where(reports_table.c.id == record["id"])
                .values(
                    {name: record[name] for name in INCIDENT_FIELDS if name != "id"} | {"batch_id": batch_id}
                )
            )
            result.updated += 1
            touched[stored["incident_id"]] = record.get("source_name")
    for incident_id, source in touched.items():
        result.days |= _rederive(
            conn, incident_id, batch_id, at, reason=f"a report from {source} revised", by=source
        )
    return result


def _digest(record) -> str:
    # What PostgreSQL's merge compares a re-imported row by (SQLite compares the columns).
    return content_hash(record, INCIDENT_FIELDS)


def _same(record, row) -> bool:
    return all(record.get(name) == row[name] for name in INCIDENT_FIELDS)


def withdraw(conn, deletions: Sequence, batch_id: str, at: dt.datetime):
    """A source's deletions of records that are reports of a consolidated incident: the
    report goes (kept in the history), the incident is derived from the others, and
    goes too when none is left. Returns (the deletions left for `merge.delete`, deleted,
    outdated, days touched)."""
    if not deletions or conn.execute(sa.select(sa.exists().select_from(reports_table))).scalar() is False:
        return list(deletions), 0, 0, set()
    ids = list(dict.fromkeys(deletion.record_id for deletion in deletions))
    known = {
        row["id"]: dict(row)
        for row in _rows(conn, reports_table, ids, (*INCIDENT_FIELDS, "incident_id", "batch_id"))
    }
    if not known:
        return list(deletions), 0, 0, set()
    left, deleted, outdated, touched, days = [], 0, 0, {}, set()
    for deletion in deletions:
        report = known.get(deletion.record_id)
        if report is None:
            left.append(deletion)
        elif newer(report["source_version"], deletion.source_version):
            outdated += 1
        elif report.get("_gone"):
            left.append(deletion)  # deleted already by an earlier row: counted as a duplicate there
        else:
            report["_gone"] = True
            source = report["source_name"]
            history.keep(
                conn,
                reports_table,
                [report],
                batch_id,
                at,
                why={report["id"]: ("withdrawn by its source", source)},
            )
            conn.execute(reports_table.delete().where(reports_table.c.id == report["id"]))
            touched[report["incident_id"]] = source
            deleted += 1
    for incident_id, source in touched.items():
        if _reports(conn, incident_id):
            days |= _rederive(
                conn, incident_id, batch_id, at, reason=f"a report from {source} withdrawn", by=source
            )
            continue
        row = _incident(conn, incident_id)
        if row is not None:
            history.keep(
                conn,
                incidents_table,
                [row],
                batch_id,
                at,
                why={incident_id: ("every report withdrawn", source)},
            )
            search.forget(conn, [incident_id])
            conn.execute(incidents_table.delete().where(incidents_table.c.id == incident_id))
            days.add(row["date"])
    return left, deleted, outdated, days


# -- matching the new incidents of a batch ------------------------------------------------


def consolidate(
    conn,
    records: Sequence,
    new_ids: Iterable[str],
    batch_id: str,
    at: dt.datetime,
    *,
    into_empty: bool = False,
    one_dataset: bool = False,
) -> Consolidated:
    """The incidents a batch just inserted (`new_ids`, among `records` in file order),
    matched against every incident stored (the batch's earlier ones too). `into_empty`:
    the store held no incident before the batch. `one_dataset`: the batch is a dataset
    that lists each event once (an ACLED export, whatever source each row cites), so its
    records are never matched with each other.

    Decided in memory, record after record (each sees the attachments before it), then
    written in a few statements: per-record statements cost a millisecond each."""
    new_ids = set(new_ids)
    outcome = Consolidated()
    if not new_ids:
        return outcome
    order, source_of, probes = _probes(records, new_ids)
    if not probes or (into_empty and (one_dataset or len(set(source_of.values())) == 1)):
        # One source's records into an empty store: nothing they could be a report of.
        return outcome
    pairs: dict[str, list[str]] = {}
    for new_id, found in _near(conn, probes):
        if found in order:
            # Two new records: the later in the file looks back at the earlier, not both
            # ways; and two of one source in one file (or of a file that names none) are
            # the source's two records, so two strikes.
            if one_dataset or order[found] > order[new_id] or source_of[found] == source_of[new_id]:
                continue
        pairs.setdefault(new_id, []).append(found)
    if not pairs:
        return outcome
    involved = {*pairs, *(found for many in pairs.values() for found in many)}
    known_pairs = _known_pairs(conn, involved)
    rows = _incidents(conn, involved)
    stored_reports = reports_of(conn, [key for key, row in rows.items() if row["report_count"] is not None])
    reports = {key: [dict(report) for report in found] for key, found in stored_reports.items()}
    first_arrival = {key: len(found) for key, found in reports.items()}  # arrivals 0.. so far
    attached_to: dict[str, str] = {}
    versions, proposals = [], []
    for new_id in sorted(pairs, key=order.__getitem__):
        arriving = rows[new_id]
        candidates = dict.fromkeys(attached_to.get(found, found) for found in pairs[new_id])
        sure, likely = [], []
        for candidate in candidates:
            pair = frozenset((new_id, candidate))
            if candidate == new_id or known_pairs.get(pair) == KEPT_APART or candidate not in rows:
                continue
            told = reports.get(candidate, ())
            verdict = judge(
                arriving,
                rows[candidate],
                incident_times=[report["time"] for report in told],
                incident_sources=[report["source_name"] for report in told],
            )
            if verdict.kind == SURE:
                sure.append((candidate, verdict.why))
            elif verdict.kind == LIKELY:
                likely.append((candidate, verdict.why))
        if len(sure) == 1:
            target = sure[0][0]
            row = rows[target]
            told = reports.setdefault(target, [])
            if not told:  # the incident's own record becomes its first report
                told.append({name: row[name] for name in INCIDENT_FIELDS} | {"batch_id": row["batch_id"]})
            told.append({name: arriving[name] for name in INCIDENT_FIELDS} | {"batch_id": batch_id})
            record, bookkeeping = _derivation(target, told)
            source = arriving.get("source_name")
            if any(record[name] != row[name] for name in INCIDENT_FIELDS):
                versions.append(
                    _version(
                        row,
                        record,
                        batch_id,
                        at,
                        f"report from {source or 'an unnamed source'} attached",
                        source,
                    )
                )
            rows[target] = row | record | bookkeeping | {"batch_id": batch_id}
            del rows[new_id]
            attached_to[new_id] = target
            outcome.attached += 1
            outcome.days.add(arriving["date"])
            continue
        if len(sure) > 1:  # two incidents it could be: a reviewer decides
            likely = [
                (candidate, why + "; matches more than one incident") for candidate, why in sure
            ] + likely
        for candidate, why in likely:
            if frozenset((new_id, candidate)) not in known_pairs:
                known_pairs[frozenset((new_id, candidate))] = OPEN
                proposals.append(
                    {
                        "incident_id": candidate,
                        "candidate_id": new_id,
                        "why": storable(why),
                        "status": OPEN,
                        "found_at": at,
                    }
                )
        outcome.to_review += bool(likely)
    _write_attachments(conn, attached_to, reports, first_arrival, rows, versions, at)
    if proposals:
        conn.execute(matches_table.insert(), proposals)
    outcome.days |= {rows[target]["date"] for target in set(attached_to.values())}
    return outcome


def _version(row, record, batch_id: str, at: dt.datetime, reason: str, by: str | None) -> dict:
    """A history entry: the incident's version `row`, replaced by `record`."""
    changes = [
        {"field": name, "before": row[name], "after": record[name]}
        for name in INCIDENT_FIELDS
        if name != "id" and row[name] != record[name]
    ]
    return {
        "record_id": row["id"],
        "record_kind": "incident",
        "record": history._json({name: row[name] for name in INCIDENT_FIELDS}),
        "written_by": row["batch_id"],
        "replaced_by": batch_id,
        "replaced_at": at,
        "change": history.UPDATED,
        "changes": history._json(changes),
        "reason": storable(reason),
        "changed_by": storable(by) if by else None,
    }


def _write_attachments(conn, attached_to, reports, first_arrival, rows, versions, at) -> None:
    """What `consolidate` decided, in a few statements: the new reports, the attached
    records out of `incidents`, the history, and the incidents' new rows."""
    if not attached_to:
        return
    targets = list(dict.fromkeys(attached_to.values()))
    new_reports = []
    for target in targets:
        for arrival, report in enumerate(reports[target]):
            if arrival >= first_arrival.get(target, 0):
                new_reports.append(
                    {name: report[name] for name in INCIDENT_FIELDS}
                    | {
                        "incident_id": target,
                        "arrival": arrival,
                        "batch_id": report["batch_id"],
                        "attached_at": at,
                    }
                )
    conn.execute(reports_table.insert(), new_reports)
    gone = list(attached_to)
    search.forget(conn, gone)
    for start in range(0, len(gone), LOOKUP_CHUNK):
        chunk = gone[start : start + LOOKUP_CHUNK]
        conn.execute(incidents_table.delete().where(incidents_table.c.id.in_(chunk)))
    if versions:
        conn.execute(versions_table.insert(), versions)
    columns = [name for name in INCIDENT_FIELDS if name != "id"] + ["batch_id", "report_count", "conflicts"]
    statement = (
        incidents_table.update()
        .where(incidents_table.c.id == sa.bindparam("_id"))
        .values({name: sa.bindparam(name) for name in [*columns, "content_hash"]})
    )
    values = [
        {name: rows[target][name] for name in columns}
        | {"_id": target, "content_hash": _digest(rows[target])}
        for target in targets
    ]
    conn.execute(statement, values)


def _derivation(incident_id: str, told: list[dict]) -> tuple[dict, dict]:
    """The incident's record from its reports (`incidents.consolidate.figures.derive`),
    and its bookkeeping (how many reports, which figures conflict)."""
    if len(told) == 1 and told[0]["id"] == incident_id:
        # Its own report alone (after a split): the incident is that report again, as it was.
        base = told[0]
        return {name: base[name] for name in INCIDENT_FIELDS}, {"report_count": None, "conflicts": None}
    # Without its own first report (the source withdrew it), the next one gives the event.
    base = next((report for report in told if report["id"] == incident_id), told[0])
    record, conflicts, _ = derive({name: base[name] for name in INCIDENT_FIELDS}, told)
    record["id"] = incident_id
    return record, {"report_count": len(told), "conflicts": ", ".join(conflicts) or None}


def _probes(records: Sequence, new_ids: set[str]):
    """{new id: position in the file} and, per new record placed precisely enough, one
    probe per day it may be dated (the day before, itself, the day after)."""
    if hasattr(records, "column"):
        columns = [records.column(name) for name in _EVENT_PROBE_FIELDS]
        rows = zip(*columns, strict=True)
    else:
        rows = ([record.get(name) for name in _EVENT_PROBE_FIELDS] for record in records)
    order, source_of, probes = {}, {}, []
    for position, (identifier, day, lat, lon, precision, date_precision, source) in enumerate(rows):
        if identifier not in new_ids:
            continue
        order[identifier] = position
        source_of[identifier] = " ".join(str(source or "").casefold().split())
        if lat is None or lon is None or precision not in (None, "exact", "settlement"):
            continue
        if date_precision not in (None, "day"):
            continue
        try:
            ordinal = dt.date.fromisoformat(day).toordinal()
        except (TypeError, ValueError):
            continue
        box = (
            lat - SEARCH_DEGREES_LAT,
            lat + SEARCH_DEGREES_LAT,
            lon - SEARCH_DEGREES_LON,
            lon + SEARCH_DEGREES_LON,
        )
        # Days outside the calendar (a stored 0001-01-01 has no day before) have no probe.
        for shifted in range(max(1, ordinal - 1), min(dt.date.max.toordinal(), ordinal + 1) + 1):
            probes.append((identifier, dt.date.fromordinal(shifted).isoformat(), *box, source or ""))
    return order, source_of, probes


def _near(conn, probes: list[tuple]) -> list[tuple[str, str]]:
    """(new id, id of an incident dated on the probe's day inside its box): one query,
    each probe a seek into the date-and-point index."""
    if conn.dialect.name == "postgresql":
        columns = list(zip(*probes, strict=True))
        query = (
            "SELECT p.nid, i.id FROM unnest(%(nid)s::varchar[], %(day)s::varchar[], %(la)s::float8[],"
            " %(lb)s::float8[], %(oa)s::float8[], %(ob)s::float8[], %(source)s::text[])"
            " AS p(nid, day, la, lb, oa, ob, source)"
            " JOIN incidents i ON i.date = p.day AND i.latitude BETWEEN p.la AND p.lb"
            " AND i.longitude BETWEEN p.oa AND p.ob AND i.id <> p.nid"
            " AND coalesce(i.source_name, '') <> p.source"
        )
        names = ("nid", "day", "la", "lb", "oa", "ob", "source")
        return conn.exec_driver_sql(query, dict(zip(names, map(list, columns), strict=True))).all()
    # On SQLite the probes are a temporary table's rows: as one JSON array (json_each),
    # writing and reading it (json.dumps, json_extract) cost more than the seeks
    # themselves (100,000 records: 1.3 s, now 0.5 s).
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE {_PROBE_TABLE}"
        " (nid TEXT, day TEXT, la REAL, lb REAL, oa REAL, ob REAL, source TEXT)"
    )
    try:
        conn.exec_driver_sql(f"INSERT INTO temp.{_PROBE_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)", probes)
        query = (
            f"SELECT p.nid, i.id FROM temp.{_PROBE_TABLE} AS p"
            " CROSS JOIN incidents AS i INDEXED BY ix_incidents_date_map"
            " WHERE i.date = p.day AND i.latitude BETWEEN p.la AND p.lb"
            " AND i.longitude BETWEEN p.oa AND p.ob AND i.id <> p.nid"
            " AND coalesce(i.source_name, '') <> p.source"
        )
        return conn.exec_driver_sql(query).all()
    finally:
        conn.exec_driver_sql(f"DROP TABLE temp.{_PROBE_TABLE}")


def _known_pairs(conn, ids: set[str]) -> dict[frozenset, str]:
    """{pair: status} of the pairs among `ids` already proposed or decided: a pair kept
    apart is never attached or proposed again, an open one not proposed twice."""
    m = matches_table.c
    found = {}
    listed = list(ids)
    for start in range(0, len(listed), LOOKUP_CHUNK):
        chunk = listed[start : start + LOOKUP_CHUNK]
        query = sa.select(m.incident_id, m.candidate_id, m.status).where(
            m.incident_id.in_(chunk) | m.candidate_id.in_(chunk)
        )
        for first, second, status in conn.execute(query):
            if found.get(frozenset((first, second))) != KEPT_APART:
                found[frozenset((first, second))] = status
    return found


def _redirect_matches(conn, gone: str, target: str) -> None:
    """Open proposals naming an incident that became a report of `target` name `target`."""
    m = matches_table.c
    for column in (m.incident_id, m.candidate_id):
        conn.execute(
            matches_table.update().where((column == gone) & (m.status == OPEN)).values({column.name: target})
        )
    conn.execute(matches_table.delete().where((m.incident_id == m.candidate_id) & (m.status == OPEN)))


# -- attaching and deriving ---------------------------------------------------------------


def _attach(conn, target: str, report: dict, batch_id: str, at: dt.datetime) -> set[str]:
    """`report` (an incident row of one report) becomes a report of `target`; the days touched."""
    _materialize(conn, target, at)
    arrival = _next_arrival(conn, target)
    for row in _reports(conn, report["id"]) or [report | {"batch_id": report.get("batch_id", batch_id)}]:
        conn.execute(
            reports_table.insert().values(
                {name: row[name] for name in INCIDENT_FIELDS}
                | {"incident_id": target, "arrival": arrival, "batch_id": row["batch_id"], "attached_at": at}
            )
        )
        arrival += 1
    conn.execute(reports_table.delete().where(reports_table.c.incident_id == report["id"]))
    search.forget(conn, [report["id"]])
    conn.execute(incidents_table.delete().where(incidents_table.c.id == report["id"]))
    return {report["date"]}


def _materialize(conn, incident_id: str, at: dt.datetime) -> None:
    """The incident's own record as its first report, before a second one joins it."""
    if _reports(conn, incident_id):
        return
    row = _incident(conn, incident_id)
    conn.execute(
        reports_table.insert().values(
            {name: row[name] for name in INCIDENT_FIELDS}
            | {"incident_id": incident_id, "arrival": 0, "batch_id": row["batch_id"], "attached_at": at}
        )
    )


def _next_arrival(conn, incident_id: str) -> int:
    c = reports_table.c
    last = conn.execute(sa.select(sa.func.max(c.arrival)).where(c.incident_id == incident_id)).scalar()
    return 0 if last is None else last + 1


def _rederive(
    conn, incident_id: str, batch_id: str, at: dt.datetime, *, reason: str, by: str | None
) -> set[str]:
    """The incident's row from its reports (`incidents.consolidate.figures.derive`), the
    version it replaces kept with `reason` and `by`; the days touched."""
    row = _incident(conn, incident_id)
    reports = _reports(conn, incident_id)
    if row is None:
        return set()
    record, bookkeeping = _derivation(incident_id, reports or [row])
    if bookkeeping["report_count"] is None:
        conn.execute(reports_table.delete().where(reports_table.c.incident_id == incident_id))
    if any(record[name] != row[name] for name in INCIDENT_FIELDS):
        history.keep(
            conn,
            incidents_table,
            [row],
            batch_id,
            at,
            new={incident_id: record},
            why={incident_id: (storable(reason), storable(by) if by else None)},
        )
        text = search_text(record)
        if text != row["search_text"]:
            search.forget(conn, [incident_id])
        values = {name: record[name] for name in INCIDENT_FIELDS if name != "id"}
        values |= {"batch_id": batch_id, "search_text": text, "content_hash": _digest(record)}
        conn.execute(
            incidents_table.update().where(incidents_table.c.id == incident_id).values(values | bookkeeping)
        )
        if text != row["search_text"]:
            search.learn(conn, [incident_id])
    else:
        conn.execute(incidents_table.update().where(incidents_table.c.id == incident_id).values(bookkeeping))
    return {row["date"], record["date"]}


# -- reviewers' decisions -----------------------------------------------------------------


def merge_incidents(conn, target: str, others: Sequence[str], by: str, at: dt.datetime) -> set[str]:
    """The incidents `others` become reports of `target` (each with its own reports)."""
    others = [other for other in dict.fromkeys(others) if other != target]
    if not others:
        raise MatchError("give two or more different incident ids: the first keeps the others as reports")
    for identifier in (target, *others):
        _require(conn, identifier)
    batch_id = _decision_batch(conn, f"merge {target} with {', '.join(others)}", by, at)
    days = set()
    for other in others:
        row = _incident(conn, other)
        history.keep(conn, incidents_table, [row], batch_id, at, why={other: (f"merged into {target}", by)})
        days |= _attach(conn, target, row, batch_id, at)
        _redirect_matches(conn, other, target)
    _decide(conn, target, others, MERGED, by, at)
    days |= _rederive(conn, target, batch_id, at, reason=f"merged with {', '.join(others)}", by=by)
    figures.refresh(conn, days)
    return days


def split_incident(conn, incident_id: str, report_ids: Sequence[str], by: str, at: dt.datetime) -> list[str]:
    """The reports `report_ids` of an incident (all but its own first one, when none are
    named) become incidents of their own again, as their sources gave them, and are
    kept apart from it. Returns the ids split off."""
    _require(conn, incident_id)
    reports = {report["id"]: report for report in _reports(conn, incident_id)}
    if len(reports) < 2:
        raise MatchError(f"incident {incident_id!r} has one report; there is nothing to split")
    # The incident keeps its own first report (or, if its source withdrew it, the next).
    kept = incident_id if incident_id in reports else next(iter(reports))
    wanted = list(dict.fromkeys(report_ids)) or [identifier for identifier in reports if identifier != kept]
    for identifier in wanted:
        if identifier == kept:
            raise MatchError(f"{kept!r} is the report incident {incident_id!r} keeps; split off the others")
        if identifier not in reports:
            listed = ", ".join(sorted(set(reports) - {incident_id}))
            raise MatchError(f"{identifier!r} is not a report of {incident_id!r}; its reports are {listed}")
    batch_id = _decision_batch(conn, f"split {', '.join(wanted)} off {incident_id}", by, at)
    days = set()
    for identifier in wanted:
        report = reports[identifier]
        history.keep(
            conn, reports_table, [report], batch_id, at, why={identifier: (f"split off {incident_id}", by)}
        )
        conn.execute(reports_table.delete().where(reports_table.c.id == identifier))
        record = {name: report[name] for name in INCIDENT_FIELDS}
        conn.execute(
            incidents_table.insert().values(
                record
                | {"batch_id": batch_id, "search_text": search_text(record), "content_hash": _digest(record)}
            )
        )
        days.add(record["date"])
    search.learn(conn, wanted)
    _decide(conn, incident_id, wanted, KEPT_APART, by, at)
    days |= _rederive(conn, incident_id, batch_id, at, reason=f"split off {', '.join(wanted)}", by=by)
    figures.refresh(conn, days)
    return wanted


def keep_apart(conn, first: str, second: str, by: str, at: dt.datetime) -> None:
    """Two incidents are two strikes: the pair is never proposed (or attached) again."""
    if first == second:
        raise MatchError("give two different incident ids")
    for identifier in (first, second):
        _require(conn, identifier)
    _decide(conn, first, [second], KEPT_APART, by, at)


def _decide(conn, incident_id: str, others: Sequence[str], status: str, by: str, at: dt.datetime) -> None:
    m = matches_table.c
    for other in others:
        pair = ((m.incident_id == incident_id) & (m.candidate_id == other)) | (
            (m.incident_id == other) & (m.candidate_id == incident_id)
        )
        done = conn.execute(
            matches_table.update().where(pair).values(status=status, decided_by=by, decided_at=at)
        )
        if not done.rowcount:
            conn.execute(
                matches_table.insert().values(
                    incident_id=incident_id,
                    candidate_id=other,
                    why="decided without a proposal",
                    status=status,
                    found_at=at,
                    decided_by=by,
                    decided_at=at,
                )
            )


def _decision_batch(conn, what: str, by: str, at: dt.datetime) -> str:
    """A reviewer's decision as a batch of its own, so the history names it like an import."""
    batch_id = uuid.uuid4().hex
    counts = dict.fromkeys(("read", "stored", "updated", "duplicates", "outdated", "deleted", "rejected"), 0)
    conn.execute(
        batches_table.insert().values(
            id=batch_id,
            file_name=storable(f"review: {what}, by {by}"),
            file_hash="",
            format="review",
            encoding=None,
            imported_at=at,
            **counts,
        )
    )
    return batch_id


def _require(conn, incident_id: str) -> None:
    if _incident(conn, incident_id) is None:
        owner = conn.execute(
            sa.select(reports_table.c.incident_id).where(reports_table.c.id == incident_id)
        ).scalar()
        hint = f" (it is a report of {owner!r})" if owner else "; `incidents list --json` shows the ids"
        raise MatchError(f"no incident has the id {incident_id!r}{hint}")


# -- reading ------------------------------------------------------------------------------


def open_matches(conn) -> list[dict]:
    """The likely matches waiting for a reviewer, oldest first, both incidents still there."""
    m, a, b = matches_table.c, incidents_table.alias("a"), incidents_table.alias("b")
    query = (
        sa.select(m.incident_id, m.candidate_id, m.why, m.found_at)
        .join(a, a.c.id == m.incident_id)
        .join(b, b.c.id == m.candidate_id)
        .where(m.status == OPEN)
        .order_by(m.id)
    )
    return [
        {"incident": row.incident_id, "candidate": row.candidate_id, "why": row.why, "found_at": row.found_at}
        for row in conn.execute(query)
    ]


def decisions(conn, record_id: str) -> list[dict]:
    """The reviewers' decisions naming `record_id`, oldest first."""
    m = matches_table.c
    query = (
        sa.select(m.incident_id, m.candidate_id, m.status, m.decided_by, m.decided_at, m.why)
        .where((m.incident_id == record_id) | (m.candidate_id == record_id))
        .where(m.status != OPEN)
        .order_by(m.decided_at, m.id)
    )
    return [
        {
            "incident": row.incident_id,
            "candidate": row.candidate_id,
            "decision": row.status,
            "by": row.decided_by,
            "when": history._utc(row.decided_at),
            "why": row.why,
        }
        for row in conn.execute(query)
    ]


def reports_of(conn, incident_ids: Sequence[str]) -> dict[str, list[dict]]:
    """{incident id: its reports, in arrival order} for those of `incident_ids` that have several."""
    found: dict[str, list[dict]] = {}
    listed = list(incident_ids)
    c = reports_table.c
    for start in range(0, len(listed), LOOKUP_CHUNK):
        chunk = listed[start : start + LOOKUP_CHUNK]
        query = (
            sa.select(*(c[name] for name in INCIDENT_FIELDS), c.incident_id)
            .where(c.incident_id.in_(chunk))
            .order_by(c.incident_id, c.arrival)
        )
        for row in conn.execute(query).mappings():
            found.setdefault(row["incident_id"], []).append({name: row[name] for name in INCIDENT_FIELDS})
    return found


def consolidation_totals(conn, where) -> dict:
    """{"extra_reports", "conflicting"} among the incidents `where` selects: the incidents
    of several reports are few, and found by their own partial index."""
    extra, conflicting = conn.execute(_consolidated(where)).one()
    return {"extra_reports": int(extra), "conflicting": int(conflicting)}


def consolidation_per_day(conn, where) -> list[dict]:
    """`consolidation_totals` per date, oldest first, days without such incidents left
    out: {"date", "extra_reports", "conflicting"}. Both are sums over incidents, so a
    date window's are the sum of its days'."""
    query = _consolidated(where, incidents_table.c.date)
    return [
        {"date": day, "extra_reports": int(extra), "conflicting": int(conflicting)}
        for extra, conflicting, day in conn.execute(query)
    ]


def _consolidated(where, *group_by):
    i = incidents_table.c
    query = sa.select(
        sa.func.coalesce(sa.func.sum(i.report_count - 1), 0), sa.func.count(i.conflicts), *group_by
    ).where(i.report_count.is_not(None), where)
    if group_by:
        query = query.group_by(*group_by).order_by(*group_by)
    # SQLite would walk a date range's index through a million rows for the few it wants.
    return query.with_hint(incidents_table, "INDEXED BY ix_incidents_report_count", "sqlite")


def _incident(conn, incident_id: str):
    c = incidents_table.c
    query = sa.select(
        *(c[name] for name in INCIDENT_FIELDS), c.batch_id, c.search_text, c.report_count
    ).where(c.id == incident_id)
    row = conn.execute(query).mappings().first()
    return dict(row) if row is not None else None


def incidents_by_id(conn, ids: Iterable[str]) -> dict[str, dict]:
    """{id: its incident row (the model's fields and bookkeeping)} of those of `ids` stored."""
    return _incidents(conn, ids)


def _incidents(conn, ids: Iterable[str]) -> dict[str, dict]:
    c = incidents_table.c
    listed, found = list(ids), {}
    for start in range(0, len(listed), LOOKUP_CHUNK):
        chunk = listed[start : start + LOOKUP_CHUNK]
        query = sa.select(
            *(c[name] for name in INCIDENT_FIELDS), c.batch_id, c.search_text, c.report_count
        ).where(c.id.in_(chunk))
        found.update((row["id"], dict(row)) for row in conn.execute(query).mappings())
    return found


def _reports(conn, incident_id: str) -> list[dict]:
    c = reports_table.c
    query = (
        sa.select(*(c[name] for name in INCIDENT_FIELDS), c.batch_id, c.arrival)
        .where(c.incident_id == incident_id)
        .order_by(c.arrival)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def _rows(conn, table: sa.Table, ids: list[str], names: tuple[str, ...]) -> list:
    found = []
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        query = sa.select(*(table.c[name] for name in names)).where(table.c.id.in_(chunk))
        found.extend(conn.execute(query).mappings())
    return found
