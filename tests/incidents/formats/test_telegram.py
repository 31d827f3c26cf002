"""Reading Telegram Desktop's chat exports as a stream (incidents.formats.telegram)."""

import datetime as dt
import io
import json

import pytest

from incidents.formats import telegram
from incidents.formats.telegram import Message, TelegramError, Unreadable, read_messages, username
from tests.incidents.formats.telegram_export import CHANNEL, KYIV, MESSAGES, USERNAME, channel_export


def read(data: bytes, **options) -> list:
    return list(read_messages(io.BytesIO(data), name="result.json", **options))


def encoded(export: dict) -> bytes:
    return json.dumps(export, ensure_ascii=False, indent=1).encode()


def test_every_message_of_a_channel_export_is_read_with_its_text_links_forward_and_date():
    export, sent = channel_export()
    messages = read(encoded(export), username_hint=USERNAME)
    assert len(messages) == MESSAGES
    assert all(isinstance(message, Message) for message in messages)
    for message, expected in zip(messages, sent, strict=True):
        assert message.id == expected.id
        assert message.chat.name == CHANNEL
        assert message.type == ("service" if expected.kind == "service" else "message")
        assert message.is_extractable == (expected.kind not in ("service", "empty"))
        assert message.text == expected.text
        assert message.links == expected.links
        assert message.forwarded_from == expected.forwarded_from
        assert message.source_url == expected.url
        assert message.day(KYIV).isoformat() == expected.day
    assert {message.type for message in messages} == {"message", "service"}


def test_the_time_is_date_unixtime_not_the_zone_less_date():
    (message,) = read(
        encoded(
            {
                "name": "c",
                "type": "public_channel",
                "id": 1,
                # 00:20 in Kyiv on the 21st is 21:20 UTC on the 20th, as `date` was written.
                "messages": [
                    {
                        "id": 5,
                        "type": "message",
                        "date": "2025-07-20T21:20:00",
                        "date_unixtime": "1753046400",
                        "text": "x",
                    }
                ],
            }
        )
    )
    assert message.sent == dt.datetime(2025, 7, 20, 21, 20, tzinfo=dt.UTC)
    assert message.day(KYIV) == dt.date(2025, 7, 21)
    assert message.day(dt.UTC) == dt.date(2025, 7, 20)


def test_without_date_unixtime_the_day_of_the_date_field_is_used():
    (message,) = read(
        encoded({"name": "c", "messages": [{"id": 1, "date": "2021-03-04T10:00:00", "text": "x"}]})
    )
    assert message.sent is None and message.day(KYIV) == dt.date(2021, 3, 4)


def test_text_as_a_list_of_strings_and_entities_reads_as_shown_with_its_links():
    parts = [
        "Strike on ",
        {"type": "bold", "text": "Sumy"},
        ", details: ",
        {"type": "link", "text": "https://example.org/a"},
        " and ",
        {"type": "text_link", "text": "here", "href": "https://example.org/b"},
        {"type": "mention", "text": "@someone"},
    ]
    (message,) = read(encoded({"name": "c", "messages": [{"id": 1, "type": "message", "text": parts}]}))
    assert message.text == "Strike on Sumy, details: https://example.org/a and here@someone"
    # Without text_entities, the links are found in the text's own entities.
    assert message.links == ("https://example.org/a", "https://example.org/b")


def test_the_source_rule():
    body = [{"id": 42, "type": "message", "text": "x"}]
    (public,) = read(encoded({"name": "Kharkiv Watch", "type": "public_channel", "id": 9, "messages": body}))
    assert public.source_url == "telegram:Kharkiv Watch/42"  # no username known: not a link
    (hinted,) = read(
        encoded({"name": "K", "type": "public_channel", "messages": body}), username_hint="@kw_news"
    )
    assert hinted.source_url == "https://t.me/kw_news/42"
    (own,) = read(
        encoded({"name": "K", "type": "public_channel", "username": "own_name", "messages": body}),
        username_hint="other_name",
    )
    assert own.source_url == "https://t.me/own_name/42"  # the export's own word wins
    (private,) = read(
        encoded({"name": "K", "type": "private_channel", "messages": body}), username_hint="kw_news"
    )
    assert private.source_url == "telegram:K/42"  # a private channel has no public address
    (nameless,) = read(encoded({"id": 77, "messages": body}))
    assert nameless.source_url == "telegram:chat 77/42"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("@kharkiv_ova", "kharkiv_ova"),
        ("https://t.me/kharkiv_ova/", "kharkiv_ova"),
        ("t.me/kharkiv_ova", "kharkiv_ova"),
        ("kharkiv ova", None),
        ("https://example.org/x", None),
        ("", None),
        (None, None),
    ],
)
def test_a_username_is_taken_only_as_telegram_spells_one(given, expected):
    assert username(given) == expected


def test_a_whole_account_export_gives_each_chats_messages_with_its_own_source():
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {"first_name": "A", "username": "@me"},
        "contacts": {
            "about": "",
            "list": [{"first_name": f"c{i}", "phone_number": "+1"} for i in range(2000)],
        },
        "chats": {
            "about": "",
            "list": [
                {
                    "name": "Sumy News",
                    "type": "public_channel",
                    "id": 1,
                    "username": "sumy_news",
                    "messages": [
                        {"id": 1, "type": "message", "text": "a"},
                        {"id": 2, "type": "message", "text": "b"},
                    ],
                },
                {
                    "name": "Friend",
                    "type": "personal_chat",
                    "id": 2,
                    "messages": [{"id": 10, "type": "message", "text": "c"}],
                },
                "not a chat",
            ],
        },
        "left_chats": {
            "about": "",
            "list": [
                {
                    "name": "Old",
                    "type": "private_supergroup",
                    "id": 3,
                    "messages": [{"id": 5, "type": "service", "action": "join_group_by_link", "text": ""}],
                }
            ],
        },
    }
    messages = read(encoded(export), username_hint="ignored_here")
    assert [(m.chat.name, m.id, m.source_url) for m in messages] == [
        ("Sumy News", 1, "https://t.me/sumy_news/1"),
        ("Sumy News", 2, "https://t.me/sumy_news/2"),
        ("Friend", 10, "telegram:Friend/10"),
        ("Old", 5, "telegram:Old/5"),
    ]


def test_a_message_that_cannot_be_read_is_reported_not_dropped():
    messages = read(
        encoded({"name": "c", "messages": [{"type": "message", "text": "no id"}, 7, {"id": 3, "text": 5}]})
    )
    assert [type(m) for m in messages] == [Unreadable, Unreadable, Unreadable]
    assert "message 1 has no id" in messages[0].reason
    assert "message 2 is a int" in messages[1].reason
    assert "message 3: its text is a int" in messages[2].reason


class Recording(io.BytesIO):
    """A file that records how much was read of it when each message came out."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.sizes: list[int] = []

    def read(self, size=-1):
        self.sizes.append(size)
        return super().read(size)


def test_a_large_export_is_read_as_a_stream_with_progress():
    text = "In Kharkiv, a Russian drone strike injured two people on Sunday. " * 8
    body = [
        {
            "id": i,
            "type": "message",
            "date_unixtime": "1753046400",
            "text": [text, {"type": "bold", "text": "x"}],
        }
        for i in range(12_000)
    ]
    data = encoded({"name": "big", "type": "public_channel", "id": 1, "messages": body})
    assert len(data) > 8_000_000
    fp = Recording(data)
    calls = []
    messages = read_messages(fp, name="big.json", progress=lambda *args: calls.append(args), total=len(data))
    next(messages)
    assert fp.tell() <= 2 * telegram.CHUNK  # the first message, with the file hardly read
    assert sum(1 for _ in messages) == 12_000 - 1
    assert all(size != -1 and size <= 4 * telegram.CHUNK for size in fp.sizes)  # never the whole
    assert calls[-1] == (len(data), len(data), 12_000)
    done = [call[0] for call in calls]
    assert done == sorted(done) and len(calls) > 100


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "result.json is empty"),
        (b"<!DOCTYPE html><html>", "result.json is not JSON (it starts with '<!DOCTYPE html><html')"),
        (b"Date,Place\n2025-07-20,Sumy\n", "result.json is not JSON"),
        (b'[{"date": "2025-07-20", "place": "Sumy"}]', "result.json is a JSON list, not a Telegram export"),
        (b'{"incidents": [{"place": "Sumy"}]}', "result.json is JSON but not a Telegram export"),
        (b'{"name": "c", "messages": {"id": 1}}', "its 'messages' is not a list"),
        (b'\xff\xfe{\x00"\x00', "result.json is not UTF-8 text"),
        (
            b'{"name": "c", "messages": [{"id": 1}, {"id": 2,, "text": "x"}]}',
            "result.json is not valid JSON at line 1, column 48",
        ),
        (b'{"name": "c", "messages": []} {"name": "d"}', "text after the end of the export"),
    ],
)
def test_what_is_not_an_export_is_named(data, problem):
    with pytest.raises(TelegramError) as error:
        read(data)
    assert problem in str(error.value)


def test_a_truncated_export_yields_the_messages_before_the_cut_then_says_where_it_ends():
    export, _ = channel_export()
    data = encoded(export)
    cut = data[: len(data) // 2]
    got = []
    with pytest.raises(TelegramError) as error:
        for message in read_messages(io.BytesIO(cut), name="result.json"):
            got.append(message)
    assert 90 < len(got) < 110
    assert str(error.value).startswith(
        f"result.json ends before its JSON does (cut at byte {len(cut)}, after "
    )
    assert "the file is incomplete" in str(error.value)
