"""The Extract view: a news report (or a Telegram export) in, candidate records out, reviewed
by the analyst and saved with the article (or each message) as their source. The tables'
logic lives in dashboard.state.extract_review."""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from dashboard.auth.gate import current_user
from dashboard.map.build import build_map
from dashboard.state import changes
from dashboard.state import extract_review as table
from dashboard.state.data import forget_cached_data, store
from dashboard.views.context import ViewContext
from dashboard.views.literal import literal
from incidents import IncidentError
from incidents.extract import ExtractError, extract_incidents
from incidents.extract.dates import parse_published
from incidents.extract.markup import article_text
from incidents.importing.batch import Batch
from incidents.importing.telegram import extract_telegram
from incidents.rules.model import ATTACKERS, COUNT_FIELDS, EVENT_TYPES, WEAPONS

RESULT, ERROR, NOTE, SAVED = "extract_result", "extract_error", "extract_note", "extract_saved"
EDITORS = {"incidents": "extract_incident_editor", "air_defence": "extract_defence_editor"}
TELEGRAM = "extract_telegram"  # {"name", "summary", "errors"} of the export under review


def render(context: ViewContext) -> None:
    st.header("Extract incidents from a news report")
    st.write(
        "Paste an article or upload it as a .txt or .html file, or upload a Telegram channel's "
        "export. Candidates are found offline; "
        "check each against its evidence, fix or untick it, then save the accepted ones."
    )
    st.file_uploader(
        "Upload a .txt or .html file (its text appears below)",
        type=["txt", "html", "htm"],
        key="extract_upload",
        on_change=_read_upload,
    )
    st.text_area("Article text", key="extract_text", height=220)
    day, name, url = st.columns([1, 2, 2])
    day.text_input(
        "Publication date",
        key="extract_published",
        placeholder="YYYY-MM-DD",
        help="Filled from the article's dateline when it has one; required otherwise.",
    )
    name.text_input("Source name", key="extract_source_name", placeholder="e.g. Kyiv Independent")
    url.text_input("Source URL", key="extract_source_url", placeholder="https://…")
    st.button("Extract", type="primary", key="extract_button", on_click=_extract)
    _telegram_form()
    if ERROR in st.session_state:
        st.error(literal(st.session_state[ERROR]))
    if NOTE in st.session_state:
        st.info(literal(st.session_state[NOTE]))
    if RESULT in st.session_state:
        _review(st.session_state[RESULT])
    _show_saved()


def _read_upload() -> None:
    # A callback runs before the widgets, so it may fill the text area the analyst then trims.
    upload = st.session_state.get("extract_upload")
    st.session_state.pop(ERROR, None)
    if upload is None:
        return
    try:
        st.session_state["extract_text"] = article_text(upload.getvalue(), name=upload.name)
    except IncidentError as exc:
        st.session_state[ERROR] = f"{upload.name} cannot be read: {exc}"


def _extract() -> None:
    state = st.session_state
    for key in (ERROR, NOTE, RESULT, SAVED, TELEGRAM, *EDITORS.values()):
        state.pop(key, None)  # a new article starts a new review
    given = (state.get("extract_published") or "").strip() or None
    try:
        if not (state.get("extract_text") or "").strip():
            raise ExtractError("there is no text; paste the article or upload a .txt or .html file")
        extraction = extract_incidents(
            state["extract_text"],
            given,
            source_name=(state.get("extract_source_name") or "").strip() or None,
            source_url=(state.get("extract_source_url") or "").strip() or None,
        )
    except IncidentError as exc:
        state[ERROR] = f"Nothing extracted: {exc}"
        return
    found = extraction.published.isoformat()
    if given is not None and parse_published(given) != extraction.published:
        state[NOTE] = (
            f"The article's dateline gives {found}, so relative dates were read from it "
            f"and it is used as the publication date (you gave {given})."
        )
    state["extract_published"] = found
    state[RESULT] = extraction


def _review(extraction) -> None:
    st.subheader("Candidates")
    telegram = st.session_state.get(TELEGRAM)
    if telegram is not None:
        _telegram_summary(telegram)
    if extraction.is_empty():
        st.info(f"No strikes or air-defence reports were found in this {'export' if telegram else 'text'}.")
        return
    st.caption(
        f"{len(extraction.incidents)} incident(s) and {len(extraction.air_defence)} air-defence "
        "report(s). Only high-confidence candidates start ticked; check the others against "
        "their evidence and the notes below before ticking them. Empty a cell the article does "
        "not report. A changed place is geocoded again when saved."
    )
    read_only = table.SOURCED_READ_ONLY if telegram is not None else table.READ_ONLY
    incident_rows = _editor(
        extraction.incidents, table.INCIDENT_COLUMNS, "incidents", _incident_config(), read_only
    )
    _flags(extraction.incidents)
    defence_rows = _editor(
        extraction.air_defence, table.DEFENCE_COLUMNS, "air_defence", _defence_config(), read_only
    )
    _candidate_map(extraction.incidents, incident_rows)
    accepted = sum(bool(row[table.ACCEPT]) for row in [*incident_rows, *defence_rows])
    if st.button(
        f"Save {accepted} accepted record(s)",
        type="primary",
        key="extract_save",
        disabled=accepted == 0,
    ):
        _save(extraction, incident_rows, defence_rows)


def _flags(incidents) -> None:
    notes = [
        f"Row {number} ({record.get('place') or '?'}): " + "; ".join(record["flags"])
        for number, record in enumerate(incidents, start=1)
        if record.get("flags")
    ]
    if notes:
        st.text("To check:\n" + "\n".join(notes))


def _editor(records, columns, kind, config, read_only=table.READ_ONLY) -> list[dict]:
    if not records:
        return []
    if kind == "air_defence":
        st.markdown("**Air-defence reports**")
    if "source_url" in read_only:
        config = {**config, "source_url": _message_column(records)}
    return st.data_editor(
        table.table_rows(records, columns, read_only=read_only),
        key=EDITORS[kind],
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=list(read_only),
        column_config=config,
    )


def _candidate_map(incidents, rows) -> None:
    shown = [
        table.edited_record(record, row, table.INCIDENT_COLUMNS)
        for record, row in zip(incidents, rows, strict=True)
        if row[table.ACCEPT]
    ]
    unplaced = [record.get("place") or "?" for record in shown if record.get("latitude") is None]
    if unplaced:
        st.text("Not on the map until saved or corrected: " + ", ".join(unplaced))
    located = [record for record in shown if record.get("latitude") is not None]
    fmap = build_map(located, layers=("incidents", "casualties", "outages"), height=350)
    st_folium(fmap, height=350, use_container_width=True, returned_objects=[], key="extract_map")


def _save(extraction, incident_rows, defence_rows) -> None:
    state = st.session_state
    if TELEGRAM in state:
        # Each candidate keeps the message it came from as its source.
        source, label = None, f"telegram: {state[TELEGRAM]['name']}"
    else:
        try:
            published = parse_published((state.get("extract_published") or "").strip())
        except ExtractError as exc:
            st.error(literal(f"Nothing saved: {exc}"))
            return
        name = (
            state.get("extract_source_name") or ""
        ).strip() or f"Article published {published.isoformat()}"
        source = {
            "source_name": name,
            "source_url": (state.get("extract_source_url") or "").strip() or None,
            "source_published": published.isoformat(),
        }
        label = f"article: {name}"
    reviewed = table.review(
        extraction.incidents,
        incident_rows,
        extraction.air_defence,
        defence_rows,
        source=source,
        today=dt.date.today(),
    )
    summary = {"stored": 0, "updated": 0, "duplicates": 0, "rejected": 0, "rejections": []}
    if reviewed.incidents or reviewed.air_defence:
        batch = Batch.of_records(label, reviewed.incidents, reviewed.air_defence)
        try:
            summary = changes.store_reviewed(store(), current_user(), batch, name=label).summary()
        except IncidentError as exc:
            st.error(literal(f"Nothing saved: {exc}"))
            return
        forget_cached_data()
    state[SAVED] = table.accounting(summary, reviewed)
    st.rerun()  # the frame's totals and date range then include the new rows


def _telegram_form() -> None:
    st.markdown("**Or a Telegram export**")
    st.file_uploader(
        "Upload a Telegram chat export (result.json from Telegram Desktop's 'Export chat history', JSON)",
        type=["json"],
        key="extract_telegram_upload",
    )
    st.text_input(
        "Channel username",
        key="extract_telegram_channel",
        placeholder="e.g. kharkiv_ova",
        help="The public channel's @name, for a link to each post (https://t.me/NAME/ID); "
        "Telegram Desktop does not write it into the export. Without it each message's "
        "source is 'telegram:CHANNEL/ID'.",
    )
    if st.button("Read the export", key="extract_telegram_button"):
        _extract_telegram()


def _extract_telegram() -> None:
    """In the script, not a callback, so the progress bar shows while a large export is read."""
    state = st.session_state
    for key in (ERROR, NOTE, RESULT, SAVED, TELEGRAM, *EDITORS.values()):
        state.pop(key, None)  # a new export starts a new review
    upload = state.get("extract_telegram_upload")
    if upload is None:
        state[ERROR] = "Nothing extracted: there is no export; upload the result.json of a chat export"
        return
    bar = st.progress(0.0, text=f"Reading {upload.name}")

    def progress(done: int, total: int | None, messages: int) -> None:
        share = min(done / total, 1.0) if total else 0.0
        bar.progress(share, text=f"Reading {upload.name}: {messages} message(s)")

    upload.seek(0)
    try:
        intake = extract_telegram(
            upload,
            name=upload.name,
            channel=(state.get("extract_telegram_channel") or "").strip() or None,
            progress=progress,
        )
    except IncidentError as exc:
        bar.empty()
        state[ERROR] = f"Nothing extracted: {exc}"
        return
    bar.empty()
    if intake.problem is not None:
        state[ERROR] = f"{intake.problem}. The candidates below come from the messages before the cut."
    state[TELEGRAM] = {"name": upload.name, "summary": intake.summary(), "errors": intake.errors}
    state[RESULT] = intake


def _telegram_summary(telegram: dict) -> None:
    # One line for the whole export: messages with nothing to extract are counted, not listed.
    st.info(literal(f"{telegram['name']}: {telegram['summary']}."))
    if telegram["errors"]:
        st.dataframe(telegram["errors"], hide_index=True, width="stretch")


def _message_column(records):
    if all(str(record.get("source_url") or "").startswith("https://") for record in records):
        return st.column_config.LinkColumn("Message", help="The post the candidate was read in")
    return st.column_config.TextColumn("Message", help="The post the candidate was read in")


def _show_saved() -> None:
    summary = st.session_state.get(SAVED)
    if summary is None:
        return
    st.subheader("Saved")
    labels = ("read", "stored", "updated", "duplicates", "rejected")
    # Reports of a strike the store already holds (several posts on one strike): shown when
    # there are any, so the figures still add up to what was read.
    labels = (*labels[:2], "attached", *labels[2:]) if summary.get("attached") else labels
    for column, label in zip(st.columns(len(labels)), labels, strict=True):
        column.metric(label.capitalize(), summary[label])
    if summary["rejections"]:
        st.warning(
            f"{len(summary['rejections'])} row(s) were not saved; fix them in the table and save again."
        )
        st.dataframe(summary["rejections"], hide_index=True, width="stretch")


def _incident_config() -> dict:
    config = _common_config()
    config.update(
        place=st.column_config.TextColumn("Place"),
        admin1=st.column_config.TextColumn("Region"),
        country=st.column_config.TextColumn("Country", help="ISO code, e.g. UA or RU"),
        event_type=st.column_config.SelectboxColumn("Type", options=list(EVENT_TYPES)),
        damage=st.column_config.TextColumn("Damage"),
    )
    config.update({name: _count(name) for name in COUNT_FIELDS})
    return config


def _defence_config() -> dict:
    config = _common_config()
    config.update(
        reported_by=st.column_config.TextColumn("Reported by"),
        weapon=st.column_config.SelectboxColumn("Weapon", options=list(WEAPONS)),
        area=st.column_config.TextColumn("Area"),
    )
    config.update({name: _count(name) for name in ("launched", "shot_down", "lost")})
    return config


def _common_config() -> dict:
    return {
        table.ACCEPT: st.column_config.CheckboxColumn("Accept", help="Untick to leave this row out"),
        "date": st.column_config.TextColumn("Date", help="YYYY-MM-DD"),
        "attacker": st.column_config.SelectboxColumn("Attacker", options=list(ATTACKERS)),
        "confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
    }


def _count(name: str):
    return st.column_config.NumberColumn(
        name.replace("_", " ").capitalize(), min_value=0, step=1, format="%d"
    )
