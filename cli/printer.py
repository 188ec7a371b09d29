"""The ``ayni printer`` commands: the thermal printer of each station of this laptop, set once
(``set``), listed (``list``), taken away (``clear``: PDF only) and tried (``test``)."""

from __future__ import annotations

import click

from ayni.core.i18n import Text

from .context import CliError, Settings, named, pass_settings, say

SAY = {
    "set": Text("Impresora de {station}: {spec}{model}, papel de {width} mm ({columns} columnas).",
                "Printer of {station}: {spec}{model}, {width} mm paper ({columns} columns)."),
    "cleared": Text("{station} ya no tiene impresora térmica: imprime en PDF.",
                    "{station} has no thermal printer any more: it prints PDF."),
    "none": Text("No hay impresoras térmicas configuradas en este equipo: todo se imprime en PDF.",
                 "No thermal printers are set on this laptop: everything prints as PDF."),
    "row": Text("{station:<20} {spec:<28} {width} mm {profile}", "{station:<20} {spec:<28} {width} mm {profile}"),
    "none_here": Text("{station} no tiene impresora térmica; configúrela con: ayni printer set --station {station_key} "
                      "usb:0x04b8:0x0202 --width 80",
                      "{station} has no thermal printer; set one with: ayni printer set --station {station_key} "
                      "usb:0x04b8:0x0202 --width 80"),
    "printed": Text("Impreso en {spec}.", "Printed on {spec}."),
    "every_station": Text("todas las estaciones de este equipo", "every station of this laptop"),
    "test_title": Text("Prueba de impresora", "Printer test"),
    "test_text": Text("Señora Núñez, niño Ñahui: S/ 12.50 «pagado»", "Señora Núñez, niño Ñahui: S/ 12.50 «paid»"),
}
_NAMES = {"printer": "PRINTER", "width": "--width", "station": "--station", "profile": "--profile"}
STATION_OPTION = click.option(
    "--station", default="", metavar="ESTACIÓN|STATION",
    help="registration, triage, cashier, pharmacy o la clave de una estación (dental:exam); vacío: todas las de "
         "este equipo / a station's key; empty: every station of this laptop.")


def station_name(key: str, lang: str) -> str:
    """A station as a message names it: its key, or «every station of this laptop» for ''."""
    return key or say(SAY, "every_station", lang)


@click.group("printer")
def printer():
    """Impresoras térmicas ESC/POS por estación / thermal ESC/POS printers per station."""


@printer.command("set")
@STATION_OPTION
@click.argument("spec", metavar="usb:VID:PID|serial:DISPOSITIVO|net:IP[:PUERTO]")
@click.option("--width", default="80", show_default=True, metavar="58|80",
              help="Ancho del papel en mm / paper width in mm.")
@click.option("--profile", default="", metavar="MODELO|MODEL",
              help="Perfil de python-escpos (TM-T88V, POS-5890…): sus páginas de códigos / its code pages.")
@pass_settings
def printer_set(settings: Settings, station: str, spec: str, width: str, profile: str):
    """Configurar la impresora de una estación / set a station's printer."""
    from ayni.core.documents import printers
    from ayni.core.documents.thermal import COLUMNS
    from ayni.core.errors import ValidationError

    store = settings.open()
    try:
        try:
            setting = printers.set_printer(store, station, spec, width, profile)
        except ValidationError as refused:
            raise CliError(named(refused, _NAMES, settings.lang)) from None
    finally:
        store.close()
    click.echo(say(SAY, "set", settings.lang, station=station_name(setting.station, settings.lang), spec=setting.spec,
                   width=setting.width_mm, columns=COLUMNS[setting.width_mm],
                   model=f" ({setting.profile})" if setting.profile else ""))


@printer.command("clear")
@STATION_OPTION
@pass_settings
def printer_clear(settings: Settings, station: str):
    """Quitar la impresora de una estación (imprime en PDF) / take a station's printer away (prints PDF)."""
    from ayni.core.documents import printers
    from ayni.core.errors import ValidationError

    store = settings.open()
    try:
        try:
            setting = printers.set_printer(store, station, None)
        except ValidationError as refused:
            raise CliError(named(refused, _NAMES, settings.lang)) from None
    finally:
        store.close()
    click.echo(say(SAY, "cleared", settings.lang, station=station_name(setting.station, settings.lang)))


@printer.command("list")
@pass_settings
def printer_list(settings: Settings):
    """Las impresoras de este equipo / this laptop's printers."""
    from ayni.core.documents import printers

    store = settings.open(login=False)
    try:
        found = [s for s in printers.settings(store) if s.spec]
    finally:
        store.close()
    if not found:
        click.echo(say(SAY, "none", settings.lang))
    for setting in found:
        click.echo(say(SAY, "row", settings.lang, station=station_name(setting.station, settings.lang),
                       spec=setting.spec, width=setting.width_mm, profile=setting.profile))


def print_or_refuse(store, station: str, slip, lang: str) -> str:
    """Print ``slip`` on ``station``'s printer and say where; a :class:`CliError` saying how to set
    one when the station has none."""
    from ayni.core.documents import printers

    setting = printers.print_on_station(store, station, slip)
    if setting is None:
        raise CliError(say(SAY, "none_here", lang, station=station_name(station, lang), station_key=station or "registration"))
    return say(SAY, "printed", lang, spec=setting.spec)


@printer.command("test")
@STATION_OPTION
@pass_settings
def printer_test(settings: Settings, station: str):
    """Imprimir una prueba: acentos, S/, un QR y el corte / print a test: accents, S/, a QR code and the cut."""
    from ayni.core.documents.thermal import QR, Line, Rule, Slip

    lang = settings.lang
    slip = Slip((Line(say(SAY, "test_title", lang), align="center", bold=True, big=True), Rule(),
                 Line(say(SAY, "test_text", lang)), Line("áéíóú ÁÉÍÓÚ ñÑ ü ¿? ¡!"), QR("A-0042")))
    store = settings.open(login=False)
    try:
        click.echo(print_or_refuse(store, station, slip, lang))
    finally:
        store.close()
