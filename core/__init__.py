"""The Ayni engine. Everything a plugin or the UI may use is importable from here.

Subpackages by subject: ``storage``, ``people`` (``patients``, ``users``), ``campaign``, ``clinical``
(``encounters``, ``forms``, ``referrals``, …), ``money`` (``fees``, ``payments``, ``cashier``),
``stock``, ``documents`` (``pdf``, which imports WeasyPrint only when called, ``sections`` and
``reporting``, helpers for plugins, ``reports``) and ``hooks`` (the hookspecs and the plugin manager).
"""

from . import _moved
from ._moved import renamed_fields

from .campaign.demo import DemoDay
from .clinical.acknowledgements import Acknowledgement, NeedsAcknowledgement, SoftStop
from .clinical.encounters import EncounterRecord, ProcedureEntry
from .clinical.measures import latest_weight
from .clinical.forms import (
    BODY_SIDES, EYES, PERMANENT_TEETH, PRIMARY_TEETH, Choice, Field, FieldType, FormSpec, display_value,
    max_input_length, validate_form,
)
from .documents.labels import Label
from .errors import AyniError, FieldError, StoreError, ValidationError
from .formatting import format_date, format_money, format_number
from .exchange.records import Measurement, MedicationOrder, ProcedureDone, Vaccination
from .hooks.declarations import (
    Alert, DiagnosisCode, Document, EquipmentItem, Medicine, PdfSection, ProcedureCode, ProcedureTarget, ReportRow,
    Specialty, TuiScreen,
)
from .hooks.plugins import Plugins, default_plugins, hookimpl, load_plugins
from .catalogues import Catalogue
from .i18n import (
    DEFAULT_LANG, LANGUAGES, Plural, Text, counted, document_language, document_languages, fold, join_texts, lower_first,
    phrase, t,
)
from .storage.lifecycle import StatusFlow, next_revision
from .model import (
    Campaign, Diagnosis, Encounter, EncounterStatus, FormData, Guardian, Identifier, IdKind, Patient, Payment,
    Procedure, Sex, Site, User,
)
from .money.fees import CENT, SLIDING_LEVELS, PaymentKind, PaymentMethod, format_soles, parse_soles
from .people.alerts import AlertFinding, PersonAlert, PregnancyStatus, pregnancy_status
from .people.merges import kept_record, of_same_person, person_of
from .people.users import (
    ADMIN, CASHIER, COORDINATOR, PHARMACY, REGISTRATION, TRIAGE, AccessDenied, Permission, require,
)
from .storage.store import Store, default_db_path, open_store
from .storage.formnumbers import numbers_in_stored_forms
from .storage.views import Column, View


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
    "Acknowledgement", "NeedsAcknowledgement", "SoftStop", "latest_weight",
    "Catalogue", "document_languages",
    "format_date", "format_money", "format_number", "phrase", "counted",
    "DemoDay",
    "Column", "View", "numbers_in_stored_forms",
    "renamed_fields",
]

_moved.install()


def __getattr__(name: str):
    if name in ("Migrations", "keep_rows", "refer_to_users", "rename_columns"):  # built on sqlite-utils, which is imported when a store opens
        from .storage import migrations

        return getattr(migrations, name)
    if name == "Visit":  # the old name, kept for a release
        from .clinical import encounters

        return encounters.Visit  # warns
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
