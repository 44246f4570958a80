"""`kdlint fix --diff` is a patch: `patch -p0` and `git apply -p0` accept it and turn the file, byte for byte,
into what `kdlint fix` writes; on every ending (final newline or not, CRLF, mixed, BOM) and every shared list."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import shared_files

from kdlint.cli import main
from kdlint.textdiff import file_diff, header_name, quote_name, split_lines

FILES = shared_files()
PATCH = shutil.which("patch")
GIT = shutil.which("git") or "git"
KDLINT = shutil.which("kdlint", path=str(Path(sys.executable).parent))
COMMAND = [KDLINT] if KDLINT else [sys.executable, "-m", "kdlint"]
# git and patch as they come, whatever the user's or the system's configuration says.
ENV = {key: value for key, value in os.environ.items() if key not in ("POSIXLY_CORRECT", "PATCH_GET")}
ENV |= {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
LATIN1 = {"PYTHONIOENCODING": "latin-1"}
NO_NEWLINE = b"\\ No newline at end of file\n"

ENTRY = b"- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/YingZhangDUT/Deep-Mutual-Learning)"
FIXED = ENTRY.replace(b"Pytorch", b"PyTorch")
AUTHORS = b"  - *Ying Zhang, Tao Xiang, Timothy M. Hospedales, Huchuan Lu.*"


# --- the exact text, from textdiff.file_diff ---------------------------------------------------------------

CASES = {
    "no-newline-old": (b"a\nb\nc", b"a\nb\nc\n", b"""\
--- x.md
+++ x.md
@@ -1,3 +1,3 @@
 a
 b
-c
\\ No newline at end of file
+c
"""),
    "no-newline-new": (b"a\nb\nc\n", b"a\nb\nc", b"""\
--- x.md
+++ x.md
@@ -1,3 +1,3 @@
 a
 b
-c
+c
\\ No newline at end of file
"""),
    "no-newline-both": (b"a\nb\nc\nd\ne", b"a\nB\nc\nd\ne", b"""\
--- x.md
+++ x.md
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
\\ No newline at end of file
"""),
    "no-newline-both-last-line-changed": (b"a\nb", b"a\nB", b"""\
--- x.md
+++ x.md
@@ -1,2 +1,2 @@
 a
-b
\\ No newline at end of file
+B
\\ No newline at end of file
"""),
    "last-line-changed": (b"a\nb\nc\nd\ne\n", b"a\nb\nc\nd\nE\n", b"""\
--- x.md
+++ x.md
@@ -2,4 +2,4 @@
 b
 c
 d
-e
+E
"""),
    "crlf": (b"a\r\nb\r\nc\r\n", b"a\r\nB\r\nc\r\n", b"""\
--- x.md
+++ x.md
@@ -1,3 +1,3 @@
 a\r
-b\r
+B\r
 c\r
"""),
    "crlf-no-newline": (b"a\r\nb", b"a\r\nB", b"""\
--- x.md
+++ x.md
@@ -1,2 +1,2 @@
 a\r
-b
\\ No newline at end of file
+B
\\ No newline at end of file
"""),
    "mixed-endings": (b"a\r\nb\nc\r\nd\n", b"a\r\nB\nc\r\nd\n", b"""\
--- x.md
+++ x.md
@@ -1,4 +1,4 @@
 a\r
-b
+B
 c\r
 d
"""),
    "bom": ("\ufeffa\nb\n".encode(), "\ufeffA\nb\n".encode(), """\
--- x.md
+++ x.md
@@ -1,2 +1,2 @@
-\ufeffa
+\ufeffA
 b
""".encode()),
    "bom-context": ("\ufeffa\nb\n".encode(), "\ufeffa\nB\n".encode(), """\
--- x.md
+++ x.md
@@ -1,2 +1,2 @@
 \ufeffa
-b
+B
""".encode()),
    "form-feed-and-line-separator-end-no-line": ("a\fb\u2028c\r\nd\rz\n".encode(), "a\fb\u2028c\r\nD\rz\n".encode(), """\
--- x.md
+++ x.md
@@ -1,2 +1,2 @@
 a\fb\u2028c\r
-d\rz
+D\rz
""".encode()),
    "empty-result": (b"   ", b"", b"--- x.md\n+++ x.md\n@@ -1 +0,0 @@\n-   \n" + NO_NEWLINE),
    "empty-result-from-lines": (b"a\nb\n", b"", b"""\
--- x.md
+++ x.md
@@ -1,2 +0,0 @@
-a
-b
"""),
}


@pytest.mark.parametrize("case", CASES)
def test_file_diff_exact_text(case: str) -> None:
    old, new, expected = CASES[case]
    assert file_diff(old, new, "x.md") == expected


@pytest.mark.parametrize("case", CASES)
def test_file_diff_applies_with_patch_and_git_apply(case: str, tmp_path: Path) -> None:
    old, new, _ = CASES[case]
    for tool in appliers():
        target = tmp_path / tool / "x.md"
        target.parent.mkdir()
        target.write_bytes(old)
        code, said = apply_patch(tool, file_diff(old, new, "x.md"), target.parent)
        assert code == 0 and "fuzz" not in said and "offset" not in said, f"{tool}: {said}"
        assert target.read_bytes() == new, tool


def test_equal_files_give_no_diff() -> None:
    assert file_diff(b"a\nb", b"a\nb", "x.md") == b""
    assert file_diff(b"", b"", "x.md") == b""


def test_split_lines_cuts_after_lf_only() -> None:
    assert split_lines("") == []
    assert split_lines("a") == ["a"]
    assert split_lines("a\n") == ["a\n"]
    assert split_lines("a\r\nb\rc\fd\u2028e\x85f\n\ng") == ["a\r\n", "b\rc\fd\u2028e\x85f\n", "\n", "g"]


def test_header_name_is_relative_to_the_current_directory(tmp_path: Path) -> None:
    assert header_name("list.md", tmp_path) == "list.md"
    assert header_name("./docs/list.md", tmp_path) == "docs/list.md"
    assert header_name(str(tmp_path / "docs" / "list.md"), tmp_path) == "docs/list.md"
    assert header_name(str(tmp_path / "list.md"), tmp_path / "docs") == str(tmp_path / "list.md")
    assert header_name("../list.md", tmp_path) == "../list.md"


def test_quote_name_like_git() -> None:
    assert quote_name("docs/list.md") == "docs/list.md"
    assert quote_name("Awesome KD.md") == "Awesome KD.md\t"  # the tab ends the name for patch
    assert quote_name('say "hi"\\\n.md') == '"say \\"hi\\"\\\\\\n.md"'
    assert quote_name("\x01.md") == '"\\001.md"'
    assert quote_name("知识蒸馏.md") == "知识蒸馏.md"


# --- kdlint fix --diff, applied, against kdlint fix --------------------------------------------------------
#
# Each run copies its files into one directory per role: `fix --diff` runs in one, `fix` in another, and the
# diff is applied in one more per tool (patch -p0, git apply -p0), each from its directory, as a user would.
# One kdlint process per command for all the files, the commands concurrently: starting kdlint costs more
# than fixing a small list.

def appliers() -> list[str]:
    return (["patch"] if PATCH else []) + ["git"]


@dataclass
class Trip:
    diff: bytes
    fixed: Path
    applied: dict[str, Path]
    said: dict[str, tuple[int, str]]  # tool -> (exit code, what it printed)

    def check(self, name: str, original: bytes) -> None:
        """`name` patched by every tool is `name` as `fix` wrote it, the patch applied cleanly."""
        want = (self.fixed / name).read_bytes()
        for tool, top in self.applied.items():
            code, said = self.said[tool]
            assert code == 0 or not self.diff, f"{tool} rejected the diff:\n{said}"
            noise = [line for line in said.splitlines() if any(w in line for w in ("fuzz", "offset", "FAILED",
                                                                                   "malformed", "reject"))]
            assert not noise, f"{tool}: {noise}"
            assert (top / name).read_bytes() == want, f"{tool}: {name} patched is not {name} fixed"
        if want == original:
            assert quote_name(name).encode() not in self.diff


def kdlint(where: Path, args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*COMMAND, *args], cwd=where, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=ENV | (env or {}))


def finish(process: subprocess.Popen[bytes]) -> bytes:
    out, err = process.communicate(timeout=300)
    assert process.returncode in (0, 1), err.decode(errors="replace")
    assert b"Traceback" not in err
    return out


def apply_patch(tool: str, diff: bytes, where: Path) -> tuple[int, str]:
    """Apply `diff` in `where` with `patch -p0` (no fuzz) or `git apply -p0`: (exit code, output)."""
    if not diff:
        return 0, ""
    if tool == "patch":
        command = [PATCH or "patch", "-p0", "--batch", "--forward", "--fuzz=0", "--no-backup-if-mismatch"]
    else:
        command = [GIT, "apply", "-p0", "--whitespace=nowarn", "-"]
    done = subprocess.run(command, check=False, input=diff, cwd=where, capture_output=True, env=ENV, timeout=120)
    return done.returncode, (done.stdout + done.stderr).decode(errors="replace")


def round_trips(top: Path, files: dict[str, bytes], targets: list[str] | None = None) -> dict[bool, Trip]:
    """{unsafe: the trip} for `fix` and `fix --unsafe-fixes` on `files` (names relative to each directory)."""
    roles = [f"{mode}-{role}" for mode in ("safe", "unsafe") for role in ("diffed", "fixed", *appliers())]
    for role in roles:
        for name, data in files.items():
            (top / role / name).parent.mkdir(parents=True, exist_ok=True)
            (top / role / name).write_bytes(data)
    args = targets or list(files)
    running = {}
    for unsafe, mode in ((False, "safe"), (True, "unsafe")):
        flags = ["--unsafe-fixes"] if unsafe else []
        # A latin-1 standard output (a Windows code page is like it) must not mangle the diff: it is bytes.
        running[unsafe] = (kdlint(top / f"{mode}-diffed", ["fix", "--diff", *flags, *args], LATIN1),
                           kdlint(top / f"{mode}-fixed", ["fix", *flags, *args]))
    trips = {}
    for unsafe, (diffing, fixing) in running.items():
        mode = "unsafe" if unsafe else "safe"
        diff = finish(diffing)
        finish(fixing)
        for name, data in files.items():
            assert (top / f"{mode}-diffed" / name).read_bytes() == data, f"--diff wrote {name}"
        applied = {tool: top / f"{mode}-{tool}" for tool in appliers()}
        said = {tool: apply_patch(tool, diff, where) for tool, where in applied.items()}
        trips[unsafe] = Trip(diff, top / f"{mode}-fixed", applied, said)
    return trips


LIST = b"## Papers\n\n" + ENTRY + b"\n" + AUTHORS + b"\n"
DUPLICATE = b"- **Deep Mutual Learning, CVPR 2018**\n  - https://arxiv.org/abs/1706.00384"
LISTS = {
    "final-newline": LIST,
    "no-final-newline": LIST[:-1],
    "change-on-the-last-line": b"## Papers\n\n" + ENTRY,
    "crlf": LIST.replace(b"\n", b"\r\n"),
    "crlf-no-final-newline": (b"## Papers\n\n" + ENTRY).replace(b"\n", b"\r\n"),
    "mixed-endings": b"## Papers\r\n\n" + ENTRY + b"\r\n" + AUTHORS + b"\n",
    "bom": b"\xef\xbb\xbf" + LIST,
    "bom-on-the-changed-line": b"\xef\xbb\xbf" + ENTRY + b"\n",
    "bom-crlf-no-final-newline": b"\xef\xbb\xbf" + (b"## Papers\n\n" + ENTRY).replace(b"\n", b"\r\n"),
    "form-feed-and-line-separator": "## Papers \f and \u2028 more\n\n".encode() + ENTRY + b"\n",
    "whitespace-last-line-removed": b"## Papers\n\n" + ENTRY + b"\n  ",
    "empty-result": b"   ",
    "duplicate-before-a-last-line-without-newline": b"## Papers\n\n" + DUPLICATE + b"\n\n" + DUPLICATE,
    "unchanged": b"## Papers\n\n" + FIXED + b"\n",
}
NAMES = {case: f"docs/{case}.md" for case in LISTS} | {"spaced": "docs/Awesome KD list.md",
                                                        "nested": "docs/sub/list.md"}
CONTENT = LISTS | {"spaced": LISTS["no-final-newline"], "nested": LISTS["crlf"]}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Trip]:
    """The hand-made lists, in docs/, fixed through `fix --diff docs` (a directory, so several files)."""
    top = tmp_path_factory.mktemp("small")
    return round_trips(top, {NAMES[case]: CONTENT[case] for case in CONTENT}, ["docs"])


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("case", CONTENT)
def test_fix_diff_applies_to_what_fix_writes(case: str, unsafe: bool, small: dict[bool, Trip]) -> None:
    small[unsafe].check(NAMES[case], CONTENT[case])


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_diff_headers_name_each_changed_file_from_the_current_directory(unsafe: bool,
                                                                           small: dict[bool, Trip]) -> None:
    trip = small[unsafe]
    headers = sorted(line for line in trip.diff.split(b"\n") if line.startswith((b"--- ", b"+++ ")))
    changed = [NAMES[case] for case in CONTENT if (trip.fixed / NAMES[case]).read_bytes() != CONTENT[case]]
    assert headers == sorted(f"{side} {quote_name(name)}".encode() for name in changed for side in ("---", "+++"))
    assert b"+++ docs/Awesome KD list.md\t" in headers and b"+++ docs/sub/list.md" in headers
    assert len(changed) == len(CONTENT) - (1 if unsafe else 2)  # "unchanged", and the duplicate when safe


def test_unsafe_fix_diff_removes_a_duplicate_before_a_last_line_without_newline(small: dict[bool, Trip]) -> None:
    name = NAMES["duplicate-before-a-last-line-without-newline"]
    assert (small[True].fixed / name).read_bytes() == b"## Papers\n\n" + DUPLICATE
    diff = small[True].diff
    start = diff.index(f"--- {name}\n".encode())
    assert diff[start:].startswith(f"--- {name}\n+++ {name}\n@@ -1,7 +1,4 @@\n ## Papers\n \n".encode()
                                   + b" - **Deep Mutual Learning, CVPR 2018**\n"
                                   + b"-  - https://arxiv.org/abs/1706.00384\n-\n"
                                   + b"-- **Deep Mutual Learning, CVPR 2018**\n"
                                   + b"   - https://arxiv.org/abs/1706.00384\n" + NO_NEWLINE)


def run_in(where: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch,
           *args: str) -> bytes:
    monkeypatch.chdir(where)
    assert main(list(args)) in (0, 1)
    return capsysbinary.readouterr().out


def test_fix_diff_exact_text_without_a_final_newline(tmp_path: Path, capsysbinary, monkeypatch) -> None:
    (tmp_path / "list.md").write_bytes(b"## Papers\n\n" + ENTRY)
    assert run_in(tmp_path, capsysbinary, monkeypatch, "fix", "--diff", "list.md") == (
        b"--- list.md\n+++ list.md\n@@ -1,3 +1,3 @@\n ## Papers\n \n-" + ENTRY + b"\n" + NO_NEWLINE
        + b"+" + FIXED + b"\n" + NO_NEWLINE)


def test_fix_diff_exact_text_crlf_and_bom(tmp_path: Path, capsysbinary, monkeypatch) -> None:
    (tmp_path / "list.md").write_bytes(b"\xef\xbb\xbf## Papers\r\n\r\n" + ENTRY + b"\r\n" + AUTHORS + b"\r\n")
    assert run_in(tmp_path, capsysbinary, monkeypatch, "fix", "--diff", "list.md") == (
        b"--- list.md\n+++ list.md\n@@ -1,4 +1,4 @@\n \xef\xbb\xbf## Papers\r\n \r\n-" + ENTRY + b"\r\n+" + FIXED
        + b"\r\n " + AUTHORS + b"\r\n")


def test_fix_diff_exact_text_bom_on_the_changed_line(tmp_path: Path, capsysbinary, monkeypatch) -> None:
    (tmp_path / "list.md").write_bytes(b"\xef\xbb\xbf" + ENTRY + b"\n")
    assert run_in(tmp_path, capsysbinary, monkeypatch, "fix", "--diff", "list.md") == (
        b"--- list.md\n+++ list.md\n@@ -1 +1 @@\n-\xef\xbb\xbf" + ENTRY + b"\n+\xef\xbb\xbf" + FIXED + b"\n")


def test_fix_diff_names_an_absolute_path_below_the_current_directory_relatively(
        tmp_path: Path, capsysbinary, monkeypatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_bytes(LIST)
    out = run_in(tmp_path, capsysbinary, monkeypatch, "fix", "--diff", str(tmp_path / "docs" / "list.md"))
    assert out.startswith(b"--- docs/list.md\n+++ docs/list.md\n@@ ")


# --- every list in ../shared ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Trip]:
    if not FILES:
        pytest.skip("../shared is not beside this clone")
    return round_trips(tmp_path_factory.mktemp("shared"), {path.name: path.read_bytes() for path in FILES})


@pytest.mark.skipif(not FILES, reason="../shared is not beside this clone")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", FILES, ids=[p.name[:40] for p in FILES])
def test_fix_diff_of_every_shared_list_applies_to_what_fix_writes(path: Path, unsafe: bool,
                                                                  shared: dict[bool, Trip]) -> None:
    shared[unsafe].check(path.name, path.read_bytes())
