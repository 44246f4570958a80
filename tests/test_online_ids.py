"""`kdlint add`'s identifiers: every accepted spelling gives the entry's `PaperId`; anything else is one line."""

from __future__ import annotations

import pytest

from kdlint.model import PaperId
from kdlint.online.ids import IdError, arxiv_id, canonical, parse_id
from kdlint.source import InputError

EXPECTED = ("expected arxiv:ID, an arXiv URL, doi:10.NNNN/..., a doi.org URL, an OpenReview URL or "
            "openreview:ID")


@pytest.mark.parametrize(("written", "kind", "value"), [
    ("arxiv:2104.09044", "arxiv", "2104.09044"),
    ("arXiv:2104.09044v3", "arxiv", "2104.09044"),
    ("  arxiv:2104.09044 ", "arxiv", "2104.09044"),
    ("2104.09044", "arxiv", "2104.09044"),
    ("1412.6550", "arxiv", "1412.6550"),
    ("https://arxiv.org/abs/2104.09044", "arxiv", "2104.09044"),
    ("https://arxiv.org/abs/2104.09044v2", "arxiv", "2104.09044"),
    ("http://arxiv.org/pdf/2104.09044v1.pdf", "arxiv", "2104.09044"),
    ("https://export.arxiv.org/abs/2104.09044", "arxiv", "2104.09044"),
    ("https://arxiv.org/abs/cs/0112017", "arxiv", "cs/0112017"),
    ("http://arxiv.org/abs/cs/0112017v1", "arxiv", "cs/0112017"),
    ("arxiv:hep-th/9901001", "arxiv", "hep-th/9901001"),
    ("arxiv:math.GT/0309136", "arxiv", "math/0309136"),  # arXiv answers old ids without the subject class
    ("doi:10.1109/CVPR.2016.90", "doi", "10.1109/cvpr.2016.90"),
    ("DOI:10.1016/j.neunet.2014.09.003", "doi", "10.1016/j.neunet.2014.09.003"),
    ("10.1109/CVPR.2016.90", "doi", "10.1109/cvpr.2016.90"),
    ("https://doi.org/10.1109/CVPR.2016.90", "doi", "10.1109/cvpr.2016.90"),
    ("https://dx.doi.org/10.1145/1150402.1150464", "doi", "10.1145/1150402.1150464"),
    ("doi:10.48550/arXiv.2104.09044", "arxiv", "2104.09044"),  # arXiv's own DOI is the arXiv id
    ("https://openreview.net/forum?id=B1ckMDqlg", "openreview", "B1ckMDqlg"),
    ("https://openreview.net/pdf?id=B1ckMDqlg", "openreview", "B1ckMDqlg"),
    ("https://openreview.net/forum?id=Sx3kd8WHq1&noteId=abc", "openreview", "Sx3kd8WHq1"),
    ("openreview:B1ckMDqlg", "openreview", "B1ckMDqlg"),
])
def test_accepted_identifiers(written: str, kind: str, value: str) -> None:
    assert parse_id(written) == PaperId(kind, value)


@pytest.mark.parametrize(("written", "message"), [
    ("arxiv:2113.00001", "'arxiv:2113.00001' is not a valid arxiv identifier"),  # month 13
    ("arxiv:1412.65501", "'arxiv:1412.65501' is not a valid arxiv identifier"),  # five digits before 2015
    ("arxiv:2104.0904", "'arxiv:2104.0904' is not a valid arxiv identifier"),  # four digits after 2015
    ("arxiv:0612.0001", "'arxiv:0612.0001' is not a valid arxiv identifier"),  # new-style ids began in 0704
    ("arxiv:", "'arxiv:' is not a valid arxiv identifier"),
    ("doi:11.1109/x", "'doi:11.1109/x' is not a valid doi identifier"),
    ("openreview:a b", "'openreview:a b' is not a valid openreview identifier"),
    ("https://github.com/x/y", "'https://github.com/x/y' names no paper kdlint can look up"),
    ("https://openaccess.thecvf.com/content_CVPR_2019/html/Park_Relational_Knowledge_Distillation_CVPR_2019_paper.html",
     "'https://openaccess.thecvf.com/content_CVPR_2019/html/Park_Relational_Knowledge_Distillation_CVPR_2019_paper.html' "
     "names no paper kdlint can look up"),
    ("FitNets", "'FitNets' is not an identifier"),
    ("", "'' is not an identifier"),
    ("arxiv:2104.09044\nrm -rf", "'arxiv:2104.09044\\nrm -rf' is not a valid arxiv identifier"),
])
def test_refused_identifiers_are_one_input_error_line(written: str, message: str) -> None:
    with pytest.raises(IdError) as caught:
        parse_id(written)
    assert isinstance(caught.value, InputError)
    assert str(caught.value) == f"{message} ({EXPECTED})"
    assert "\n" not in str(caught.value)


def test_arxiv_ids_are_asked_without_version_and_subject_class() -> None:
    assert [arxiv_id(value) for value in ("2104.09044v12", "0704.0001", "CS/0112017v2", "math.GT/0309136",
                                          "2104.9044", "9912.0001", "cs/0113017")] == [
        "2104.09044", "0704.0001", "cs/0112017", "math/0309136", None, None, None]


def test_canonical_forms_of_entry_identifiers() -> None:
    assert canonical(PaperId("doi", "10.1109/CVPR.2016.90")) == PaperId("doi", "10.1109/cvpr.2016.90")
    assert canonical(PaperId("doi", "10.48550/ARXIV.1512.03385")) == PaperId("arxiv", "1512.03385")
    assert canonical(PaperId("arxiv", "2113.00001")) is None
    assert canonical(PaperId("cvf", "park_relational_knowledge_distillation_cvpr_2019")) is None
