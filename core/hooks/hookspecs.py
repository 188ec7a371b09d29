"""Every hook a plugin can implement. These docstrings are the plugin author's documentation
(``docs/plugins.md`` is the guide around them, and a test keeps its list of hooks in step with this
module).

Implement a hook with ``@ayni.core.hookimpl`` on a module-level function of the same name; return
the value described. Hooks returning lists are collected from every plugin; a ``firstresult`` hook
stops at the first plugin that returns something other than ``None``. An implementation may take
only the arguments it needs, by name (``def ayni_pdf_sections(visit, lang)``), but never one the
hook does not have. A plugin with an argument the hook does not have, or with an ``ayni_*`` function
no hook here declares (a misspelt ``ayni_form``), is refused when Ayni loads it: ``ayni plugins``
lists it with the reason, and the other plugins still load.

The hooks about one visit are called for every encounter, whatever its specialty: look at
``visit.encounter.specialty`` and return nothing (or do nothing) for encounters that are not yours.
A hook that raises breaks the operation that called it for everyone (a save, the visit summary);
only ``ayni_report_rows``, ``ayni_commands`` and the screens of ``ayni_tui_screens`` are isolated
per plugin.

Set ``AYNI_TRACE_PLUGINS=1`` to see every hook call, its arguments and results, on standard error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

    from ..campaign.demo import DemoDay
    from ..catalogues import Catalogue
    from .declarations import (
        Alert, DiagnosisCode, Document, EquipmentItem, Medicine, PdfSection, ProcedureCode, ProcedureTarget,
        ReportRow, Specialty, TuiScreen,
    )
    from ..clinical.encounters import EncounterRecord
    from ..documents.labels import Label
    from ..i18n import Text
    from ..errors import FieldError
    from ..exchange.records import Measurement, MedicationOrder, ProcedureDone, Vaccination
    from ..clinical.forms import FormSpec
    from ..model import Campaign
    from ..storage.store import Store
    from ..people.users import Permission
    from ..people.alerts import AlertFinding
    from ..storage.views import View

hookspec = pluggy.HookspecMarker("ayni")


# -- what a plugin declares (called once, when first needed) -------------------------------------


@hookspec
def ayni_specialties() -> list[Specialty]:
    """Return the specialties this plugin offers.

    The key of a specialty (``a-z``, digits, ``_``) is also the namespace of everything else the
    plugin declares (``dental`` → ``dental.extraction``, ``dental.exam``). Give every station a
    label in ``station_labels``; ``forms`` lists the form keys filled in this specialty, in order,
    and ``station_forms`` narrows them per station (a station it does not name gets them all).

    :return: a list of :class:`ayni.core.Specialty`.
    """


@hookspec
def ayni_procedure_codes() -> list[ProcedureCode]:
    """Return this plugin's procedure catalogue.

    Codes are our own, namespaced by specialty key; fees are suggested fees in soles (``Decimal``,
    never negative, at most 2 decimals). ``target`` is what the procedure is done on: ``patient``,
    ``mouth``, ``tooth``, ``eye``, ``limb`` or a target of ``ayni_procedure_targets``. Do not ship licensed code sets (CPT, CDT): map to free
    ones in ``mappings``.

    :return: a list of :class:`ayni.core.ProcedureCode`.
    """


@hookspec
def ayni_procedure_targets() -> list[ProcedureTarget]:
    """Return what this plugin's procedures are done on, beyond the core's ``patient``, ``mouth``,
    ``tooth``, ``eye`` and ``limb`` (``ayni.core.hooks.declarations.CORE_TARGETS``): an ear, a finger.

    A :class:`ayni.core.ProcedureCode` names its target by key. When a procedure on a target with
    ``choices`` is added, the UI asks which one («oído derecho / izquierdo»), in the order declared,
    and stores the answer in the procedure's detail; documents print it with the target's labels.
    A plugin's procedures name the core's targets or its own; key yours after your specialty
    (``audiology.ear``).

    :return: a list of :class:`ayni.core.ProcedureTarget`.
    """


@hookspec
def ayni_diagnosis_codes() -> list[DiagnosisCode]:
    """Return the ICD-10 codes this plugin bundles.

    The codes of every plugin are merged into one list that diagnosis pickers search. A code
    another plugin already bundles must carry the very same label, or the installation check
    (``ayni.core.hooks.contract.check_plugins``) reports the clash.

    :return: a list of :class:`ayni.core.DiagnosisCode`.
    """


@hookspec
def ayni_forms() -> list[FormSpec]:
    """Return this plugin's encounter forms.

    Form keys are namespaced (``general.triage``) and versioned: change a form by raising its
    version; stored data keeps the version it was filled with. List the keys in your
    :class:`ayni.core.Specialty` ``forms`` so that encounters show them.

    :return: a list of :class:`ayni.core.FormSpec`.
    """


@hookspec
def ayni_equipment() -> list[EquipmentItem]:
    """Return the items this plugin dispenses.

    Items are kept in the one inventory (``ayni.core.stock``) with the attributes that size or fit
    them (``("power",)``) and optionally their own ``low_stock`` level.

    :return: a list of :class:`ayni.core.EquipmentItem`.
    """


@hookspec
def ayni_permissions() -> dict[str, Permission]:
    """Return who may do the writes of this plugin.

    Name each action after your specialty (``surgery.schedule``), give it a label a coordinator
    understands (``Text("programar operaciones", "schedule operations")``) and the roles that may
    (``Permission(label, frozenset({COORDINATOR}), clinician=True, specialty="surgery")``: the
    coordinator and surgery's own clinicians). Then call ``ayni.core.require(store,
    "surgery.schedule")`` before each such write: with access control on it refuses everyone else
    with a bilingual :class:`ayni.core.AccessDenied` and writes nothing; without it everything is
    allowed. ``require`` with a name nobody declared raises ``LookupError``, never allows. The
    actions appear with the core's in the README's table of who may do what; a plugin cannot
    redefine an action of the core.

    :return: ``{action: ayni.core.Permission}``.
    """


@hookspec
def ayni_formulary() -> list[Medicine]:
    """Return the medicines this plugin prescribes and dispenses.

    ``Medicine("general.amoxicillin_500", Text("Amoxicilina", "Amoxicillin"), "500 mg", "capsule")``:
    a namespaced key, the generic name, the strength as printed on the box, a dosage form (a key of
    ``ayni.core.hooks.declarations.MEDICINE_FORMS``) and optionally ``low_stock``, how few units left is low.
    Medicines share one inventory with equipment (``ayni.core.stock``): receive them in lots with
    an expiry, and hand them out with ``stock.dispense(store, encounter_id, key, quantity,
    reference=...)``, which takes the lot that expires first and never an expired one.

    :return: a list of :class:`ayni.core.Medicine`.
    """


# -- an encounter: checking, alerting, closing, handing out --------------------------------------


@hookspec
def ayni_validate_encounter(visit: EncounterRecord, store: Store | None) -> list[FieldError]:
    """Check a whole encounter beyond single fields and forms.

    Called on every save of an encounter (``ayni.core.clinical.encounters.save``), after each form passed
    its own validation and before anything is written. Any error refuses the save and nothing is
    written. A :class:`ayni.core.SoftStop` among them is a warning instead: the save is written once
    a reason is given for it (``encounters.save(..., acknowledged={warning.code: reason})``), and the
    reason is kept with the encounter. Return ``[]`` for encounters of other specialties.

    :param visit: the encounter, patient, forms, procedures and diagnoses as they would be after
        the save; ``visit.form(key)`` gives the values as stored (JSON: a decimal or a date is a
        string).
    :param store: read only, for what lies outside the visit (an allergy recorded at triage, in the
        patient's other encounter); ``None`` when no database is at hand (the contract's checks).
        An implementation that does not need it simply leaves the argument out.
    :return: a list of :class:`ayni.core.FieldError` (refusals) and :class:`ayni.core.SoftStop`
        (warnings), empty when all is well.
    """


@hookspec
def ayni_alerts(visit: EncounterRecord, store: Store | None) -> list[Alert]:
    """Return what a person must notice about ``visit`` (a dangerous vital sign, a safety answer in
    a screening, an allergy).

    ``ayni.core.clinical.alerts.collect(store, visit)`` gathers every plugin's, most serious first, for
    whatever shows them; the visit summary does not print them by itself (add them to your
    ``ayni_pdf_sections`` if they belong there). Return nothing for encounters of other specialties.

    :param visit: the encounter with its parts.
    :param store: read only, for what lies outside the visit; may be ``None``.
    :return: a list of :class:`ayni.core.Alert`, each with a level (``danger``, ``warning`` or
        ``info``) and a :class:`ayni.core.Text`.
    """


@hookspec
def ayni_person_alerts(visit: EncounterRecord) -> list[AlertFinding]:
    """Return what ``visit``'s forms, as just saved, record about the *person* that every station must
    see: a drug allergy, a pregnancy (its weeks or last period when known; ``ended=True`` for «not
    pregnant»), a chronic condition.

    Called by ``encounters.save`` inside its transaction; the core records what is new as the
    person's alerts (``ayni.core.people.alerts``), attributed to the user saving, and never removes
    one because a form no longer says it. Return nothing for encounters of other specialties.

    :param visit: the encounter with its forms as saved.
    :return: a list of :class:`ayni.core.AlertFinding`, each with ``source`` the form key it was found in.
    """


@hookspec
def ayni_form_prefill(visit: EncounterRecord, form_key: str, store: Store | None) -> dict[str, Any] | None:
    """Return the values form ``form_key`` starts with in ``visit`` when it has not been saved there
    yet (the consultation's allergy list from the person's recorded allergies), or ``None``.

    ``ayni.core.clinical.encounters.prefill`` merges every plugin's; nothing is saved until the
    person saves the form. The UI asks when it shows the encounter and again each time the person
    goes to the form's tab while it is not typed in, with the other forms as typed so far (the
    referral at «Urgente» once the safety action is «Referencia urgente»). Return nothing for forms
    that are not yours.

    :param visit: the encounter with its parts, its forms as saved or as typed so far.
    :param form_key: the key of the form about to be shown.
    :param store: read only (the person's alerts, their other encounters); may be ``None``.
    :return: raw values by field key, as a person would type them, or ``None``.
    """


@hookspec
def ayni_encounter_closing(store: Store, visit: EncounterRecord) -> None:
    """Write what closing an encounter implies (hand out stock, open a referral, place an order),
    inside the transaction that closes it, before it commits.

    Write through the core APIs (``ayni.core.stock.dispense``, ``ayni.core.clinical.referrals.refer``) or
    your own tables. Raise :class:`ayni.core.ValidationError` to refuse the close: the encounter
    stays open and nothing any plugin wrote here is kept. Only act on encounters of your own
    specialty.

    :param store: the store, inside the closing transaction (``store.write()`` is a savepoint here).
    :param visit: read after the status change (``visit.encounter.status`` is already closed).
    """


@hookspec
def ayni_encounter_closed(store: Store, visit: EncounterRecord) -> None:
    """React to an encounter that was closed and committed; called for every specialty.

    The close cannot be undone here: an exception propagates out of
    ``ayni.core.clinical.encounters.close`` although the encounter stays closed. Anything that must happen
    together with the close belongs in ``ayni_encounter_closing``.

    :param store: the store, after the commit.
    :param visit: the closed encounter with its parts.
    """


@hookspec(firstresult=True)
def ayni_dispense(store: Store, encounter_id: str, item_key: str, quantity: int, attributes: dict[str, str],
                  fitting: dict[str, Any] | None) -> object | None:
    """Hand out one of your items yourself, when handing it out needs more than taking it from
    stock: usually checking its fitting. ``firstresult``: the first plugin to return something other
    than ``None`` has handed it out.

    Called by ``ayni.core.stock.hand_out`` (the UI's «Entregas» tab) for every item. Validate, then
    take the item out with ``ayni.core.stock.dispense`` and record what you need, all inside one
    ``store.write()``; refuse with :class:`ayni.core.ValidationError` naming the fitting form's
    fields (nothing written).

    :param store: the store to write to.
    :param encounter_id: the encounter the item is handed out in.
    :param item_key: the namespaced key of the item; return ``None`` when it is not yours.
    :param quantity: how many, at least 1.
    :param attributes: the size chosen among those in stock (``{}``: none chosen; your fitting may
        pick the lot itself).
    :param fitting: the raw values of the item's ``fitting_form`` as typed (``None`` when the item
        has none).
    :return: what you recorded (any object but ``None``), or ``None`` for items that are not yours.
    """


@hookspec(firstresult=True)
def ayni_suggested_size(store: Store, encounter_id: str, item_key: str) -> dict[str, str] | None:
    """The size of one of your items that an encounter calls for, so that the «Entregas» tab starts
    its list of sizes there: readers at the power the plan asks for or the exam implies.
    ``firstresult``: the first plugin to answer something other than ``None`` decides.

    Read what the encounter has saved; never write. It is a suggestion: the person still chooses
    the size, and a size not in stock is simply not offered.

    :param store: the store to read from.
    :param encounter_id: the encounter the item would be handed out in.
    :param item_key: the namespaced key of the item; return ``None`` when it is not yours.
    :return: the stock attributes to start at (``{"power": "+2.00"}``), or ``None``.
    """


@hookspec(firstresult=True)
def ayni_suggested_detail(visit: EncounterRecord, code: str) -> list[dict[str, Any]] | None:
    """What one of your procedures, about to be added to ``visit``, is indicated for, so that the
    dialog asking what it was done on starts there: the teeth the odontogram marks for extraction
    when «Exodoncia» is added. ``firstresult``: the first plugin to answer something other than
    ``None`` decides.

    ``visit`` holds the forms as typed so far and the procedures added so far, saved or not
    (``ayni.core.clinical.suggestions.as_typed``): leave out what they already did. Read only; it is
    a suggestion, the person still confirms or changes it.

    :param visit: the encounter as it stands on screen.
    :param code: the procedure code being added; return ``None`` when it is not yours.
    :return: the details offered, in the shape the procedure's detail takes, the one to start with
        first (``[{"tooth": 36}, {"tooth": 46}]``); ``[]`` or ``None`` for none.
    """


# -- documents and reports ----------------------------------------------------------------------


@hookspec
def ayni_pdf_sections(visit: EncounterRecord, lang: str, store: Store | None) -> list[PdfSection]:
    """Return HTML fragments for the visit summary of ``visit``.

    Called each time a visit summary is printed (``ayni.core.documents.pdf.render_visit``). The summary
    already prints the patient, the encounter, diagnoses, procedures and the payment: add what only
    your specialty knows (usually your forms, through ``ayni.core.documents.sections.visit_sections``).
    Escape every value taken from the record (``ayni.core.escape``). Return nothing for encounters
    of other specialties.

    :param visit: the encounter with its parts.
    :param lang: ``"es"`` or ``"en"``.
    :param store: the open store the visit was read from, for what lies outside the visit (the
        patient's earlier encounters, what was dispensed); only read from it. ``None`` when no
        database is at hand (the contract's checks), so use it only if given; an implementation
        that does not need it simply leaves the argument out.
    :return: a list of :class:`ayni.core.PdfSection`.
    """


@hookspec
def ayni_documents(visit: EncounterRecord, store: Store | None) -> list[Document]:
    """Return the further documents this plugin offers for ``visit`` beyond the visit summary (a
    glasses prescription, a referral letter, a handout for what was dispensed).

    Offer a document only when the visit has what it prints (no prescription without a refraction);
    ``render(store, encounter_id, lang)`` returns the PDF bytes (see ``ayni.core.documents.pdf.render``).
    ``ayni.core.documents.pdf.documents(store, visit)`` collects them; the UI prints them after the summary.
    Return nothing for encounters of other specialties.

    :param visit: the encounter with its parts.
    :param store: read only, for what lies outside the visit (what was dispensed, an earlier
        encounter); ``None`` when no database is at hand (the contract's checks). An implementation
        that does not need it simply leaves the argument out.
    :return: a list of :class:`ayni.core.Document`.
    """


@hookspec
def ayni_labels(store: Store, patient_id: str, lang: str) -> list[Label]:
    """Return the adhesive labels this plugin has to print for the patient now (the envelope of a
    glasses order going to the lab, a specimen pot from theatre), written in ``lang``.

    The core lays them out (``ayni.core.documents.labels``: a 62 × 29 mm PDF page each, or the
    station's thermal printer); ``ayni patients labels`` prints them. Give each label the
    ``encounter_id`` it comes from, so that Ctrl+T on that encounter's screen prints it. Return nothing
    when the patient has nothing of yours to label.

    :param store: read only.
    :param patient_id: the patient (their kept record: include the records merged into it).
    :param lang: the language to write the labels in.
    :return: a list of :class:`ayni.core.Label`.
    """


@hookspec
def ayni_patient_next(store: Store, patient_id: str) -> Text | None:
    """Return where or when the patient comes back next, as the patient card prints it («Cirugía:
    3 de diciembre de 2026, quirófano 1»), or ``None`` when you know of nothing.

    Asked only when the patient waits in no station's queue; the first answer is printed.

    :param store: read only.
    :param patient_id: the patient (their kept record).
    :return: a :class:`ayni.core.Text` in both languages, or ``None``.
    """


@hookspec
def ayni_report_rows(store: Store, campaign: Campaign, day: dt.date | None) -> list[ReportRow]:
    """Return this plugin's figures for a campaign report.

    Every row names your specialty; ``value`` is an ``int`` or a ``Decimal``. Each plugin is asked
    on its own: if yours raises, the report is still printed, with a warning instead of your figures.

    Each ``group`` becomes a table in the specialty's section of the report, in the order given and
    titled with the rows' ``group_title`` (``ayni.core.documents.reporting.titled`` fills it from a dict; the
    core knows the titles of the usual groups, ``encounters``, ``diagnoses``, ``referrals`` …; a
    group with no title is its key capitalised, the same in both languages), except these, which the core report places itself (``ayni.core.documents.reports.figures``):
    ``operations`` and ``vaccines`` go to the report's «Operaciones» and «Dosis de vacunas» tables
    (one row per kind; the core adds their total), ``headline`` rows are quoted among the headline figures
    («12 operaciones realizadas»: label the row as the phrase after the number, and give
    ``label_one`` for a count of one, «1 operación realizada»), and ``procedures``
    rows are not repeated (the core table of procedures by code has them). A group whose figures
    are all zero is not printed.

    :param store: the store to count in (``ayni.core.documents.reporting`` counts for you).
    :param campaign: the campaign reported on.
    :param day: the day of a daily report, a :class:`ayni.core.dates.Period` (a week or a range of
        days, both ends included) for a report of a period, or ``None`` for the whole campaign (days
        are taken in Lima time). Pass it on to the helpers of ``ayni.core.documents.reporting``, or
        select your own rows with its ``days_clause``.
    :return: a list of :class:`ayni.core.ReportRow`.
    """


# -- records leaving Ayni -----------------------------------------------------------------------


@hookspec
def ayni_exchange_records(visit: EncounterRecord, store: Store | None) -> list[
        Measurement | Vaccination | MedicationOrder | ProcedureDone]:
    """Return what your forms and tables recorded in ``visit`` that a health system reads in its own
    codes: each measured value with its LOINC code and UCUM unit (``Measurement("8310-5",
    Text("Temperatura", "Body temperature"), Decimal("37.2"), "Cel")``), each vaccine dose
    (``Vaccination``), each medicine prescribed (``MedicationOrder``) and each procedure your own
    tables hold that is not in the visit's list of procedures (``ProcedureDone``: a surgical case's
    operation, with the ``mappings`` of its catalogue code).

    Called for every visit a FHIR bundle holds (``ayni fhir export``, ``ayni.core.exchange.fhir``),
    which makes them Observations, Immunizations, MedicationRequests and Procedures; diagnoses,
    the visit's procedures (with each ``ProcedureCode.mappings``, SNOMED CT where a well-known
    concept exists), what was dispensed and referrals the core exports by itself. Give the blood
    pressure's two values the same ``panel`` (``"85354-9"``) to send them as one observation. A value
    LOINC has no code for (or none you could confirm) carries your own code and code system URI
    (``Measurement.system``), never a made-up LOINC code. Return nothing for encounters of other
    specialties, and nothing for a form not filled.

    :param visit: the encounter with its parts; ``visit.form(key)`` gives the values as stored
        (a decimal is a ``Decimal``).
    :param store: read only, for what your own tables hold about the visit; may be ``None`` (then
        return what the visit alone holds).
    :return: a list of :class:`ayni.core.Measurement`, :class:`ayni.core.Vaccination`,
        :class:`ayni.core.MedicationOrder` and :class:`ayni.core.ProcedureDone`.
    """


# -- storage ------------------------------------------------------------------------------------


@hookspec
def ayni_migrations() -> Migrations | None:
    """Return the migrations of the tables this plugin needs beyond JSON form data.

    Name the set after the specialty key (``ayni.core.Migrations("dental")``) and each migration
    ``0001_…``, ``0002_…``; they run in the order declared when a database is opened, after the
    core's (so they may refer to core tables), each in a transaction, and are recorded so each runs
    once. Never edit, rename or remove a released migration: add the next one. A database that
    recorded a migration this plugin no longer has is refused as coming from a newer version.

    :return: a ``sqlite_utils`` ``Migrations`` set, or ``None``.
    """


@hookspec
def ayni_renamed_columns() -> dict[str, dict[str, str]]:
    """Return the columns of your own tables that your migrations renamed: ``{table: {old: new}}``.

    An export written by a laptop before the rename still names the old column, and so do the
    versions of its rows in the audit logs; ``ayni merge`` reads both under the new name, as it does
    for the core's own renames (``diagnoses.primary`` → ``is_primary``). Rename in a migration of
    yours with ``ayni.core.rename_columns(db, renames)``, giving it the same mapping you return here
    (declare it once, as a module constant), and keep every rename listed once released: an export
    from before it may arrive at any time. A record class whose attribute was renamed with its
    column keeps the old name for a release with ``ayni.core.renamed_fields(old="new")``
    (a ``DeprecationWarning`` on each use).

    :return: ``{table: {old column: new column}}`` for your tables (``{}`` or ``None`` for none).
    """


@hookspec
def ayni_views() -> list[View]:
    """Return the SQL views an analyst reads this plugin's own tables through (Datasette, sqlite-utils).

    Every encounter form already has its view (``form_<form key>``, typed, units in the column
    names); declare a view for what your own tables hold. Name it after your specialty key
    (``surgery_cases_done``), write its ``select`` over the core's and your tables, and describe it
    and its columns (``Text(es, en)``, a Datasette unit where there is one): the same declaration
    feeds ``ayni datasette-metadata``. Views are (re)created whenever a database is opened, after
    the migrations; a view SQLite refuses is skipped, never fatal. Name numeric columns with their
    unit (``_kg``, ``_soles``, ``_pct``; see ``ayni.core.storage.views.UNITS``).

    :return: a list of :class:`ayni.core.View`.
    """


# -- the terminal UI ----------------------------------------------------------------------------


@hookspec
def ayni_tui_widgets() -> dict[str, Callable]:
    """Return the widgets this plugin draws itself, by name.

    A field uses the widget named by its ``Field.widget`` (``"dental.odontogram"``); a name that is a
    ``FieldType`` value replaces the generic widget for every field of that type.
    ``widget_factory(field, value, lang)`` returns a Textual widget with a ``value`` property (the
    raw value the form validator receives; for a paired field, the whole ``{side: value}``).
    Once mounted, a widget may read the open database as ``self.app.store`` and, on the encounter
    screen, the encounter shown as ``self.screen.visit`` (an ``EncounterRecord``: the vaccination
    editor starts at the patient's next dose); both may be absent elsewhere.
    Import Textual inside this hook or the factory, never at plugin import.

    :return: ``{name: widget_factory}``.
    """


@hookspec
def ayni_tui_screens() -> list[TuiScreen]:
    """Return the whole screens this plugin adds to the terminal UI (a surgical schedule, a
    screening list), keys namespaced.

    The UI lists them behind F3 («Más» / «More») on its search screen; ``factory(store, lang)``
    returns a Textual ``Screen``, and a factory that raises is reported while the app carries on.
    Import Textual inside the factory's module, never at plugin import, so the core and the CLI
    stay light.

    :return: a list of :class:`ayni.core.TuiScreen`.
    """


# -- the command line ---------------------------------------------------------------------------


@hookspec
def ayni_commands(cli) -> None:
    """Add this plugin's own commands to the ``ayni`` command.

    Called once, when the ``ayni`` command is first asked for a command it does not have or for its
    list of commands (``ayni --help``); the built-in commands never wait for it. Add click commands
    or groups with ``cli.add_command(...)``, named after your specialty (``ayni dental …``) so they
    never clash. Import what a command needs inside it, as the built-in ones do, so ``ayni --help``
    stays fast. If this hook raises, the error is reported on standard error and your commands are
    missing; the other commands still work.

    :param cli: the ``ayni`` command, a ``click.Group``.
    """


# -- translations -------------------------------------------------------------------------------


@hookspec
def ayni_catalogues() -> list[Catalogue]:
    """Return where this plugin's translations live, beyond Spanish and English.

    Your ``Text("…es…", "…en…")`` labels keep Spanish as the message id; any other language comes
    from gettext catalogues of your own domain, named ``ayni_<your specialty key>``:
    ``Catalogue("ayni_dental", Path(__file__).parent / "locale")`` reads
    ``locale/<lang>/LC_MESSAGES/ayni_dental.mo``, compiled from the ``.po`` beside it when your
    package is built (ship both as package data). Called once, when Ayni loads the plugin; nothing
    is read until a label is first asked for in that language. A lookup asks every plugin's domain
    in the order the plugins loaded, then the core's (``ayni``), and prints Spanish when none has it.

    :return: a list of :class:`ayni.core.Catalogue`.
    """


# -- the demo ------------------------------------------------------------------------------------


@hookspec
def ayni_demo(demo: DemoDay) -> None:
    """Seed your specialty's part of one day of the demo campaign (``ayni demo``).

    Called once for each day of the demo, in order, after the day's people were registered at the
    desk; the general-medicine plugin runs first (``tryfirst``), because triage opens the day.
    Open, save and close your encounters, dispense, hand out, refer and pay through the same
    functions a person's actions call, acting as a staff member of yours
    (``with demo.acting(demo.staff("Dra. …")):``), so the demo passes every validation and rule
    and every row is audited. Choose among ``demo.people`` by what your specialty sees (children
    for fluoride, people over 40 for readers) with ``demo.rng("<your key>")``, so the same seed
    gives the same demo. Receive your stock on the first day (``demo.number == 1``,
    ``demo.receive(...)``), take referrals to you made on earlier days
    (``ayni.core.clinical.referrals.open_referrals``), and leave some work open on the last day
    (``demo.last``) as a campaign in progress does. Seed nothing you could not seed by hand, and
    keep it quick: the whole demo has 10 seconds.

    :param demo: the day: an :class:`ayni.core.DemoDay` (its store, campaign, day, people, clock,
        staff, stock and payments).
    """
