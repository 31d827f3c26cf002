"""Bytes of an uploaded file to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1251.

Pure. Refuses, rather than garbles, a file in another encoding.
"""

import codecs
import re

from incidents import IncidentError

_LATIN = "A-Za-z"
_CYRILLIC = "\u0400-\u04ff"
# Latin-1 text read as Windows-1251 turns "Zürich" into "Zьrich": a word mixing scripts.
_MIXED_SCRIPT_WORD = re.compile(rf"[{_LATIN}][{_CYRILLIC}]|[{_CYRILLIC}][{_LATIN}]")


class DecodeError(IncidentError, ValueError):
    """The file is not text in an encoding we read."""


def decode(data: bytes, *, name: str = "the file") -> tuple[str, str]:
    """(text, encoding). A file cut inside its last character still reads: the importer
    then rejects the incomplete last row rather than the whole file."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"{name} starts with a {encoding} byte-order mark but byte {exc.start} is not"
                    f" {encoding}; save it again as 'CSV UTF-8'"
                ) from None
    if b"\x00" in data[:4096]:
        raise DecodeError(
            f"{name} contains NUL bytes: it is binary or UTF-16 without a byte-order mark;"
            " save it as 'CSV UTF-8'"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), "utf-8"
        first_bad = exc.start
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    mixed = _MIXED_SCRIPT_WORD.search(text) if text is not None else None
    if text is None or mixed:
        sample = data[max(0, first_bad - 20) : first_bad + 20].decode("utf-8", "replace")
        raise DecodeError(
            f"{name} is neither UTF-8 nor Windows-1251 text (byte {first_bad}, near {sample!r});"
            " save it as 'CSV UTF-8'"
        )
    return text, "cp1251"
