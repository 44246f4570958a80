"""kdlint: a linter and fixer for curated Markdown lists of research papers."""

__version__ = "0.2.0"
