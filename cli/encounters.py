"""The ``ayni encounters`` commands: cancelling an encounter opened by mistake, with its reason.
An encounter is named by the reference its screen and the history show (or its id)."""

from __future__ import annotations

import click

from ayni.core.i18n import Text

from .context import CliError, Settings, named, pass_settings, resolve, say

SAY = {
    "cancelled": Text("Atención {ref} anulada ({patient}, {where}): {reason}. Queda en la historia y fuera de las "
                      "cifras.",
                      "Encounter {ref} cancelled ({patient}, {where}): {reason}. It stays in the history and out of "
                      "the figures."),
}


@click.group()
def encounters():
    """Atenciones: anular una abierta por error / encounters: cancel one opened by mistake."""


@encounters.command("cancel")
@click.argument("reference", metavar="REF")
@click.option("--reason", required=True, help="Motivo, 4 a 200 caracteres / reason, 4 to 200 characters.")
@pass_settings
def encounters_cancel(settings: Settings, reference: str, reason: str):
    """Anular la atención REF (la referencia que muestra su pantalla, p. ej. 3f2a9c1b) / cancel encounter REF
    (the reference its screen shows, e.g. 3f2a9c1b)."""
    from ayni.core.clinical import encounters as encounters_module
    from ayni.core.errors import ValidationError
    from ayni.core.model import Patient

    lang = settings.lang
    store = settings.open()
    try:
        try:
            cancelled = encounters_module.cancel(store, resolve(store, "encounter", reference, lang, "REF"), reason)
        except ValidationError as refused:
            raise CliError(named(refused, {"encounter": "REF", "reason": "--reason"}, lang)) from None
        patient = store.get(Patient, "patients", cancelled.patient_id)
        where = encounters_module.place_text(store, cancelled, lang)
    finally:
        store.close()
    click.echo(say(SAY, "cancelled", lang, ref=encounters_module.reference(cancelled.id),
                   patient=f"{patient.card_number} {patient.full_name}", where=where, reason=cancelled.cancel_reason))
