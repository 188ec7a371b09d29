"""The ``ayni encounters`` commands: cancelling an encounter opened by mistake, with its reason.
An encounter is named by its id, or by its first 8 characters or more."""

from __future__ import annotations

import click

from ayni.core.i18n import Text

from .context import CliError, Settings, named, pass_settings, say

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
    """Anular la atención REF (su id o sus primeros 8 caracteres) / cancel encounter REF (its id or first 8
    characters)."""
    from ayni.core.clinical import encounters as encounters_module
    from ayni.core.errors import ValidationError
    from ayni.core.model import Patient

    lang = settings.lang
    store = settings.open()
    try:
        try:
            found = encounters_module.find(store, reference)
            cancelled = encounters_module.cancel(store, found.id, reason)
        except ValidationError as refused:
            raise CliError(named(refused, {"encounter": "REF", "reason": "--reason"}, lang)) from None
        patient = store.get(Patient, "patients", cancelled.patient_id)
        where = encounters_module.place_text(store, cancelled, lang)
    finally:
        store.close()
    click.echo(say(SAY, "cancelled", lang, ref=cancelled.id[:encounters_module.MIN_REFERENCE],
                   patient=f"{patient.card_number} {patient.full_name}", where=where, reason=cancelled.cancel_reason))
