"""The ``ayni patients`` commands: two records of one person merged (and the merge undone), the
coordinator's list of likely duplicates, a person's alerts (allergies, pregnancy, conditions), and
their card and labels, as PDF or on the station's thermal printer.
Patients are named by their number (or their id)."""

from __future__ import annotations

from pathlib import Path

import click

from ayni.core.documents.files import write_file
from ayni.core.i18n import Plural, Text

from .context import SAY as SHARED
from .context import CliError, Settings, date_argument, pass_settings, resolve, say

SAY = {
    "merged": Text("Paciente N.º {duplicate} ({name}) fusionado en el N.º {kept} ({kept_name}): todo lo suyo se "
                   "encuentra ahora por el N.º {kept}.",
                   "Patient No. {duplicate} ({name}) merged into No. {kept} ({kept_name}): everything of theirs is "
                   "now found through No. {kept}."),
    "unmerged": Text("Fusión deshecha: el paciente N.º {number} ({name}) vuelve a ser un registro propio.",
                     "Merge undone: patient No. {number} ({name}) is a record of its own again."),
    "no_pairs": Text("No hay posibles duplicados.", "No likely duplicates."),
    "pairs": Plural("{n} posible duplicado. Fusione con: ayni patients merge CONSERVAR DUPLICADO",
                    "{n} posibles duplicados. Fusione con: ayni patients merge CONSERVAR DUPLICADO",
                    "{n} likely duplicate. Merge with: ayni patients merge KEEP DUPLICATE",
                    "{n} likely duplicates. Merge with: ayni patients merge KEEP DUPLICATE"),
    "row": Text("N.º {a:>7} {a_name:<30} N.º {b:>7} {b_name:<30} {score:>3} %  {why}",
                "No. {a:>7} {a_name:<30} No. {b:>7} {b_name:<30} {score:>3} %  {why}"),
    "csv_written": Plural("CSV guardado: {path} ({n} par).", "CSV guardado: {path} ({n} pares).",
                          "CSV written: {path} ({n} pair).", "CSV written: {path} ({n} pairs)."),
    "no_alerts": Text("Sin alertas registradas (alergias, embarazo, enfermedades crónicas).",
                      "No alerts recorded (allergies, pregnancy, chronic conditions)."),
    "output_needed": Text("Indique -o ARCHIVO.pdf o --print (la impresora térmica de la estación), uno de los dos.",
                          "Give -o FILE.pdf or --print (the station's thermal printer), one of the two."),
    "no_labels": Text("El paciente {patient} no tiene etiquetas por imprimir (pedido de lentes pendiente, muestra "
                      "quirúrgica).", "Patient {patient} has no labels to print (pending glasses order, surgical "
                      "specimen)."),
    "distinct": Text("Anotado: N.º {a} y N.º {b} son personas distintas; no se ofrecerán otra vez.",
                     "Noted: No. {a} and No. {b} are different people; they will not be offered again."),
}


@click.group()
def patients():
    """Pacientes: fusionar registros duplicados / patients: merge duplicate records."""


@patients.command("merge")
@click.argument("keep", metavar="CONSERVAR|KEEP")
@click.argument("duplicate", metavar="DUPLICADO|DUPLICATE")
@pass_settings
def patients_merge(settings: Settings, keep: str, duplicate: str):
    """Fusionar DUPLICADO en CONSERVAR (números de paciente) / merge DUPLICATE into KEEP (patient numbers).

    Nada se borra: el duplicado queda marcado y se puede deshacer con ``ayni patients unmerge``.
    Nothing is deleted: the duplicate stays, marked, and ``ayni patients unmerge`` undoes it.
    """
    from ayni.core.people import merges

    store = settings.open()
    try:
        duplicate_id = resolve(store, "patient", duplicate, settings.lang)
        kept = merges.merge(store, resolve(store, "patient", keep, settings.lang), duplicate_id)
        merged = merges.find(store, duplicate_id)
        click.echo(say(SAY, "merged", settings.lang, duplicate=merged.card_number, name=merged.full_name,
                       kept=kept.card_number, kept_name=kept.full_name))
    finally:
        store.close()


@patients.command("unmerge")
@click.argument("duplicate", metavar="DUPLICADO|DUPLICATE")
@pass_settings
def patients_unmerge(settings: Settings, duplicate: str):
    """Deshacer la fusión de un paciente (número) / undo the merge of a patient (number)."""
    from ayni.core.people import merges

    store = settings.open()
    try:
        patient = merges.unmerge(store, resolve(store, "patient", duplicate, settings.lang))
        click.echo(say(SAY, "unmerged", settings.lang, number=patient.card_number, name=patient.full_name))
    finally:
        store.close()


@patients.command("distinct")
@click.argument("first", metavar="PACIENTE|PATIENT")
@click.argument("other", metavar="OTRO|OTHER")
@pass_settings
def patients_distinct(settings: Settings, first: str, other: str):
    """Anotar que dos pacientes (números) son personas distintas / record that two patients are different people.

    El par deja de aparecer en ``ayni patients duplicates``. The pair leaves ``ayni patients duplicates``.
    """
    from ayni.core.people import duplicates, merges

    store = settings.open()
    try:
        a, b = (merges.find(store, resolve(store, "patient", typed, settings.lang)) for typed in (first, other))
        duplicates.record_distinct(store, a.id, [b.id])
        click.echo(say(SAY, "distinct", settings.lang, a=a.card_number, b=b.card_number))
    finally:
        store.close()


@patients.command("duplicates")
@click.option("--since", help="Solo pares con alguien registrado desde este día (AAAA-MM-DD) / only pairs with "
                              "someone registered since this day (YYYY-MM-DD).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Guardar la lista como CSV / write the list as CSV.")
@pass_settings
def patients_duplicates(settings: Settings, since: str | None, csv_file: Path | None):
    """Posibles duplicados en toda la base de datos / likely duplicates across the whole database.

    Deja fuera los pares ya fusionados o marcados como personas distintas.
    Leaves out pairs already merged or recorded as different people.
    """
    from ayni.core.people import duplicates

    lang = settings.lang
    day = date_argument(since, "--since", lang)
    store = settings.open()
    try:
        pairs = duplicates.likely_duplicates(store, since=day)
    finally:
        store.close()
    if csv_file is not None:
        write_file(csv_file, duplicates.pairs_csv(pairs, lang))
        click.echo(say(SAY, "csv_written", lang, path=csv_file, n=len(pairs)))
        return
    for pair in pairs:
        click.echo(say(SAY, "row", lang, a=pair.first.card_number, a_name=pair.first.full_name[:30],
                       b=pair.second.card_number, b_name=pair.second.full_name[:30], score=pair.score, why=pair.why(lang)))
    click.echo(say(SAY, "pairs", lang, n=len(pairs)) if pairs else say(SAY, "no_pairs", lang))


@patients.command("alerts")
@click.argument("patient", metavar="PACIENTE|PATIENT")
@click.option("--add", "kind", metavar="allergy|pregnancy|condition",
              help="Registrar una alerta de este tipo / record an alert of this kind.")
@click.option("--text", default="", help="Qué alergia o enfermedad / which allergy or condition.")
@click.option("--code", default="", help="CIE-10 de una enfermedad crónica / ICD-10 of a chronic condition.")
@click.option("--weeks", default=None, help="Semanas de embarazo / weeks of pregnancy.")
@click.option("--lmp", default=None, help="FUR de un embarazo (AAAA-MM-DD) / LMP of a pregnancy (YYYY-MM-DD).")
@pass_settings
def patients_alerts(settings: Settings, patient: str, kind: str | None, text: str, code: str, weeks: str | None,
                    lmp: str | None):
    """Las alertas del paciente (número): alergias, embarazo, enfermedades crónicas; ``--add`` registra
    una / a patient's alerts (number): allergies, pregnancy, chronic conditions; ``--add`` records one."""
    from ayni.core.people import alerts

    store = settings.open()
    try:
        patient_id = resolve(store, "patient", patient, settings.lang)
        if kind is not None:
            alerts.record(store, patient_id, {"kind": kind, "text": text, "code": code, "weeks": weeks, "lmp": lmp})
        found = alerts.of_person(store, patient_id)
        click.echo(alerts.summary(found, settings.lang) or say(SAY, "no_alerts", settings.lang))
        for alert in found:
            click.echo(f"  {alerts.described(alert, settings.lang)}")
    finally:
        store.close()


def _print_or_write(store, settings: Settings, station: str, slips, pdf, path: Path | None, thermal: bool) -> str:
    """Print ``slips`` on the station's printer (``thermal``), else write ``pdf()`` to ``path``; what was done."""
    from .printer import print_or_refuse

    if thermal:
        return "\n".join(print_or_refuse(store, station, slip, settings.lang) for slip in slips)
    write_file(path, pdf())
    return say(SHARED, "pdf_written", settings.lang, path=path)


def _output_options(command):
    """``-o FILE`` (a PDF) or ``--print`` (the station's thermal printer), one of them required."""
    command = click.option("--print", "thermal", is_flag=True,
                           help="En la impresora térmica de la estación / on the station's thermal printer.")(command)
    command = click.option("-o", "--output", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                           help="Guardar el PDF aquí / write the PDF here.")(command)
    return command


def _require_output(path: Path | None, thermal: bool, lang: str) -> None:
    if (path is None) == (not thermal):
        raise CliError(say(SAY, "output_needed", lang))


@patients.command("card")
@click.argument("patient", metavar="PACIENTE|PATIENT")
@_output_options
@click.option("--station", default="registration", show_default=True, help="Con --print: la estación / with --print: the station.")
@pass_settings
def patients_card(settings: Settings, patient: str, path: Path | None, thermal: bool, station: str):
    """La tarjeta del paciente (85,6 × 54 mm, con QR), en su idioma salvo --lang / the patient card, in
    the patient's language unless --lang is given."""
    from ayni.core.documents import card

    _require_output(path, thermal, settings.lang)
    store = settings.open(login=False)
    try:
        patient_id = resolve(store, "patient", patient, settings.lang)
        done = _print_or_write(store, settings, station, [card.card_slip(store, patient_id, settings.chosen_lang)],
                               lambda: card.render_card(store, patient_id, settings.chosen_lang), path, thermal)
    finally:
        store.close()
    click.echo(done)


@patients.command("labels")
@click.argument("patient", metavar="PACIENTE|PATIENT")
@_output_options
@click.option("--station", default="", help="Con --print: la estación / with --print: the station.")
@pass_settings
def patients_labels(settings: Settings, patient: str, path: Path | None, thermal: bool, station: str):
    """Las etiquetas del paciente (pedido de lentes, muestra quirúrgica), 62 × 29 mm / the patient's
    labels (glasses order, surgical specimen)."""
    from ayni.core.documents import labels

    _require_output(path, thermal, settings.lang)
    lang = settings.lang
    store = settings.open(login=False)
    try:
        patient_id = resolve(store, "patient", patient, lang)
        found = labels.labels_of(store, patient_id, lang)
        if not found:
            raise CliError(say(SAY, "no_labels", lang, patient=patient))
        done = _print_or_write(store, settings, station, [labels.label_slip(label) for label in found],
                               lambda: labels.render_labels(found, lang), path, thermal)
    finally:
        store.close()
    click.echo(done)
