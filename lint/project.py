"""The files one run of `check` or `fix` lints, each with its own configuration: what the commands share.

`Project` turns the paths of the command line into the files to read (a
directory gives its Markdown files) and each file into its settings, its
linter (the configuration's rules and the command line's `--select`,
`--extend-select` and `--ignore`) and its text. `check_file` and `fix_file`
are what the two commands do to one file (`on_changed_lines` is
`--diff-base`); printing is the CLI's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import cache, gitdiff
from .config_files import ConfigFinder
from .engine import Linter
from .files import STDIN, discover, read
from .fixer import FixResult, fix_source
from .report import FileResult
from .source import InputError, SourceText


@dataclass
class Project:
    finder: ConfigFinder
    select: list[str] | None = None  # replaces the configured selection
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    cached: bool = False  # whether `check_file` uses the result cache

    def inputs(self, paths: Sequence[str]) -> tuple[list[str], list[InputError]]:
        """The files `paths` name (`.` when none; `-` alone is standard input) and the paths that name none."""
        if list(paths) == [STDIN]:
            return [STDIN], []
        if STDIN in paths:
            raise InputError("'-' (standard input) cannot be combined with other paths")
        files, errors = discover(paths or ["."])
        return [str(p) for p in files], list(errors)

    def linter_for(self, path: str | None) -> Linter:
        """The linter `path`'s configuration and the command line give it (None, or `-`: standard input,
        configured from the working directory). The language server lints an editor's text with it."""
        where = None if path is None or path == STDIN else Path(path)
        settings = self.finder.settings_for(where)
        return Linter.for_file(settings, where, self.select, self.extend_select, self.ignore)

    def prepare(self, path: str) -> tuple[Linter, SourceText]:
        """The linter `path`'s configuration and the command line give it, and its text."""
        linter = self.linter_for(path)
        return linter, read(path, linter.settings.max_file_size)

    def check_file(self, path: str) -> FileResult:
        """`path` checked, or its findings from the cache (`kdlint.cache`) when it holds them."""
        linter, source = self.prepare(path)
        store = cache.Cache(cache.directory(linter.settings)) if self.cached and path != STDIN else None
        if store is not None:
            name = cache.key(path, source.text, linter.settings,
                             (self.select, list(self.extend_select), list(self.ignore)))
            if (known := store.load(name)) is not None:
                return FileResult(path, source, lambda: linter.parse(source), known)
        document, found = linter.check(source)
        if store is not None:
            store.store(name, found)
        return FileResult(path, source, document, found)

    def fix_file(self, path: str, unsafe: bool = False) -> tuple[SourceText, FixResult]:
        """`path`'s text and what fixing it gives (a ContentLossError rather than a loss)."""
        linter, source = self.prepare(path)
        return source, fix_source(source, linter, unsafe=unsafe)


def on_changed_lines(result: FileResult, diff_base: str) -> FileResult:
    """The findings of `result` on lines added or changed since the git revision `diff_base`."""
    if result.path == STDIN:
        raise InputError("--diff-base needs files in a git repository, not standard input")
    added = gitdiff.changes(Path(result.path), diff_base).added
    return replace(result, diagnostics=[d for d in result.diagnostics if d.touches(added)])

