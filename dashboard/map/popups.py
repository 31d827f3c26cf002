"""Popup and tooltip text for the map. Every value from a record is escaped here."""

import html

import pandas as pd

from dashboard.map import style as mapstyle


def _count(value) -> str:
    return "not reported" if value is None or pd.isna(value) else f"{int(value):,}"


def casualty_text(record: dict) -> str:
    text = f"killed {_count(record.get('killed'))}, injured {_count(record.get('injured'))}"
    children = [
        f"{label} {int(record[name])}"
        for name, label in (("children_killed", "killed"), ("children_injured", "injured"))
        if record.get(name) is not None and not pd.isna(record.get(name)) and record.get(name) > 0
    ]
    if children:
        text += f" (children: {', '.join(children)})"
    return text


POPUP_TEXT_CHARS = 300


def _shortened(text):
    # A popup is a glance; the table and exports carry the full text.
    if isinstance(text, str) and len(text) > POPUP_TEXT_CHARS:
        return text[: POPUP_TEXT_CHARS - 1].rstrip() + "…"
    return text


def _esc(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return "&ndash;"
    return html.escape(str(value))


def incident_popup_html(record: dict, *, revised: str | None = None) -> str:
    """Popup HTML for one incident; every value from the record is escaped, and so is
    `revised` (its latest change in words, which quotes record text)."""
    rows = [
        ("Date", _esc(record.get("date"))),
        ("Type", _esc(str(record.get("event_type") or "").replace("_", " "))),
        (
            "Attacker",
            _esc(mapstyle.ATTACKER_LABELS.get(record.get("attacker"), record.get("attacker"))),
        ),
        ("Casualties", _esc(casualty_text(record))),
        ("Households without power", _esc(_count(record.get("households_without_power")))),
        ("Damage", _esc(record.get("damage"))),
        ("Description", _esc(_shortened(record.get("description")))),
        ("Source", source_html(record)),
    ]
    region = ", ".join(str(v) for v in (record.get("admin1"), record.get("country")) if v and not pd.isna(v))
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    note = f'<div class="incident-revised">revised: {html.escape(revised)}</div>' if revised else ""
    return (
        f'<div class="incident-popup"><b>{_esc(record.get("place"))}</b> <small>{_esc(region)}</small>'
        f"<table>{body}</table>{note}</div>"
    )


def region_popup_html(row: dict) -> str:
    def known(total, known_count):
        missing = int(row["count"]) - int(known_count)
        text = f"{int(total):,}"
        return text + (f" ({missing} without a figure)" if missing else "")

    rows = [
        ("Incidents", f"{int(row['count']):,}"),
        ("Killed", known(row["killed"], row["killed_known"])),
        ("Injured", known(row["injured"], row["injured_known"])),
        (
            "Households without power",
            known(row["households_without_power"], row["households_known"]),
        ),
    ]
    body = "".join(f"<tr><th>{label}</th><td>{html.escape(value)}</td></tr>" for label, value in rows)
    return f'<div class="incident-popup"><b>{_esc(row["admin1"])}</b><table>{body}</table></div>'


def source_html(record: dict) -> str:
    """The source as a link when its URL is http(s); as plain text otherwise."""
    name = html.escape(str(record.get("source_name") or "unknown source"))
    url = str(record.get("source_url") or "")
    if url.lower().startswith(("http://", "https://")):
        href = html.escape(url, quote=True)
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{name}</a>'
    return name
