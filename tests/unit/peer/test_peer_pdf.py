"""Issue 18: the colleagues' comparison PDF prints its chart labels at 7 pt or more, and its
last page is never nearly empty."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.i18n import Language
from assessment.messages import msg
from assessment.peer.chart import mirror_chart
from assessment.peer.compare import mirror_codes
from assessment.peer.pdf import build_mirror_pdf, mirror_layout
from assessment.render.pdf.layout import (
    MIN_LAST_PAGE_FILL,
    png_size,
    printed_points,
    smallest_font_px,
)
from tests.unit.peer.test_peer import own_answers, peer_code

LINK = "http://localhost:8501/?r=X"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_comparison_chart_prints_at_7_points_and_pages_are_filled(lang: Language) -> None:
    """The chart's smallest label (from its spec, scaled by its placed width) is 7 pt or more;
    every page uses at least a quarter of the type area; the PDF has the layout's pages."""
    bank = load_bank(2)
    mirror = mirror_codes(own_answers(), [peer_code(value) for value in (1, 2, 3)])
    layout, pngs, _ = mirror_layout(mirror, bank, lang, LINK)
    [picture] = layout.pictures()
    font_px = smallest_font_px(mirror_chart(mirror, bank, lang).to_dict())
    assert printed_points(font_px, png_size(pngs[0])[0], picture.w) >= 7.0
    assert min(layout.fill(page) for page in range(1, layout.pages + 1)) >= MIN_LAST_PAGE_FILL
    reader = PdfReader(io.BytesIO(build_mirror_pdf(mirror, bank, lang, LINK)))
    assert len(reader.pages) == layout.pages


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_label_of_a_demand_is_printed_once(lang: Language) -> None:
    """A demand's figures name the own score once ("Ihr Wert: 25 (± 25)"), not under two
    labels ("Sie (0–100): Ihr Wert: 25 (± 25)")."""
    bank = load_bank(2)
    mirror = mirror_codes(own_answers(), [peer_code(value) for value in (1, 2, 3)])
    reader = PdfReader(io.BytesIO(build_mirror_pdf(mirror, bank, lang, LINK)))
    printed = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    heading, line = msg("peer.col_self", lang), msg("peer.self_line", lang, self=0, uncertainty=0)
    own_label = line.split("0")[0].strip()  # "Ihr Wert:" / "Your score:"
    assert f"{heading}: {own_label}" not in printed
    assert printed.count(own_label) >= len(bank.dimensions) // 2
