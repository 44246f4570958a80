"""Bytes in, bytes out: decoding, line table, positions."""

from __future__ import annotations

import pytest

from kdlint.source import InputError, SourceText


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"no newline",
        b"one\n",
        b"a\r\nb\r\n",
        b"mixed\r\nlf\nend",
        b"\xef\xbb\xbf# BOM\n",
        "caf\u00e9 \u2028 sep\x0c\n".encode(),
    ],
)
def test_round_trip_is_byte_exact(data: bytes) -> None:
    assert SourceText.from_bytes(data).to_bytes() == data


def test_lines_exclude_their_endings() -> None:
    source = SourceText.from_bytes(b"a\r\nbb\nccc")
    assert source.lines == ("a", "bb", "ccc")
    assert source.offset(2, 1) == 3
    assert source.offset(3, 4) == len("a\r\nbb\nccc")
    assert source.line_count == 3


def test_final_newline_does_not_count_as_a_line() -> None:
    assert SourceText.from_bytes(b"a\nb\n").line_count == 2
    assert SourceText.from_bytes(b"\n").line_count == 1


def test_parse_lines_split_on_lf_only() -> None:
    # mistletoe would split on U+2028 and form feed; kdlint's lines must not move.
    source = SourceText.from_bytes("x\u2028y\x0cz\r\nnext\n".encode())
    assert source.parse_lines() == ["x\u2028y\x0cz\n", "next\n"]


@pytest.mark.parametrize(
    ("text", "newline"), [("a\nb\n", "\n"), ("a\r\nb\r\n", "\r\n"), ("a\r\nb\nc\n", "\n"), ("x", "\n")]
)
def test_dominant_newline(text: str, newline: str) -> None:
    assert SourceText(text).newline == newline


def test_bom_is_kept_apart() -> None:
    source = SourceText.from_bytes(b"\xef\xbb\xbf- x\n")
    assert source.bom and source.text == "- x\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "<input>: binary file (contains NUL bytes), not a Markdown list"),
        (b"caf\xe9\n", "<input>: not UTF-8 (byte 0xe9 at offset 3)"),
    ],
)
def test_unreadable_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        SourceText.from_bytes(data)
    assert str(info.value) == message
