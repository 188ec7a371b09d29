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
def ayni_pdf_sections(visit, lang, store):
    """Return HTML fragments for the visit summary of ``visit``: a list of :class:`ayni.core.PdfSection`.

    Escape every value taken from the record (``ayni.core.escape``). ``lang`` is ``"es"`` or
    ``"en"``. Return nothing for encounters of other specialties.

    ``store`` is the open :class:`ayni.core.Store` the visit was read from, for what lies outside
    the visit (the patient's earlier encounters, what was dispensed); only read from it. It is
    ``None`` when no database is at hand (the contract's checks), so use it only if given. An
    implementation that does not need it simply leaves the argument out.
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
    """Return ``{name: widget_factory}`` for the widgets this plugin draws itself.

    A field uses the widget named by its ``Field.widget`` (``"dental.odontogram"``); a name that is a
    ``FieldType`` value replaces the generic widget for every field of that type.
    ``widget_factory(field, value, lang)`` returns a Textual widget with a ``value`` property.
    """


@hookspec
def ayni_documents(visit):
    """Return the further documents this plugin offers for ``visit`` beyond the visit summary (a
    glasses prescription, a referral letter): a list of :class:`ayni.core.Document`.

    Offer a document only when the visit has what it prints (no prescription without a refraction);
    ``render(store, encounter_id, lang)`` returns the PDF bytes (see ``ayni.core.pdf.render``).
    Return nothing for encounters of other specialties.
    """


@hookspec
def ayni_encounter_closing(store, visit):
    """Called inside the transaction that closes an encounter, before it commits: write what closing
    implies (hand out stock, open a referral, place an order) through the core APIs.

    Raise :class:`ayni.core.ValidationError` to refuse the close: the encounter stays open and
    nothing any plugin wrote here is kept. Only act on encounters of your own specialty.
    """


@hookspec
def ayni_encounter_closed(store, visit):
    """Called after an encounter is closed and committed. React to it (a referral, stock); return nothing."""


@hookspec
def ayni_tui_screens():
    """Return the whole screens this plugin adds to the terminal UI (a surgical schedule, a
    screening list): a list of :class:`ayni.core.TuiScreen`.

    The UI lists them in its menu and command palette; ``factory(store, lang)`` returns a Textual
    ``Screen``. Import Textual inside the factory's module, never at plugin import, so the core and
    the CLI stay light.
    """
