"""The files one run of `check` or `fix` lints, each with its own configuration: what the commands share.

`Project` turns the paths of the command line into the files to read (a
directory gives its Markdown files but those `exclude`, `extend-exclude` and
.gitignore leave out: `kdlint.exclusion`, `kdlint.gitignore`; `--stdin-filename`
names standard input) and each file into its settings, its
linter (the configuration's rules and the command line's `--select`,
`--extend-select` and `--ignore`) and its text. `check_file` and `fix_file`
are what the two commands do to one file (`on_changed_lines` is
`--diff-base`); printing is the CLI's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cache, gitdiff
from .config_files import ConfigFinder
from .engine import Linter
from .exclusion import Exclusion, absolute
from .files import STDIN, Found, discover, read
from .fixer import FixResult, fix_source
from .report import FileResult
from .settings import Settings
from .source import InputError, SourceText


@dataclass
class Project:
    finder: ConfigFinder
    select: list[str] | None = None  # replaces the configured selection
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    cached: bool = False  # whether `check_file` uses the result cache
    force_exclude: bool = False  # `exclude` applies to the paths named too (and to --stdin-filename)
    respect_gitignore: bool | None = None  # the command line's word over the setting's
    stdin_filename: str | None = None  # standard input is linted as if it were this file
    stdin_excluded: bool = False  # set by `inputs`: --stdin-filename names a path --force-exclude leaves out
    _exclusions: dict[int, tuple[Settings, Exclusion]] = field(default_factory=dict)

    def inputs(self, paths: Sequence[str]) -> Found:
        """The files `paths` name (`.` when none; `-` alone, or `--stdin-filename`, is standard input) and the
        paths that name none."""
        if self.stdin_filename is not None:
            found = Found(warnings=[f"ignoring {path} in favour of standard input (--stdin-filename)"
                                    for path in paths if path != STDIN])
            self.stdin_excluded = self.force_exclude and self.force_excluded(absolute(Path(self.stdin_filename)))
            found.files = [] if self.stdin_excluded else [Path(STDIN)]
            return found
        if list(paths) == [STDIN]:
            return Found(files=[Path(STDIN)])
        if STDIN in paths:
            raise InputError("'-' (standard input) cannot be combined with other paths")
        return discover(paths or ["."], self, self.force_exclude)

    def name(self, path: str) -> str:
        """How findings name the input `path`: standard input by `--stdin-filename` when given."""
        return self.stdin_filename if path == STDIN and self.stdin_filename is not None else path

    def where(self, path: str) -> Path | None:
        """The path whose configuration `path` takes: None for standard input without `--stdin-filename`."""
        if path == STDIN:
            return Path(self.stdin_filename) if self.stdin_filename is not None else None
        return Path(path)

    def settings(self, path: str) -> Settings:
        return self.finder.settings_for(self.where(path))

    def linter(self, path: str) -> Linter:
        """The linter `path`'s configuration and the command line give it (`-`: standard input, configured
        from `--stdin-filename` or else the working directory). The language server lints an editor's text
        with it."""
        return Linter.for_file(self.settings(path), self.where(path), self.select, self.extend_select, self.ignore)

    # `files.Rules`: what a walk leaves out
    def _exclusion(self, settings: Settings) -> Exclusion:
        known = self._exclusions.get(id(settings))
        if known is None:
            known = self._exclusions[id(settings)] = (settings, Exclusion(settings))  # keeps `settings` alive
        return known[1]

    def excluded(self, path: Path) -> bool:
        return self._exclusion(self.finder.settings_in(path.parent)).entry(path)

    def force_excluded(self, path: Path) -> bool:
        return self._exclusion(self.finder.settings_in(path.parent)).covers(path)

    def gitignore(self, directory: Path) -> bool:
        if self.respect_gitignore is not None:
            return self.respect_gitignore
        return self.finder.settings_in(directory).respect_gitignore

    def prepare(self, path: str) -> tuple[Linter, SourceText]:
        """The linter `path`'s configuration and the command line give it, and its text."""
        linter = self.linter(path)
        return linter, read(path, linter.settings.max_file_size)

    def check_file(self, path: str) -> FileResult:
        """`path` checked, or its findings from the cache (`kdlint.cache`) when it holds them."""
        linter, source = self.prepare(path)
        store = cache.Cache(cache.directory(linter.settings)) if self.cached and path != STDIN else None
        if store is not None:
            name = cache.key(path, source.text, linter.settings,
                             (self.select, list(self.extend_select), list(self.ignore)))
            if (known := store.load(name)) is not None:
                return FileResult(self.name(path), source, lambda: linter.parse(source), known)
        document, found = linter.check(source)
        if store is not None:
            store.store(name, found)
        return FileResult(self.name(path), source, document, found)

    def fix_file(self, path: str, unsafe: bool = False) -> tuple[SourceText, FixResult]:
        """`path`'s text and what fixing it gives (a ContentLossError rather than a loss)."""
        linter, source = self.prepare(path)
        return source, fix_source(source, linter, unsafe=unsafe)


def on_changed_lines(result: FileResult, diff_base: str, path: str | None = None) -> FileResult:
    """The findings of `result` (of the input `path`, when findings name it otherwise) on lines added or
    changed since the git revision `diff_base`."""
    if (result.path if path is None else path) == STDIN:
        raise InputError("--diff-base needs files in a git repository, not standard input")
    added = gitdiff.changes(Path(result.path), diff_base).added
    return replace(result, diagnostics=[d for d in result.diagnostics if d.touches(added)])

