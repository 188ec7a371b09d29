"""The Ayni engine. Everything a plugin or the UI may use is importable from here.

Subpackages by subject: ``storage``, ``people`` (``patients``, ``users``), ``campaign``, ``clinical``
(``encounters``, ``forms``, ``referrals``, …), ``money`` (``fees``, ``payments``, ``cashier``),
``stock``, ``documents`` (``pdf``, which imports WeasyPrint only when called, ``sections`` and
``reporting``, helpers for plugins, ``reports``) and ``hooks`` (the hookspecs and the plugin manager).
"""

import importlib

from . import _moved
from ._moved import renamed_fields

#: Where each public name lives, imported the first time it is asked for: ``import ayni.core`` (which
#: every ``ayni.core.…`` import runs first) stays cheap, so the UI paints before the rest of the core loads.
_LAZY = {
    "campaign.demo": ("DemoDay",),
    "clinical.acknowledgements": ("Acknowledgement", "NeedsAcknowledgement", "SoftStop"),
    "clinical.encounters": ("EncounterRecord", "ProcedureEntry"),
    "clinical.measures": ("latest_weight", "person_weight"),
    "clinical.forms": ("BODY_SIDES", "EYES", "PERMANENT_TEETH", "PRIMARY_TEETH", "Choice", "Field", "FieldType",
        "FormSpec", "display_value", "max_input_length", "validate_form"),
    "documents.labels": ("Label",),
    "errors": ("AyniError", "FieldError", "StoreError", "ValidationError"),
    "formatting": ("format_date", "format_money", "format_number", "signed_number"),
    "exchange.records": ("Measurement", "MedicationOrder", "ProcedureDone", "Vaccination"),
    "hooks.declarations": ("Alert", "DiagnosisCode", "Document", "EquipmentItem", "Medicine", "PdfSection",
        "ProcedureCode", "ProcedureTarget", "ReportRow", "Specialty", "TuiScreen"),
    "hooks.plugins": ("Plugins", "default_plugins", "hookimpl", "load_plugins"),
    "catalogues": ("Catalogue",),
    "i18n": ("DEFAULT_LANG", "LANGUAGES", "Plural", "Text", "counted", "document_language", "document_languages",
        "fold", "join_texts", "lower_first", "phrase", "t"),
    "storage.lifecycle": ("StatusFlow", "next_revision"),
    "model": ("Campaign", "Diagnosis", "Encounter", "EncounterStatus", "FormData", "Guardian", "Identifier",
        "IdKind", "Patient", "Payment", "Procedure", "Sex", "Site", "User"),
    "money.fees": ("CENT", "SLIDING_LEVELS", "PaymentKind", "PaymentMethod", "format_soles", "parse_soles"),
    "people.alerts": ("AlertFinding", "PersonAlert", "PregnancyStatus", "pregnancy_status"),
    "people.merges": ("kept_record", "of_same_person", "person_of"),
    "people.users": ("ADMIN", "CASHIER", "COORDINATOR", "PHARMACY", "REGISTRATION", "TRIAGE", "AccessDenied",
        "Permission", "require"),
    "storage.store": ("Store", "default_db_path", "open_store"),
    "storage.formnumbers": ("numbers_in_stored_forms",),
    "storage.views": ("Column", "View"),
    # built on sqlite-utils, which is imported when a store opens
    "storage.migrations": ("Migrations", "keep_rows", "refer_to_users", "rename_columns"),
}


def escape(value) -> str:
    """HTML-escape a value for a PDF section."""
    from markupsafe import escape as _escape

    return str(_escape("" if value is None else value))


__all__ = [
    "Alert", "AyniError", "BODY_SIDES", "CENT", "Campaign", "Choice", "DEFAULT_LANG", "Diagnosis", "DiagnosisCode", "Document",
    "EYES", "Encounter", "Label", "EncounterStatus", "EquipmentItem", "Field", "FieldError", "FieldType", "FormData",
    "FormSpec", "Guardian", "max_input_length", "IdKind", "Medicine", "Identifier", "LANGUAGES", "Migrations", "keep_rows", "refer_to_users", "rename_columns", "StatusFlow", "next_revision", "join_texts", "PERMANENT_TEETH",
    "PRIMARY_TEETH", "Patient", "Payment", "PaymentKind", "PaymentMethod", "PdfSection", "Plugins",
    "Procedure", "ProcedureCode", "ProcedureEntry", "ProcedureTarget", "ReportRow", "SLIDING_LEVELS", "Sex", "Site",
    "Specialty", "Store", "TuiScreen", "StoreError", "Text", "Plural", "User", "ValidationError", "EncounterRecord", "default_db_path",
    "default_plugins", "display_value", "escape", "fold", "format_soles", "hookimpl", "load_plugins",
    "open_store", "parse_soles", "t", "validate_form",
    "Measurement", "MedicationOrder", "ProcedureDone", "Vaccination",
    "ADMIN", "AccessDenied", "CASHIER", "COORDINATOR", "PHARMACY", "Permission", "REGISTRATION", "TRIAGE", "require",
    "of_same_person", "person_of", "kept_record", "document_language", "lower_first",
    "AlertFinding", "PersonAlert", "PregnancyStatus", "pregnancy_status",
    "Acknowledgement", "NeedsAcknowledgement", "SoftStop", "latest_weight", "person_weight",
    "Catalogue", "document_languages",
    "format_date", "format_money", "format_number", "signed_number", "phrase", "counted",
    "DemoDay",
    "Column", "View", "numbers_in_stored_forms",
    "renamed_fields",
]

_moved.install()


#: Public name → the module (relative to this package) that defines it.
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str):
    """Import a public name's module the first time the name is asked for (PEP 562)."""
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value  # asked once: the next lookup is an ordinary global
        return value
    if name == "Visit":  # the old name, kept for a release
        from .clinical import encounters

        return encounters.Visit  # warns
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
