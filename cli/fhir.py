"""The ``ayni fhir`` commands: a patient, a visit or a campaign out as a FHIR bundle, and patients in
from one. Registered on the main group by :mod:`ayni.cli`; ``fhir.resources`` is imported only when
a bundle is written.
"""

from __future__ import annotations

from pathlib import Path

import click

from ayni.core.i18n import Text

from .context import CliError, Settings, pass_settings, resolve, say

SAY = {
    "one_scope": Text("Indique uno solo de --patient, --encounter o --campaign.",
                      "Give exactly one of --patient, --encounter or --campaign."),
    "exported": Text("{count} recursos FHIR (R4B, 4.3.0) guardados: {path}",
                     "{count} FHIR resources (R4B, 4.3.0) written: {path}"),
    "registered": Text("Registrado n.º {number}: {name}", "Registered no. {number}: {name}"),
    "refused": Text("No registrado (entrada {index}, {name}): {reason}",
                    "Not registered (entry {index}, {name}): {reason}"),
    "not_kept": Text("Entrada {index}: identificador no guardado (sistema desconocido o más de dos): {value}",
                     "Entry {index}: identifier not kept (unknown system, or more than two): {value}"),
    "matched": Text("Ya registrado (entrada {index}, {name}): n.º {number} {found}",
                    "Already registered (entry {index}, {name}): no. {number} {found}"),
    "likely": Text("Posible duplicado, no registrado (entrada {index}, {name}); registre con --accept-likely si es "
                   "otra persona:", "Likely duplicate, not registered (entry {index}, {name}); register with "
                   "--accept-likely if it is another person:"),
    "candidate": Text("  n.º {number} {found}: {reasons}", "  no. {number} {found}: {reasons}"),
    "summary": Text("{registered} registrados, {matched} ya registrados, {likely} posibles duplicados no registrados, "
                    "{refused} no registrados por error.",
                    "{registered} registered, {matched} already registered, {likely} likely duplicates not registered, "
                    "{refused} refused."),
    "alerts": Text("{count} alertas registradas (alergias, enfermedades crónicas, embarazo); las ya registradas no se "
                   "repiten.", "{count} alerts recorded (allergies, chronic conditions, pregnancy); those already "
                   "recorded are not repeated."),
    "alert_refused": Text("Alerta no registrada (entrada {index}, de {name}): {reason}",
                          "Alert not recorded (entry {index}, of {name}): {reason}"),
    "alerts_not_allowed": Text("{count} alertas no registradas: registrar alertas necesita el permiso «{right}».",
                               "{count} alerts not recorded: recording alerts needs the right «{right}»."),
    "unreadable": Text("No se puede leer {path}: {error}.", "Cannot read {path}: {error}."),
    "not_text": Text("{path} no es texto UTF-8: no es un paquete FHIR en JSON.",
                     "{path} is not UTF-8 text: not a FHIR bundle in JSON."),
}

#: The words ``--campaign`` takes for the current campaign instead of an id.
CURRENT = ("actual", "current")


@click.group()
def fhir():
    """Intercambio FHIR con el sistema de salud / FHIR exchange with the health system."""


@fhir.command("export")
@click.option("--patient", help="Número de tarjeta del paciente (A-0042, o 42) / the patient's card number.")
@click.option("--encounter", help="Referencia de la atención (p. ej. 3f2a9c1b) o id / encounter reference or id.")
@click.option("--campaign", "campaign_id",
              help="Id de la campaña, o «actual» / campaign id, or «current».")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@pass_settings
def fhir_export(settings: Settings, patient: str | None, encounter: str | None, campaign_id: str | None,
                output: Path):
    """Escribir un paquete FHIR / write a FHIR transaction Bundle (R4B) to OUTPUT."""
    from ayni.core.exchange import fhir as exchange

    if sum(x is not None for x in (patient, encounter, campaign_id)) != 1:
        raise CliError(say(SAY, "one_scope", settings.lang))
    store = settings.open()
    try:
        if patient is not None:
            data = exchange.patient_bundle(store, resolve(store, "patient", patient, settings.lang, "--patient"),
                                           settings.lang)
        elif encounter is not None:
            encounter_id = resolve(store, "encounter", encounter, settings.lang, "--encounter")
            data = exchange.encounter_bundle(store, encounter_id, settings.lang)
        else:
            data = exchange.campaign_bundle(store, None if campaign_id.strip() in CURRENT else campaign_id.strip(),
                                            settings.lang)
        count = exchange.export(store, data, output)
    finally:
        store.close()
    click.echo(say(SAY, "exported", settings.lang, count=count, path=output))


@fhir.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--accept-likely", is_flag=True,
              help="Registrar también a quien parece un paciente ya registrado / also register likely duplicates.")
@pass_settings
@click.pass_context
def fhir_import(ctx: click.Context, settings: Settings, source: Path, accept_likely: bool):
    """Registrar los pacientes de un paquete FHIR que no estén ya registrados / register the patients of a FHIR
    Bundle not registered yet (exit 1 if any is refused or skipped as a likely duplicate)."""
    from ayni.core.exchange.fhirimport import import_patients

    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliError(say(SAY, "not_text", settings.lang, path=source)) from None
    except OSError as error:
        raise CliError(say(SAY, "unreadable", settings.lang, path=source, error=error.strerror or error)) from None
    store = settings.open()
    try:
        result = import_patients(store, text, str(source), accept_likely=accept_likely)
    finally:
        store.close()
    lang = settings.lang
    for patient in result.registered:
        click.echo(say(SAY, "registered", lang, number=patient.card_number, name=patient.full_name))
    for matched in result.matched:
        click.echo(say(SAY, "matched", lang, index=matched.index, name=matched.name,
                       number=matched.patient.card_number, found=matched.patient.full_name))
    for likely in result.likely:
        click.secho(say(SAY, "likely", lang, index=likely.index, name=likely.name), fg="yellow", err=True)
        for candidate in likely.candidates:
            click.secho(say(SAY, "candidate", lang, number=candidate.patient.card_number,
                            found=candidate.patient.full_name, reasons=candidate.why(lang)), fg="yellow", err=True)
    for index, value in result.not_kept:
        click.secho(say(SAY, "not_kept", lang, index=index, value=value), fg="yellow", err=True)
    for refused in result.refused:
        click.secho(say(SAY, "refused", lang, index=refused.index, name=refused.name,
                        reason=refused.reason.message(lang).replace("\n", "; ")), fg="red", err=True)
    for refused in result.alerts_refused:
        click.secho(say(SAY, "alert_refused", lang, index=refused.index, name=refused.name,
                        reason=refused.reason.message(lang).replace("\n", "; ")), fg="red", err=True)
    if result.alerts_not_allowed:
        from ayni.core.people.users import PERMISSIONS

        click.secho(say(SAY, "alerts_not_allowed", lang, count=result.alerts_not_allowed,
                        right=PERMISSIONS["alerts.record"].label.get(lang)), fg="yellow", err=True)
    click.echo(say(SAY, "summary", lang, registered=len(result.registered), matched=len(result.matched),
                   likely=len(result.likely), refused=len(result.refused)))
    if result.alerts:
        click.echo(say(SAY, "alerts", lang, count=len(result.alerts)))
    if result.refused or result.likely:
        ctx.exit(1)
