"""Entry readers: one module per layout family, each turning its lines into the same `Entry` record.

`table`: one paper per row of a Markdown table. The list-item and heading
layouts are read by `kdlint.entry_parser`.
"""
