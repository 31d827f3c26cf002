"""Uploaded articles to text: HTML is read for its visible text, never kept as markup."""

import pytest

from incidents.extract.markup import article_text, html_to_text
from incidents.formats.decode import DecodeError


def test_scripts_styles_and_tags_are_dropped_and_entities_decoded():
    page = (
        "<html><head><title>Strikes</title><style>p {color: red}</style></head><body>"
        "<script>document.write('In Sumy, 9 killed.')</script>"
        "<p>In <a href='x'>Kharkiv</a>, two &amp; more civilians were injured.</p></body></html>"
    )
    assert html_to_text(page) == "Strikes\nIn Kharkiv, two & more civilians were injured."


def test_blocks_become_lines_and_inline_markup_does_not_split_a_sentence():
    page = "<div><h1>Headline</h1><p>First <em>one</em>.<br>Second</p><ul><li>a b c d</li></ul></div>"
    assert html_to_text(page).split("\n") == ["Headline", "First one.", "Second", "a b c d"]


def test_an_unclosed_head_does_not_swallow_the_article():
    assert html_to_text("<html><head><title>T</title><body><p>Text here.</p>") == "T\nText here."


def test_nested_skipped_elements_close_in_order():
    page = "<noscript><style>x</style>hidden</noscript><p>shown</p><svg><text>label</text></svg>"
    assert html_to_text(page) == "shown"


def test_a_text_file_is_kept_as_it_is_and_html_is_recognised_by_name_or_content():
    assert article_text(b"In Sumy, a <b> tag-like text.\n", name="a.txt") == "In Sumy, a <b> tag-like text.\n"
    assert article_text(b"<p>One</p><p>Two</p>", name="a.htm") == "One\nTwo"
    assert article_text(b"<!DOCTYPE html><p>One</p>", name="upload") == "One"


def test_windows_1251_text_is_decoded():
    assert article_text("Удар по Сумах".encode("cp1251"), name="a.txt") == "Удар по Сумах"


def test_a_binary_file_is_refused_with_its_name():
    with pytest.raises(DecodeError, match="a.txt"):
        article_text(b"\x00\x01\x02binary", name="a.txt")
