"""A Quechua-speaking patient's receta and home-exercise programme: the whole instruction and dose
sentences are in Quechua, and every character is drawn from the embedded DejaVu fonts (no missing
glyphs)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from ayni.core import ProcedureEntry
from ayni.core.clinical import encounters
from ayni.core.dates import today_in_lima
from ayni.core.documents.pdf import documents
from ayni.core.people import patients
from ayni.plugins.dental import codes as dental_codes
from ayni.plugins.physio import render_home_programme

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@pytest.fixture
def quechua_patient(store):
    return patients.register(store, {
        "given_names": "Rosa Elena", "paternal_surname": "Ñahui", "maternal_surname": "Quispe", "sex": "F",
        "age_years": 52, "id_kind": "none", "community": "Chinchero", "language": "qu"})


def _saved(store, patient, specialty, kind, forms, procedures=()):
    encounter = encounters.open_encounter(store, patient.id, specialty, kind)
    return encounters.save(store, encounter.id, forms=forms, procedures=list(procedures))


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join("\n".join(page.extract_text() for page in pages).split())


def _fonts(data: bytes) -> list[tuple[str, bool]]:
    """(base font name, whether its file is embedded) of every font the pages use."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def assert_no_missing_glyphs(data: bytes) -> None:
    """Every font is an embedded DejaVu, and DejaVu Sans draws every character of the text."""
    fonts = _fonts(data)
    assert fonts and all("DejaVu" in name and embedded for name, embedded in fonts), fonts
    text = _text(data)
    assert "\ufffd" not in text
    drawn = set().union(*(TTFont(DEJAVU / name).getBestCmap() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")))
    assert not sorted({c for c in text if not c.isspace() and ord(c) not in drawn})


def test_a_quechua_receta_prints_its_instructions_in_quechua(store, quechua_patient, tmp_path):
    visit = _saved(store, quechua_patient, "general", "consultation", {"general.prescription": {
        "items": "paracetamol_500 1 c/8h x3d si hay fiebre\namoxicilina_500 1 c/8h x7d\nalbendazol_400 1 unica"}})
    [receta] = documents(store, visit)
    data = receta.render(store, visit.encounter.id, "qu")
    (tmp_path / "receta-qu.pdf").write_bytes(data)
    text = _text(data)
    for expected in ("Upyay 1 pastilla sapa 8 hora (punchawpi 3 kuti), 3 punchaw. Si hay fiebre",
                     "Upyay 1 cápsula sapa 8 hora (punchawpi 3 kuti), 7 punchaw.",
                     "Upyay 1 pastilla, huk kutillata.", "Hampi qillqa (receta)"):
        assert expected in text
    assert "Tome" not in text and "durante" not in text
    assert_no_missing_glyphs(data)


def test_a_quechua_home_programme_prints_its_doses_in_quechua(store, quechua_patient, tmp_path):
    review = (today_in_lima() + dt.timedelta(days=30)).isoformat()
    visit = _saved(store, quechua_patient, "physio", "assessment", {"physio.home_programme": {
        "exercises": "bridging, ankle_pumps", "dosing": "bridging 8x2 2/d", "review_date": review}},
        [ProcedureEntry("physio.home_programme")])
    data = render_home_programme(store, visit.encounter.id, "qu")
    (tmp_path / "programme-qu.pdf").write_bytes(data)
    text = _text(data)
    assert "Haykata: 8 kuti · 2 muyu · " in text and "punchawpi 2 kuti" in text
    assert "veces" not in text and "series" not in text
    assert_no_missing_glyphs(data)


def test_a_restoration_on_a_quechua_receipt_is_named_in_quechua(store):
    one, two, more = (p.label for p in dental_codes.RESIN)
    assert (one.get("qu"), two.get("qu")) == ("Kiru resinawan hampisqa, 1 lawpi", "Kiru resinawan hampisqa, 2 lawpi")
    assert more.get("qu") == "Kiru resinawan hampisqa, 3 utaq aswan lawpi"
    assert (two.es, two.en) == ("Restauración con resina, 2 superficies", "Composite resin restoration, 2 surfaces")
