"""The core's stylesheet styles its own elements, and leaves a plugin's tables their own shape."""

from __future__ import annotations

from ayni.core.documents import pdf


def _row_widths(html: str) -> list[list[float]]:
    """The laid-out widths of the cells of every table row, in CSS pixels."""
    document = pdf.html_to_document(html)
    rows = []

    def walk(box):
        if type(box).__name__ == "TableRowBox":
            rows.append([cell.width for cell in box.children])
        for child in getattr(box, "children", ()):
            walk(child)

    walk(document.pages[0]._page_box)
    return rows


def _share_of_first(row: list[float]) -> float:
    return row[0] / sum(row)


def test_a_plugins_wide_table_is_not_squeezed_by_the_core_label_column():
    header = "".join(f"<th>Columna {i}</th>" for i in range(5))
    (heads, cells) = _row_widths(f'<section class="plugin-section"><table><tr>{header}</tr>'
                                 f'<tr>{"<td>1</td>" * 5}</tr></table></section>')

    assert len(heads) == 5
    assert max(heads) - min(heads) < 0.05 * max(heads)  # equal columns: none forced to 38 %


def test_only_the_cores_form_table_gets_the_label_column():
    row = "<tr><th>Peso</th><td>60 kg</td></tr>"
    form, plain = _row_widths(f'<section class="plugin-section"><table class="ayni-form">{row}</table></section>'
                              f'<section class="plugin-section"><table>{row}</table></section>')

    assert abs(_share_of_first(form) - 0.38) < 0.02
    assert abs(_share_of_first(plain) - 0.38) > 0.05
