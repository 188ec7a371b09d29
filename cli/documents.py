"""The documents: ``ayni pdf visit|day|history|partner-letter`` and ``ayni report day|period|final|aggregate``.

Arguments are read here, not by click's types (whose messages are English only), so a bad date, an
unknown campaign, station or patient is refused in the chosen language, naming the argument and
what is allowed. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ayni.core.documents.files import write_file
from ayni.core.i18n import Plural, Text

from .context import CliError, Settings, pass_settings, resolve, say
from .context import SAY as SHARED

SAY = {
    "daily": Text("Informe diario guardado: {path}", "Daily report written: {path}"),
    "final": Text("Informe final guardado: {path}", "Final report written: {path}"),
    "period": Text("Informe del periodo guardado: {path}", "Period report written: {path}"),
    "aggregate": Plural("{n} cifra agregada guardada: {path}", "{n} cifras agregadas guardadas: {path}",
                        "{n} aggregate figure written: {path}", "{n} aggregate figures written: {path}"),
    "left_out": Plural("{n} cifra no enviada porque la correspondencia la deja en \"\".",
                       "{n} cifras no enviadas porque la correspondencia las deja en \"\".",
                       "{n} figure not sent because the mapping sets it to \"\".",
                       "{n} figures not sent because the mapping sets them to \"\"."),
    "template": Text("Plantilla de correspondencia DHIS2 guardada: {path}. Reemplace cada REEMPLAZAR… por el UID del "
                     "distrito.", "DHIS2 mapping template written: {path}. Replace every REEMPLAZAR… with the district's UID."),
    "bad_aggregate_format": Text("Formato: «{value}» no es válido; elija csv o dhis2.",
                                 "Format: «{value}» is not valid; choose csv or dhis2."),
    "needs_mapping": Text("Correspondencia (--mapping): el formato dhis2 necesita el archivo de UID del distrito; "
                          "escriba la plantilla con «ayni report aggregate-template -o mapeo.toml» y llénela.",
                          "Mapping (--mapping): the dhis2 format needs the file of the district's UIDs; write the "
                          "template with «ayni report aggregate-template -o mapping.toml» and fill it in."),
    "history": Text("Historia del paciente guardada: {path}", "Patient history written: {path}"),
    "letter": Text("Carta a la institución aliada guardada: {path}", "Partner letter written: {path}"),
    "to_is_addressee": Text("Aviso: --to ahora es el último día de un periodo; para el destinatario use --addressee "
                            "(--to con un nombre se deja de aceptar en la próxima versión).",
                            "Note: --to is now a period's last day; for the addressee use --addressee (--to with a "
                            "name stops being accepted in the next release)."),
    "bad_format": Text("Formato: «{value}» no es válido; elija pdf o csv.",
                       "Format: «{value}» is not valid; choose pdf or csv."),
    "batch_label": Text("Resúmenes de atención", "Visit summaries"),
    "batch_done": Text("{visits} resúmenes de atención, {pages} páginas en {seconds:.1f} s ({rate:.1f} páginas/s): {path}",
                       "{visits} visit summaries, {pages} pages in {seconds:.1f} s ({rate:.1f} pages/s): {path}"),
    "batch_empty": Text("No hay atenciones el {day}{station}: no se escribió ningún PDF.",
                        "There are no encounters on {day}{station}: no PDF was written."),
    "batch_empty_period": Text("No hay atenciones en {period}{station}: no se escribió ningún PDF.",
                               "There are no encounters in {period}{station}: no PDF was written."),
    "day_and_period": Text("Periodo: indique una fecha, o bien --week o --from/--to, no ambos.",
                           "Period: give a date, or else --week or --from/--to, not both."),
    "at_station": Text(" en la estación {station}", " at station {station}"),
}
OUTPUT_HELP = "Archivo a escribir / file to write."


def _format(value: str | None, output: Path, lang: str) -> str:
    chosen = (value or ("csv" if output.suffix.lower() == ".csv" else "pdf")).strip().lower()
    if chosen not in ("pdf", "csv"):
        raise CliError(say(SAY, "bad_format", lang, value=value))
    return chosen


def _report(settings: Settings, day: str | None, campaign_id: str | None, fmt: str | None, output: Path,
            final: bool, period=None) -> None:
    from ayni.core.documents.reports import build_report
    from ayni.core.documents.reports.scope import parse_day, period_scope, report_scope

    kind = _format(fmt, output, settings.lang)
    when = None if final or period else parse_day(day)  # a bad date is refused before the database is opened
    store = settings.open()
    try:
        if period is not None:
            campaign, when = period_scope(store, period, campaign_id), period
        else:
            campaign, when = report_scope(store, when, campaign_id, final=final)
        report = build_report(store, campaign, when)
    finally:
        store.close()
    if kind == "csv":
        from ayni.core.documents.reports.csvfile import report_csv

        data = report_csv(report, settings.lang)
    else:
        from ayni.core.documents.reports.document import render_report

        data = render_report(report, settings.lang)
    write_file(output, data)
    click.echo(say(SAY, "period" if period else "final" if final else "daily", settings.lang, path=output))


def _output_option():
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
                        help=OUTPUT_HELP)


@click.group()
def pdf():
    """Imprimir documentos en PDF / print PDF documents."""


@pdf.command("visit")
@click.argument("encounter", metavar="ATENCIÓN|ENCOUNTER")
@_output_option()
@pass_settings
def pdf_visit(settings: Settings, encounter: str, output: Path):
    """Resumen de una atención (su referencia, p. ej. 3f2a9c1b) / visit summary of one encounter (its reference)."""
    store = settings.open()
    try:
        encounter_id = resolve(store, "encounter", encounter, settings.lang)
        try:
            from ayni.core.documents.pdf import render_visit
        except ImportError as error:
            raise CliError(say(SHARED, "module_missing", settings.lang, what="ayni.core.documents.pdf", error=error)) from None
        data = render_visit(store, encounter_id, settings.lang)
    finally:
        store.close()
    write_file(output, data)
    click.echo(say(SHARED, "pdf_written", settings.lang, path=output))


@click.group()
def report():
    """Informes de la campaña (PDF o CSV) / campaign reports (PDF or CSV)."""


@report.command("day")
@click.argument("day", required=False, metavar="[FECHA|DATE]")
@click.option("--campaign", "campaign_id", help="Id de la campaña (por defecto la de esa fecha) / campaign id.")
@click.option("--format", "fmt", metavar="pdf|csv", help="pdf o csv (por defecto según -o) / pdf or csv.")
@_output_option()
@pass_settings
def report_day(settings: Settings, day: str | None, campaign_id: str | None, fmt: str | None, output: Path):
    """Informe diario (hoy por defecto; AAAA-MM-DD o DD/MM/AAAA) / daily report (today by default)."""
    _report(settings, day, campaign_id, fmt, output, final=False)


def _is_day(text: str) -> bool:
    """True when ``text`` reads as a date (``--to 2026-11-27``), not as a name."""
    from ayni.core.documents.reports.scope import ReportError, parse_day

    try:
        parse_day(text)
    except ReportError:
        return False
    return bool(text.strip())


def _period_options(command):
    for option in reversed((
            click.option("--week", metavar="AAAA-Wss|FECHA", help="Semana ISO, de lunes a domingo (2026-W48 o una "
                         "fecha de esa semana) / ISO week, Monday to Sunday."),
            click.option("--from", "first", metavar="FECHA|DATE", help="Primer día (AAAA-MM-DD o DD/MM/AAAA) / first day."),
            click.option("--to", "last", metavar="FECHA|DATE", help="Último día, incluido / last day, included."))):
        command = option(command)
    return command


@report.command("period")
@_period_options
@click.option("--campaign", "campaign_id", help="Id de la campaña (por defecto la de ese periodo) / campaign id.")
@click.option("--format", "fmt", metavar="pdf|csv", help="pdf o csv (por defecto según -o) / pdf or csv.")
@_output_option()
@pass_settings
def report_period(settings: Settings, week: str | None, first: str | None, last: str | None, campaign_id: str | None,
                  fmt: str | None, output: Path):
    """Informe de una semana (--week) o de un periodo (--from … --to …, días en Lima) / report of a week or a range of days."""
    from ayni.core.documents.reports.scope import parse_period

    _report(settings, None, campaign_id, fmt, output, final=False, period=parse_period(week, first, last))


@report.command("aggregate")
@_period_options
@click.option("--campaign", "campaign_id", metavar="ID|all", help="Id de la campaña (por defecto la de ese periodo), o "
              "all: todas las del periodo / campaign id, or all: every campaign of the period.")
@click.option("--format", "fmt", metavar="csv|dhis2", help="csv (por defecto) o dhis2 (dataValueSet JSON).")
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path),
              help="UID DHIS2 del distrito (TOML, ver aggregate-template) / the district's DHIS2 UIDs.")
@_output_option()
@pass_settings
def report_aggregate(settings: Settings, week: str | None, first: str | None, last: str | None, campaign_id: str | None,
                     fmt: str | None, mapping: Path | None, output: Path):
    """Cifras agregadas para la DIRESA/RIS: atenciones por edad y sexo, diagnósticos por capítulo CIE-10, dosis de
    vacunas, referencias / aggregate figures for the district health office (CSV or DHIS2)."""
    from ayni.core.documents.reports import aggregate as agg
    from ayni.core.documents.reports.scope import ALL_CAMPAIGNS, aggregate_scope, parse_period

    lang = settings.lang
    kind = (fmt or "csv").strip().lower()
    if kind not in ("csv", "dhis2"):
        raise CliError(say(SAY, "bad_aggregate_format", lang, value=fmt))
    if kind == "dhis2" and mapping is None:
        raise CliError(say(SAY, "needs_mapping", lang))
    period = parse_period(week, first, last)
    if kind == "dhis2":
        agg.dhis2_period(period)  # refused before the database is opened
    districts = agg.read_mapping(mapping) if mapping else None
    store = settings.open()
    try:
        campaigns = aggregate_scope(store, period, campaign_id)
        figures = agg.build_aggregates(store, campaigns, period)
    finally:
        store.close()
    if (campaign_id or "").strip().lower() == ALL_CAMPAIGNS:
        write = agg.aggregates_dhis2 if kind == "dhis2" else agg.aggregates_csv
        data, left_out = write(figures, districts)
    else:
        write = agg.aggregate_dhis2 if kind == "dhis2" else agg.aggregate_csv
        data, left_out = write(figures[0], districts)
    write_file(output, data)
    click.echo(say(SAY, "aggregate", lang, n=sum(len(f.values) for f in figures) - left_out, path=output))
    if left_out:
        click.echo(say(SAY, "left_out", lang, n=left_out))


@report.command("aggregate-template")
@_output_option()
@pass_settings
def report_aggregate_template(settings: Settings, output: Path):
    """Plantilla del archivo de UID DHIS2 del distrito, para llenar / the DHIS2 mapping template, to fill in."""
    from ayni.core.documents.reports.aggregate import TEMPLATE

    write_file(output, TEMPLATE.read_bytes())
    click.echo(say(SAY, "template", settings.lang, path=output))


@report.command("final")
@click.option("--campaign", "campaign_id", help="Id de la campaña (por defecto la actual) / campaign id.")
@click.option("--format", "fmt", metavar="pdf|csv", help="pdf o csv (por defecto según -o) / pdf or csv.")
@_output_option()
@pass_settings
def report_final(settings: Settings, campaign_id: str | None, fmt: str | None, output: Path):
    """Informe final de la campaña / final campaign report."""
    _report(settings, None, campaign_id, fmt, output, final=True)


def _day_or_period(day: str | None, week: str | None, first: str | None, last: str | None, lang: str):
    """The day typed (today when none), or the period of ``--week``/``--from``/``--to``; refuses both."""
    from ayni.core.documents.reports.scope import parse_day, parse_period

    if week is None and first is None and last is None:
        return parse_day(day)
    if day is not None:
        raise CliError(say(SAY, "day_and_period", lang))
    return parse_period(week, first, last)


@pdf.command("day")
@click.argument("day", required=False, metavar="[FECHA|DATE]")
@_period_options
@click.option("--station", help="Solo una estación (triage, general.consultation…) / one station only.")
@_output_option()
@pass_settings
def pdf_day(settings: Settings, day: str | None, week: str | None, first: str | None, last: str | None,
            station: str | None, output: Path):
    """Todos los resúmenes de atención de un día (hoy por defecto), una semana (--week) o un periodo (--from … --to …)
    en un PDF / every visit summary of a day, a week or a range of days in one PDF."""
    from ayni.core.dates import Period
    from ayni.core.documents.reports.batch import encounters_of_day, parse_station, render_visits

    lang = settings.lang
    when = _day_or_period(day, week, first, last, lang)
    period = when if isinstance(when, Period) else None
    store = settings.open()
    try:
        chosen = parse_station(store, station)
        ids = encounters_of_day(store, when, chosen)
        if not ids:
            raise CliError(_nothing_to_print(when, station, lang))
        started = time.perf_counter()
        with click.progressbar(length=len(ids), label=say(SAY, "batch_label", lang), file=sys.stderr,
                               show_pos=True) as bar:
            batch = render_visits(store, ids, lang, progress=lambda done, total: bar.update(1), period=period)
    finally:
        store.close()
    write_file(output, batch.pdf)
    seconds = time.perf_counter() - started
    click.echo(say(SAY, "batch_done", lang, visits=batch.visits, pages=batch.pages, seconds=seconds,
                   rate=batch.pages / seconds if seconds else 0.0, path=output))


def _nothing_to_print(when, station: str | None, lang: str) -> str:
    """«No hay atenciones el 23 de noviembre de 2026 en la estación triage…», or in the period."""
    from ayni.core.dates import Period, format_date
    from ayni.core.documents.reports.scope import period_words

    where = say(SAY, "at_station", lang, station=station) if station else ""
    if isinstance(when, Period):
        return say(SAY, "batch_empty_period", lang, period=period_words(when, lang), station=where)
    return say(SAY, "batch_empty", lang, day=format_date(when, lang), station=where)


@pdf.command("history")
@click.argument("patient", metavar="PACIENTE|PATIENT")
@_output_option()
@pass_settings
def pdf_history(settings: Settings, patient: str, output: Path):
    """Historia de un paciente (número de tarjeta o id) / a patient's history (card number or id)."""
    from ayni.core.documents.reports.history import render_history

    store = settings.open()
    try:
        data = render_history(store, resolve(store, "patient", patient, settings.lang), settings.lang)
    finally:
        store.close()
    write_file(output, data)
    click.echo(say(SAY, "history", settings.lang, path=output))


@pdf.command("partner-letter")
@_period_options
@click.option("--campaign", "campaign_id", help="Id de la campaña (por defecto la actual, o la de ese periodo) / campaign id.")
@click.option("--addressee", "to", help="Destinatario, si no es la institución aliada registrada / addressee.")
@click.option("--signer", help="Quién firma (por defecto quien coordina) / who signs.")
@_output_option()
@pass_settings
def pdf_partner_letter(settings: Settings, week: str | None, first: str | None, last: str | None,
                       campaign_id: str | None, to: str | None, signer: str | None, output: Path):
    """Carta de agradecimiento a la institución aliada, por la campaña entera o por una semana (--week) o un periodo
    (--from … --to …) / letter of thanks to the partner, for the whole campaign or a week or range of days."""
    from ayni.core.documents.reports.letter import render_letter
    from ayni.core.documents.reports.scope import parse_period, period_scope, report_scope

    if to is None and last is not None and first is None and week is None and not _is_day(last):
        # Before periods, --to named the addressee: read so for one release, saying what to use instead.
        to, last = last, None
        click.echo(say(SAY, "to_is_addressee", settings.lang), err=True)
    whole = week is None and first is None and last is None
    period = None if whole else parse_period(week, first, last)  # refused before the database is opened
    store = settings.open()
    try:
        campaign = report_scope(store, None, campaign_id, final=True)[0] if whole else \
            period_scope(store, period, campaign_id)
        data = render_letter(store, campaign, settings.lang, to=to, signer=signer, period=period)
    finally:
        store.close()
    write_file(output, data)
    click.echo(say(SAY, "letter", settings.lang, path=output))
