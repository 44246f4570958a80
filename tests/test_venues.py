"""The venue vocabulary: the shipped table, lookups, URL evidence, and `kdlint venues`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from kdlint.cli import main
from kdlint.schemas import schema_text
from kdlint.urls import UrlVenue, venue_from_url
from kdlint.venue_table import VenueTable
from kdlint.venues import Venue, VenueIndex, fold, shipped

REPO = Path(__file__).resolve().parent.parent


def test_shipped_table_validates_against_its_json_schema() -> None:
    schema_file = REPO / "schema" / "venues.schema.json"
    assert schema_file.read_text() == schema_text(VenueTable.model_json_schema()), "regenerate: python -m kdlint.venue_table > schema/venues.schema.json"
    data = tomllib.loads((REPO / "schema" / "venues.toml").read_text())
    jsonschema.validate(data, json.loads(schema_file.read_text()))
    validated = VenueTable.model_validate(data)  # also: no spelling names two venues
    table = shipped()
    assert [v.name for v in validated.venue] == [v.name for v in table]
    assert len(table) >= 80
    kinds = {v.kind for v in table}
    assert kinds == {"conference", "workshop", "journal", "preprint"}


def test_the_parsed_copy_of_the_vocabularies_is_current() -> None:
    from kdlint.schema import TABLES, compiled_tables, table

    assert (REPO / "schema" / "tables.json").read_text() == compiled_tables(), \
        "regenerate: python -m kdlint.schema > schema/tables.json"
    for name in TABLES:
        assert table(name) == tomllib.loads((REPO / "schema" / name).read_text())


def test_runtime_venues_have_the_schema_fields() -> None:
    """kdlint reads venues.toml without pydantic: the records and the schema must not drift apart."""
    from dataclasses import fields

    from kdlint import venue_table

    assert [f.name for f in fields(Venue)] == list(venue_table.Venue.model_fields)
    with pytest.raises(ValueError, match="names both"):
        VenueTable.model_validate({"venue": [{"name": "A", "kind": "journal", "aliases": ["X"]},
                                             {"name": "B", "kind": "journal", "aliases": ["x"]}]})


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("NIPS", "NeurIPS"), ("NeurlPS", "NeurIPS"), ("neurips", "NeurIPS"), ("CPVR", "CVPR"), ("NIPSW", "NeurIPS Workshop"),
     ("NeurIPS-workshop", "NeurIPS Workshop"), ("CVPRW", "CVPR Workshop"), ("IEEE TPAMI", "TPAMI"),
     ("T-MAPI", "TPAMI"), ("arxive", "arXiv"), ("ICRL", "ICLR"), ("TNN", "TNNLS"), ("KDD", "KDD")],
)
def test_spellings_resolve_to_the_canonical_name(written: str, canonical: str) -> None:
    match = VenueIndex.build().lookup(written)
    assert match is not None and match.venue.name == canonical
    assert match.canonical == (written == canonical)


def test_historical_names_and_rhythms() -> None:
    index = VenueIndex.build()
    assert index.lookup("NIPS", 2017).historical and not index.lookup("NIPS", 2018).historical
    iccv, eccv, ijcai = (index.lookup(n).venue for n in ("ICCV", "ECCV", "IJCAI"))
    assert iccv.periodicity_for(2021) == "odd-years" and eccv.periodicity_for(2022) == "even-years"
    assert ijcai.periodicity_for(2015) == "odd-years" and ijcai.periodicity_for(2016) == "annual"


def test_list_venues_extend_the_vocabulary() -> None:
    index = VenueIndex.build({"Imaginary Results Letters": ["VI"], "CVPR": ["Comp. Vis. Pattern Recog."]},
                             {"Imaginary Results Letters": "journal"})
    assert index.lookup("vi").venue.name == "Imaginary Results Letters"
    assert index.lookup("Imaginary Results Letters").venue.kind == "journal"
    assert index.lookup("Comp. Vis. Pattern Recog.").venue.name == "CVPR"


def test_fold() -> None:
    assert fold(" NeurIPS-Workshop ") == fold("neurips   workshop") == "neurips workshop"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://openaccess.thecvf.com/content_CVPR_2019/html/x.html", UrlVenue("CVPR", 2019, "content_CVPR_2019")),
        ("https://openaccess.thecvf.com/content/CVPR2023W/AML/html/x.html",
         UrlVenue("CVPR Workshop", 2023, "content/CVPR2023W")),
        ("https://openaccess.thecvf.com/content_ICCV_2017_workshops/papers/x.pdf",
         UrlVenue("ICCV Workshop", 2017, "content_ICCV_2017_workshops")),
        ("https://proceedings.neurips.cc/paper_files/paper/2021/hash/x-Abstract.html",
         UrlVenue("NeurIPS", 2021, "paper/2021")),
        ("https://proceedings.neurips.cc/paper/2020/hash/x-Abstract.html", UrlVenue("NeurIPS", 2020, "paper/2020")),
        ("https://papers.nips.cc/paper/6676-learning-efficient.pdf", None),
        ("https://aclanthology.org/2023.acl-long.1/", UrlVenue("ACL", 2023, "2023.acl-long")),
        ("https://aclanthology.org/2020.findings-emnlp.1.pdf",
         UrlVenue("EMNLP", 2020, "2020.findings-emnlp", venue_certain=False)),
        ("https://www.aclweb.org/anthology/P19-1001.pdf", UrlVenue("ACL", 2019, "P19-1001")),
        ("https://aclanthology.org/2021.sustainlp-1.1", None),
        ("https://www.ecva.net/papers/eccv_2020/papers_ECCV/html/x.php", UrlVenue("ECCV", 2020, "eccv_2020")),
        ("https://proceedings.mlr.press/v139/x.html", UrlVenue("ICML", 2021, "PMLR v139")),
        ("https://proceedings.mlr.press/v130/x.html", None),
        ("https://www.ijcai.org/proceedings/2021/0123.pdf", UrlVenue("IJCAI", 2021, "proceedings/2021")),
        ("https://arxiv.org/abs/1503.02531", None),
    ],
)
def test_venue_from_url(url: str, expected: UrlVenue | None) -> None:
    assert venue_from_url(url) == expected


def test_kdlint_venues_prints_the_vocabulary(tmp_path: Path, capsys) -> None:
    assert main(["venues"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["venue", "kind", "held", "since", "other", "spellings"]
    neurips = next(line for line in lines if line.startswith("NeurIPS "))
    assert "conference" in neurips and "annual" in neurips and "NIPS" in neurips
    config = tmp_path / "k.toml"
    config.write_text('[venues."Imaginary Results Letters"]\nkind = "journal"\n')
    assert main(["venues", "--config", str(config), "--output-format", "json"]) == 0
    assert {"name": "Imaginary Results Letters", "kind": "journal"} in json.loads(capsys.readouterr().out)


def test_keep_historical_venue_names(tmp_path: Path, capsys) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("## A\n\n- **Old, NIPS 2017**\n  - https://arxiv.org/abs/1706.00001\n  - *A B, C D.*\n\n"
                       "- **New, NIPS 2018**\n  - https://arxiv.org/abs/1806.00001\n  - *A B, C D.*\n")
    main(["check", "--isolated", "--select", "KD202", str(listing)])
    assert [line.split(": ")[0] for line in capsys.readouterr().out.splitlines() if "KD202" in line] == [
        f"{listing}:3:10", f"{listing}:7:10"]
    (tmp_path / ".kdlint.toml").write_text("keep-historical-venue-names = true\n")
    main(["check", "--select", "KD202", str(listing)])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{listing}:7:10: KD202 [*] venue `NIPS` should be written `NeurIPS`" and len(out) == 3
