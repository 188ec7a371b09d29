"""The dental plugin's own messages (Spanish first), and :func:`refuse` to build a FieldError from them.

Every message names the field (``{field}``), the tooth, and what is allowed instead.
"""

from __future__ import annotations

from ayni.core import FieldError, Text

MESSAGES: dict[str, Text] = {
    "dental.not_odontogram": Text(
        "{field}: debe ser una lista de piezas con su estado, p. ej. «16:c:OD 26:o:M 36:m».",
        "{field}: must list teeth with their state, e.g. «16:c:OD 26:o:M 36:m».",
    ),
    "dental.bad_tooth": Text(
        "{field}: «{value}» no es una pieza dental FDI; use 11–18, 21–28, 31–38, 41–48 (permanentes) "
        "o 51–55, 61–65, 71–75, 81–85 (temporales).",
        "{field}: «{value}» is not an FDI tooth; use 11–18, 21–28, 31–38, 41–48 (permanent) "
        "or 51–55, 61–65, 71–75, 81–85 (primary).",
    ),
    "dental.bad_state": Text(
        "{field}: pieza {tooth}: estado «{value}» desconocido; use: {allowed}.",
        "{field}: tooth {tooth}: unknown state «{value}»; use: {allowed}.",
    ),
    "dental.bad_mark": Text(
        "{field}: pieza {tooth}, superficie {surface}: marca «{value}» desconocida; use: {allowed}.",
        "{field}: tooth {tooth}, surface {surface}: unknown mark «{value}»; use: {allowed}.",
    ),
    "dental.bad_surface": Text(
        "{field}: la pieza {tooth} no tiene superficie «{surface}»; use {allowed} "
        "(incisal solo en dientes anteriores, oclusal solo en posteriores).",
        "{field}: tooth {tooth} has no «{surface}» surface; use {allowed} "
        "(incisal only on anterior teeth, occlusal only on posterior teeth).",
    ),
    "dental.surfaces_on_missing": Text(
        "{field}: la pieza {tooth} está ausente; no puede tener superficies marcadas.",
        "{field}: tooth {tooth} is missing; it cannot have marked surfaces.",
    ),
    "dental.surfaces_on_sound": Text(
        "{field}: la pieza {tooth} está marcada como sana pero tiene superficies marcadas; "
        "elija caries, obturado o sellado.",
        "{field}: tooth {tooth} is marked sound but has marked surfaces; choose caries, filled or sealed.",
    ),
    "dental.tooth_required": Text(
        "{field}: indique la pieza dental (número FDI: 11–18, 21–28, 31–38, 41–48 (permanentes) "
        "o 51–55, 61–65, 71–75, 81–85 (temporales)).",
        "{field}: give the tooth (FDI number: 11–18, 21–28, 31–38, 41–48 (permanent) "
        "or 51–55, 61–65, 71–75, 81–85 (primary)).",
    ),
    "dental.surfaces_required": Text(
        "{field}, pieza {tooth}: una restauración necesita al menos una superficie (M, O/I, D, V, L).",
        "{field}, tooth {tooth}: a restoration needs at least one surface (M, O/I, D, V, L).",
    ),
    "dental.surface_count": Text(
        "{field}, pieza {tooth}: este código es para {expected} y se marcaron {count} ({surfaces}); "
        "use «{suggested}».",
        "{field}, tooth {tooth}: this code is for {expected} and {count} were marked ({surfaces}); "
        "use «{suggested}».",
    ),
    "dental.tooth_missing": Text(
        "{field}: la pieza {tooth} figura como ausente en el odontograma (lo encontrado al examinar) "
        "o ya fue extraída en esta atención; no se puede extraer, restaurar ni sellar.",
        "{field}: tooth {tooth} is recorded as missing in the odontogram (what the exam found) "
        "or was already extracted in this encounter; it cannot be extracted, restored or sealed.",
    ),
    "dental.one_per_tooth": Text(
        "{field}, pieza {tooth}: registre una vez por pieza (cantidad 1); para varias piezas, "
        "agregue el procedimiento por cada pieza.",
        "{field}, tooth {tooth}: record it once per tooth (quantity 1); for several teeth, "
        "add the procedure for each tooth.",
    ),
    "dental.primary_on_adult": Text(
        "{field}: la pieza {tooth} es temporal y el paciente tiene {age} años. Si es un diente "
        "temporal retenido, marque «{confirm}»; si no, revise el número (permanentes 11–48).",
        "{field}: tooth {tooth} is a primary tooth and the patient is {age} years old. If it is a "
        "retained primary tooth, tick «{confirm}»; otherwise check the number (permanent 11–48).",
    ),
    "dental.permanent_on_toddler": Text(
        "{field}: la pieza {tooth} es permanente y el paciente tiene {age} años; antes de los "
        "{limit} años solo hay dientes temporales (51–55, 61–65, 71–75, 81–85). Revise el número.",
        "{field}: tooth {tooth} is a permanent tooth and the patient is {age} years old; before "
        "{limit} years there are only primary teeth (51–55, 61–65, 71–75, 81–85). Check the number.",
    ),
    "dental.anaesthetic_needs_weight": Text(
        "{field}: {anaesthetic}: la dosis máxima depende del peso y este paciente menor de edad no tiene peso "
        "registrado en esta campaña; registre el peso (triaje) y vuelva a guardar.",
        "{field}: {anaesthetic}: the maximum dose depends on the weight and this young patient has no weight "
        "recorded in this campaign; record the weight (triage) and save again.",
    ),
    "dental.anaesthetic_over_max": Text(
        "{field}: {anaesthetic}: {cartridges} cartuchos = {mg} mg supera el máximo de {most} mg ({how}), es decir "
        "{max_cartridges} cartuchos. No se puede registrar más.",
        "{field}: {anaesthetic}: {cartridges} cartridges = {mg} mg is above the maximum of {most} mg ({how}), that "
        "is {max_cartridges} cartridges. No more can be recorded.",
    ),
    "dental.anaesthetic_over_prudent": Text(
        "{field}: {anaesthetic}: {cartridges} cartuchos = {mg} mg supera la dosis prudente de {prudent} mg "
        "({how}); el máximo es {most} mg. Escriba por qué hizo falta más.",
        "{field}: {anaesthetic}: {cartridges} cartridges = {mg} mg is above the prudent dose of {prudent} mg "
        "({how}); the maximum is {most} mg. Say why more was needed.",
    ),
}


def refuse(field: str, key: str, label: Text, **params) -> FieldError:
    """A :class:`FieldError` carrying one of this plugin's :data:`MESSAGES`."""
    return FieldError(field, key, label, params, text=MESSAGES[key])
