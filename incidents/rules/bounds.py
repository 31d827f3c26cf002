"""How long, how large and how old a record's values may be: every bound, stated once.

Pure. Both import paths (the row validator and the column-wise check of `incidents.importing.columns`)
and both databases go by these, so a row is stored or rejected alike everywhere. A value
out of bounds is rejected with the bound named, never truncated or clamped.

Why these numbers:
- ids: the store's id column is VARCHAR(200) on PostgreSQL;
- text: far above anything real (a place name, a paragraph of damage, a long news
  report as description), low enough that one cell cannot fill a page or a database;
- counts: far above any one strike's toll or outage, and inside PostgreSQL's INTEGER
  (2,147,483,647), the type of the count columns;
- dates: nothing this product tracks happened before 1900; "tomorrow" is allowed,
  as a report's local date can be a day ahead of the importer's clock;
- characters: PostgreSQL cannot store NUL, and a lone surrogate (a JSON "\\ud800"
  escape) is not a character at all: no UTF-8 database or file can hold it.

The dashboard asks for the plausible date range here (`EARLIEST_DATE`, `latest_date`).
"""

import datetime as dt
import re

ID_CHARS = 200

TEXT_CHARS = {
    "place": 200,
    "admin1": 200,
    "reported_by": 200,
    "area": 200,
    "damage": 2_000,
    "description": 20_000,
    "source_name": 2_000,  # several sources joined by "; "
    "source_url": 4_000,  # several URLs joined by spaces
    "source_details": 20_000,  # a source's own columns, as JSON
}
VERSION_MAX = 2**53 - 1  # source_version: any stamp a source uses (ACLED's is Unix seconds)

PEOPLE_MAX = 1_000_000  # killed, injured and their children
HOUSEHOLDS_MAX = 100_000_000  # households_without_power
AIR_DEFENCE_MAX = 1_000_000  # launched, shot_down, lost

COUNT_MAX = {
    "killed": PEOPLE_MAX,
    "injured": PEOPLE_MAX,
    "children_killed": PEOPLE_MAX,
    "children_injured": PEOPLE_MAX,
    "households_without_power": HOUSEHOLDS_MAX,
    "launched": AIR_DEFENCE_MAX,
    "shot_down": AIR_DEFENCE_MAX,
    "lost": AIR_DEFENCE_MAX,
}

EARLIEST_DATE = dt.date(1900, 1, 1)
DAYS_AHEAD = 1  # how far after today a date may be


def latest_date(today: dt.date | None = None) -> dt.date:
    """The latest plausible date of an event or a report, `today` defaulting to the clock's."""
    return (today or dt.date.today()) + dt.timedelta(days=DAYS_AHEAD)


# What neither database can store in a text column.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` with what a database cannot store written as escapes (\\x00, \\ud800):
    for text that must be kept whatever it holds, such as a rejected row as it was."""
    if UNSTORABLE.search(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
