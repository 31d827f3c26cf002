"""The Import view: upload a file, watch it validate and geocode, read the accounting,
and fix rejected rows."""

import streamlit as st

from dashboard.auth.gate import current_user
from dashboard.state import changes
from dashboard.state.corrections import rejected_fields
from dashboard.state.data import forget_cached_data, store
from dashboard.state.settings import MAX_UPLOAD_MB
from dashboard.views.context import ViewContext
from dashboard.views.literal import literal
from incidents import IncidentError
from incidents.formats.readers import FORMATS as READ_FORMATS

SHOWN_REJECTIONS = 200
FORMATS = ["auto", *READ_FORMATS]


def render(context: ViewContext) -> None:
    st.header("Import incidents")
    st.write(
        f"Upload a CSV (UTF-8 or Windows-1251; comma, semicolon or tab), JSON, GeoJSON or an ACLED "
        f"export, up to {MAX_UPLOAD_MB} MB. Every row is stored, recognised as a duplicate, or kept "
        "as rejected with its reason; nothing is dropped."
    )
    upload = st.file_uploader("File", type=["csv", "tsv", "txt", "json", "geojson"], key="upload")
    format = st.selectbox("Format", FORMATS, key="import_format")
    if upload is not None and st.button("Import", type="primary", key="import_button"):
        run_import(upload.getvalue(), upload.name, None if format == "auto" else format)
    show_result()
    correct_and_retry()
    rejected_rows()


def run_import(data: bytes, name: str, format: str | None) -> None:
    bar = st.progress(0.0, text="Validating and geocoding…")

    def progress(stage: str, done: int, total: int) -> None:
        bar.progress(
            min(1.0, done / total) if total else 1.0, text=f"{stage.capitalize()}: {done:,} of {total:,}"
        )

    try:
        # Refused (AccessError) unless the signed-in user may edit; audited under their name.
        result = changes.import_upload(
            store(), current_user(), data, name=name, format=format, progress=progress
        )
    except IncidentError as exc:
        bar.empty()
        st.error(literal(f"{name} was not imported: {exc}"))
        return
    bar.progress(1.0, text="Done")
    forget_cached_data()
    st.session_state["import_result"] = (name, result.summary())
    st.session_state["import_upload"] = (data, name, format, result.batch_id)


def show_result() -> None:
    if "import_result" not in st.session_state:
        return
    name, summary = st.session_state["import_result"]
    st.subheader(literal(f"Result: {name}"))
    # read = the rest added up; a count the import did not have (an older summary) is 0.
    shown = [("Read", "read"), ("Stored", "stored")]
    shown += [("Attached", "attached")] if summary.get("attached") else []
    shown += [("Updated", "updated"), ("Duplicates", "duplicates")]
    shown += [
        (label, key) for label, key in (("Older", "outdated"), ("Deleted", "deleted")) if summary.get(key)
    ]
    shown.append(("Rejected", "rejected"))
    for column, (label, key) in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(label, summary.get(key, 0))
    if summary.get("attached") or summary.get("to_review"):
        st.caption(
            f"{summary.get('attached', 0):,} rows were further reports of incidents already stored and"
            f" were attached to them; {summary.get('to_review', 0):,} may be and wait on the Review page."
        )
    if summary.get("outdated"):
        st.caption(
            f"{summary['outdated']:,} rows are older versions of records stored from a newer"
            " export; the newer versions were kept."
        )
    rejections = summary["rejections"]
    if rejections:
        st.markdown("**Rejected rows** (row numbers count the header as row 1):")
        # A dataframe shows cells as plain text; st.table would render the reasons, which
        # quote the file's values, as markdown.
        st.dataframe(
            [{"row": r["row"], "reason": r["reason"]} for r in rejections[:SHOWN_REJECTIONS]],
            hide_index=True,
            width="stretch",
            column_config={"reason": st.column_config.TextColumn("reason", width="large")},
            key="rejections_table",
        )
        if len(rejections) > SHOWN_REJECTIONS:
            st.caption(f"…and {len(rejections) - SHOWN_REJECTIONS:,} more, listed below.")


def rejected_rows() -> None:
    rows = store().rejections()
    if not rows:
        return
    st.subheader("Rejected rows waiting for a fix")
    st.caption(
        "Correct the file and import it again (its open rejections are replaced), "
        "or dismiss rows you do not want."
    )
    table = [
        {
            "dismiss": False,
            "file": r["file_name"],
            "row": r["row_number"],
            "reason": r["reason"],
            "raw": r["raw"],
            "id": r["id"],
        }
        for r in rows
    ]
    edited = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        key="rejections_editor",
        disabled=["file", "row", "reason", "raw", "id"],
        column_config={"id": None},
    )
    chosen = [row["id"] for row in edited if row["dismiss"]]
    if chosen and st.button(f"Dismiss {len(chosen)} row(s)", key="dismiss_button"):
        changes.dismiss_rejections(store(), current_user(), chosen)
        st.rerun()


def correct_and_retry() -> None:
    """The last upload's rejected rows, editable, and a retry of just those rows."""
    if "import_upload" not in st.session_state:
        return
    data, name, format, batch_id = st.session_state["import_upload"]
    open_rows = {r["row_number"]: r["id"] for r in store().rejections(batch_id=batch_id)}
    if not open_rows:
        return
    try:
        rows = rejected_fields(data, name=name, format=format, rows=sorted(open_rows))
    except IncidentError:
        return  # the file as a whole could not be read: nothing row by row to correct
    if not rows:
        return
    st.subheader("Correct and retry")
    st.caption("Fix a place, region or coordinates (or any value) below, then retry these rows.")
    edited = st.data_editor(
        rows, hide_index=True, width="stretch", key="corrections_editor", disabled=["row"]
    )
    if st.button(f"Retry {len(edited)} corrected row(s)", key="retry_button"):
        retry(edited, name, open_rows)


def retry(edited: list[dict], name: str, open_rows: dict[int, int]) -> None:
    try:
        # Rows now stored are fixed: their original rejections are closed there.
        result = changes.retry_corrections(store(), current_user(), edited, name=name, open_rows=open_rows)
    except IncidentError as exc:
        st.error(literal(f"The corrections were not imported: {exc}"))
        return
    forget_cached_data()
    summary = result.summary()
    st.session_state["import_result"] = (f"{name} (corrections)", summary)
    st.rerun()
