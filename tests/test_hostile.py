"""Hostile input and a hostile environment: each case ends in a correct result or one clear error line (exit 2).

How the time grows with hostile input is tested in test_complexity.py (by growth, never by a budget)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kdlint import project
from kdlint.cli import main

ENTRY = ("- **Relational Knowledge Distillation, CVPR 2019** [[Pytorch]](https://github.com/lenscloth/RKD)\n"
         "  - https://arxiv.org/abs/1904.05068\n  - *Wonpyo Park, Dongju Kim.*\n")


def one_error_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("kdlint: error: ") and "Traceback" not in err
    return err


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_empty_file(at: Path, capsys) -> None:
    Path("a.md").write_bytes(b"")
    assert main(["check", "a.md"]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"
    assert main(["fix", "a.md"]) == 0 and Path("a.md").read_bytes() == b""


def test_whitespace_only(at: Path, capsys) -> None:
    Path("a.md").write_bytes(b"   \n  \n \n")
    assert main(["check", "a.md"]) == 1
    assert capsys.readouterr().out.count("KD109") == 3
    main(["fix", "a.md"])
    assert Path("a.md").read_bytes() == b"\n\n\n"


def test_a_20_mb_list_is_refused_with_the_limit_named(at: Path, capsys) -> None:
    Path("big.md").write_bytes((ENTRY + "\n").encode() * (20_000_000 // len(ENTRY)))
    assert main(["check", "big.md"]) == 2
    assert "is more than max-file-size (16,777,216 bytes); raise max-file-size to check it" in one_error_line(
        capsys.readouterr().err)


def test_a_single_1_mb_line(at: Path, capsys) -> None:
    Path("a.md").write_text("## A\n\n- **" + "distillation " * 80_000 + ", CVPR 2019** [[x]](https://a.org)\n")
    assert main(["check", "--isolated", "a.md"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("text", ["> " * 10_000 + "x\n", "".join("  " * i + "- x\n" for i in range(3_000))],
                         ids=["quotes", "lists"])
def test_10000_levels_of_nesting(at: Path, capsys, text: str) -> None:
    Path("deep.md").write_text(text)
    assert main(["check", "deep.md"]) == 2
    assert one_error_line(capsys.readouterr().err) == (
        "kdlint: error: deep.md: lists or quotes nested deeper than kdlint can read (mistletoe recurses once per "
        "level)\n")


@pytest.mark.parametrize(("data", "message"), [
    (b"- **x**\x00\n", "kdlint: error: a.md: binary file (contains NUL bytes), not a Markdown list\n"),
    (b"- **caf\xe9**\n", "kdlint: error: a.md: not UTF-8 (byte 0xe9 at offset 7)\n"),
])
def test_nul_bytes_and_invalid_utf8(at: Path, capsys, data: bytes, message: str) -> None:
    Path("a.md").write_bytes(data)
    assert main(["check", "a.md"]) == 2
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
    real = project.discover

    def listing_then_delete(*args):
        found = real(*args)
        Path("docs/a.md").unlink()
        return found

    monkeypatch.setattr(project, "discover", listing_then_delete)
    assert main(["check", "--isolated", "docs"]) == 2
    out, err = capsys.readouterr()
    assert one_error_line(err) == "kdlint: error: docs/a.md: no such file\n"
    assert "docs/b.md:1:" in out


def test_an_unreadable_file(at: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("a.md").write_text(ENTRY)

    real = os.open

    def denied(path, *args, **kwargs):
        if str(path) == "a.md":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
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


# What is not a regular file is refused at once, named or behind a link: never a hang, never an endless read.
@pytest.mark.parametrize(("make", "message"), [
    (lambda: os.mkfifo("a.md"), "a.md: is a FIFO (named pipe), not a regular file"),
    (lambda: os.symlink("/dev/zero", "a.md"), "a.md: is a character device, not a regular file"),
    (lambda: (os.symlink("b.md", "a.md"), os.symlink("a.md", "b.md")), "a.md: a loop of symbolic links"),
], ids=["fifo", "link-to-dev-zero", "link-loop"])
def test_what_is_not_a_regular_file(at: Path, make, message: str) -> None:
    make()
    for command in (["check", "a.md"], ["fix", "a.md"], ["convert", "a.md"], ["init", "--print", "a.md"]):
        done = subprocess.run([sys.executable, "-m", "kdlint", *command], capture_output=True, text=True,
                              timeout=60)  # a hang detector, not a time budget
        assert (done.returncode, done.stdout, done.stderr) == (2, "", f"kdlint: error: {message}\n"), command


def test_dev_zero_named_directly(at: Path, capsys) -> None:
    assert main(["check", "/dev/zero"]) == 2
    assert one_error_line(capsys.readouterr().err) == ("kdlint: error: /dev/zero: is a character device, "
                                                       "not a regular file\n")


def test_never_more_than_max_file_size_plus_one_bytes(at: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose size lies (as under /proc) is read up to the limit, not to its end."""
    Path(".kdlint.toml").write_text('max-file-size = "1KB"\n')
    Path("a.md").write_text("## A\n\n" + ENTRY * 40)
    real = os.fstat

    def lying(fd: int) -> os.stat_result:
        info = real(fd)
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:]))  # st_size 0

    monkeypatch.setattr(os, "fstat", lying)
    reads: list[int] = []
    real_fdopen = os.fdopen

    class Counted(io.BufferedReader):
        def read(self, size: int | None = -1) -> bytes:
            reads.append(size if size is not None else -1)
            return super().read(size)

    def fdopen(fd: int, mode: str = "r", *args, **kwargs):
        return Counted(io.FileIO(fd, "r")) if mode == "rb" else real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    assert main(["check", "a.md"]) == 2
    assert reads == [1001]
    assert one_error_line(capsys.readouterr().err) == (
        "kdlint: error: a.md: more than max-file-size (1,000 bytes); raise max-file-size to check it\n")


def test_endless_standard_input_is_cut_at_the_limit(at: Path) -> None:
    Path(".kdlint.toml").write_text('max-file-size = "1KB"\n')
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([sys.executable, "-m", "kdlint", "check", "-"], stdin=zero, capture_output=True,
                              text=True, timeout=60)
    assert (done.returncode, done.stderr) == (
        2, "kdlint: error: <stdin>: more than max-file-size (1,000 bytes); raise max-file-size to check it\n")


@pytest.mark.parametrize(("where", "error"), [("tempfile.mkstemp", PermissionError(13, "Permission denied")),
                                               ("os.replace", OSError(28, "No space left on device"))],
                         ids=["read-only-directory", "disk-full"])
def test_a_write_that_fails_leaves_the_list_as_it_was(at: Path, capsys, monkeypatch: pytest.MonkeyPatch,
                                                      where: str, error: OSError) -> None:
    Path("a.md").write_text("## A\n\n" + ENTRY)

    def failing(*args, **kwargs):
        raise error

    module, name = where.split(".")
    monkeypatch.setattr({"tempfile": tempfile, "os": os}[module], name, failing)
    assert main(["fix", "--isolated", "a.md"]) == 2
    err = capsys.readouterr().err
    assert f"kdlint: error: a.md: cannot write ({error.strerror})\n" in err and "Traceback" not in err
    assert Path("a.md").read_text() == "## A\n\n" + ENTRY
    assert sorted(p.name for p in Path(".").iterdir()) == ["a.md"]  # no temporary file left behind


@pytest.mark.parametrize(("shell", "message"), [
    ("kdlint check a.md >&-", "kdlint: error: standard output is closed\n"),
    ("kdlint check a.md > /dev/full", "kdlint: error: cannot write the output (No space left on device)\n"),
    ("kdlint convert a.md -o /dev/full", "kdlint: error: /dev/full: cannot write (No space left on device)\n"),
], ids=["closed-stdout", "full-stdout", "full-output-file"])
def test_output_that_cannot_be_written(at: Path, shell: str, message: str) -> None:
    Path("a.md").write_text("## A\n\n" + ENTRY)
    command = shell.replace("kdlint", f"{sys.executable} -m kdlint", 1)
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (2, message)


def test_a_closed_pipe_ends_quietly(at: Path) -> None:
    Path("a.md").write_text("## A\n\n" + ENTRY * 200)
    done = subprocess.run(["sh", "-c", f"{sys.executable} -m kdlint check --isolated a.md | head -1"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.count("\n") == 1 and done.stderr == ""
