"""The plugin contract: what every plugin, built-in or third-party, must satisfy.

:func:`check_plugin` checks one plugin object (a module with ``@hookimpl`` functions, or any object
with such methods) on its own; :func:`check_plugins` checks a whole installation, including what
only shows between plugins (two plugins claiming one code). Both return a list of problems, each
a sentence naming the plugin and the thing at fault; an empty list means the contract holds.

A plugin's own test suite runs the same checks::

    from ayni.core.hooks.contract import assert_plugin_ok
    import ayni_pediatrics

    def test_contract():
        assert_plugin_ok(ayni_pediatrics)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

import attrs
import pluggy

from .. import catalogues
from ..catalogues import Catalogue
from ..clinical.forms import SIDE_LABELS, Choice, Field, FieldType, FormSpec, validate_form
from ..dates import today_in_lima
from ..errors import FieldError, ValidationError
from ..exchange.records import LOINC, Measurement, MedicationOrder, ProcedureDone, Vaccination
from ..i18n import Text
from ..money.fees import CENT
from . import hookspecs
from .declarations import (
    ALERT_LEVELS, CORE_TARGETS, Alert, DiagnosisCode, Document, EquipmentItem, Medicine, PdfSection, ProcedureCode,
    ProcedureTarget, ReportRow, Specialty, TuiScreen,
)

#: What a plugin may import from the core: ``ayni.core`` itself and these modules, no other
#: (``docs/plugins.md``, *What a plugin may import*; ``tests/contract/test_plugin_imports.py`` holds
#: the built-ins to it). The rest of the core may change between releases without notice.
PLUGIN_IMPORTS = (
    "ayni.core",
    "ayni.core.campaign.campaigns",
    "ayni.core.clinical.acknowledgements",
    "ayni.core.clinical.codesearch",
    "ayni.core.clinical.encounters",
    "ayni.core.clinical.forms",
    "ayni.core.clinical.prescribing",
    "ayni.core.clinical.referrals",
    "ayni.core.dates",
    "ayni.core.documents.files",
    "ayni.core.documents.letters",
    "ayni.core.documents.pdf",
    "ayni.core.documents.reporting",
    "ayni.core.documents.sections",
    "ayni.core.hooks.contract",
    "ayni.core.model",
    "ayni.core.people.alerts",
    "ayni.core.stock",
    "ayni.core.storage.views",
)

#: What a procedure can be done on without a plugin declaring it (``ayni.core.hooks.declarations.CORE_TARGETS``).
TARGETS = frozenset(t.key for t in CORE_TARGETS)

KEY = re.compile(r"[a-z][a-z0-9_]*")
#: An ICD-10 code: a letter, two digits, optionally a dot and up to four characters (J06.9, A09, S52.52).
ICD10 = re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?")

_CHOICE_TYPES = {FieldType.CHOICE, FieldType.MULTI_CHOICE, FieldType.CODE}
_NUMBER_TYPES = {FieldType.INTEGER, FieldType.SCALE, FieldType.DECIMAL}


@attrs.define
class _Report:
    """Problems found so far, each prefixed with the plugin's name."""

    name: str
    problems: list[str] = attrs.field(factory=list)

    def add(self, message: str) -> None:
        self.problems.append(f"{self.name}: {message}")


# -- calling hooks -----------------------------------------------------------------------------

def _manager(plugin, name: str, report: _Report) -> pluggy.PluginManager | None:
    pm = pluggy.PluginManager("ayni")
    pm.add_hookspecs(hookspecs)
    try:
        pm.register(plugin, name=name)
        pm.check_pending()  # an ``ayni_*`` hookimpl with no such hook (a typo) is an error
    except Exception as error:
        report.add(f"cannot be registered: {type(error).__name__}: {error}")
        return None
    return pm


def _collect(pm, hook: str, kind: type, report: _Report, **kwargs) -> list:
    """Call ``hook`` and return the items it returned, reporting crashes and wrong types."""
    try:
        results = getattr(pm.hook, hook)(**kwargs)
    except Exception as error:
        report.add(f"{hook} raised {type(error).__name__}: {error}")
        return []
    items = []
    for result in results:
        if result is None:
            continue
        if not isinstance(result, (list, tuple)):
            report.add(f"{hook} must return a list, not {type(result).__name__}")
            continue
        for item in result:
            if isinstance(item, kind):
                items.append(item)
            else:
                names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
                report.add(f"{hook} returned {item!r}, which is not a {names}")
    return items


def _duplicates(values: Iterable[str]) -> list[str]:
    seen, repeated = set(), []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def _is_text(value) -> bool:
    return isinstance(value, Text)


# -- what each declaration must satisfy --------------------------------------------------------

def _namespaced(key: str, keys: set[str]) -> bool:
    prefix, dot, rest = key.partition(".")
    return bool(dot) and prefix in keys and all(KEY.fullmatch(part) for part in rest.split("."))


def _check_catalogue(catalogue: Catalogue, keys: set[str], report: _Report) -> None:
    """A domain named after the plugin's specialty, a folder that exists, and every ``.po`` in it
    compiled and keeping the placeholders of its message ids."""
    where = f"ayni_catalogues: {catalogue.domain!r}"
    if keys and catalogue.domain not in {f"ayni_{key}" for key in keys}:
        report.add(f"{where} must be named after the specialty: {', '.join(sorted(f'ayni_{k}' for k in keys))}")
    if not catalogue.directory.is_dir():
        report.add(f"{where}: the folder {catalogue.directory} does not exist")
        return
    for po in sorted(catalogue.directory.glob(f"*/LC_MESSAGES/{catalogue.domain}.po")):
        if not po.with_suffix(".mo").is_file():
            report.add(f"{where}: {po} is not compiled (build the package, or pybabel compile): it is never read")
        for problem in catalogues.check(po):
            report.add(f"{where}: placeholders differ from the Spanish, so Spanish is printed: {problem}")


def _check_specialty(spec: Specialty, report: _Report) -> None:
    where = f"specialty {spec.key!r}"
    if not isinstance(spec.key, str) or not KEY.fullmatch(spec.key):
        report.add(f"{where}: the key must be lower-case letters, digits and _ (it prefixes every code)")
    if not _is_text(spec.name):
        report.add(f"{where}: the name must be a Text(es, en)")
    if not spec.stations:
        report.add(f"{where}: declares no stations")
    for station in _duplicates(spec.stations):
        report.add(f"{where}: station {station!r} is listed twice")
    for station in spec.stations:
        label = spec.station_labels.get(station)
        if not _is_text(label):
            report.add(f"{where}: station {station!r} has no Text label in station_labels")
    for station in set(spec.station_labels) - set(spec.stations):
        report.add(f"{where}: station_labels names {station!r}, which is not one of its stations")
    for form in _duplicates(spec.forms):
        report.add(f"{where}: form {form!r} is listed twice")
    for station, forms in spec.station_forms.items():
        if station not in spec.stations:
            report.add(f"{where}: station_forms names {station!r}, which is not one of its stations")
        for form in set(forms) - set(spec.forms):
            report.add(f"{where}: station {station!r} lists form {form!r}, which is not in its forms")


def _check_target(target: ProcedureTarget, report: _Report) -> None:
    where = f"procedure target {target.key!r}"
    if not isinstance(target.key, str) or not re.fullmatch(r"[a-z][a-z0-9_.]*", target.key):
        report.add(f"{where}: the key must be lower-case letters, digits, '_' or '.'")
    if target.key in TARGETS:
        report.add(f"{where}: the core already declares it; name it without declaring it again")
    if not _is_text(target.label):
        report.add(f"{where}: the label must be a Text(es, en)")
    values = [getattr(c, "value", None) for c in target.choices]
    if any(not isinstance(c, Choice) or not _is_text(c.label) for c in target.choices):
        report.add(f"{where}: each choice must be a Choice(value, Text(es, en))")
    for value in _duplicates(values):
        report.add(f"{where}: the choice {value!r} is declared twice")
    if not all(isinstance(k, str) and _is_text(v) for k, v in target.detail_labels.items()):
        report.add(f"{where}: detail_labels must map a detail key to a Text(es, en)")


def _check_procedure(code: ProcedureCode, keys: set[str], report: _Report, targets=TARGETS) -> None:
    where = f"procedure {code.code!r}"
    if not _namespaced(code.code, keys):
        report.add(f"{where}: the code must be namespaced by the plugin's specialty key ({', '.join(sorted(keys)) or 'none declared'})")
    if not _is_text(code.label):
        report.add(f"{where}: the label must be a Text(es, en)")
    fee = code.fee
    if not isinstance(fee, Decimal) or isinstance(fee, bool):
        report.add(f"{where}: the fee must be a Decimal in soles, not {type(fee).__name__}")
    elif not fee.is_finite() or fee < 0:
        report.add(f"{where}: the fee {fee} must be S/ 0.00 or more")
    elif fee != fee.quantize(CENT):
        report.add(f"{where}: the fee {fee} has more than 2 decimals (céntimos)")
    if code.target not in targets:
        report.add(f"{where}: target {code.target!r} must be one of {', '.join(sorted(targets))} "
                   f"(declare your own with ayni_procedure_targets)")
    if not isinstance(code.mappings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in code.mappings.items()
    ):
        report.add(f"{where}: mappings must map a code system name to a code, both text")


def _check_diagnosis(code: DiagnosisCode, report: _Report) -> None:
    if not isinstance(code.code, str) or not ICD10.fullmatch(code.code):
        report.add(f"diagnosis {code.code!r}: does not look like an ICD-10 code (e.g. J06.9, A09)")
    if not _is_text(code.label):
        report.add(f"diagnosis {code.code!r}: the label must be a Text(es, en)")


def _check_equipment(item: EquipmentItem, keys: set[str], report: _Report) -> None:
    where = f"equipment {item.key!r}"
    if not _namespaced(item.key, keys):
        report.add(f"{where}: the key must be namespaced by the plugin's specialty key")
    if not _is_text(item.label):
        report.add(f"{where}: the label must be a Text(es, en)")
    for attribute in item.attributes:
        if not isinstance(attribute, str) or not KEY.fullmatch(attribute):
            report.add(f"{where}: attribute {attribute!r} must be lower-case letters, digits and _")
    for attribute, label in dict(item.attribute_labels).items():
        if attribute not in item.attributes or not _is_text(label):
            report.add(f"{where}: attribute_labels[{attribute!r}] must label one of its attributes with a Text(es, en)")
    for attribute, values in dict(item.value_labels).items():
        if attribute not in item.attributes or not isinstance(values, Mapping) or not all(
                isinstance(value, str) and _is_text(label) for value, label in values.items()):
            report.add(f"{where}: value_labels[{attribute!r}] must map values of one of its attributes to Text(es, en)")


def _check_medicine(medicine: Medicine, keys: set[str], report: _Report) -> None:
    where = f"medicine {medicine.key!r}"
    if not _namespaced(medicine.key, keys):
        report.add(f"{where}: the key must be namespaced by the plugin's specialty key")
    if not _is_text(medicine.name):
        report.add(f"{where}: the name must be a Text(es, en)")
    if not isinstance(medicine.strength, str) or not medicine.strength.strip():
        report.add(f"{where}: the strength must be printed text such as '500 mg'")


def _check_bounds(field: Field, where: str, report: _Report) -> None:
    for name in ("min", "max"):
        bound = getattr(field, name)
        if bound is None:
            continue
        if isinstance(bound, float) or isinstance(bound, bool):
            report.add(f"{where}: {name} must be an int or Decimal, never a float")
        elif field.type in (FieldType.INTEGER, FieldType.SCALE) and not isinstance(bound, int):
            report.add(f"{where}: {name} of a whole-number field must be an int")
        elif field.type == FieldType.DECIMAL and not isinstance(bound, (int, Decimal)):
            report.add(f"{where}: {name} of a decimal field must be a Decimal")
        elif field.type == FieldType.DATE and not isinstance(bound, dt.date):
            report.add(f"{where}: {name} of a date field must be a date")
        elif field.type not in _NUMBER_TYPES | {FieldType.DATE}:
            report.add(f"{where}: a {field.type.value} field cannot have a {name}")
    if field.min is not None and field.max is not None:
        try:
            if field.min > field.max:
                report.add(f"{where}: min {field.min} is above max {field.max}")
        except TypeError:
            report.add(f"{where}: min and max cannot be compared")
    if field.type == FieldType.SCALE and (field.min is None or field.max is None):
        report.add(f"{where}: a scale needs both min and max (its steps)")
    if field.step is not None:
        if field.type not in (FieldType.DECIMAL, FieldType.INTEGER):
            report.add(f"{where}: only decimal and integer fields take a step")
        elif field.type == FieldType.DECIMAL and (not isinstance(field.step, Decimal) or field.step <= 0):
            report.add(f"{where}: step must be a positive Decimal")
        elif field.type == FieldType.INTEGER and (not isinstance(field.step, int) or isinstance(field.step, bool)
                                                  or field.step <= 0):
            report.add(f"{where}: the step of an integer must be a positive int")
        else:
            for name in ("min", "max"):
                bound = getattr(field, name)
                if isinstance(bound, (int, Decimal)) and not isinstance(bound, bool) and Decimal(bound) % field.step:
                    report.add(f"{where}: {name} {bound} is not a multiple of step {field.step}")


def _check_field(field: Field, where: str, has_derive: bool, report: _Report) -> None:
    if not isinstance(field.key, str) or not KEY.fullmatch(field.key):
        report.add(f"{where}: the key must be lower-case letters, digits and _ (no dots)")
    if not isinstance(field.type, FieldType):
        report.add(f"{where}: type must be a FieldType, not {field.type!r}")
        return
    if not _is_text(field.label):
        report.add(f"{where}: the label must be a Text(es, en)")
    for name in ("help", "section"):
        if getattr(field, name) is not None and not _is_text(getattr(field, name)):
            report.add(f"{where}: {name} must be a Text(es, en) or None")
    if field.type in _CHOICE_TYPES:
        if not field.choices:
            report.add(f"{where}: a {field.type.value} field needs choices")
        for value in _duplicates(c.value for c in field.choices):
            report.add(f"{where}: choice {value!r} is listed twice")
        for choice in field.choices:
            if not _is_text(choice.label):
                report.add(f"{where}: choice {choice.value!r} needs a Text(es, en) label")
    elif field.type == FieldType.SCALE:  # a scale may name its steps («0 Nunca», «3 Casi todos los días»)
        bounded = isinstance(field.min, int) and isinstance(field.max, int)
        steps = {str(n) for n in range(field.min, field.max + 1)} if bounded else set()
        for choice in field.choices:
            if not _is_text(choice.label) or choice.value not in steps:
                report.add(f"{where}: choice {choice.value!r} of a scale must be one of its steps, with a Text label")
    elif field.choices:
        report.add(f"{where}: a {field.type.value} field does not take choices")
    for side in field.sides:
        if isinstance(side, Choice):
            if not _is_text(side.label):
                report.add(f"{where}: side {side.value!r} needs a Text(es, en) label")
        elif side not in SIDE_LABELS:
            report.add(f"{where}: side {side!r} must be one of {', '.join(SIDE_LABELS)}, or a Choice with its label")
    for value in _duplicates(c.value for c in field.side_choices()):
        report.add(f"{where}: side {value!r} is listed twice")
    if field.type == FieldType.TEXT and field.max_length < 1:
        report.add(f"{where}: max_length must be at least 1")
    if field.derived:
        if not has_derive:
            report.add(f"{where}: a derived field needs the form's derive function")
        if field.required:
            report.add(f"{where}: a derived field cannot be required (nobody types it)")
    _check_bounds(field, where, report)


def _check_form(spec: FormSpec, keys: set[str], report: _Report) -> None:
    where = f"form {spec.key!r}"
    if not _namespaced(spec.key, keys):
        report.add(f"{where}: the key must be namespaced by the plugin's specialty key")
    if spec.specialty not in keys:
        report.add(f"{where}: specialty {spec.specialty!r} is not one this plugin declares")
    elif not spec.key.startswith(f"{spec.specialty}."):
        report.add(f"{where}: the key must start with its specialty {spec.specialty!r}")
    if not isinstance(spec.version, int) or isinstance(spec.version, bool) or spec.version < 1:
        report.add(f"{where}: version must be an int of at least 1")
    if not _is_text(spec.title):
        report.add(f"{where}: the title must be a Text(es, en)")
    if not spec.fields:
        report.add(f"{where}: has no fields")
    for key in _duplicates(f.key for f in spec.fields):
        report.add(f"{where}: field {key!r} is declared twice")
    for name in ("derive", "checks"):
        if getattr(spec, name) is not None and not callable(getattr(spec, name)):
            report.add(f"{where}: {name} must be a function")
    for field in spec.fields:
        _check_field(field, f"{where} field {field.key!r}", spec.derive is not None, report)
    _check_empty_form(spec, where, report)


def _check_empty_form(spec: FormSpec, where: str, report: _Report) -> None:
    """An empty form must be refused cleanly (only its required fields) or accepted: derive and
    checks must cope with missing values."""
    try:
        validate_form(spec, {})
    except ValidationError as refused:
        required = {f.key for f in spec.fields if f.required}
        for error in refused.errors:
            if error.key != "required" or error.field not in required:
                report.add(f"{where}: an empty form is refused with {error.key!r} on {error.field!r}")
    except Exception as error:
        report.add(f"{where}: validating an empty form raised {type(error).__name__}: {error}")


# -- running the hooks that need a visit or a store --------------------------------------------

def _sample_visit(specialty: str, station: str):
    from ..clinical.encounters import EncounterRecord
    from ..model import Campaign, Encounter, Patient, Sex

    today = today_in_lima()
    patient = Patient(id="contract-patient", given_names="Prueba", paternal_surname="Contrato",
                      maternal_surname="", sex=Sex.FEMALE, birth_date=dt.date(1980, 1, 1))
    campaign = Campaign(id="contract-campaign", name="Contrato", kind="medical", start_date=today, end_date=today)
    encounter = Encounter(id="contract-encounter", patient_id=patient.id, campaign_id=campaign.id,
                          specialty=specialty, station=station)
    return EncounterRecord(encounter=encounter, patient=patient, campaign=campaign, site=None, forms={},
                 procedures=(), diagnoses=(), payment=None)


#: What ``ayni_exchange_records`` may return.
EXCHANGED = (Measurement, Vaccination, MedicationOrder, ProcedureDone)
_LOINC_CODE = re.compile(r"\d{1,7}-\d")
_URI = re.compile(r"(https?://|urn:)\S+")


def _exchange_problem(record, keys: set[str]) -> str | None:
    """What is wrong with one record of ``ayni_exchange_records``, or ``None``."""
    if isinstance(record, Measurement):
        if not _is_text(record.label) or (record.panel and not _is_text(record.panel_label)):
            return "its label (and a panel's label) must be a Text"
        if isinstance(record.value, bool) or not isinstance(record.value, (int, Decimal)) or not record.unit:
            return "its value must be a number (int or Decimal) with its UCUM unit"
        if not _URI.fullmatch(record.system) or record.system == LOINC and not _LOINC_CODE.fullmatch(record.loinc):
            return "its code must be a LOINC code (NNNN-N), or its own code with its system's URI"
    elif isinstance(record, ProcedureDone):
        if not _namespaced(record.code, keys) or not _is_text(record.label):
            return "a ProcedureDone needs a code of the plugin's catalogue (namespaced) and a Text label"
    elif isinstance(record, Vaccination) and not _is_text(record.name):
        return "a Vaccination's name must be a Text"
    return None


def _check_exchanged(pm, keys: set[str], report: _Report, visit) -> None:
    for record in _collect(pm, "ayni_exchange_records", EXCHANGED, report, visit=visit, store=None):
        problem = _exchange_problem(record, keys)
        if problem:
            report.add(f"ayni_exchange_records: {record!r}: {problem}")


def _check_visit_hooks(pm, specialties: list[Specialty], report: _Report) -> None:
    """``ayni_pdf_sections`` and ``ayni_validate_encounter`` on an empty encounter of each own
    specialty, and of a specialty that is not the plugin's (which must get nothing back)."""
    stranger = _sample_visit("contract_other_specialty", "nowhere")
    for lang in ("es", "en"):
        if _collect(pm, "ayni_pdf_sections", PdfSection, report, visit=stranger, lang=lang,
                    store=None):
            report.add("ayni_pdf_sections returned sections for another specialty's encounter")
    if _collect(pm, "ayni_validate_encounter", FieldError, report, visit=stranger, store=None):
        report.add("ayni_validate_encounter refused another specialty's encounter")
    if _collect(pm, "ayni_alerts", Alert, report, visit=stranger, store=None):
        report.add("ayni_alerts raised alerts for another specialty's encounter")
    if _collect(pm, "ayni_documents", Document, report, visit=stranger, store=None):
        report.add("ayni_documents offered documents for another specialty's encounter")
    if _collect(pm, "ayni_exchange_records", EXCHANGED, report, visit=stranger, store=None):
        report.add("ayni_exchange_records returned records for another specialty's encounter")
    for spec in specialties:
        for station in spec.stations:
            visit = _sample_visit(spec.key, station)
            _check_exchanged(pm, {s.key for s in specialties}, report, visit)
            _collect(pm, "ayni_validate_encounter", FieldError, report, visit=visit, store=None)
            for alert in _collect(pm, "ayni_alerts", Alert, report, visit=visit, store=None):
                if alert.level not in ALERT_LEVELS or not _is_text(alert.text):
                    report.add(f"ayni_alerts: alert {alert.key!r} needs a level ({', '.join(ALERT_LEVELS)}) "
                               "and a Text(es, en)")
            for document in _collect(pm, "ayni_documents", Document, report, visit=visit, store=None):
                if not _namespaced(document.key, {spec.key}) or not _is_text(document.label) \
                        or not callable(document.render):
                    report.add(f"ayni_documents: document {document.key!r} needs a namespaced key, a Text "
                               "label and a render function")
            for lang in ("es", "en"):
                for section in _collect(pm, "ayni_pdf_sections", PdfSection, report, visit=visit, lang=lang,
                                        store=None):
                    if not isinstance(section.title, str) or not isinstance(section.html, str):
                        report.add("ayni_pdf_sections: a section's title and html must be text")


def _row_counts(store) -> dict[str, int]:
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: store.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def _patient(store):
    """A patient to open the contract's encounters for."""
    from ..people import patients

    return patients.register(store, {"given_names": "Prueba", "paternal_surname": "Contrato", "sex": "F",
                                     "age_years": "40", "id_kind": "none"})


def _check_dispense(store, specialties: list[Specialty], equipment: list[EquipmentItem], report: _Report) -> None:
    """``ayni_dispense`` answers ``None`` for an item that is not the plugin's, and refuses an empty
    fitting of each of its fitted items with a :class:`ValidationError`, writing nothing."""
    from ..clinical import encounters
    from .. import stock

    answer = store.plugins.hook.ayni_dispense(store=store, encounter_id="contract-encounter",
                                              item_key="contract_other_specialty.item", quantity=1,
                                              attributes={}, fitting=None)
    if answer is not None:
        report.add("ayni_dispense handed out an item that is not the plugin's (return None for those)")
    fitted = [item for item in equipment if item.fitting_form]
    if not fitted or not specialties:
        return
    patient = _patient(store)
    for item in fitted:
        owner = next((s for s in specialties if item.key.startswith(f"{s.key}.")), specialties[0])
        encounter = encounters.open_encounter(store, patient.id, owner.key, owner.stations[0])
        before = _row_counts(store)
        try:
            stock.hand_out(store, encounter.id, item.key, 1, {}, {})
            report.add(f"ayni_dispense handed out {item.key!r} with an empty fitting form")
        except ValidationError:
            pass
        except Exception as error:
            report.add(f"ayni_dispense raised {type(error).__name__} for {item.key!r} with an empty fitting "
                       f"(refuse with a ValidationError naming the form's fields): {error}")
        if _row_counts(store) != before:
            report.add(f"ayni_dispense wrote something although it refused {item.key!r}")


def _check_suggested_size(store, specialties: list[Specialty], equipment: list[EquipmentItem],
                          report: _Report) -> None:
    """``ayni_suggested_size`` answers ``None`` for an item that is not the plugin's and, for its own on
    an encounter with nothing saved, ``None`` or text attributes; it writes nothing."""
    from ..clinical import encounters

    hook = store.plugins.hook.ayni_suggested_size
    if hook(store=store, encounter_id="contract-encounter", item_key="contract_other_specialty.item") is not None:
        report.add("ayni_suggested_size suggested a size for an item that is not the plugin's (return None for those)")
    if not specialties or not equipment or not hook.get_hookimpls():
        return
    patient = _patient(store)
    encounter = encounters.open_encounter(store, patient.id, specialties[0].key, specialties[0].stations[0])
    before = _row_counts(store)
    for item in equipment:
        answer = hook(store=store, encounter_id=encounter.id, item_key=item.key)
        if answer is not None and not (isinstance(answer, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in answer.items())):
            report.add(f"ayni_suggested_size: {item.key!r} must be None or {{attribute: text}}, not {answer!r}")
    if _row_counts(store) != before:
        report.add("ayni_suggested_size wrote something (it must only read)")


def _check_suggested_detail(store, specialties: list[Specialty], procedures: list[ProcedureCode],
                            report: _Report) -> None:
    """``ayni_suggested_detail`` answers ``None`` for a code that is not the plugin's and, for each of
    its own on an encounter with nothing in it, ``None`` or a list of detail dicts."""
    from ..clinical import encounters

    hook = store.plugins.hook.ayni_suggested_detail
    if not specialties or not hook.get_hookimpls():
        return
    encounter = encounters.open_encounter(store, _patient(store).id, specialties[0].key, specialties[0].stations[0])
    visit = encounters.get_encounter_record(store, encounter.id)
    if hook(visit=visit, code="contract_other_specialty.procedure") is not None:
        report.add("ayni_suggested_detail offered a detail for a code that is not the plugin's (return None for those)")
    for procedure in procedures:
        answer = hook(visit=visit, code=procedure.code)
        if answer is not None and not (isinstance(answer, list) and all(isinstance(d, dict) for d in answer)):
            report.add(f"ayni_suggested_detail: {procedure.code!r} must be None or a list of details, not {answer!r}")


def _check_ui_hooks(pm, store, forms: list[FormSpec], report: _Report) -> None:
    """Each widget factory builds a widget with a ``value`` for a field that uses it, and each screen
    factory builds a Textual ``Screen``."""
    from textual.screen import Screen
    from textual.widget import Widget

    for mapping in _collect_raw(pm, "ayni_tui_widgets", report):
        for name, factory in mapping.items():
            fields = [f for spec in forms for f in spec.fields if name in (f.widget, f.type.value)]
            for field in fields[:1]:
                try:
                    widget = factory(field, None, "es")
                    widget.value  # noqa: B018 - the UI reads it on save
                except Exception as error:
                    report.add(f"ayni_tui_widgets: the widget {name!r} for field {field.key!r} failed: "
                               f"{type(error).__name__}: {error}")
                    continue
                if not isinstance(widget, Widget):
                    report.add(f"ayni_tui_widgets: the widget {name!r} is a {type(widget).__name__}, not a Textual widget")
    for screen in _collect(pm, "ayni_tui_screens", TuiScreen, report):
        try:
            built = screen.factory(store, "es")
        except Exception as error:
            report.add(f"ayni_tui_screens: the screen {screen.key!r} failed: {type(error).__name__}: {error}")
            continue
        if not isinstance(built, Screen):
            report.add(f"ayni_tui_screens: the screen {screen.key!r} is a {type(built).__name__}, not a Textual Screen")


def _check_store_hooks(pm, specialties: list[Specialty], equipment: list[EquipmentItem], forms: list[FormSpec],
                       procedures: list[ProcedureCode], report: _Report) -> None:
    """Open an in-memory database with only this plugin (running its migrations), ask for its report
    rows for the whole campaign and for today, hand out its fitted items, and build its widgets and
    screens."""
    from ..campaign.campaigns import create
    from .plugins import Plugins
    from ..storage.store import open_store

    keys = {s.key for s in specialties}
    for migrations in _collect_raw(pm, "ayni_migrations", report):
        name = getattr(migrations, "name", None)
        if name not in keys:
            report.add(f"ayni_migrations: the set is named {name!r}; name it after the specialty key")
    try:
        store = open_store(":memory:", user="contract", plugins=Plugins(pm))
    except Exception as error:
        report.add(f"a database cannot be opened with this plugin: {type(error).__name__}: {error}")
        return
    try:
        today = today_in_lima()
        campaign = create(store, "Contrato", "medical", today, today)
        for day in (None, today):
            for row in _collect(pm, "ayni_report_rows", ReportRow, report, store=store, campaign=campaign, day=day):
                if row.specialty not in keys:
                    report.add(f"ayni_report_rows: a row names specialty {row.specialty!r}, not one of its own")
                if not _is_text(row.label):
                    report.add("ayni_report_rows: a row's label must be a Text(es, en)")
                if isinstance(row.value, bool) or not isinstance(row.value, (int, Decimal)):
                    report.add(f"ayni_report_rows: value {row.value!r} must be an int or Decimal")
        _check_dispense(store, specialties, equipment, report)
        _check_suggested_size(store, specialties, equipment, report)
        _check_suggested_detail(store, specialties, procedures, report)
        _check_ui_hooks(pm, store, forms, report)
    finally:
        store.close()


def _check_permissions(mapping, keys: set[str], report: _Report) -> None:
    from ..people.users import PERMISSIONS, Permission

    if not isinstance(mapping, dict):
        report.add("ayni_permissions must return a dict of action name to Permission")
        return
    for action, permission in mapping.items():
        if not isinstance(permission, Permission) or not _is_text(permission.label):
            report.add(f"ayni_permissions: {action!r} needs a Permission with a Text label")
        if not _namespaced(str(action), keys) or action in PERMISSIONS:
            report.add(f"ayni_permissions: {action!r} must be namespaced by the plugin's specialty key "
                       "(a core action cannot be redefined)")


def _collect_raw(pm, hook: str, report: _Report) -> list:
    try:
        return [r for r in getattr(pm.hook, hook)() if r is not None]
    except Exception as error:
        report.add(f"{hook} raised {type(error).__name__}: {error}")
        return []


# -- the public checks -------------------------------------------------------------------------

def _declarations(pm, hook: str, kind: type, report: _Report, check: Callable, what: str,
                  key_of: Callable = lambda item: item.key, twice: str = "") -> list:
    """What the plugin declares through ``hook``: each item checked, and a key declared twice reported."""
    items = _collect(pm, hook, kind, report)
    for item in items:
        check(item)
    for key in _duplicates(key_of(item) for item in items):
        report.add(f"{what} {key!r} is declared twice{twice}")
    return items


def check_plugin(plugin, name: str | None = None, run_hooks: bool = True) -> list[str]:
    """Every problem with one plugin, checked on its own (no other plugin loaded).

    Checks that it registers (hook names and arguments match :mod:`ayni.core.hooks.hookspecs`), that each
    hook returns a list of the right records, that keys and codes are unique and namespaced by its
    specialty key, fees are ``Decimal`` ≥ 0 with at most 2 decimals, forms are well formed, labels
    are :class:`Text`, diagnosis codes look like ICD-10, each specialty's forms and each item's
    ``fitting_form`` and ``procedure`` exist (an item with a fitting form needs the plugin's
    ``ayni_dispense``), each translation
    domain is named after its specialty, compiled and keeps its placeholders. With
    ``run_hooks`` it also calls the PDF, validation, migration and report hooks on an empty
    encounter and an in-memory database, hands out each fitted item with an empty fitting (which
    must be refused cleanly), and builds every widget and screen the plugin offers.
    """
    report = _Report(name or getattr(plugin, "__name__", type(plugin).__name__))
    pm = _manager(plugin, report.name, report)
    if pm is None:
        return report.problems
    specialties = _declarations(pm, "ayni_specialties", Specialty, report, lambda s: _check_specialty(s, report),
                                "specialty")
    keys = {s.key for s in specialties}
    own_targets = _declarations(pm, "ayni_procedure_targets", ProcedureTarget, report,
                                lambda t: _check_target(t, report), "procedure target")
    targets = TARGETS | {t.key for t in own_targets}
    procedures = _declarations(pm, "ayni_procedure_codes", ProcedureCode, report,
                               lambda c: _check_procedure(c, keys, report, targets), "procedure",
                               key_of=lambda p: p.code)
    _declarations(pm, "ayni_diagnosis_codes", DiagnosisCode, report, lambda c: _check_diagnosis(c, report),
                  "diagnosis", key_of=lambda d: d.code)
    equipment = _declarations(pm, "ayni_equipment", EquipmentItem, report,
                              lambda e: _check_equipment(e, keys, report), "equipment")
    forms = _declarations(pm, "ayni_forms", FormSpec, report, lambda f: _check_form(f, keys, report), "form",
                          twice=" (raise the version instead)")
    form_keys = {f.key for f in forms}
    for spec in specialties:
        for key in spec.forms:
            if key not in form_keys:
                report.add(f"specialty {spec.key!r} lists form {key!r}, which the plugin does not declare")
    fitted = [item for item in equipment if item.fitting_form is not None]
    for item in fitted:
        if item.fitting_form not in form_keys:
            report.add(f"equipment {item.key!r}: fitting_form {item.fitting_form!r} is not a form the plugin "
                       "declares (return it from ayni_forms)")
    codes = {p.code for p in procedures}
    for item in equipment:
        if item.procedure is not None and item.procedure not in codes:
            report.add(f"equipment {item.key!r}: procedure {item.procedure!r} is not a procedure code the plugin "
                       "declares (return it from ayni_procedure_codes)")
    if fitted and not pm.hook.ayni_dispense.get_hookimpls():
        report.add(f"equipment {fitted[0].key!r} has a fitting_form, so the plugin must implement "
                   "ayni_dispense (check the fitting and hand it out)")

    medicines = _collect(pm, "ayni_formulary", Medicine, report)
    for medicine in medicines:
        _check_medicine(medicine, keys, report)
    for key in _duplicates([*(m.key for m in medicines), *(e.key for e in equipment)]):
        report.add(f"stock item {key!r} is declared twice (medicine and equipment keys share one inventory)")

    for screen in _collect(pm, "ayni_tui_screens", TuiScreen, report):
        if not _namespaced(screen.key, keys) or not _is_text(screen.label) or not callable(screen.factory):
            report.add(f"ayni_tui_screens: screen {screen.key!r} needs a namespaced key, a Text label and a factory")

    for mapping in _collect_raw(pm, "ayni_permissions", report):
        _check_permissions(mapping, keys, report)

    widgets = _collect_raw(pm, "ayni_tui_widgets", report)
    for mapping in widgets:
        if not isinstance(mapping, dict) or not all(callable(f) for f in mapping.values()):
            report.add("ayni_tui_widgets must return a dict of field type to widget factory")

    for catalogue in _collect(pm, "ayni_catalogues", Catalogue, report):
        _check_catalogue(catalogue, keys, report)

    if run_hooks and not report.problems:
        _check_visit_hooks(pm, specialties, report)
        _check_store_hooks(pm, specialties, equipment, forms, procedures, report)
    return report.problems


def _declared(plugin, hook: str) -> list:
    impl = getattr(plugin, hook, None)
    if impl is None:
        return []
    try:
        result = impl()
    except Exception:
        return []  # check_plugin reports it
    return list(result or [])


def check_plugins(plugins, run_hooks: bool = True) -> list[str]:
    """Every problem with an installation (a :class:`ayni.core.Plugins`): each plugin's own
    :func:`check_plugin`, plugins that failed to load, and clashes between plugins (a specialty,
    code, form, stock item or screen key claimed twice; one ICD-10 code given different labels)."""
    problems = [f"{f.name}: failed to load: {f.error}" for f in plugins.failures]
    owners: dict[tuple[str, str], str] = {}
    diagnosis_labels: dict[str, tuple[str, Text]] = {}
    declarations: list[tuple[str, str, Callable]] = [
        ("specialty", "ayni_specialties", lambda s: s.key),
        ("procedure", "ayni_procedure_codes", lambda p: p.code),
        ("form", "ayni_forms", lambda f: f.key),
        ("stock item", "ayni_equipment", lambda e: e.key),
        ("stock item", "ayni_formulary", lambda m: m.key),
        ("screen", "ayni_tui_screens", lambda s: s.key),
    ]
    for name, plugin in plugins.pm.list_name_plugin():
        problems.extend(check_plugin(plugin, name, run_hooks=run_hooks))
        for kind, hook, key_of in declarations:
            for item in _declared(plugin, hook):
                key = key_of(item)
                other = owners.setdefault((kind, key), name)
                if other != name:
                    problems.append(f"{name}: {kind} {key!r} is already declared by {other}")
        for code in _declared(plugin, "ayni_diagnosis_codes"):
            other, label = diagnosis_labels.setdefault(code.code, (name, code.label))
            if other != name and label != code.label:
                problems.append(f"{name}: diagnosis {code.code!r} is labelled differently by {other}")
    return problems


def assert_plugin_ok(plugin, name: str | None = None) -> None:
    """For a plugin's own tests: fail with every contract problem listed, one per line."""
    problems = check_plugin(plugin, name)
    assert not problems, "the plugin breaks the Ayni contract:\n" + "\n".join(problems)
