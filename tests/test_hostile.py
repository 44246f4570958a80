"""Hostile input: each case ends in a correct result or one clear error line (exit 2), within a time bound."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kdlint import cli
from kdlint.cli import main

ENTRY = ("- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)\n"
         "  - https://arxiv.org/abs/1904.05068\n  - *Wonpyo Park, Dongju Kim.*\n")


def timed(seconds: float, call: Callable[[], int]) -> int:
    start = time.perf_counter()
    code = call()
    assert time.perf_counter() - start < seconds, f"took more than {seconds}s"
    return code


def one_error_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("kdlint: error: ") and "Traceback" not in err
    return err


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_empty_file(at: Path, capsys) -> None:
    Path("a.md").write_bytes(b"")
    assert timed(5, lambda: main(["check", "a.md"])) == 0
    assert capsys.readouterr().out == "All checks passed!\n"
    assert main(["fix", "a.md"]) == 0 and Path("a.md").read_bytes() == b""


def test_whitespace_only(at: Path, capsys) -> None:
    Path("a.md").write_bytes(b"   \n  \n \n")
    assert timed(5, lambda: main(["check", "a.md"])) == 1
    assert capsys.readouterr().out.count("KD109") == 3
    main(["fix", "a.md"])
    assert Path("a.md").read_bytes() == b"\n\n\n"


def test_a_20_mb_list_is_refused_with_the_limit_named(at: Path, capsys) -> None:
    Path("big.md").write_bytes((ENTRY + "\n").encode() * (20_000_000 // len(ENTRY)))
    assert timed(5, lambda: main(["check", "big.md"])) == 2
    assert "is more than max-file-size (16,777,216 bytes); raise max-file-size to check it" in one_error_line(
        capsys.readouterr().err)


def test_a_single_1_mb_line(at: Path, capsys) -> None:
    Path("a.md").write_text("## A\n\n- **" + "distillation " * 80_000 + ", CVPR 2019** [[x]](https://a.org)\n")
    assert timed(60, lambda: main(["check", "--isolated", "a.md"])) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("text", ["> " * 10_000 + "x\n", "".join("  " * i + "- x\n" for i in range(3_000))],
                         ids=["quotes", "lists"])
def test_10000_levels_of_nesting(at: Path, capsys, text: str) -> None:
    Path("deep.md").write_text(text)
    assert timed(30, lambda: main(["check", "deep.md"])) == 2
    assert one_error_line(capsys.readouterr().err) == (
        "kdlint: error: deep.md: lists or quotes nested deeper than kdlint can read (mistletoe recurses once per "
        "level)\n")


@pytest.mark.parametrize(("data", "message"), [
    (b"- **x**\x00\n", "kdlint: error: a.md: binary file (contains NUL bytes), not a Markdown list\n"),
    (b"- **caf\xe9**\n", "kdlint: error: a.md: not UTF-8 (byte 0xe9 at offset 7)\n"),
])
def test_nul_bytes_and_invalid_utf8(at: Path, capsys, data: bytes, message: str) -> None:
    Path("a.md").write_bytes(data)
    assert timed(5, lambda: main(["check", "a.md"])) == 2
    assert capsys.readouterr().err == message


def test_bom_and_mixed_line_endings_survive_a_fix(at: Path) -> None:
    text = "## A\r\n\r\n" + ENTRY.replace("\n", "\r\n", 1) + "\n- **Deep Mutual Learning, CVPR 2018**\r\n" \
           "  - https://arxiv.org/abs/1706.00384\n  - *Ying Zhang, Tao Xiang.*\r\n"
    Path("a.md").write_bytes(b"\xef\xbb\xbf" + text.encode())
    main(["fix", "--isolated", "a.md"])
    assert Path("a.md").read_bytes() == b"\xef\xbb\xbf" + text.replace("[[Pytorch]]", "[[PyTorch]]").encode()


def test_a_symlink_is_read_and_fixed_through(at: Path) -> None:
    Path("real.md").write_text("## A\n\n" + ENTRY)
    os.symlink("real.md", "link.md")
    assert main(["check", "--isolated", "link.md"]) == 1
    main(["fix", "--isolated", "link.md"])
    assert Path("link.md").is_symlink() and "[[PyTorch]]" in Path("real.md").read_text()


def test_a_file_that_disappears_after_listing(at: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("docs").mkdir()
    Path("docs/a.md").write_text(ENTRY)
    Path("docs/b.md").write_text(ENTRY)
    real = cli.discover

    def listing_then_delete(paths):
        found = real(paths)
        Path("docs/a.md").unlink()
        return found

    monkeypatch.setattr(cli, "discover", listing_then_delete)
    assert timed(5, lambda: main(["check", "--isolated", "docs"])) == 2
    out, err = capsys.readouterr()
    assert one_error_line(err) == "kdlint: error: docs/a.md: cannot read (No such file or directory)\n"
    assert "docs/b.md:1:" in out


def test_an_unreadable_file(at: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("a.md").write_text(ENTRY)

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main(["check", "a.md"]) == 2
    assert one_error_line(capsys.readouterr().err) == "kdlint: error: a.md: cannot read (Permission denied)\n"


def test_titles_with_markup_commands_and_mentions(at: Path, capsys) -> None:
    nasty = "Tricky `code` <script>x</script> ::error file=x::pwned @admin %0A"
    Path("a.md").write_text(f"## A\n\n- **{nasty}, CVPR 2019**\n  - https://arxiv.org/abs/1904.05068\n"
                            f"  - *A B, C D.*\n\n- **Other {nasty}, CVPR 2019**\n  - https://arxiv.org/abs/1904.05068\n"
                            "  - *A B, C D.*\n")
    assert main(["check", "--isolated", "--output-format", "github", "a.md"]) == 1
    from test_output_formats import parse_workflow_command

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1  # one finding (KD404), one line: the title cannot start another command
    command, props, message = parse_workflow_command(lines[0])
    assert (command, props["file"], props["line"]) == ("error", "a.md", "7")
    assert nasty in message
    assert main(["fix", "--isolated", "a.md"]) == 1


def test_an_interrupted_fix_leaves_the_list_whole(at: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("a.md").write_text("## A\n\n" + ENTRY)
    before = Path("a.md").read_bytes()

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    assert main(["fix", "--isolated", "a.md"]) == 130
    assert Path("a.md").read_bytes() == before
    assert sorted(p.name for p in Path(".").iterdir()) == ["a.md"]  # no temporary file left behind
