"""Candidates that each bring their own source (a Telegram export's posts) keep it when saved."""

import datetime as dt
import io
import json

from dashboard.state import extract_review as table
from incidents.importing.telegram import extract_telegram

TODAY = dt.date(2025, 8, 1)


def post(ident: int, text: str, **extra) -> dict:
    return {"id": ident, "type": "message", "date_unixtime": "1753160400", "text": text, **extra}


def test_each_candidate_keeps_its_post_as_source_and_only_record_fields_are_stored():
    export = {
        "name": "Sumy Watch",
        "type": "public_channel",
        "messages": [
            post(11, "In Sumy, a drone attack left 1,200 households without power on Sunday."),
            post(
                12,
                "In Kharkiv, a Russian drone strike injured two people on Sunday.",
                forwarded_from="Governor",
            ),
        ],
    }
    intake = extract_telegram(io.BytesIO(json.dumps(export).encode()), channel="sumy_watch")
    rows = table.table_rows(intake.incidents, table.INCIDENT_COLUMNS, read_only=table.SOURCED_READ_ONLY)
    assert [row["source_url"] for row in rows] == ["https://t.me/sumy_watch/11", "https://t.me/sumy_watch/12"]
    reviewed = table.review(intake.incidents, rows, [], [], source=None, today=TODAY)
    assert reviewed.rejections == []
    assert [
        (r["place"], r["source_name"], r["source_url"], r["source_published"]) for r in reviewed.incidents
    ] == [
        ("Sumy", "Sumy Watch, Telegram post 11", "https://t.me/sumy_watch/11", "2025-07-22"),
        ("Kharkiv", "Sumy Watch, Telegram post 12", "https://t.me/sumy_watch/12", "2025-07-22"),
    ]
    assert not {"published_at", "forwarded_from"} & set().union(*reviewed.incidents)
