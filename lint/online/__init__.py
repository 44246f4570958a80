"""kdlint online: the paper metadata services behind `kdlint add` and `kdlint verify`.

- `lookup`: `Lookup`, the one entry point (`fetch` identifiers, `published` versions of preprints).
- `ids`: the identifiers a user types (`parse_id`) and the form each service is asked for (`canonical`).
- `record`: what every service answers with, in one shape (`Paper`), or `NotFound` / `NotVerified`.
- `arxiv`, `dblp`, `semantic_scholar`, `crossref`, `openreview`: one client per service, reading its payloads.
- `published`: which DBLP or Semantic Scholar record is a preprint's published version.
- `transport` (HTTP, retries), `rate` (spacing per service), `cache` (answers on disk), `options`
  (command line > environment > `[tool.kdlint.online]`), `payload` and `text` (reading untrusted data).
"""
