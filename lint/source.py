"""The text of one list: bytes in, bytes out.

`SourceText` decodes a file strictly (UTF-8, optional BOM), keeps its line
endings, and converts between 1-based (line, column) positions and offsets.
Columns count Unicode code points; a line's content never includes its
line ending, so the end of a line is column ``len(content) + 1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BOM = "\ufeff"


class InputError(Exception):
    """Input kdlint cannot read; the message is one line meant for the user."""


@dataclass(frozen=True)
class SourceText:
    """Decoded text (BOM removed) and its line table."""

    text: str
    bom: bool = False
    lines: tuple[str, ...] = field(init=False)
    starts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0]
        lines = []
        text = self.text
        pos = 0
        while True:
            nl = text.find("\n", pos)
            if nl < 0:
                lines.append(text[pos:])
                break
            end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
            lines.append(text[pos:end])
            pos = nl + 1
            starts.append(pos)
        object.__setattr__(self, "lines", tuple(lines))
        object.__setattr__(self, "starts", tuple(starts))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<input>") -> SourceText:
        if b"\x00" in data:
            raise InputError(f"{name}: binary file (contains NUL bytes), not a Markdown list")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
        bom = text.startswith(BOM)
        return cls(text[1:] if bom else text, bom)

    @classmethod
    def read(cls, path: Path) -> SourceText:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        return cls.from_bytes(data, str(path))

    def to_bytes(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")

    @property
    def line_count(self) -> int:
        """Lines a reader sees: a final newline does not open another line."""
        n = len(self.lines)
        return n - 1 if n > 1 and self.lines[-1] == "" else n

    @property
    def newline(self) -> str:
        """The dominant line ending, used for text that fixes insert."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf * 2 > self.text.count("\n") else "\n"

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def parse_lines(self) -> list[str]:
        """Lines as mistletoe should see them: split on LF only, CR dropped.

        mistletoe splits a string with ``str.splitlines``, which also breaks on
        form feeds and Unicode separators and so would shift every line number;
        handing it our own lines keeps its line numbers equal to ours.
        """
        return [line + "\n" for line in self.lines[: self.line_count]]

    def replace(self, text: str) -> SourceText:
        return SourceText(text, self.bom)
