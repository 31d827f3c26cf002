"""A Telegram Desktop channel export built for the tests: 200 messages in Ukrainian, Russian
and English, in the shapes Telegram writes them (text as a string or as a list of strings
and entities, links, forwards, service messages, posts without text).

`channel_export()` gives the export and what each message is, so tests can check every
message is accounted for and each proposal points at its own message.
"""

import dataclasses
import datetime as dt
import json
import zoneinfo
from pathlib import Path

CHANNEL = "Kharkiv Watch"
USERNAME = "kharkiv_watch"
CHAT_ID = 1806543210
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
MESSAGES = 200
# The first post, 05:40 in Kyiv on Monday 2025-07-21; each next one 47 minutes later.
START = dt.datetime(2025, 7, 21, 5, 40, tzinfo=KYIV)
STEP = dt.timedelta(minutes=47)

# English reports and what extraction reads in them: (text, place, killed, injured, outage).
ENGLISH_REPORTS = (
    (
        "In Kharkiv, a Russian drone strike injured two people on Sunday, the governor said.",
        "Kharkiv",
        None,
        2,
        None,
    ),
    (
        "A Russian missile strike on Odesa killed three people overnight, the regional governor said.",
        "Odesa",
        3,
        None,
        None,
    ),
    ("Russian shelling of Kherson injured four civilians yesterday.", "Kherson", None, 4, None),
    ("In Sumy, a drone attack left 1,200 households without power on Sunday.", "Sumy", None, None, 1200),
    (
        "A Russian drone hit a residential building in Dnipro on Sunday, injuring five people.",
        "Dnipro",
        None,
        5,
        None,
    ),
    (
        "In Zaporizhzhia, a Russian drone strike killed one man and injured two women on Sunday.",
        "Zaporizhzhia",
        1,
        2,
        None,
    ),
)
ENGLISH_NOTHING = (
    "Air raid alert is over. Stay safe.",
    "Subscribe to our channel for updates.",
    "Thank you to everyone who donated to the hospital this week.",
)
UKRAINIAN = (
    "У ніч на 20 липня ворог атакував Харків ударними БпЛА. Постраждали двоє людей.",
    "Внаслідок обстрілу Сумщини без світла залишилися 12 тисяч абонентів.",
    "Сили ППО збили 40 із 55 ударних БпЛА над Україною.",
    "Повітряна тривога в області завершилася.",
)
RUSSIAN = (
    "В Белгородской области в результате атаки БПЛА пострадали два человека.",
    "Дежурными средствами ПВО перехвачены и уничтожены 45 БПЛА над территорией Белгородской области.",
    "В Курске из-за атаки беспилотника обесточены несколько улиц.",
    "Оперативная обстановка в регионе остаётся спокойной.",
)
LINK = "https://suspilne.media/kharkiv/news/1"
FOOTER = f"https://t.me/{USERNAME}"


@dataclasses.dataclass(frozen=True)
class Sent:
    """What one message of the export is, as the tests expect it to be read."""

    id: int
    kind: str  # "english", "english-nothing", "uk", "ru", "service", "empty"
    day: str  # the Kyiv calendar day it was sent on
    text: str = ""
    report: tuple | None = None  # for "english": an ENGLISH_REPORTS item
    forwarded_from: str | None = None
    links: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"https://t.me/{USERNAME}/{self.id}"


def channel_export() -> tuple[dict, list[Sent]]:
    """The export of a public channel, and what each of its 200 messages is."""
    messages, sent = [], []
    for number in range(MESSAGES):
        ident = 7000 + 3 * number  # ids as a channel's: rising, with gaps (deleted posts)
        when = START + number * STEP
        raw, expected = _message(number, ident, when)
        messages.append(raw)
        sent.append(expected)
    export = {"name": CHANNEL, "type": "public_channel", "id": CHAT_ID, "messages": messages}
    return export, sent


def write(path: Path, export: dict) -> Path:
    # As Telegram Desktop writes it: UTF-8, indented, non-ASCII as it is.
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _message(number: int, ident: int, when: dt.datetime) -> tuple[dict, Sent]:
    day = when.date().isoformat()
    base = {
        "id": ident,
        "type": "message",
        # Zone-less local time of the exporting machine, here in UTC: not the Kyiv day.
        "date": when.astimezone(dt.UTC).replace(tzinfo=None).isoformat(),
        "date_unixtime": str(int(when.timestamp())),
        "from": CHANNEL,
        "from_id": f"channel{CHAT_ID}",
    }
    if number % 10 == 9:
        return (
            {
                **base,
                "type": "service",
                "actor": CHANNEL,
                "action": "pin_message",
                "text": "",
                "text_entities": [],
            },
            Sent(ident, "service", day),
        )
    if number % 25 == 12:
        return (
            {
                **base,
                "photo": "photos/photo_1.jpg",
                "width": 1280,
                "height": 960,
                "text": "",
                "text_entities": [],
            },
            Sent(ident, "empty", day),
        )
    kind = ("english", "uk", "ru", "english", "uk", "ru", "english-nothing")[number % 7]
    if kind == "english":
        report = ENGLISH_REPORTS[number % len(ENGLISH_REPORTS)]
        text = report[0]
    elif kind == "english-nothing":
        report, text = None, ENGLISH_NOTHING[number % len(ENGLISH_NOTHING)]
    else:
        pool = UKRAINIAN if kind == "uk" else RUSSIAN
        report, text = None, pool[number % len(pool)]
    forwarded = "Oleh Syniehubov" if number % 4 == 1 else None
    if forwarded:
        base["forwarded_from"] = forwarded
    if number % 3 == 0:
        # Text as a list: the report, a link written out, and the channel's footer link.
        parts = [
            text + " ",
            {"type": "link", "text": LINK},
            "\n",
            {"type": "text_link", "text": "Subscribe", "href": FOOTER},
        ]
        entities = [
            {"type": "plain", "text": text + " "},
            {"type": "link", "text": LINK},
            {"type": "plain", "text": "\n"},
            {"type": "text_link", "text": "Subscribe", "href": FOOTER},
        ]
        full = f"{text} {LINK}\nSubscribe"
        links = (LINK, FOOTER)
    elif number % 3 == 1:
        # Text as a list of bold and plain pieces, no links.
        head, _, rest = text.partition(" ")
        parts = [{"type": "bold", "text": head}, " " + rest]
        entities = [{"type": "bold", "text": head}, {"type": "plain", "text": " " + rest}]
        full, links = text, ()
    else:
        parts, entities, full, links = text, [{"type": "plain", "text": text}], text, ()
    raw = {**base, "text": parts, "text_entities": entities}
    return raw, Sent(ident, kind, day, full, report, forwarded, links)
