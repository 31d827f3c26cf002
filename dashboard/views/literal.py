"""User text in Streamlit elements that render markdown (st.error, st.info, st.caption...).

Record values, file names, error messages that quote them and link parts are untrusted:
as markdown, `![x](http://host/track)` would make the analyst's browser fetch a remote
image, and `**`, `:red[...]`, `$...$` would change what the text says. `literal()` makes
markdown that shows the text exactly as written.
"""

import re

# Every ASCII punctuation character is written as a numeric character reference, which
# markdown always shows as the character itself and never reads as syntax: so no list is
# needed of what Streamlit's markdown (GitHub flavour, colours, icons, LaTeX, emoji) gives
# meaning to. References rather than backslashes, because GitHub's autolinking finds
# `http://` and `www.` even with their punctuation escaped.
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def literal(text) -> str:
    """Markdown that renders as `text` itself (line breaks kept)."""
    escaped = _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", str(text))
    # A lone line break is a space in markdown; two trailing spaces keep it.
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")
