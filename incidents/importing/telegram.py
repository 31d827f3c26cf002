"""A Telegram export to candidate records, message by message (`extract_telegram`).

Each message with text goes through the same extraction as a pasted article, anchored to
the day it was sent and with the message as its source. Every message of the export is
accounted for: read = with proposals + nothing to extract + service or empty + errors.
"""

import dataclasses
import os
import zoneinfo
from collections.abc import Callable
from typing import BinaryIO

from incidents.extract import extract_incidents
from incidents.formats.telegram import Message, Progress, TelegramError, Unreadable, read_messages

# The day a post was sent on, as its readers count it: "last night" in an official's post
# means the night before their morning. The channels this product reads post in Kyiv or
# Moscow time, which differ by at most an hour in winter; Kyiv's is taken.
ZONE = zoneinfo.ZoneInfo("Europe/Kyiv")
# Extra keys of a proposal (not record fields): left out when a reviewed row is stored.
PROPOSAL_KEYS = ("published_at", "forwarded_from")


@dataclasses.dataclass
class TelegramIntake:
    """The proposals of an export and where every message went."""

    incidents: list[dict] = dataclasses.field(default_factory=list)
    air_defence: list[dict] = dataclasses.field(default_factory=list)
    read: int = 0
    with_proposals: int = 0
    nothing_found: int = 0
    service_or_empty: int = 0
    errors: list[dict] = dataclasses.field(default_factory=list)  # {"message", "reason"}
    problem: str | None = None  # the file's own fault, met after the messages counted here

    def is_empty(self) -> bool:
        return not self.incidents and not self.air_defence

    def accounting(self) -> dict:
        return {
            "read": self.read,
            "with_proposals": self.with_proposals,
            "nothing_found": self.nothing_found,
            "service_or_empty": self.service_or_empty,
            "errors": len(self.errors),
            "error_details": self.errors,
            "problem": self.problem,
        }

    def summary(self) -> str:
        line = (
            f"{self.read} message(s) read: {self.with_proposals} with proposals, "
            f"{self.nothing_found} with nothing to extract, {self.service_or_empty} service or "
            f"without text, {len(self.errors)} error(s); {len(self.incidents)} incident(s) and "
            f"{len(self.air_defence)} air-defence report(s) proposed"
        )
        return line if self.problem is None else f"{line}; then: {self.problem}"


def extract_telegram(
    fp: BinaryIO,
    *,
    name: str = "the export",
    channel: str | None = None,
    progress: Progress | None = None,
    extract: Callable = extract_incidents,
) -> TelegramIntake:
    """The proposals of every message of the export at `fp` (binary).

    `channel`: the public username of a one-chat export's channel, for t.me links (see
    `incidents.formats.telegram` for the rule). `extract(text, day, source_name=...,
    source_url=...)` is the extraction to run (e.g. with a language forced). A file that is
    not an export raises TelegramError; one cut short keeps the messages before the cut
    and says so in `problem`.
    """
    intake = TelegramIntake()
    messages = read_messages(fp, name=name, username_hint=channel, progress=progress, total=_size(fp))
    try:
        for message in messages:
            intake.read += 1
            _take(intake, message, extract)
    except TelegramError as exc:
        if intake.read == 0:
            raise
        intake.problem = str(exc)
    return intake


def _take(intake: TelegramIntake, message: Message | Unreadable, extract: Callable) -> None:
    if isinstance(message, Unreadable):
        intake.errors.append(
            {
                "message": f"{message.chat.name or 'chat'} message #{message.position}",
                "reason": message.reason,
            }
        )
        return
    if not message.is_extractable:
        intake.service_or_empty += 1
        return
    where = message.source_url
    day = message.day(ZONE)
    if day is None:
        intake.errors.append({"message": where, "reason": "it has no date (no date_unixtime, no date)"})
        return
    try:
        extraction = extract(_prose(message), day, source_name=message.source_name, source_url=where)
    except Exception as exc:  # noqa: BLE001 -- one message's failure must not lose the export
        intake.errors.append({"message": where, "reason": f"extraction failed: {exc}"})
        return
    if extraction.is_empty():
        intake.nothing_found += 1
        return
    intake.with_proposals += 1
    extra = {
        "source_published": day.isoformat(),
        "published_at": message.sent.isoformat() if message.sent else message.date,
        "forwarded_from": message.forwarded_from,
    }
    for record in extraction.incidents:
        record.update(extra)
        if message.forwarded_from:
            record["flags"] = [
                *record.get("flags", []),
                f"forwarded from {message.forwarded_from}: the first report is theirs",
            ]
        intake.incidents.append(record)
    for record in extraction.air_defence:
        record.update(extra)
        intake.air_defence.append(record)


def _prose(message: Message) -> str:
    """The text without the addresses written out in it: the digits of a URL are no figures
    of a strike (the links stay on the message)."""
    text = message.text
    for link in message.links:
        text = text.replace(link, " ")
    return text


def _size(fp) -> int | None:
    size = getattr(fp, "size", None)  # an upload knows its size
    if isinstance(size, int):
        return size
    if hasattr(fp, "getbuffer"):
        return fp.getbuffer().nbytes
    try:
        return os.fstat(fp.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None
