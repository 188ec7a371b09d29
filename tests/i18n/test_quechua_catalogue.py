"""The Southern Quechua catalogues of the patient's documents: one per domain, read with Babel.

What the patient's documents print (the page furniture and the receipt, the receta, the dental home-care
sheet, the glasses prescription, the home exercises, the discharge, the procedures a receipt lists) has
a Quechua msgstr; every msgstr keeps the placeholders of its msgid; no entry is hidden as fuzzy (an
unsure one carries a «# revisar» comment instead); every msgid is a string the code has today, as
``pybabel extract -k Text:1 -k Plural:1,2`` finds it; and each header says the file awaits review by a
native speaker. Entries left untranslated (an empty msgstr, printed in Spanish) are allowed: updating
a catalogue from the code adds them."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ayni.core import Plural
from ayni.core.documents import card, pdf, tickets
from ayni.core.money import cashier, fees
from ayni.core.people.patients import LANGUAGES, SEX_LABELS
from ayni.plugins.dental import codes as dental_codes
from ayni.plugins.dental import documents as dental_documents
from ayni.plugins.dental import homecare
from ayni.plugins.general import codes as general_codes
from ayni.plugins.general import documents as receta
from ayni.plugins.general.formulary import DRUGS, PACKS, UNITS
from ayni.plugins.general.prescriptions import DAYS_COUNT, INSTRUCTION, TIMES
from ayni.plugins.optometry import codes as optometry_codes
from ayni.plugins.optometry import documents as glasses
from ayni.plugins.physio import codes as physio_codes
from ayni.plugins.physio import handout
from ayni.plugins.physio.exercises import CATALOGUE
from ayni.plugins.physio.prescription import DOSE_WORDS
from ayni.plugins.surgery import codes as surgery_codes
from ayni.plugins.surgery import documents as surgery_documents
from ayni.plugins.surgery.forms import DISCHARGE

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"Text": (1,), "Plural": (1, 2)}
#: domain → (the folders its strings come from, its Quechua catalogue)
CATALOGUES = {
    "ayni": (("core", "cli", "tui"), "core/locale/qu/LC_MESSAGES/ayni.po"),
    **{f"ayni_{plugin}": ((f"plugins/{plugin}",), f"plugins/{plugin}/locale/qu/LC_MESSAGES/ayni_{plugin}.po")
       for plugin in ("general", "dental", "optometry", "physio", "surgery")},
}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _procedures(module):
    return [p.label for p in module.PROCEDURES]


def _discharge():
    fields = [DISCHARGE.field(k) for k in ("discharge_date", "condition", "wound", "medicines", "instructions",
                                            "follow_up")]
    choices = [c.label for f in fields for c in f.choices if c.value != "deceased"]
    return [DISCHARGE.title, *(f.label for f in fields), *choices, surgery_documents.LABELS["discharge_summary"]]


#: domain → what the patient's documents print from it (procedure labels composed in code, such as
#: «Restauración con resina, 2 superficies», have no msgid of their own and are left out below).
PRINTED = {
    "ayni": lambda: [
        *(pdf.LABELS[k] for k in ("page", "of", "printed", "lima_time", "patient", "sex", "age", "identifiers",
                                  "no_document", "origin", "language", "phone", "guardian", "years", "year",
                                  "months", "month", "approx", "signature", "diagnoses", "suggested", "paid",
                                  "payment_kind", "method", "reason", "approved_by")),
        *SEX_LABELS.values(), *LANGUAGES.values(), *fees.PAYMENT_KIND_LABELS.values(),
        *fees.PAYMENT_METHOD_LABELS.values(),
        *(cashier.LABELS[k] for k in ("receipt", "receipt_no", "patient_no", "cashier", "thanks")),
        *card.LABELS.values(), *tickets.LABELS.values(),
    ],
    "ayni_general": lambda: [
        *(receta.LABELS[k] for k in ("receta", "medicine", "how", "given", "when", "advice", "allergies",
                                     "no_allergies", "date", "prescriber", "return")),
        *TIMES, *(advice for drug in DRUGS for advice in drug.advice), *_procedures(general_codes),
        *(word for words in (*UNITS.values(), *PACKS.values()) for word in words), *INSTRUCTION.values(), DAYS_COUNT,
    ],
    "ayni_dental": lambda: [
        *homecare.EVERYONE, *homecare.CHILD, *homecare.EXTRACTION, homecare.NUMB, homecare.ART, homecare.RESIN,
        homecare.SEALANT, homecare.FLUORIDE_TEXT, homecare.PENDING, *homecare.HEADINGS.values(),
        *dental_documents.LABELS.values(), *_procedures(dental_codes), dental_codes.SURFACES,
        *(dict(p.label.values)["name"] for p in (dental_codes.RESIN[0], dental_codes.ART[0])),
    ],
    "ayni_optometry": lambda: [
        *(glasses.LABELS[k] for k in ("prescription", "distance_near", "sphere", "cylinder", "axis", "add", "va",
                                      "pd", "lens_type", "date", "examiner", "cylinder_minus", "cylinder_plus",
                                      "validity")),
        *optometry_codes.LENS_TYPES.values(), *_procedures(optometry_codes),
    ],
    "ayni_physio": lambda: [
        *handout.LABELS.values(),
        *(text for e in CATALOGUE for text in (e.name, e.steps, e.caution) if text is not None),
        *_procedures(physio_codes), *DOSE_WORDS.values(),
    ],
    "ayni_surgery": lambda: [*_discharge(), *_procedures(surgery_codes)],
}


@functools.cache
def _extracted(folders: tuple[str, ...]) -> frozenset[str]:
    """Every message id Babel extracts from ``folders`` (singular and plural forms)."""
    found = set()
    for folder in folders:
        for _file, _line, message, _comments, _context in extract_from_dir(ROOT / folder, keywords=KEYWORDS):
            found.update(message if isinstance(message, tuple) else (message,))
    return frozenset(found)


def _catalogue(domain: str):
    with (ROOT / CATALOGUES[domain][1]).open("rb") as po:
        return read_po(po, locale="qu", domain=domain)


def _msgid(text) -> str:
    """The Spanish message id of a label or a plural phrase."""
    return text.es_one if isinstance(text, Plural) else text.es


def _forms(value) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple of its forms (one unless it is a plural)."""
    return value if isinstance(value, tuple) else (value,)


def _translated(domain: str) -> dict[str, tuple[str, ...]]:
    """msgid → its msgstr forms, for the entries that are printed: translated and not fuzzy."""
    return {_forms(m.id)[0]: _forms(m.string) for m in _catalogue(domain)
            if m.id and any(_forms(m.string)) and not m.fuzzy}


@pytest.mark.parametrize("domain", CATALOGUES)
def test_the_header_says_quechua_one_plural_form_utf8_and_awaiting_review(domain):
    catalogue = _catalogue(domain)
    assert str(catalogue.locale) == "qu"
    assert catalogue.plural_forms == "nplurals=1; plural=0;"
    assert catalogue.charset.lower() == "utf-8"
    assert "hablante nativo" in catalogue.language_team
    assert "awaiting review by a native speaker" in " ".join(catalogue.header_comment.split()).lower()


@pytest.mark.parametrize("domain", CATALOGUES)
def test_what_the_patients_documents_print_is_translated(domain):
    known = _extracted(CATALOGUES[domain][0])
    printed = {_msgid(text) for text in PRINTED[domain]() if _msgid(text) in known}
    assert printed
    translated = _translated(domain)
    missing = sorted(msgid for msgid in printed if not all(s.strip() for s in translated.get(msgid, ("",))))
    assert not missing


@pytest.mark.parametrize("domain", CATALOGUES)
def test_no_entry_is_hidden_as_fuzzy(domain):
    assert not [m.id for m in _catalogue(domain) if m.id and m.fuzzy]


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_placeholder_of_a_msgid_is_in_its_msgstr(domain):
    for msgid, strings in _translated(domain).items():
        wanted = sorted(PLACEHOLDER.findall(msgid))
        assert all(sorted(PLACEHOLDER.findall(s)) == wanted for s in strings), msgid


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_msgid_is_a_string_the_code_has_today(domain):
    known = _extracted(CATALOGUES[domain][0])
    unknown = [m.id for m in _catalogue(domain) if m.id and not set(_forms(m.id)) <= known]
    assert not unknown
