"""JSON text parsed whatever it holds: nesting of any depth, numbers of any length.

Pure. Python's parser recurses (a file nested 100,000 deep is a RecursionError) and
refuses an integer of over 4,300 digits (a ValueError for the whole file). `parse`
parses as `json` does and, only when one of those happens, again with their causes
made harmless: integers too long for int() kept as their digits (validation then
rejects them as any other wrong value), and arrays and objects nested deeper than any
record may be replaced by null. A record that is too deep is then still too deep
(`deeper_than`): its row is rejected, the file's other rows are read.
"""

import json
import re
import sys
from collections.abc import Callable

MAX_DEPTH = 32  # levels of arrays and objects in one record: real ones have 3 at most
# A record is the file itself, an item of its list, or of an envelope's list (level 3):
# nesting is cut below that, so a record cut is still deeper than MAX_DEPTH.
_CUT_BELOW = MAX_DEPTH + 3
_CONTAINERS = frozenset({dict, list})
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


class JsonTooDeep(Exception):
    """Even cut, the text nests too deep to parse (cannot happen below Python's limit)."""


def parse(text: str, read: Callable[[str, json.JSONDecoder], object]):
    """`read(text, decoder)`: whatever `read` makes of the text with that decoder, at
    first the plain one, then, if it meets deep nesting or a long integer, a careful one."""
    cut = careful = False
    while True:
        decoder = json.JSONDecoder(parse_int=_integer if careful else None)
        try:
            return read(_cut(text) if cut else text, decoder)
        except RecursionError:
            if cut:
                raise JsonTooDeep from None
            cut = True
        except ValueError as error:
            # Only int()'s own "Exceeds the limit (4300 digits)": not a syntax error, nor
            # the caller's errors (ReadError is a ValueError too).
            if type(error) is not ValueError or careful:
                raise
            careful = True


def _integer(digits: str):
    limit = sys.get_int_max_str_digits()
    return digits if limit and len(digits.lstrip("-")) > limit else int(digits)


def _cut(text: str) -> str:
    """`text` with every array or object opened below `_CUT_BELOW` levels written as
    null, its line breaks kept (so errors are still reported at their lines)."""
    pieces, depth, kept_to, cut_from = [], 0, 0, None
    for token in _TOKENS.finditer(text):
        char = text[token.start()]
        if char == '"':
            continue
        if char in "[{":
            depth += 1
            if depth == _CUT_BELOW + 1:
                cut_from = token.start()
        else:
            if depth == _CUT_BELOW + 1 and cut_from is not None:
                pieces += [text[kept_to:cut_from], "null", "\n" * text.count("\n", cut_from, token.end())]
                kept_to, cut_from = token.end(), None
            depth -= 1
    if cut_from is not None:  # the text ends inside: it ends there, as cut off
        pieces += [text[kept_to:cut_from], "null"]
        kept_to = len(text)
    pieces.append(text[kept_to:])
    return "".join(pieces)


def deeper_than(value, levels: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest in `value` more than `levels` deep; iterative,
    so it answers for any depth (and for a flat record, at the cost of one look at each value)."""
    level = [value] if type(value) in _CONTAINERS else []
    for _ in range(levels):
        if not level:
            return False
        inner = []
        for container in level:
            values = container.values() if type(container) is dict else container
            if not _CONTAINERS.isdisjoint(map(type, values)):  # (in C: most records are flat)
                inner += [item for item in values if type(item) in _CONTAINERS]
        level = inner
    return bool(level)


def text_deeper_than(text: str, levels: int = MAX_DEPTH) -> bool:
    """`deeper_than` for a piece of JSON text that does not parse (a file's cut-off end)."""
    depth = 0
    for token in _TOKENS.finditer(text):
        char = text[token.start()]
        if char in "[{":
            depth += 1
            if depth > levels:
                return True
        elif char in "]}":
            depth -= 1
    return False


def outline(value, levels: int = 3):
    """`value` with what nests below `levels` written as "…": what can be shown of a
    record too deep to print."""
    if type(value) is dict:
        return {key: outline(item, levels - 1) for key, item in value.items()} if levels else "…"
    if type(value) is list:
        return [outline(item, levels - 1) for item in value] if levels else "…"
    return value
