"""A report counts in the form each number needs: «1 comunidad más», «Otras 2 comunidades»."""

from __future__ import annotations

import pytest

from ayni.core.documents.reports.figures import _Seen, communities


def seen_from(*places: str) -> dict[str, _Seen]:
    return {str(i): _Seen("F", None, place, "Ocongate", "2026-11-21") for i, place in enumerate(places)}


@pytest.mark.parametrize("shown, lang, expected", [
    (2, "es", "1 comunidad más"), (1, "es", "Otras 2 comunidades"),
    (2, "en", "1 other community"), (1, "en", "2 other communities"),
])
def test_the_communities_left_out_are_counted_in_the_right_form(shown, lang, expected):
    table = communities(seen_from("Ccollpa", "Ccollpa", "Pinchimuro", "Mahuayani"), shown=shown)
    assert table.rows[-1].label.get(lang) == expected
