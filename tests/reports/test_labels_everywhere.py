"""Every value a person reads has a label in their language: a Spanish document or screen shows no
stored key (a form field's, a choice's, a stock attribute's) and none of the English words that
have leaked before; an English one none of the Spanish.

One encounter of every station of every specialty is filled with a valid value in each field its
forms declare (the first choice, the middle of a range, a tooth, both eyes …), plus an odontogram,
a referral for cataract and a lot of every equipment item; then every document is rendered for
real (visit summaries, each plugin's further documents, the patient's history, the day report)
and its text read back with pypdf, and the history screen's lines are read as the screen draws
them. A word is a suspect key only when no Spanish label declared anywhere uses it (``plan``,
``glaucoma`` or ``bifocal`` are Spanish too), so the allow-list writes itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest

from ayni.core import FieldType, ValidationError
from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters, referrals
from ayni.core.documents.pdf import documents, render_visit
from ayni.core.documents.reports import build_report
from ayni.core.documents.reports.document import render_report
from ayni.core.documents.reports.history import render_history
from ayni.core.people import patients
from ayni.tui.screens.history import visit_lines
from ayni.tui.text import tr

DAY = dt.date(2026, 11, 21)

#: English words that reached Spanish pages before, and a Python structure printed as it is stored.
ENGLISH = ("Select", "Triage", "Prescriptions", "Receipt", "Thank you", "Dismiss", "Diagnosis", "Patient",
           "Payment", "Encounter", "Summary", "None", "True", "False", "EncounterRecord")
STRUCTURE = re.compile(r"\{'|': |\['")
#: Spanish words that must not stay on an English page.
SPANISH = ("Atención", "Paciente", "Diagnósticos", "Procedimientos", "Pago no registrado", "Firma y sello")

PATIENT = {"given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
           "birth_date": "1974-05-12", "id_kind": "dni", "id_number": "45678912", "community": "Ccollpa",
           "district": "Ocongate", "region": "Cusco", "language": "qu"}
ODONTOGRAM = {"16": {"state": "caries", "surfaces": {"O": "caries"}}, "26": {"state": "filled"}}


def _middle(field):
    low = field.min if field.min is not None else 0
    high = field.max if field.max is not None else low + 10
    value = Decimal(low) + (Decimal(high) - Decimal(low)) / 2
    step = Decimal(str(field.step or (1 if field.type == FieldType.INTEGER else "0.1")))
    value = (value / step).to_integral_value() * step
    return int(value) if field.type == FieldType.INTEGER else str(value)


def sample(field):
    """A valid value for ``field`` (``None`` for a value only its plugin's own parser knows)."""
    if field.parse is not None or field.derived:
        return None
    if field.choices and field.type in (FieldType.MULTI_CHOICE, FieldType.CODE):
        one = [field.choices[-1].value]
    elif field.choices:
        one = field.choices[-1].value
    elif field.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.SCALE):
        one = _middle(field)
    elif field.type == FieldType.YES_NO:
        one = True
    elif field.type == FieldType.DATE:
        one = DAY.isoformat()
    elif field.type == FieldType.TOOTH_SET:
        one = [16]
    else:
        one = "Dolor leve"
    return {side.value: one for side in field.side_choices()} if field.sides else one


def _fill(spec) -> dict:
    return {f.key: v for f in spec.fields if (v := sample(f)) is not None}


def save_filled(store, encounter_id, forms: dict) -> None:
    """Save ``forms``, leaving out each field a form or a cross-field rule refuses, until accepted."""
    forms = {key: dict(values) for key, values in forms.items()}
    for _ in range(40):
        try:
            encounters.save(store, encounter_id, forms=forms)
            return
        except ValidationError as refused:
            fields = {e.field.rsplit(".", 1)[-1] for e in refused.errors}
            removed = [(k, f) for k, values in forms.items() for f in list(values) if f in fields]
            if not removed:
                forms = {}
            for key, field in removed:
                forms[key].pop(field, None)
    raise AssertionError(f"could not save {sorted(forms)}")


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """The store, the patient, the campaign and the encounters of a day at every station."""
    from ayni.core import open_store, stock

    store = open_store(tmp_path_factory.mktemp("labels") / "ayni.db", user="tester")
    site = campaigns.new_site("I.E. 501", community="Ccollpa", district="Ocongate", region="Cusco")
    campaign = campaigns.create(store, "Campaña Ocongate 2026", "medical", DAY, DAY + dt.timedelta(days=2), site=site)
    patient = patients.register(store, PATIENT)
    plugins = store.plugins
    for item in plugins.equipment.values():
        attributes = {a: "30" for a in item.attributes}
        form = plugins.forms.get(item.fitting_form or "")
        for field in form.fields if form else ():
            if field.key in attributes and field.choices:
                attributes[field.key] = field.choices[-1].value
        for attribute, values in item.value_labels.items():
            attributes[attribute] = next(iter(values))
        stock.receive(store, item.key, 2, attributes=attributes)
    opened = []
    for key, specialty in plugins.specialties.items():
        for station in specialty.stations:
            encounter = encounters.open_encounter(store, patient.id, key, station, campaign.id)
            specs = [plugins.forms[f] for f in specialty.station_forms.get(station, specialty.forms)
                     if f in plugins.forms]
            filled = {spec.key: _fill(spec) for spec in specs}
            if "dental.exam" in filled:
                filled["dental.exam"]["odontogram"] = ODONTOGRAM
            save_filled(store, encounter.id, filled)
            opened.append(encounter.id)
    optometry = next(e for e in opened if store.row("encounters", e)["specialty"] == "optometry")
    referrals.refer(store, optometry, "surgery", "cataract")
    store.db.execute("UPDATE encounters SET opened_at = ?", [dt.datetime(2026, 11, 21, 15, tzinfo=dt.timezone.utc)
                                                             .isoformat()])
    store.db.conn.commit()
    yield store, patient, campaign, opened
    store.close()


def _text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pages(store, patient, campaign, opened, lang) -> dict[str, str]:
    """What a person reads, by where: every PDF of the day, and the history screen's lines."""
    read = {}
    for encounter_id in opened:
        visit = encounters.get_encounter_record(store, encounter_id)
        where = f"{visit.encounter.specialty}.{visit.encounter.station}"
        read[f"summary {where}"] = _text(render_visit(store, encounter_id, lang))
        for document in documents(store, visit):
            read[f"{document.key} ({where})"] = _text(document.render(store, encounter_id, lang))
        read[f"history screen {where}"] = "\n".join(
            visit_lines(store, visit, lang, lambda key, **kw: tr(key, lang, **kw)))
    read["history"] = _text(render_history(store, patient.id, lang))
    report = build_report(store, campaign, DAY)
    read["day report"] = _text(render_report(report, lang))
    read["stock"] = "\n".join(store.plugins.describe_stock(lot["item_key"], _json(lot["attributes"]), lang)
                              for lot in store.db["stock_lots"].rows)
    return read


def _json(text):
    import json

    return json.loads(text) if text else {}


def _declared_keys(plugins) -> set[str]:
    """Every key a declaration gives a label to: form fields, choices, equipment attributes and their
    values, minus those that are also words of some Spanish label (they read as Spanish)."""
    keys, spanish = set(), set()
    for spec in plugins.forms.values():
        spanish |= _words(spec.title.es)
        for field in spec.fields:
            keys.add(field.key)
            spanish |= _words(field.label.es) | _words(field.help.es if field.help else "")
            for choice in field.choices:
                keys.add(choice.value)
                spanish |= _words(choice.label.es)
    for item in plugins.equipment.values():
        keys |= set(item.attributes)
        spanish |= _words(item.label.es) | {w for t in item.attribute_labels.values() for w in _words(t.es)}
        for values in item.value_labels.values():
            keys |= set(values)
            spanish |= {w for t in values.values() for w in _words(t.es)}
    for code in [*plugins.procedures.values(), *plugins.diagnoses.values()]:
        spanish |= _words(code.label.es)
    return {k for k in keys if isinstance(k, str) and re.fullmatch(r"[a-z][a-z0-9_]+", k) and k not in spanish}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_the_day_covers_every_specialty(day):
    store, _, _, opened = day
    seen = {store.row("encounters", e)["specialty"] for e in opened}
    assert seen == set(store.plugins.specialties)
    assert len(_declared_keys(store.plugins)) > 100


def test_no_key_nor_english_word_reaches_a_spanish_page(day):
    store, patient, campaign, opened = day
    keys = _declared_keys(store.plugins)
    problems = []
    for where, text in _pages(store, patient, campaign, opened, "es").items():
        raw = sorted(keys & set(re.findall(r"\w+", text)))
        english = [w for w in ENGLISH if re.search(rf"\b{w}\b", text)]
        structure = STRUCTURE.findall(text)
        if raw or english or structure:
            problems.append(f"{where}: keys {raw} english {english} structure {structure}")
    assert problems == [], "\n".join(problems)


def test_the_odontogram_and_the_referral_read_as_words(day):
    store, patient, campaign, opened = day
    read = _pages(store, patient, campaign, opened, "es")
    assert "Odontograma: 16 caries (O caries) · 26 obturado" in read["history screen dental.exam"]
    assert "Catarata" in read["history screen optometry.screening"]


def test_no_spanish_word_stays_on_an_english_page(day):
    store, patient, campaign, opened = day
    problems = [f"{where}: {[w for w in SPANISH if w in text]}"
                for where, text in _pages(store, patient, campaign, opened, "en").items()
                if any(w in text for w in SPANISH)]
    assert problems == [], "\n".join(problems)


def _screen_text(app) -> str:
    """What the screen shows, as text (the screenshot Textual exports, without its markup)."""
    import html

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", " ", svg.split("</style>")[-1])).replace("\xa0", " ")


async def _screens(store, patient, opened, lang) -> dict[str, str]:
    """Every screen of the app, each tab of each encounter of the day and each plugin screen."""
    from textual.widgets import TabbedContent

    from ayni.tui.app import AyniApp

    app = AyniApp(store.path, "tester", lang, plugins=store.plugins)
    shown = {}
    async with app.run_test(size=(160, 50)) as pilot:
        for name, key in (("search", None), ("stock", "f4"), ("cashier", "f5"), ("queue", "f7"), ("reports", "f8"),
                          ("dashboard", "f11")):
            if key:
                await pilot.press(key)
            await pilot.pause()
            shown[name] = _screen_text(app)
            app.action_home()
        app.open_patient(patient.id)
        await pilot.pause()
        shown["patient"] = _screen_text(app)
        app.action_history()
        await pilot.pause()
        shown["history"] = _screen_text(app)
        app.action_home()
        for encounter_id in opened:
            app.open_encounter(encounter_id)
            await pilot.pause()
            row = store.row("encounters", encounter_id)
            where = f"encounter {row['specialty']}.{row['station']}"
            shown[where] = _screen_text(app)
            for tabs in app.screen.query(TabbedContent):
                for pane in tabs.query("TabPane"):
                    tabs.active = pane.id
                    await pilot.pause()
                    await pilot.pause()  # the tab's widgets fill their lists once shown
                    shown[f"{where} {pane.id}"] = _screen_text(app)
            app.action_home()
        for key, _ in app.plugin_screens():
            app.open_plugin_screen(key)
            await pilot.pause()
            shown[f"plugin screen {key}"] = _screen_text(app)
            app.action_home()
    return shown


def _problems(read: dict[str, str], keys: set[str]) -> list[str]:
    problems = []
    for where, text in read.items():
        raw = sorted(keys & set(re.findall(r"\w+", text)))
        english = [w for w in ENGLISH if re.search(rf"\b{w}\b", text)]
        structure = STRUCTURE.findall(text)
        if raw or english or structure:
            problems.append(f"{where}: keys {raw} english {english} structure {structure}")
    return problems


async def test_no_key_nor_english_word_on_a_spanish_screen(day):
    store, patient, _, opened = day
    problems = _problems(await _screens(store, patient, opened, "es"), _declared_keys(store.plugins))
    assert problems == [], "\n".join(problems)
