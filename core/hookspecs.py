"""Every hook a plugin can implement. These docstrings are the plugin author's documentation.

Implement a hook with ``@ayni.core.hookimpl`` on a module-level function of the same name; return
the value described. Hooks returning lists are collected from every plugin.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("ayni")


@hookspec
def ayni_specialties():
    """Return the specialties this plugin offers: a list of :class:`ayni.core.Specialty`.

    The key of a specialty is also the namespace of everything else the plugin declares
    (``dental`` → ``dental.extraction``, ``dental.exam``).
    """


@hookspec
def ayni_procedure_codes():
    """Return this plugin's procedure catalogue: a list of :class:`ayni.core.ProcedureCode`.

    Codes are our own, namespaced by specialty key; fees are suggested fees in soles (``Decimal``,
    never negative). Do not ship licensed code sets (CPT, CDT); map to free ones in ``mappings``.
    """


@hookspec
def ayni_diagnosis_codes():
    """Return the ICD-10 codes this plugin bundles: a list of :class:`ayni.core.DiagnosisCode`.

    The codes of every plugin are merged into one list that diagnosis pickers search.
    """


@hookspec
def ayni_forms():
    """Return this plugin's encounter forms: a list of :class:`ayni.core.FormSpec`.

    Form keys are namespaced (``general.triage``) and versioned: change a form by raising its
    version; stored data keeps the version it was filled with.
    """


@hookspec
def ayni_equipment():
    """Return the items this plugin dispenses: a list of :class:`ayni.core.EquipmentItem`."""


@hookspec
def ayni_validate_encounter(visit):
    """Check a whole encounter beyond single fields and forms.

    ``visit`` is an :class:`ayni.core.Visit` holding the encounter, patient, forms, procedures and
    diagnoses as they would be after the change being saved. Return a list of
    :class:`ayni.core.FieldError` (empty when all is well); any error refuses the save and nothing is
    written. Only look at encounters of your own specialty.
    """


@hookspec
def ayni_pdf_sections(visit, lang):
    """Return HTML fragments for the visit summary of ``visit``: a list of :class:`ayni.core.PdfSection`.

    Escape every value taken from the record (``ayni.core.escape``). ``lang`` is ``"es"`` or
    ``"en"``. Return nothing for encounters of other specialties.
    """


@hookspec
def ayni_report_rows(store, campaign, day):
    """Return this plugin's figures for a campaign report: a list of :class:`ayni.core.ReportRow`.

    ``day`` is a ``datetime.date`` for a daily report or ``None`` for the whole campaign.
    """


@hookspec
def ayni_migrations():
    """Return a ``sqlite_utils`` ``Migrations`` set (``ayni.core.Migrations("dental")``) for the
    tables this plugin needs beyond JSON form data. Name the set after the specialty key; migrations
    run in order at open, each in a transaction, and are recorded so each runs once."""


@hookspec
def ayni_tui_widgets():
    """Return ``{field_type: widget_factory}`` for field types this plugin draws itself.

    ``widget_factory(field, value, lang)`` returns a Textual widget with a ``value`` property.
    """


@hookspec
def ayni_encounter_closed(store, visit):
    """Called after an encounter is closed and committed. React to it (a referral, stock); return nothing."""
