"""Entry readers: one module per layout family, each turning its lines into the same `Entry` record.

A layout is a `kdlint.model.Layout`; its module documents what it reads, with
examples. An entry's first line is read by the first of `item.LAYOUTS` that
recognises it, the lines under it by `body`, alike in every layout:

- `bold`: `- **Title, Venue Year**`, `**Title**, Venue Year`;
- `dated`: `- (22.03.01, ICLR 2022) [Title](url)`;
- `inline`: `- [Title](url), Venue Year`;
- `plain`: `- Title [[paper]](url)`, `"Title", Venue, Year`, `[[CVPR](url)] Title` (and any other line);
- `table`: one paper per row of a Markdown table, columns in any order;
- `card`: `Mimic. *CVPR 2017*.` and link lines, the title and authors in a list after them.

An entry heading (`### Title Venue Year [[paper]](url)`, or any heading that
opens an HTML table cell, a paper's card) is read like a list item and has the
HEADING layout. `parts` holds what all of them are made of
(links, `Venue Year` pairs, authors), `free_text` what the text layouts share.
Adding a layout is one module with a `READER`, its place in `item.LAYOUTS`,
a `Layout` member, and fixtures in tests/test_layouts.py.
"""
