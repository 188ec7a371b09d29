"""Every hook a plugin can implement. These docstrings are the plugin author's documentation
(``docs/plugins.md`` is the guide around them).

Implement a hook with ``@ayni.core.hookimpl`` on a module-level function of the same name; return
the value described. Hooks returning lists are collected from every plugin. An implementation may
take only the arguments it needs, by name (``def ayni_pdf_sections(visit, lang)``), but never one
the hook does not have: such a plugin fails to load. A misspelt hook name is silently ignored when
Ayni loads the plugin; the contract check (``ayni.core.contract.check_plugin``) reports it.

The hooks about one visit are called for every encounter, whatever its specialty: look at
``visit.encounter.specialty`` and return nothing (or do nothing) for encounters that are not yours.
A hook that raises breaks the operation that called it for everyone (a save, the visit summary);
only ``ayni_report_rows`` and the screens of ``ayni_tui_screens`` are isolated per plugin.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("ayni")


@hookspec
def ayni_specialties():
    """Return the specialties this plugin offers: a list of :class:`ayni.core.Specialty`.

    The key of a specialty (``a-z``, digits, ``_``) is also the namespace of everything else the
    plugin declares (``dental`` → ``dental.extraction``, ``dental.exam``). Give every station a
    label in ``station_labels``; ``forms`` lists the form keys filled in this specialty, in order,
    and ``station_forms`` narrows them per station (a station it does not name gets them all).
    """


@hookspec
def ayni_procedure_codes():
    """Return this plugin's procedure catalogue: a list of :class:`ayni.core.ProcedureCode`.

    Codes are our own, namespaced by specialty key; fees are suggested fees in soles (``Decimal``,
    never negative, at most 2 decimals). ``target`` is what the procedure is done on (``patient``,
    ``mouth``, ``tooth``, ``eye``, ``limb``). Do not ship licensed code sets (CPT, CDT); map to free
    ones in ``mappings``.
    """


@hookspec
def ayni_diagnosis_codes():
    """Return the ICD-10 codes this plugin bundles: a list of :class:`ayni.core.DiagnosisCode`.

    The codes of every plugin are merged into one list that diagnosis pickers search. A code
    another plugin already bundles must carry the very same label, or the installation check
    (``ayni.core.contract.check_plugins``) reports the clash.
    """


@hookspec
def ayni_forms():
    """Return this plugin's encounter forms: a list of :class:`ayni.core.FormSpec`.

    Form keys are namespaced (``general.triage``) and versioned: change a form by raising its
    version; stored data keeps the version it was filled with. List the keys in your
    :class:`ayni.core.Specialty` ``forms`` so that encounters show them.
    """


@hookspec
def ayni_equipment():
    """Return the items this plugin dispenses: a list of :class:`ayni.core.EquipmentItem`.

    Items are kept in the one inventory (``ayni.core.stock``) with the attributes that size or fit
    them (``("power",)``) and optionally their own ``low_stock`` level.
    """


@hookspec(firstresult=True)
def ayni_dispense(store, encounter_id, item_key, quantity, attributes, fitting):
    """Hand out ``quantity`` of one of your items for an encounter yourself, when handing it out
    needs more than taking it from stock: usually checking its fitting. Called by
    ``ayni.core.stock.hand_out`` (the UI's «Entregas» tab) for every item; return ``None`` for items
    that are not yours, and the first plugin to return something else has handed it out.

    ``attributes`` is the size chosen among those in stock (``{}``: none chosen; your fitting may
    pick the lot itself); ``fitting`` holds the raw values of the item's ``fitting_form`` as typed
    (``None`` when the item has none). Validate, then take the item out with
    ``ayni.core.stock.dispense`` and record what you need, all inside one ``store.write()``; refuse
    with :class:`ayni.core.ValidationError` naming the fitting form's fields (nothing written).
    Return what you recorded (any object but ``None``).
    """


@hookspec
def ayni_formulary():
    """Return the medicines this plugin prescribes and dispenses: a list of :class:`ayni.core.Medicine`.

    ``Medicine("general.amoxicillin_500", Text("Amoxicilina", "Amoxicillin"), "500 mg", "capsule")``:
    a namespaced key, the generic name, the strength as printed on the box, a dosage form (a key of
    ``ayni.core.catalog.MEDICINE_FORMS``) and optionally ``low_stock``, how few units left is low.
    Medicines share one inventory with equipment (``ayni.core.stock``): receive them in lots with
    an expiry, and hand them out with ``stock.dispense(store, encounter_id, key, quantity,
    reference=...)``, which takes the lot that expires first and never an expired one.
    """


@hookspec
def ayni_validate_encounter(visit, store):
    """Check a whole encounter beyond single fields and forms.

    Called on every save of an encounter (``ayni.core.encounters.save``), after each form passed
    its own validation and before anything is written. ``visit`` is an :class:`ayni.core.Visit`
    holding the encounter, patient, forms, procedures and diagnoses as they would be after the
    save; ``visit.form(key)`` gives the values as stored (JSON: a decimal or a date is a string).
    Return a list of :class:`ayni.core.FieldError` (empty when all is well); any error refuses the
    save and nothing is written. Return ``[]`` for encounters of other specialties.

    ``store`` (read only) is for what lies outside the visit (an allergy recorded at triage, in the
    patient's other encounter); it is ``None`` when no database is at hand (the contract's checks).
    An implementation that does not need it simply leaves the argument out.
    """


@hookspec
def ayni_pdf_sections(visit, lang, store):
    """Return HTML fragments for the visit summary of ``visit``: a list of :class:`ayni.core.PdfSection`.

    Called each time a visit summary is printed (``ayni.core.pdf.render_visit``). The summary
    already prints the patient, the encounter, diagnoses, procedures and the payment: add what only
    your specialty knows (usually your forms, through ``ayni.core.sections.visit_sections``).
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

    ``day`` is a ``datetime.date`` for a daily report or ``None`` for the whole campaign
    (``ayni.core.reporting`` counts for you, with days taken in Lima time). Every row names your
    specialty; ``value`` is an ``int`` or a ``Decimal``. Each plugin is asked on its own: if yours
    raises, the report is still printed, with a warning instead of your figures.

    Each ``group`` becomes a table in the specialty's section of the report, in the order given and
    titled after the group (the core knows the titles of its usual groups, ``encounters``,
    ``diagnoses``, ``referrals`` …; any other is its key capitalised, the same in both languages),
    except these, which the core report places itself (``ayni.core.reports.figures``):
    ``operations`` and ``vaccines`` go to the report's «Operaciones» and «Dosis de vacunas» tables
    (one row per kind; no total row needed), ``headline`` rows are quoted among the headline figures
    («12 operaciones realizadas»: label the row as the phrase after the number), and ``procedures``
    rows are not repeated (the core table of procedures by code has them). A group whose figures
    are all zero is not printed.
    """


@hookspec
def ayni_alerts(visit, store):
    """Return what a person must notice about ``visit``: a list of :class:`ayni.core.Alert` (a
    dangerous vital sign, a safety answer in a screening, an allergy), each with a level
    (``danger``, ``warning`` or ``info``) and a :class:`ayni.core.Text`.
    ``ayni.core.alerts.collect(store, visit)`` gathers every plugin's, most serious first, for
    whatever shows them; the visit summary does not print them by itself (add them to your
    ``ayni_pdf_sections`` if they belong there).

    ``store`` (read only, may be ``None``) is for what lies outside the visit. Return nothing for
    encounters of other specialties.
    """


@hookspec
def ayni_permissions():
    """Return who may do the writes of this plugin: ``{action: ayni.core.Permission}``.

    Name each action after your specialty (``surgery.schedule``), give it a label a coordinator
    understands (``Text("programar operaciones", "schedule operations")``) and the roles that may
    (``Permission(label, frozenset({COORDINATOR}), clinician=True, specialty="surgery")``: the
    coordinator and surgery's own clinicians). Then call ``ayni.core.require(store,
    "surgery.schedule")`` before each such write: with access control on it refuses everyone else
    with a bilingual :class:`ayni.core.AccessDenied` and writes nothing; without it everything is
    allowed. ``require`` with a name nobody declared raises ``LookupError``, never allows. The
    actions appear with the core's in the README's table of who may do what; a plugin cannot
    redefine an action of the core.
    """


@hookspec
def ayni_migrations():
    """Return a ``sqlite_utils`` ``Migrations`` set (``ayni.core.Migrations("dental")``) for the
    tables this plugin needs beyond JSON form data. Name the set after the specialty key and each
    migration ``0001_…``, ``0002_…``; they run in the order declared when a database is opened,
    after the core's (so they may refer to core tables), each in a transaction, and are recorded so
    each runs once.

    Never edit, rename or remove a released migration: add the next one. A database that recorded
    a migration this plugin no longer has is refused as coming from a newer version.
    """


@hookspec
def ayni_tui_widgets():
    """Return ``{name: widget_factory}`` for the widgets this plugin draws itself.

    A field uses the widget named by its ``Field.widget`` (``"dental.odontogram"``); a name that is a
    ``FieldType`` value replaces the generic widget for every field of that type.
    ``widget_factory(field, value, lang)`` returns a Textual widget with a ``value`` property (the
    raw value the form validator receives; for a paired field, the whole ``{side: value}``).
    Import Textual inside this hook or the factory, never at plugin import.
    """


@hookspec
def ayni_documents(visit):
    """Return the further documents this plugin offers for ``visit`` beyond the visit summary (a
    glasses prescription, a referral letter): a list of :class:`ayni.core.Document`.

    Offer a document only when the visit has what it prints (no prescription without a refraction);
    ``render(store, encounter_id, lang)`` returns the PDF bytes (see ``ayni.core.pdf.render``).
    ``ayni.core.pdf.documents(store, visit)`` collects them; the UI prints them after the summary.
    Return nothing for encounters of other specialties.
    """


@hookspec
def ayni_encounter_closing(store, visit):
    """Called inside the transaction that closes an encounter, before it commits: write what closing
    implies (hand out stock, open a referral, place an order) through the core APIs
    (``ayni.core.stock.dispense``, ``ayni.core.referrals.refer``) or your own tables.

    ``visit`` is read after the status change (``visit.encounter.status`` is already closed).
    Raise :class:`ayni.core.ValidationError` to refuse the close: the encounter stays open and
    nothing any plugin wrote here is kept. Only act on encounters of your own specialty.
    """


@hookspec
def ayni_encounter_closed(store, visit):
    """Called after an encounter is closed and committed, for every specialty: react to it; return
    nothing. The close cannot be undone here: an exception propagates out of
    ``ayni.core.encounters.close`` although the encounter stays closed. Anything that must happen
    together with the close belongs in ``ayni_encounter_closing``."""


@hookspec
def ayni_tui_screens():
    """Return the whole screens this plugin adds to the terminal UI (a surgical schedule, a
    screening list): a list of :class:`ayni.core.TuiScreen`, keys namespaced.

    The UI lists them behind F3 («Más» / «More») on its search screen; ``factory(store, lang)``
    returns a Textual ``Screen``, and a factory that raises is reported while the app carries on.
    Import Textual inside the factory's module, never at plugin import, so the core and the CLI
    stay light.
    """
