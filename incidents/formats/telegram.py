"""Telegram Desktop's "Export chat history" JSON, read as a stream of messages.

Pure reading: no extraction here. Two layouts are read: one chat (`result.json` with
`name`, `type`, `id` and `messages` at the top) and a whole account (`chats.list[...]`
and `left_chats.list[...]`, each a chat with its `messages`). An export can be far larger
than is worth holding (channels with years of posts), so the file is never parsed whole:
the stream is walked down to the `messages` arrays, and each message object is decoded on
its own by the standard decoder (`raw_decode` on a sliding buffer), then dropped.

A message is the source of what is read in it: `source_name` "CHAT, Telegram post ID", and
`source_url`, in one rule:
- `https://t.me/USERNAME/ID` when the chat is public (`public_channel`,
  `public_supergroup`, or no type given) and its username is known: from the export's own
  `username` field of the chat when it has one, else from the caller (the analyst knows the
  channel; Telegram Desktop does not write it);
- otherwise `telegram:CHAT NAME/ID` (`telegram:chat ID/ID` without a name): stable and
  unique per message, but not a link, so nothing renders it as one.
"""

import codecs
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from incidents import IncidentError

PUBLIC_TYPES = frozenset({"public_channel", "public_supergroup"})
CHUNK = 1 << 16
# A decode error this close to the end of the buffer may just be a value cut by the chunk.
_CUT_MARGIN = 16
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_WHITESPACE = " \t\r\n"

Progress = Callable[[int, int | None, int], None]
"""`progress(bytes_read, total_bytes or None, messages_read)`, called as the file is read."""


class TelegramError(IncidentError, ValueError):
    """The file is not a Telegram export we read: not JSON, another JSON, or cut short."""


@dataclasses.dataclass(frozen=True)
class Chat:
    name: str | None
    type: str | None
    id: int | str | None
    username: str | None = None

    @property
    def is_public(self) -> bool:
        return self.type is None or self.type in PUBLIC_TYPES


@dataclasses.dataclass(frozen=True)
class Message:
    chat: Chat
    id: int
    type: str  # "message" or "service" (or whatever else a later export writes)
    sent: dt.datetime | None  # from date_unixtime, UTC; None when the export has none
    date: str | None  # the export's `date` as written: local to the exporting machine, no zone
    text: str
    links: tuple[str, ...]
    forwarded_from: str | None
    author: str | None

    @property
    def is_extractable(self) -> bool:
        """An ordinary message with some text: service messages (joins, pins, title changes)
        and media without a caption carry no report."""
        return self.type == "message" and bool(self.text.strip())

    @property
    def source_url(self) -> str:
        if self.chat.username and self.chat.is_public:
            return f"https://t.me/{self.chat.username}/{self.id}"
        return f"telegram:{self.chat_label}/{self.id}"

    @property
    def source_name(self) -> str:
        """Names the post, not only the channel: a record's id is made from its source's name,
        so two posts on one strike stay two reports, and re-reading a post finds its own."""
        return f"{self.chat_label}, Telegram post {self.id}"

    @property
    def chat_label(self) -> str:
        return self.chat.name or f"chat {self.chat.id if self.chat.id is not None else '?'}"

    def day(self, zone: dt.tzinfo) -> dt.date | None:
        """The calendar day it was sent on in `zone`; without `date_unixtime`, the day of the
        export's zone-less `date` (the exporting machine's clock)."""
        if self.sent is not None:
            return self.sent.astimezone(zone).date()
        if self.date:
            try:
                return dt.datetime.fromisoformat(self.date).date()
            except ValueError:
                return None
        return None


@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A message the export holds but that cannot be read as one (no id, not an object)."""

    chat: Chat
    position: int  # 1-based, within its chat
    reason: str


def username(value) -> str | None:
    """A channel's public username as t.me spells it: "@kharkiv_ova" or a t.me link give
    "kharkiv_ova"; anything else is None (a wrong name would point every source elsewhere)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    text = re.sub(r"^(https?://)?(t\.me|telegram\.me)/", "", text, flags=re.IGNORECASE).strip("/")
    text = text.removeprefix("@")
    return text if _USERNAME.fullmatch(text) else None


def read_messages(
    fp: BinaryIO,
    *,
    name: str = "the file",
    username_hint: str | None = None,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[Message | Unreadable]:
    """Every message of the export at `fp` (binary), in file order, as a stream.

    `username_hint`: the public username of the chat of a one-chat export, used when the
    export does not name it (a whole-account export's chats are named only by the export).
    Raises TelegramError, naming `name`, when the file is not a Telegram export; for a file
    cut short, after yielding the messages before the cut.
    """
    stream = _Stream(fp, name=name, progress=progress, total=total)
    first = stream.peek()
    if first == "":
        raise TelegramError(f"{name} is empty: export the chat again from Telegram Desktop")
    if first == "[":
        raise TelegramError(
            f"{name} is a JSON list, not a Telegram export (an object with 'messages' or 'chats');"
            " in Telegram Desktop use 'Export chat history' with the format 'Machine-readable JSON'"
        )
    if first != "{":
        raise TelegramError(
            f"{name} is not JSON (it starts with {stream.sample()!r}); in Telegram Desktop choose"
            " the format 'Machine-readable JSON', not HTML"
        )
    hint = username(username_hint)
    found = yield from _chat(stream, top=True, hint=hint)
    if not found:
        raise TelegramError(
            f"{name} is JSON but not a Telegram export: it has no 'messages' list and no"
            " 'chats' list; export it with Telegram Desktop's 'Export chat history'"
        )
    if stream.peek() != "":
        raise stream.invalid("text after the end of the export")
    stream.report()


def _chat(stream: "_Stream", *, top: bool, hint: str | None) -> Iterator:
    """The messages of the chat object at the stream (the top-level object too: a one-chat
    export is a chat). Returns whether it held a messages or chats list."""
    meta: dict = {}
    found = False
    for key in stream.keys():
        if key == "messages":
            if stream.peek() != "[":
                raise TelegramError(f"{stream.name} is not a Telegram export: its 'messages' is not a list")
            chat = _chat_of(meta, hint)
            for position, raw in enumerate(stream.items(), start=1):
                stream.messages += 1
                yield _message(raw, chat, position)
            found = True
        elif top and key in ("chats", "left_chats") and stream.peek() == "{":
            for inner in stream.keys():
                if inner == "list" and stream.peek() == "[":
                    for _ in stream.elements():
                        if stream.peek() != "{":
                            stream.value()  # not a chat: nothing to read in it
                            continue
                        yield from _chat(stream, top=False, hint=None)
                    found = True
                else:
                    stream.value()
        elif key in ("name", "type", "id", "username"):
            meta[key] = stream.value()
        else:
            stream.value()
    return found


def _chat_of(meta: dict, hint: str | None) -> Chat:
    name = meta.get("name") if isinstance(meta.get("name"), str) else None
    kind = meta.get("type") if isinstance(meta.get("type"), str) else None
    ident = meta.get("id") if isinstance(meta.get("id"), (int, str)) else None
    return Chat(name=name, type=kind, id=ident, username=username(meta.get("username")) or hint)


def _message(raw, chat: Chat, position: int) -> Message | Unreadable:
    if not isinstance(raw, dict):
        return Unreadable(chat, position, f"message {position} is a {type(raw).__name__}, not an object")
    ident = raw.get("id")
    if isinstance(ident, str) and ident.strip().isdigit():
        ident = int(ident)
    if not isinstance(ident, int) or isinstance(ident, bool):
        return Unreadable(chat, position, f"message {position} has no id ({ident!r})")
    entities = raw.get("text_entities")
    parts = raw.get("text")
    text = _plain(parts)
    if text is None:
        return Unreadable(chat, position, f"message {ident}: its text is a {type(parts).__name__}")
    links = _links(entities if isinstance(entities, list) else parts)
    forwarded = raw.get("forwarded_from")
    author = raw.get("from")
    date = raw.get("date")
    return Message(
        chat=chat,
        id=ident,
        type=str(raw.get("type") or "message"),
        sent=_sent(raw.get("date_unixtime")),
        date=date if isinstance(date, str) else None,
        text=text,
        links=links,
        forwarded_from=forwarded if isinstance(forwarded, str) and forwarded.strip() else None,
        author=author if isinstance(author, str) else None,
    )


def _plain(parts) -> str | None:
    """The message's text: a string, or a list of strings and entities ({"type", "text"})."""
    if parts is None:
        return ""
    if isinstance(parts, str):
        return parts
    if not isinstance(parts, list):
        return None
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            pieces.append(part["text"])
    return "".join(pieces)


def _links(entities) -> tuple[str, ...]:
    """Addresses in the text, in order, once each: a "link" is its own text, a "text_link"
    points at its `href`."""
    found: dict[str, None] = {}
    for entity in entities if isinstance(entities, list) else ():
        if not isinstance(entity, dict):
            continue
        if entity.get("type") == "link" and isinstance(entity.get("text"), str):
            found[entity["text"].strip()] = None
        elif entity.get("type") == "text_link" and isinstance(entity.get("href"), str):
            found[entity["href"].strip()] = None
    return tuple(link for link in found if link)


def _sent(value) -> dt.datetime | None:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return None
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


class _Stream:
    """JSON text read a chunk at a time: the structure walked token by token, each value
    wanted whole decoded by the standard (C) decoder from a buffer that slides on."""

    def __init__(self, fp: BinaryIO, *, name: str, progress: Progress | None, total: int | None):
        self.fp, self.name, self.progress, self.total = fp, name, progress, total
        self.decoder = json.JSONDecoder()
        self.text_decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer, self.pos = "", 0
        # Before the buffer: characters, line breaks, and characters since the last break.
        self.dropped, self.dropped_lines, self.dropped_column = 0, 0, 0
        self.eof = False
        self.bytes_read = 0
        self.messages = 0

    # Reading

    def fill(self, size: int = CHUNK) -> bool:
        """More text into the buffer; False at the end of the file."""
        if self.eof:
            return False
        data = self.fp.read(size)
        if isinstance(data, str):
            raise TelegramError(f"{self.name} was opened as text; open it in binary mode")
        self.bytes_read += len(data)
        try:
            text = self.text_decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise TelegramError(
                f"{self.name} is not UTF-8 text (byte {self.bytes_read - len(data) + exc.start}):"
                " Telegram exports are UTF-8; export the chat again"
            ) from None
        if not data:
            self.eof = True
        if self.pos > CHUNK and self.pos * 2 > len(self.buffer):
            self.dropped += self.pos
            self.dropped_lines += self.buffer.count("\n", 0, self.pos)
            last = self.buffer.rfind("\n", 0, self.pos)
            self.dropped_column = self.pos - last - 1 if last >= 0 else self.dropped_column + self.pos
            self.buffer, self.pos = self.buffer[self.pos :], 0
        self.buffer += text
        self.report()
        return bool(data) or bool(text)

    def report(self) -> None:
        if self.progress is not None:
            self.progress(self.bytes_read, self.total, self.messages)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), skipped up to."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.fill():
                return ""

    def take(self, expected: str, what: str) -> str:
        char = self.peek()
        if char == "":
            raise self.truncated()
        if char not in expected:
            raise self.invalid(f"expected {what}, found {char!r}")
        self.pos += 1
        return char

    def value(self):
        """The whole JSON value at the stream, decoded."""
        if self.peek() == "":
            raise self.truncated()
        size = CHUNK // 2
        while True:
            # Each retry decodes the value from its start again: read more each time, so a
            # large value (a whole-account export's contact list) costs a few passes, not many.
            size *= 2
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self.buffer) - _CUT_MARGIN or exc.msg.startswith("Unterminated")
                if cut and self.fill(size):
                    continue
                # At the end of the file, only an error at its very end is a cut.
                if exc.msg.startswith("Unterminated") or exc.pos >= len(self.buffer.rstrip()):
                    raise self.truncated() from None
                raise self.invalid(exc.msg, at=exc.pos) from None
            # A number (or literal) that ends with the buffer may go on in the next chunk.
            if end >= len(self.buffer) and self.fill(size):
                continue
            self.pos = end
            return value

    # Structure

    def keys(self) -> Iterator[str]:
        """The keys of the object at the stream, each left for the caller to read its value."""
        self.take("{", "'{'")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                if self.peek() == "":
                    raise self.truncated()
                raise self.invalid(f"expected a key in quotes, found {self.peek()!r}")
            key = self.value()
            self.take(":", "':' after a key")
            yield key  # the caller reads (or skips) its value
            if self.take(",}", "',' or '}'") == "}":
                return

    def elements(self) -> Iterator[None]:
        """Each element of the array at the stream, for the caller to read."""
        self.take("[", "'['")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield None
            if self.take(",]", "',' or ']'") == "]":
                return

    def items(self) -> Iterator:
        for _ in self.elements():
            yield self.value()

    # Errors

    def truncated(self) -> TelegramError:
        return TelegramError(
            f"{self.name} ends before its JSON does (cut at byte {self.bytes_read}, after "
            f"{self.messages} message(s)): the file is incomplete; copy or export it again"
        )

    def invalid(self, problem: str, *, at: int | None = None) -> TelegramError:
        at = self.pos if at is None else at
        last = self.buffer.rfind("\n", 0, at)
        line = self.dropped_lines + self.buffer.count("\n", 0, at) + 1
        column = at - last if last >= 0 else self.dropped_column + at + 1
        return TelegramError(
            f"{self.name} is not valid JSON at line {line}, column {column} ({problem}), after"
            f" {self.messages} message(s); export it again with Telegram Desktop"
        )

    def sample(self) -> str:
        self.peek()
        return self.buffer[self.pos : self.pos + 20]
