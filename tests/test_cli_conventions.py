"""The command line's conventions, as Ruff's users expect them (issue 20): which files a run reads (`exclude`,
`extend-exclude`, .gitignore, `--force-exclude`, `--stdin-filename`), where the report goes (`--output-file`),
introspection (`--show-files`, `--show-settings`, `-v`), colour, shell completion, and the small things."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kdlint.cli import main
from kdlint.words import plural

ENTRY = "## Papers\n\n- **Deep Mutual Learning, CVPR 2018** [[Pytorch]](https://github.com/x/dml)\n"
FIXED = ENTRY.replace("[[Pytorch]]", "[[PyTorch]]")
FINDING = "3:41: KD108 [*] code label `Pytorch` is spelled `PyTorch`"
SUMMARY = ["Found 1 finding.", "[*] 1 fixable with `kdlint fix`."]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = run(capsys, "check", "--show-files", *args)
    assert (code, err) == (0, ""), err
    return out.splitlines()


def write(root: Path, *names: str, text: str = ENTRY) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project as the current directory, git without the user's own configuration."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("NO_COLOR", "FORCE_COLOR", "KDLINT_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


# -- exclude and extend-exclude ------------------------------------------------------------------------------


def test_default_exclude_leaves_out_hidden_build_and_vendor_directories(at: Path, capsys) -> None:
    write(at, "a.md", "docs/b.md", ".github/c.md", "build/d.md", "node_modules/e.md", "x/venv/f.md", "x/dist/g.md")
    assert files(capsys) == ["a.md", "docs/b.md"]
    (at / ".kdlint.toml").write_text("exclude = []\n")  # replaces the default, as in Ruff
    assert files(capsys) == [".github/c.md", "a.md", "build/d.md", "docs/b.md", "node_modules/e.md", "x/dist/g.md",
                             "x/venv/f.md"]


def test_extend_exclude_globs_are_relative_to_the_configuration_file(at: Path, capsys, monkeypatch) -> None:
    project = at / "project"
    write(project, "README.md", "docs/a.md", "docs/old/b.md", "docs/c.draft.md", "more/docs/old/d.md",
          "more/build/e.md", "CHANGELOG.md", "more/CHANGELOG.md")
    (project / ".kdlint.toml").write_text('extend-exclude = ["docs/old", "*.draft.md", "/CHANGELOG.md"]\n')
    expected = ["README.md", "docs/a.md", "more/CHANGELOG.md", "more/docs/old/d.md"]
    assert files(capsys, "project") == [f"project/{name}" for name in expected]  # from above the project
    monkeypatch.chdir(project / "docs")  # from below it: the globs do not move with the current directory
    assert files(capsys, "..") == [f"../{name}" for name in expected]
    assert files(capsys, ".") == ["a.md"]


def test_a_glob_without_a_slash_matches_a_name_at_any_depth(at: Path, capsys) -> None:
    write(at, "a.md", "drafts/b.md", "x/drafts/c.md", "x/drafts.md", "x/y/notes-1.md", "v2.md", "vb.md", "v-.md")
    (at / ".kdlint.toml").write_text('extend-exclude = ["drafts", "notes-?.md", "v[0-9].md"]\n')  # a range
    assert files(capsys) == ["a.md", "v-.md", "vb.md", "x/drafts.md"]


def test_a_nested_configuration_decides_below_it(at: Path, capsys) -> None:
    write(at, "a.md", "skip.md", "sub/a.md", "sub/skip.md", "sub/own.md", "sub/deeper/own.md")
    (at / ".kdlint.toml").write_text('extend-exclude = ["skip.md"]\n')
    (at / "sub" / ".kdlint.toml").write_text('extend-exclude = ["/own.md"]\n')  # the nearest file, as for rules
    assert files(capsys) == ["a.md", "sub/a.md", "sub/deeper/own.md", "sub/skip.md"]


def test_a_file_named_is_checked_unless_force_exclude(at: Path, capsys) -> None:
    write(at, "a.md", "old/b.md", "old/deep/c.md")
    (at / ".kdlint.toml").write_text('extend-exclude = ["old"]\n')
    assert run(capsys, "check", "old/b.md") == (1, "\n".join([f"old/b.md:{FINDING}", *SUMMARY]) + "\n", "")
    for path in ("old/b.md", "old/deep/c.md", "old"):  # the file, or a directory above it, is excluded
        code, out, err = run(capsys, "check", "--force-exclude", path)
        assert (code, out, err) == (0, "All checks passed!\n", "kdlint: warning: no files to check: every path "
                                                                "given is excluded (--force-exclude)\n")
    code, out, _ = run(capsys, "check", "--force-exclude", "old/b.md", "a.md")  # as pre-commit passes them
    assert (code, out.splitlines()[0]) == (1, f"a.md:{FINDING}")
    assert files(capsys, "--force-exclude", "a.md", "old/b.md") == ["a.md"]
    assert files(capsys, "a.md", "old/b.md") == ["a.md", "old/b.md"]


def test_a_directory_whose_files_are_all_left_out_is_an_error(at: Path, capsys) -> None:
    write(at, "docs/a.md", "docs/b.md")
    (at / ".kdlint.toml").write_text('extend-exclude = ["docs/*.md"]\n')
    assert run(capsys, "check", "docs") == (2, "", "kdlint: error: docs: no Markdown files to check in this "
                                                   "directory (2 paths left out by exclude or .gitignore)\n")


@pytest.mark.parametrize(("content", "message"), [
    ('exclude = "docs"\n', "exclude: Input should be a valid list"),
    ('extend-exclude = ["docs/[ab"]\n', "extend-exclude.0: invalid glob 'docs/[ab': '[' without a closing ']'"),
    ('exclude = ["[!]"]\n', "exclude.0: invalid glob '[!]': '[' without a closing ']'"),
    ('exclude = ["[z-a]"]\n', "exclude.0: invalid glob '[z-a]': bad character range z-a"),
    ('respect-gitignore = "maybe"\n', "respect-gitignore: Input should be a valid boolean"),
])
def test_bad_exclusion_settings_are_one_line(at: Path, capsys, content: str, message: str) -> None:
    write(at, "a.md")
    (at / ".kdlint.toml").write_text(content)
    code, out, err = run(capsys, "check", "a.md")
    assert (code, out) == (2, "")
    assert err.startswith(f"kdlint: error: {at / '.kdlint.toml'}: {message}") and err.count("\n") == 1


# -- .gitignore ----------------------------------------------------------------------------------------------


def test_gitignore_is_respected_in_a_repository(at: Path, capsys) -> None:
    git(at, "init", "-q")
    write(at, "a.md", "notes/n.md", "x.tmp.md", "keep/x.md", "keep/keep.md", "tracked.md", "deep/er/y.tmp.md")
    (at / ".gitignore").write_text("notes/\n*.tmp.md\ntracked.md\n")
    (at / "keep" / ".gitignore").write_text("*.md\n!keep.md\n")  # a nested file, and a negation
    git(at, "add", "-f", "tracked.md")  # git's rule: a tracked file is never ignored
    assert files(capsys) == ["a.md", "keep/keep.md", "tracked.md"]
    assert files(capsys, "--no-respect-gitignore") == ["a.md", "deep/er/y.tmp.md", "keep/keep.md", "keep/x.md",
                                                       "notes/n.md", "tracked.md", "x.tmp.md"]
    assert files(capsys, "keep") == ["keep/keep.md"]
    assert files(capsys, "notes/n.md", "x.tmp.md") == ["notes/n.md", "x.tmp.md"]  # named: read, as Ruff does
    assert files(capsys, "--force-exclude", "notes/n.md") == ["notes/n.md"]  # exclusion is the settings', not git's
    assert files(capsys, "notes") == ["notes/n.md"]  # a directory named that git ignores whole is walked
    (at / ".kdlint.toml").write_text("respect-gitignore = false\n")
    assert len(files(capsys)) == 7
    assert files(capsys, "--respect-gitignore") == ["a.md", "keep/keep.md", "tracked.md"]


def test_gitignore_in_a_subdirectory_of_a_repository_and_in_a_repository_below(at: Path, capsys) -> None:
    git(at, "init", "-q")
    write(at, "docs/a.md", "docs/b.md", "docs/vendor/c.md", "docs/vendor/d.md")
    (at / ".gitignore").write_text("b.md\n")
    git(at / "docs" / "vendor", "init", "-q")  # a repository of its own, with its own rules
    (at / "docs" / "vendor" / ".gitignore").write_text("d.md\n")
    assert files(capsys, "docs") == ["docs/a.md", "docs/vendor/c.md"]
    os.chdir(at / "docs")
    assert files(capsys) == ["a.md", "vendor/c.md"]


def test_gitignore_is_asked_of_the_repository_walked_even_in_a_hook(at: Path, capsys, monkeypatch) -> None:
    """git sets GIT_DIR, GIT_INDEX_FILE, ... for a hook; kdlint run from one still asks the walked repository."""
    git(at, "init", "-q", "project")
    git(at, "init", "-q", "other")
    write(at / "project", "a.md", "notes/n.md")
    (at / "project" / ".gitignore").write_text("notes/\n")
    monkeypatch.setenv("GIT_DIR", str(at / "other" / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index.lock")
    assert files(capsys, "project") == ["project/a.md"]


def test_gitignore_outside_a_repository_is_not_read(at: Path, capsys) -> None:
    """As git and Ruff do: .gitignore files mean something only in a git repository."""
    write(at, "a.md", "notes/n.md")
    (at / ".gitignore").write_text("notes/\n")
    assert subprocess.run(["git", "rev-parse"], cwd=at, capture_output=True).returncode != 0
    assert files(capsys) == ["a.md", "notes/n.md"]
    git(at, "init", "-q")
    assert files(capsys) == ["a.md"]


def test_without_git_installed_nothing_is_ignored(at: Path, capsys, monkeypatch) -> None:
    git(at, "init", "-q")
    write(at, "a.md", "notes/n.md")
    (at / ".gitignore").write_text("notes/\n")
    monkeypatch.setenv("PATH", str(at / "no-such-directory"))
    assert files(capsys) == ["a.md", "notes/n.md"]


# -- --stdin-filename ----------------------------------------------------------------------------------------


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    def give(text: str) -> None:
        import io

        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    return give


def test_stdin_filename_names_the_findings_and_finds_the_configuration(at: Path, capsys, stdin) -> None:
    write(at, "docs/.kdlint.toml", text='select = ["KD5"]\n')
    bad_arxiv = ENTRY + "  - https://arxiv.org/abs/1706.00384v2\n"
    stdin(bad_arxiv)
    code, out, _ = run(capsys, "check", "--stdin-filename", "notes/list.md")
    assert (code, out.splitlines()[:2]) == (1, [f"notes/list.md:{FINDING}", "notes/list.md:4:5: KD502 [*] "
                                                "non-canonical arXiv link (version v2); use https://arxiv.org/abs/1706.00384"])
    stdin(bad_arxiv)
    code, out, _ = run(capsys, "check", "--stdin-filename", "docs/list.md", "-")  # docs/.kdlint.toml: KD5 only
    assert (code, out.splitlines()[0]) == (1, "docs/list.md:4:5: KD502 [*] non-canonical arXiv link (version v2); "
                                              "use https://arxiv.org/abs/1706.00384")
    (at / "docs" / ".kdlint.toml").write_text('[per-file-ignores]\n"list.md" = ["KD1"]\n')
    stdin(ENTRY)
    assert run(capsys, "check", "--stdin-filename", "docs/list.md") == (0, "All checks passed!\n", "")


def test_stdin_filename_and_exclusion(at: Path, capsys, stdin) -> None:
    (at / ".kdlint.toml").write_text('extend-exclude = ["old"]\n')
    stdin(ENTRY)
    assert run(capsys, "check", "--stdin-filename", "old/list.md")[:2] == (1, f"old/list.md:{FINDING}\n"
                                                                               + "\n".join(SUMMARY) + "\n")
    stdin(ENTRY)  # --force-exclude: as Ruff, nothing to report
    assert run(capsys, "check", "--force-exclude", "--stdin-filename", "old/list.md") == (0, "All checks passed!\n", "")
    stdin(ENTRY)  # and `fix` gives the text back as it came
    assert run(capsys, "fix", "--force-exclude", "--stdin-filename", "old/list.md") == (0, ENTRY, "")


def test_stdin_filename_with_fix_and_diff(at: Path, capsys, stdin) -> None:
    stdin(ENTRY)
    assert run(capsys, "fix", "--stdin-filename", "docs/list.md") == (0, FIXED, "Fixed 1 finding in 1 file; "
                                                                                "0 remaining.\n")
    stdin(ENTRY)
    code, out, _ = run(capsys, "fix", "--diff", "--stdin-filename", "docs/list.md")
    assert (code, out.splitlines()[:2]) == (1, ["--- docs/list.md", "+++ docs/list.md"])


def test_stdin_filename_with_paths_reads_standard_input_and_says_so(at: Path, capsys, stdin) -> None:
    write(at, "a.md", text="## Papers\n")
    stdin(ENTRY)
    code, out, err = run(capsys, "check", "--stdin-filename", "b.md", "a.md")
    assert (code, out.splitlines()[0]) == (1, f"b.md:{FINDING}")
    assert err == "kdlint: warning: ignoring a.md in favour of standard input (--stdin-filename)\n"


def test_stdin_filename_with_diff_base_is_an_error(at: Path, capsys, stdin) -> None:
    stdin(ENTRY)
    assert run(capsys, "check", "--diff-base", "HEAD", "--stdin-filename", "a.md") == (
        2, "", "kdlint: error: --diff-base needs files in a git repository, not standard input\n")


# -- --output-file -------------------------------------------------------------------------------------------


def test_output_file_takes_the_report(at: Path, capsys) -> None:
    write(at, "a.md")
    assert run(capsys, "check", "--output-file", "report.txt", "a.md", "missing.md") == (
        2, "", "kdlint: error: missing.md: no such file or directory\n")
    assert (at / "report.txt").read_text() == "\n".join([f"a.md:{FINDING}", *SUMMARY]) + "\n"
    assert run(capsys, "check", "-o", "report.json", "--output-format", "json", "a.md") == (1, "", "")
    assert '"code": "KD108"' in (at / "report.json").read_text()
    assert run(capsys, "check", "-o", "stats.txt", "--statistics", "a.md")[:2] == (1, "")
    assert (at / "stats.txt").read_text() == "1\tKD108\t[*] code-label\n[*] all fixable with `kdlint fix`\n"
    assert run(capsys, "check", "-o", "files.txt", "--show-files") == (0, "", "")
    assert (at / "files.txt").read_text() == "a.md\n"


def test_output_file_with_fix(at: Path, capsys) -> None:
    write(at, "a.md")
    assert run(capsys, "fix", "--diff", "-o", "fixes.patch", "a.md") == (
        1, "", "Would fix 1 finding in 1 file; 0 remaining.\n")
    assert (at / "fixes.patch").read_text().startswith("--- a.md\n+++ a.md\n")
    assert run(capsys, "fix", "-o", "left.txt", "a.md") == (0, "", "Fixed 1 finding in 1 file; 0 remaining.\n")
    assert (at / "left.txt").read_text() == "" and (at / "a.md").read_text() == FIXED


def test_output_file_that_cannot_be_written(at: Path, capsys) -> None:
    write(at, "a.md")
    assert run(capsys, "check", "-o", "no/such/dir/report.txt", "a.md") == (
        2, "", "kdlint: error: no/such/dir/report.txt: cannot write the report (No such file or directory)\n")
    assert not (at / "no").exists()
    (at / "dir").mkdir()
    code, out, err = run(capsys, "check", "-o", "dir", "a.md")
    assert (code, out) == (2, "") and err.startswith("kdlint: error: ") and err.count("\n") == 1


# -- --show-files, --show-settings, -v -----------------------------------------------------------------------


def test_show_files_is_sorted_and_reports_missing_paths(at: Path, capsys) -> None:
    write(at, "z.md", "b/a.md", "a.markdown", "notes.txt")
    assert run(capsys, "check", "--show-files", "z.md", ".", "notes.txt") == (
        0, "a.markdown\nb/a.md\nnotes.txt\nz.md\n", "")
    assert run(capsys, "fix", "--show-files", "b") == (0, "b/a.md\n", "")
    assert (at / "z.md").read_text() == ENTRY  # fix --show-files fixes nothing
    assert run(capsys, "check", "--show-files", "missing.md", "z.md") == (
        2, "z.md\n", "kdlint: error: missing.md: no such file or directory\n")


SETTINGS_LINES = [
    'select = ["KD1", "KD5"]',
    "extend-select = []",
    'ignore = ["KD107"]',
    'per-file-ignores = {"docs/**" = ["KD105"]}',
    "# style: unset. The entry style of every section; detected per section when unset.",
    'sort = "year"',
    'skip-sections = ["Useful Resources"]',
    "allow-cross-section-duplicates = false",
    "title-similarity = 90.0",
    'venues = {"Visual Intelligence" = {aliases = ["VI"], kind = "journal"}}',
    "keep-historical-venue-names = false",
    'code-labels = {Jittor = ["jittor"]}',
    "max-file-size = 1000000",
    "# cache-dir: unset. Where `kdlint check` keeps its results (relative to the configuration file); "
    "`.kdlint_cache` in the current directory when unset, `$KDLINT_CACHE_DIR` over both.",
    'exclude = [".*", "__pycache__", "build", "dist", "node_modules", "site-packages", "venv"]',
    'extend-exclude = ["old"]',
    "respect-gitignore = true",
    'online = {arxiv-api = "https://export.arxiv.org/api/query", dblp-api = "https://dblp.org/search/publ/api", '
    's2-api = "https://api.semanticscholar.org/graph/v1", crossref-api = "https://api.crossref.org", '
    'openreview-api = "https://api2.openreview.net", timeout = 20.0, cache-ttl = {arxiv = 7.0, dblp = 30.0, '
    's2 = 30.0, crossref = 30.0, openreview = 7.0}}',
]
CONFIG = """\
[tool.kdlint]
select = ["KD1", "KD5"]
ignore = ["KD107"]
sort = "year"
skip-sections = ["Useful Resources"]
allow-cross-section-duplicates = false
title-similarity = 90
max-file-size = "1MB"
extend-exclude = ["old"]

[tool.kdlint.per-file-ignores]
"docs/**" = ["KD105"]

[tool.kdlint.code-labels]
Jittor = ["jittor"]

[tool.kdlint.venues."Visual Intelligence"]
kind = "journal"
aliases = ["VI"]
"""


def test_show_settings_names_the_file_and_every_resolved_setting(at: Path, capsys) -> None:
    (at / "pyproject.toml").write_text(CONFIG)
    write(at, "docs/list.md", "README.md")
    code, out, err = run(capsys, "check", "--show-settings", "--ignore", "KD5", "docs/list.md", "README.md")
    assert (code, err) == (0, "")
    rules = ", ".join(f'"KD1{n:02}"' for n in (1, 2, 3, 4, 6, 8, 9, 10))  # KD107 ignored, KD105 per file, KD5 by -i
    assert out.splitlines() == ['Resolved settings for: "docs/list.md"', f"Settings path: {at / 'pyproject.toml'}",
                                "", *SETTINGS_LINES, "",
                                "# the rules checked in this file (the command line's selection and per-file-ignores "
                                "applied)", f"# rules = [{rules}]"]
    import tomllib

    assert tomllib.loads(out.split("\n", 2)[2])["venues"] == {"Visual Intelligence": {"aliases": ["VI"],
                                                                                      "kind": "journal"}}


def test_show_settings_without_a_file_with_isolated_and_config_and_stdin(at: Path, capsys) -> None:
    write(at, "a.md")
    _, out, _ = run(capsys, "check", "--show-settings")
    assert out.splitlines()[:2] == ['Resolved settings for: "a.md"',
                                    "Settings path: none (no configuration file found: the defaults)"]
    (at / ".kdlint.toml").write_text('select = ["KD1"]\n')
    _, out, _ = run(capsys, "check", "--show-settings", "--isolated", "a.md")
    assert out.splitlines()[1] == "Settings path: none (--isolated: the defaults)"
    (at / "other.toml").write_text('select = ["KD5"]\n')
    _, out, _ = run(capsys, "fix", "--show-settings", "--config", "other.toml", "a.md")
    assert out.splitlines()[1] == "Settings path: other.toml (--config)"
    assert (at / "a.md").read_text() == ENTRY
    _, out, _ = run(capsys, "check", "--show-settings", "--stdin-filename", "sub/x.md")
    assert out.splitlines()[:2] == ['Resolved settings for: "sub/x.md"', f"Settings path: {at / '.kdlint.toml'}"]
    assert run(capsys, "check", "--show-settings", "missing.md") == (
        2, "", "kdlint: error: missing.md: no such file or directory\n")


def test_verbose_says_which_configuration_file_each_list_takes(at: Path, capsys) -> None:
    write(at, "a.md", "sub/b.md")
    (at / "sub" / ".kdlint.toml").write_text('select = ["KD1"]\n')
    _, _, err = run(capsys, "check", "-v", "a.md", "sub/b.md")
    said = [line for line in err.splitlines() if "settings from" in line]
    assert said == ["a.md: settings from none (no configuration file found: the defaults)",
                    f"sub/b.md: settings from {at / 'sub' / '.kdlint.toml'}"]
    _, _, err = run(capsys, "fix", "-v", "--config", "sub/.kdlint.toml", "a.md")
    assert "a.md: settings from sub/.kdlint.toml (--config)\n" in err


# -- colour --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "env", "tty", "coloured"), [
    ([], {}, False, False),
    ([], {}, True, True),
    ([], {"NO_COLOR": "1"}, True, False),
    ([], {"NO_COLOR": ""}, True, True),  # set but empty: not set (no-color.org)
    ([], {"FORCE_COLOR": "1"}, False, True),
    ([], {"FORCE_COLOR": "0"}, False, True),  # any value but empty (force-color.org), as Ruff reads it
    ([], {"FORCE_COLOR": ""}, False, False),
    ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),  # NO_COLOR over FORCE_COLOR
    (["--color", "always"], {"NO_COLOR": "1"}, False, True),  # the flag over both
    (["--color", "never"], {"FORCE_COLOR": "1"}, True, False),
    (["--color", "auto"], {"FORCE_COLOR": "1"}, False, True),
    (["--color", "auto"], {}, True, True),
    (["--no-color"], {"FORCE_COLOR": "1"}, True, False),  # --color never
    (["--color", "always", "--output-format", "json"], {}, True, False),  # colour is for the text report only
])
def test_colour(at: Path, capsys, monkeypatch, args: list[str], env: dict[str, str], tty: bool,
                coloured: bool) -> None:
    write(at, "a.md")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout.isatty", lambda: tty)
    _, out, _ = run(capsys, "check", *args, "a.md")
    assert ("\x1b[" in out) is coloured


def test_colour_goes_by_the_output_file_not_the_terminal(at: Path, capsys, monkeypatch) -> None:
    write(at, "a.md")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    run(capsys, "check", "-o", "plain.txt", "a.md")
    run(capsys, "check", "-o", "coloured.txt", "--color", "always", "a.md")
    assert "\x1b[" not in (at / "plain.txt").read_text() and "\x1b[" in (at / "coloured.txt").read_text()


# -- shell completion ----------------------------------------------------------------------------------------


def _kdlint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "KDLINT_DEBUG" and not k.endswith("_COMPLETE")}
    return subprocess.run([sys.executable, "-m", "kdlint", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_clicks_script(shell: str, capsys) -> None:
    from click.shell_completion import get_completion_class

    from kdlint.cli import cli

    complete = get_completion_class(shell)
    assert complete is not None
    expected = complete(cli, {}, "kdlint", "_KDLINT_COMPLETE").source()
    code, out, err = run(capsys, "completion", shell)
    assert (code, err) == (0, "") and out.rstrip("\n") == expected.rstrip("\n")
    assert "_KDLINT_COMPLETE" in out and "kdlint" in out


def test_the_completion_script_is_answered() -> None:
    """What the bash script asks (`_KDLINT_COMPLETE=bash_complete`), kdlint answers with click's completions."""
    done = _kdlint(env={"_KDLINT_COMPLETE": "bash_complete", "COMP_WORDS": "kdlint ch", "COMP_CWORD": "1"})
    assert (done.returncode, done.stdout) == (0, "plain,check\n")
    done = _kdlint(env={"_KDLINT_COMPLETE": "bash_complete", "COMP_WORDS": "kdlint check --col", "COMP_CWORD": "2"})
    assert done.stdout == "plain,--color\n"
    done = _kdlint(env={"_KDLINT_COMPLETE": "bash_complete", "COMP_WORDS": "kdlint check --color a",
                        "COMP_CWORD": "3"})
    assert done.stdout.split() == ["plain,auto", "plain,always"]


def test_completion_of_an_unknown_shell(capsys) -> None:
    assert run(capsys, "completion", "tcsh") == (
        2, "", "kdlint: error: Invalid value for '{bash|zsh|fish}': 'tcsh' is not one of 'bash', 'zsh', 'fish'.\n")


# -- the small things ----------------------------------------------------------------------------------------


def test_bare_kdlint_prints_the_help_and_exits_2_as_ruff_does() -> None:
    done = _kdlint()
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("Usage: kdlint [OPTIONS] COMMAND [ARGS]...\n\n")
    assert "\nCommands:\n  check " in done.stderr and "kdlint: error" not in done.stderr
    assert done.stderr == _kdlint("--help").stdout


def test_check_fix_is_kdlint_fix(at: Path, capsys) -> None:
    write(at, "a.md")
    assert run(capsys, "check", "--fix", "a.md") == (0, "", "Fixed 1 finding in 1 file; 0 remaining.\n")
    assert (at / "a.md").read_text() == FIXED
    assert run(capsys, "check", "--fix", "--statistics", "a.md") == (
        2, "", "kdlint: error: --fix cannot be used with --statistics\n")


def test_an_empty_selection_is_an_error(at: Path, capsys) -> None:
    write(at, "a.md")
    for value in ("", ",", " "):
        assert run(capsys, "check", "--select", value, "a.md") == (
            2, "", "kdlint: error: Invalid value for --select: no rule code given (codes or prefixes, "
                   "comma-separated; ALL for every rule)\n")
    assert run(capsys, "fix", "--ignore", "", "a.md")[0] == 2


def test_isolated_and_config_together_is_an_error(at: Path, capsys) -> None:
    write(at, "a.md")
    (at / "c.toml").write_text('select = ["KD1"]\n')
    assert run(capsys, "check", "--isolated", "--config", "c.toml", "a.md") == (
        2, "", "kdlint: error: --config cannot be used with --isolated, which ignores every configuration file\n")


def test_other_contradictions_are_errors(at: Path, capsys) -> None:
    write(at, "a.md")
    assert run(capsys, "check", "--no-color", "--color", "always", "a.md") == (
        2, "", "kdlint: error: --no-color cannot be used with --color always\n")
    assert run(capsys, "check", "--show-files", "--show-settings") == (
        2, "", "kdlint: error: --show-files cannot be used with --show-settings\n")
    assert run(capsys, "check", "--color", "sometimes", "a.md") == (
        2, "", "kdlint: error: Invalid value for '--color': 'sometimes' is not one of 'auto', 'always', 'never'.\n")


def test_fix_prints_one_summary(at: Path, capsys) -> None:
    write(at, "a.md", text=FIXED)
    assert run(capsys, "fix", "a.md") == (0, "", "All checks passed!\n")
    write(at, "b.md")
    assert run(capsys, "fix", "b.md") == (0, "", "Fixed 1 finding in 1 file; 0 remaining.\n")
    write(at, "c.md", text=ENTRY + "\n- **A Paper Without Anything**\n")
    code, out, err = run(capsys, "fix", "c.md")
    assert code == 1 and "Found" not in out and err == "Fixed 1 finding in 1 file; 2 remaining.\n"


STATISTICS = """\
## Papers

- **Deep Mutual Learning, CVPR 2018**
  - https://arxiv.org/abs/1706.00384
  - *Ying Zhang, Tao Xiang.*

- **Fast Sampling of Diffusion Models via Operator Learning, ICML**
  - https://arxiv.org/abs/2211.13449
  - *Hongkai Zheng, Weili Nie.*

- **Learning Efficient Object Detection Models with Knowledge Distillation, NeurIPS**
  - https://example.org/paper.pdf
  - *Guobin Chen, Wongun Choi.*

- **Distilling the Knowledge in a Neural Network, NeurIPS 2015** [[Pytorch]](https://github.com/x/kd)
  - https://arxiv.org/abs/1503.02531
  - *Geoffrey Hinton, Oriol Vinyals.*
"""


def test_statistics_explains_its_marks(at: Path, capsys) -> None:
    write(at, "a.md", text=STATISTICS)
    code, out, _ = run(capsys, "check", "--statistics", "--unsafe-fixes", "a.md")
    assert (code, out) == (1, "2\tKD103\t[-] year\n1\tKD108\t[*] code-label\n"
                              "[*] all fixable with `kdlint fix --unsafe-fixes`\n"
                              "[-] some fixable with `kdlint fix --unsafe-fixes`\n")
    assert run(capsys, "check", "--statistics", "a.md")[1] == (
        "2\tKD103\t    year\n1\tKD108\t[*] code-label\n[*] all fixable with `kdlint fix`\n")
    assert run(capsys, "check", "--statistics", "--quiet", "a.md")[1] == "2\tKD103\t    year\n1\tKD108\t[*] code-label\n"


@pytest.mark.parametrize(("given", "message"), [
    ("KD2O2", "did you mean KD202?"),  # the letter O for the digit 0
    ("kd2o2", "did you mean KD202?"),
    ("KDl08", "did you mean KD108?"),  # l for 1
    ("KD2102", "did you mean KD202 or KD102?"),
    ("venu", "did you mean venue?"),
])
def test_unknown_rule_suggests_the_close_ones(capsys, given: str, message: str) -> None:
    assert run(capsys, "rule", given) == (
        2, "", f"kdlint: error: Invalid value for CODE: unknown rule {given!r}; {message} `kdlint rules` lists them\n")


def test_counts_are_singular_or_plural() -> None:
    assert [plural(n, "entry") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
    assert [plural(n, "section") for n in (1, 3)] == ["1 section", "3 sections"]
    assert plural(2, "day") == "2 days" and plural(2, "index", "indices") == "2 indices"


def test_merge_of_one_section_says_section(at: Path, capsys) -> None:
    write(at, "a.md")
    write(at, "b.md", text="## Papers\n\n- **Distilling the Knowledge in a Neural Network, NeurIPS 2015**\n")
    code, _, err = run(capsys, "merge", "a.md", "b.md", "-o", "merged.md")
    assert (code, err) == (0, "Merged 2 entries of 2 lists into 2 entries in 1 section (0 duplicates folded into "
                              "their first entry).\n")
    write(at, "c.md", text="## Papers\n\n- **Deep Mutual Learning, CVPR 2018**\n")
    code, _, err = run(capsys, "merge", "a.md", "c.md", "-o", "merged.md")
    assert err == "Merged 2 entries of 2 lists into 1 entry in 1 section (1 duplicate folded into their first entry).\n"
