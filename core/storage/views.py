"""Typed SQL views for an analyst (Datasette, sqlite-utils, any SQL tool), and what they mean.

Every view is a :class:`View`: its name, the ``SELECT`` behind it, a label, a description and its
columns. The core makes one per encounter form (:func:`form_view`: ``form_<form key, dots as
underscores>``, ``form_general_triage``), ``payments_soles``, ``stock_on_hand`` and
``patient_names``; a plugin adds its own through ``ayni_views``, among them the views of forms it
keeps in a table of its own (:func:`form_view` with its :class:`FormSource`, as surgery does for its
cases' forms; this module is public to plugins). :func:`refresh_views` (re)creates
them when a database is opened, after its migrations, once the plugins are known: views hold no
data, so recreating one is always safe, and one left from a plugin no longer installed keeps
working on the tables it reads.

A form's columns are named after its fields, with the unit in the name (:func:`column_suffix`:
``weight`` in kg is ``weight_kg``), one column per side of a paired field (``sphere_od_dioptres``).
Numbers come out as SQL numbers, yes/no as 1/0, dates as ISO text, lists as JSON text.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

import attrs

from ..clinical.forms import Field, FormSpec
from ..i18n import Text, fold, phrase


@attrs.frozen
class Column:
    """One column of a view: its name, what it holds, and its unit as Datasette reads units ('' for none)."""

    name: str
    description: Text
    unit: str = ""


@attrs.frozen
class View:
    """A SQL view an analyst reads: ``name``, the ``select`` behind it, a label and a description for
    people, its columns (those described here; a view may have more) and the column that names a
    row (Datasette's ``label_column``), if any."""

    name: str
    select: str
    label: Text
    description: Text
    columns: tuple[Column, ...] = ()
    label_column: str = ""


#: A field's unit → the suffix of its column's name and its unit as Datasette (Pint) names it. A unit
#: not listed here is folded into a suffix of its own (:func:`column_suffix`) and has no Datasette
#: unit; ``/ 27``, a score's maximum, is no unit at all. °C has no Datasette unit: Pint cannot
#: multiply a value by an offset unit, and the view's page would fail; nor has cm, which Datasette
#: shows as metres (167.7 cm as «1.677 m») beside a column named ``height_cm``.
UNITS: dict[str, tuple[str, str]] = {
    "kg": ("kg", "kg"), "g": ("g", "g"), "cm": ("cm", ""), "mm": ("mm", "mm"), "m": ("m", "m"),
    "mmHg": ("mmhg", "mmHg"), "%": ("pct", "percent"), "°C": ("celsius", ""), "/min": ("per_min", ""),
    "kg/m²": ("kg_m2", "kg/m**2"), "mg/dL": ("mg_dl", "mg/dL"), "g/dL": ("g_dl", "g/dL"), "ml": ("ml", "mL"),
    "D": ("dioptres", ""), "°": ("deg", "degree"), "h": ("h", "hour"), "min": ("min", "minute"),
    "semanas": ("weeks", "week"), "cartuchos": ("cartridges", ""), "dedos": ("fingers", ""),
}
_SCORE_MAXIMUM = re.compile(r"/\s*[0-9]+")
_PLAIN_UNIT = re.compile(r"[a-z0-9 /._-]+")


def column_suffix(unit: str) -> str:
    """The suffix a column of a field in ``unit`` carries: ``kg`` → ``kg``, ``mmHg`` → ``mmhg``,
    ``%`` → ``pct``, ``°C`` → ``celsius`` (see :data:`UNITS`); an unlisted unit of plain letters and
    digits in lower case, ``/`` read as «per» (``mg/kg`` → ``mg_per_kg``); '' for no unit, a score's
    maximum (``/ 27``) or an unlisted unit with other signs (``µg``), which a suffix would misspell
    (the unit is still in the column's description)."""
    unit = unit.strip()
    if unit in UNITS:
        return UNITS[unit][0]
    folded = fold(unit)
    if not unit or _SCORE_MAXIMUM.fullmatch(unit) or not _PLAIN_UNIT.fullmatch(folded):
        return ""
    return re.sub(r"[^a-z0-9]+", "_", folded.replace("/", " per ")).strip("_")


_NOT_IN_NAMES = re.compile(r"[^a-z0-9_]+")


def _name(*parts: str) -> str:
    """A column or view name from ``parts`` (keys are lower-case already: anything else becomes ``_``)."""
    return "_".join(_NOT_IN_NAMES.sub("_", p.lower()).strip("_") for p in parts if p)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


#: A patient's number as people read it (``B-0042``, or ``42`` on a laptop without a letter), from ``p``.
PATIENT_NUMBER = ("CASE WHEN p.device != '' THEN p.device || '-' || printf('%04d', p.number) "
                  "ELSE CAST(p.number AS TEXT) END")


def patient_columns(patient_id: str, campaign_id: str) -> tuple[tuple[str, Column], ...]:
    """The columns that say whose a row is and in which campaign: the patient's id (``patient_id``,
    SQL) and number, the campaign's id (``campaign_id``, SQL) and name, with the patient joined as
    ``p`` and the campaign as ``c``."""
    return (
        (patient_id, Column("patient_id", Text("El paciente", "The patient"))),
        (PATIENT_NUMBER, Column("patient_number", Text("Número del paciente (B-0042)", "Patient number (B-0042)"))),
        (campaign_id, Column("campaign_id", Text("La campaña", "The campaign"))),
        ("c.name", Column("campaign", Text("Nombre de la campaña", "Campaign name"))),
    )


#: When the form shown was saved, and which revision it is (the latest), for a source's columns.
SAVED_COLUMNS = (
    ("f.saved_at", Column("saved_at", Text("Cuándo se guardó el formulario (UTC)", "When the form was saved (UTC)"))),
    ("f.revision", Column("revision", Text("Revisión del formulario (la última)", "Form revision (the latest)"))),
)
_ENCOUNTER_COLUMNS = (
    ("f.encounter_id", Column("encounter_id", Text("La atención", "The encounter"))),
    *patient_columns("e.patient_id", "e.campaign_id"),
    ("e.specialty", Column("specialty", Text("Especialidad", "Specialty"))),
    ("e.station", Column("station", Text("Estación", "Station"))),
    ("e.status", Column("encounter_status", Text("Estado de la atención (open, closed, cancelled)",
                                                 "Encounter status (open, closed, cancelled)"))),
    ("e.opened_at", Column("opened_at", Text("Cuándo se abrió la atención (UTC)", "When the encounter was opened (UTC)"))),
    *SAVED_COLUMNS,
)


@attrs.frozen
class FormSource:
    """Where saved forms live, for their views: ``table`` holds the rows (``form_key``, ``revision``,
    ``data`` as JSON), read as ``f``; ``joins`` reach the patient as ``p``; ``filled`` is the column of
    ``f`` that names one filling (an encounter, a case), whose latest revision each view shows; and
    ``columns`` are the (SQL, :class:`Column`) pairs every view of this source starts with.

    A table that keeps forms its own way says how: ``data`` is its column of JSON values,
    ``form_key`` the SQL that names the form of a row of ``f`` (physio's fittings name their aid,
    ``f.item_key``, not the form), and ``revision`` is '' when a row is never revised (a fitting is
    recorded once): then every row is shown and ``filled`` is not used."""

    table: str
    joins: str
    filled: str
    columns: tuple[tuple[str, Column], ...]
    data: str = "data"
    form_key: str = "f.form_key"
    revision: str = "revision"


#: The forms of encounters, in ``form_data``: what :func:`analyst_views` makes a view of.
ENCOUNTER_FORMS = FormSource(
    "form_data", "JOIN encounters AS e ON e.id = f.encounter_id JOIN patients AS p ON p.id = e.patient_id "
    "LEFT JOIN campaigns AS c ON c.id = e.campaign_id", "encounter_id", _ENCOUNTER_COLUMNS)


def _field_columns(field: Field, described: bool, taken: set[str], data: str) -> list[tuple[str, Column]]:
    """(SQL expression, column) for each value of ``field``: one, or one per side of a pair; the
    columns' descriptions only when ``described`` (composing them is most of the cost)."""
    suffix = column_suffix(field.unit)
    unit = UNITS.get(field.unit.strip(), ("", ""))[1]
    label = field.label
    if described and field.unit:
        label = phrase(Text("{field} ({unit})", "{field} ({unit})"), field=field.label, unit=field.unit)
    paths = [((), label)] if not field.sides else [
        ((side.value,), phrase(Text("{field}, {side}", "{field}, {side}"), field=label, side=side.label)
         if described else label) for side in field.side_choices()]
    columns = []
    for side, description in paths:
        name = _name(field.key, *side, "" if field.key.endswith(f"_{suffix}") else suffix)
        if name in taken:  # a field called like one of the source's columns keeps its own name apart
            name = f"{name}_value"
        path = "$" + "".join(f'."{part}"' for part in (field.key, *side))
        columns.append((f"json_extract(f.{_quoted(data)}, {_literal(path)})", Column(name, description, unit)))
    return columns


def form_view_name(form_key: str) -> str:
    """The view of a form: ``form_`` and its key with dots as underscores (``form_general_triage``)."""
    return _name("form", form_key.replace(".", "_"))


def form_view(spec: FormSpec, described: bool = True, source: FormSource = ENCOUNTER_FORMS) -> View:
    """The view of ``spec``'s data in ``source`` (encounters' forms unless given): the latest revision
    of the form in each filling, with the source's columns and one typed column per field value.
    Without ``described`` its columns carry only the fields' labels: enough to create the view."""
    taken = {column.name for _, column in source.columns}
    fields = (c for field in spec.fields for c in _field_columns(field, described, taken, source.data))
    selected = [*source.columns, *fields]
    select = (
        "SELECT " + ", ".join(f"{expression} AS {_quoted(column.name)}" for expression, column in selected)
        + f" FROM {_quoted(source.table)} AS f {source.joins} WHERE {source.form_key} = {_literal(spec.key)}"
    )
    if source.revision:
        revision = _quoted(source.revision)
        select += (f" AND f.{revision} = (SELECT max(later.{revision}) FROM {_quoted(source.table)} AS later"
                   f" WHERE later.{source.filled} = f.{source.filled} AND later.form_key = f.form_key)")
    shown = (Text("«{form}»: la última revisión de cada atención, un valor por columna.",
                  "«{form}»: the latest revision in each encounter, one value per column.") if source.revision else
             Text("«{form}»: cada uno tal como se registró, un valor por columna.",
                  "«{form}»: each one as recorded, one value per column."))
    description = phrase(shown, form=spec.title) if described else spec.title
    return View(form_view_name(spec.key), select, spec.title, description, tuple(c for _, c in selected))


PAYMENTS_SOLES = View(
    "payments_soles",
    "SELECT pay.id AS payment_id, pay.encounter_id, e.patient_id, " + PATIENT_NUMBER + " AS patient_number, "
    "e.campaign_id, c.name AS campaign, pay.suggested / 100.0 AS suggested_soles, pay.amount / 100.0 AS amount_soles, "
    "(pay.suggested - pay.amount) / 100.0 AS unpaid_soles, pay.kind, pay.method, pay.level AS sliding_share_pct, "
    "pay.reason, pay.approved_by, pay.received_by, u.name AS received_by_name, pay.received_at, pay.cash_day "
    "FROM payments AS pay JOIN encounters AS e ON e.id = pay.encounter_id JOIN patients AS p ON p.id = e.patient_id "
    "LEFT JOIN campaigns AS c ON c.id = e.campaign_id LEFT JOIN users AS u ON u.id = pay.received_by",
    Text("Pagos en soles", "Payments in soles"),
    Text("Cada pago con sus montos en soles (S/), cómo se pagó, la escala o exoneración, quién y cuándo.",
         "Every payment with its amounts in soles (S/), how it was paid, the sliding scale or waiver, who and when."),
    (
        Column("suggested_soles", Text("Total sugerido (S/)", "Suggested total (S/)")),
        Column("amount_soles", Text("Monto pagado (S/)", "Amount paid (S/)")),
        Column("unpaid_soles", Text("No pagado: escala o exoneración (S/)", "Not paid: sliding scale or waiver (S/)")),
        Column("kind", Text("full, sliding, waiver o in_kind", "full, sliding, waiver or in_kind")),
        Column("method", Text("Forma de pago", "Payment method")),
        Column("sliding_share_pct", Text("Parte del total que se pide en la escala (%)",
                                         "Share of the total asked on the sliding scale (%)"), "percent"),
        Column("reason", Text("Motivo de la escala o exoneración", "Reason for the sliding scale or waiver")),
        Column("received_by_name", Text("Quién recibió el pago", "Who received the payment")),
        Column("received_at", Text("Cuándo (UTC)", "When (UTC)")),
        Column("cash_day", Text("Día de caja en que cuenta", "Cash day it counts in")),
    ),
)

STOCK_ON_HAND = View(
    "stock_on_hand",
    "SELECT l.id AS lot_id, l.item_key, l.lot, l.expiry, l.location, l.attributes, "
    "coalesce(sum(m.quantity), 0) AS on_hand, l.received_at "
    "FROM stock_lots AS l LEFT JOIN stock_movements AS m ON m.lot_id = l.id GROUP BY l.id",
    Text("Existencias", "Stock on hand"),
    Text("Cada lote con su vencimiento y la cantidad que queda (la suma de sus movimientos).",
         "Every lot with its expiry and the quantity left (the sum of its movements)."),
    (
        Column("item_key", Text("Artículo (medicamento o equipo)", "Item (medicine or equipment)")),
        Column("lot", Text("Número de lote", "Lot number")),
        Column("expiry", Text("Vencimiento", "Expiry")),
        Column("attributes", Text("Lo que mide o ajusta el lote (talla, potencia), en JSON",
                                  "What sizes or fits the lot (size, power), as JSON")),
        Column("on_hand", Text("Cantidad en existencia", "Quantity on hand")),
    ),
)

PATIENT_NAMES = View(
    "patient_names",
    "SELECT p.id, " + PATIENT_NUMBER + " AS patient_number, trim(p.given_names || ' ' || p.paternal_surname || ' ' "
    "|| coalesce(p.maternal_surname, '')) AS name, p.sex, p.birth_date, p.community, p.district, p.region, "
    "p.language, p.created_at FROM patients AS p",
    Text("Pacientes por nombre", "Patients by name"),
    Text("Cada paciente con su número y su nombre completo.", "Every patient with their number and full name."),
    (Column("name", Text("Nombres y apellidos", "Given names and surnames")),
     Column("patient_number", Text("Número del paciente (B-0042)", "Patient number (B-0042)"))),
    label_column="name",
)


def core_views(forms: Iterable[FormSpec], described: bool = True) -> list[View]:
    """The core's views: one per form in ``forms`` (:func:`form_view`), then payments, stock and
    patient names."""
    return [*(form_view(spec, described) for spec in forms), PAYMENTS_SOLES, STOCK_ON_HAND, PATIENT_NAMES]


def analyst_views(plugins, described: bool = True) -> list[View]:
    """Every view of an installation: the core's for each encounter form (those a specialty lists)
    and the plugins' own (``ayni_views``); ``described=False`` when only creating them."""
    listed = {key for s in plugins.specialties.values() for key in (*s.forms, *(k for keys in s.station_forms.values()
                                                                            for k in keys))}
    forms = [spec for key, spec in plugins.forms.items() if key in listed]
    return [*core_views(forms, described), *(v for result in reversed(plugins.hook.ayni_views()) if result for v in result)]


def _definition(view: View) -> str:
    return f"CREATE VIEW {_quoted(view.name)} AS {view.select}"


def refresh_views(db, views: Iterable[View]) -> list[tuple[View, str]]:
    """(Re)create each view whose definition changed, in one transaction; the views left as they
    are cost one look at the schema. A view that SQLite refuses (a plugin's mistake, a name a table
    has) is skipped, and returned with SQLite's reason, so opening the database never fails over it."""
    current = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall())
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type != 'view'")}
    changed = [v for v in views if current.get(v.name) != _definition(v)]
    refused = [(v, "a table or index has this name") for v in changed if v.name in tables]
    if not changed:
        return refused
    with db.atomic():
        for view in changed:
            if view.name in tables:
                continue
            try:
                with db.atomic():
                    db.execute(f"DROP VIEW IF EXISTS {_quoted(view.name)}")
                    db.execute(_definition(view))
            except sqlite3.Error as error:
                refused.append((view, str(error)))
    return refused


@attrs.frozen
class TableGuide:
    """What a table is, for an analyst: its label and description, its columns' meaning and units,
    and the column that names a row when another table points at it (Datasette's ``label_column``)."""

    name: str
    label: Text
    description: Text
    columns: tuple[Column, ...] = ()
    label_column: str = ""


_CENTIMOS = Text("en céntimos (entero; S/ 1.00 = 100): vea payments_soles", "in céntimos (integer; S/ 1.00 = 100): see payments_soles")

#: The core tables an analyst starts from. The patients table has no column with the whole name
#: (a generated one would break copying rows between laptops), so its label is the paternal surname
#: and ``patient_names`` has the full name.
TABLE_GUIDES = (
    TableGuide("patients", Text("Pacientes", "Patients"),
               Text("Una fila por paciente registrado; los identificadores en JSON.",
                    "One row per registered patient; identifiers as JSON."),
               (Column("number", Text("Número del paciente en este equipo (con la letra de device)",
                                      "Patient number on this laptop (with the device letter)")),
                Column("birth_date_estimated", Text("1 si la fecha de nacimiento es aproximada",
                                                    "1 if the birth date is approximate"))),
               label_column="paternal_surname"),
    TableGuide("users", Text("Usuarios", "Users"), Text("Quién escribe en la base.", "Who writes to the database."),
               label_column="name"),
    TableGuide("campaigns", Text("Campañas", "Campaigns"), Text("Cada campaña, sus fechas y su sede.",
                                                                  "Each campaign, its dates and its site."),
               label_column="name"),
    TableGuide("sites", Text("Sedes", "Sites"), Text("Dónde se atiende.", "Where patients are seen."),
               label_column="name"),
    TableGuide("encounters", Text("Atenciones", "Encounters"),
               Text("Una atención de un paciente en una estación; sus formularios están en form_data y en las vistas "
                    "form_*.", "One encounter of a patient at a station; its forms are in form_data and the form_* "
                    "views.")),
    TableGuide("form_data", Text("Formularios guardados", "Saved forms"),
               Text("Cada revisión de cada formulario, en JSON (los números como números JSON); las vistas form_* "
                    "dan la última revisión con columnas tipadas.", "Every revision of every form, as JSON (numbers "
                    "as JSON numbers); the form_* views give the latest revision with typed columns.")),
    TableGuide("payments", Text("Pagos", "Payments"), Text("Cada pago; los montos en céntimos.",
                                                          "Every payment; amounts in céntimos."),
               (Column("suggested", _CENTIMOS), Column("amount", _CENTIMOS))),
    TableGuide("procedures", Text("Procedimientos", "Procedures"),
               Text("Cada procedimiento hecho en una atención; el detalle en JSON.",
                    "Every procedure done in an encounter; its detail as JSON."), (Column("fee", _CENTIMOS),)),
    TableGuide("stock_lots", Text("Lotes", "Stock lots"), Text("Cada lote recibido; lo que queda está en stock_on_hand.",
                                                              "Every lot received; what is left is in stock_on_hand."),
               label_column="lot"),
    TableGuide("stock_movements", Text("Movimientos de stock", "Stock movements"),
               Text("El libro de entradas (positivas) y salidas (negativas) de cada lote.",
                    "The ledger of each lot: in (positive) and out (negative).")),
    TableGuide("audit_log", Text("Registro de auditoría", "Audit log"),
               Text("Cada escritura, quién y cuándo, encadenada por hashes.", "Every write, who and when, hash-chained.")),
)

#: Tables an analyst never needs (search indexes, bookkeeping): hidden in Datasette, still there.
HIDDEN_PREFIXES = ("patients_fts", "patient_search", "name_variants", "search_indexing_deferred", "_sqlite_migrations")


def _described(label: Text, description: Text, columns: Iterable[Column], lang: str) -> dict:
    columns = list(columns)
    found = {"title": label.get(lang), "description": description.get(lang)}
    if columns:
        found["columns"] = {c.name: c.description.get(lang) for c in columns}
    if units := {c.name: c.unit for c in columns if c.unit}:
        found["units"] = units
    return found


def datasette_metadata(db, views: Iterable[View], database: str, lang: str) -> dict:
    """Datasette's metadata for a database named ``database`` (its file name without ``.db``): a
    title, label and description of the core tables (:data:`TABLE_GUIDES`) and of every view,
    column descriptions and units, ``label_column``\\ s, and the bookkeeping tables hidden, in ``lang``."""
    tables = {}
    for item in (*TABLE_GUIDES, *views):
        tables[item.name] = _described(item.label, item.description, item.columns, lang)
        if item.label_column:
            tables[item.name]["label_column"] = item.label_column
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if name.startswith(HIDDEN_PREFIXES):
            tables[name] = {"hidden": True}
    title = Text("Ayni: historias clínicas de la campaña", "Ayni: the campaign's clinical records")
    return {"title": title.get(lang), "databases": {database: {"tables": tables}}}
