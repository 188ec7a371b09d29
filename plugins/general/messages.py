"""The general-medicine plugin's own messages (Spanish first), and :func:`refuse` to build a FieldError.

Every message names the field (``{field}``) and what is allowed instead.
"""

from __future__ import annotations

from ayni.core import FieldError, SoftStop, Text

MESSAGES: dict[str, Text] = {
    # prescriptions
    "general.rx_syntax": Text(
        "{field}: línea {line} «{value}»: escriba medicamento, dosis, frecuencia y días, "
        "p. ej. «Amoxicilina 500 mg VO c/8h x 7 dias», «amoxicilina_500 1 c/8h x7d» o «albendazol_400 1 unica».",
        "{field}: line {line} «{value}»: write medicine, dose, frequency and days, "
        "e.g. «Amoxicillin 500 mg PO c/8h x 7 days», «amoxicillin_500 1 c/8h x7d» or «albendazole_400 1 once».",
    ),
    "general.rx_unknown": Text(
        "{field}: «{value}» no está en el petitorio de la campaña; escriba el nombre y la concentración de uno de: "
        "{allowed}.",
        "{field}: «{value}» is not in the campaign formulary; write the name and strength of one of: {allowed}.",
    ),
    "general.rx_ambiguous": Text(
        "{field}: «{value}» puede ser {candidates}; añada la concentración o la forma.",
        "{field}: «{value}» could be {candidates}; add the strength or the form.",
    ),
    "general.rx_dose": Text(
        "{field}: {medicine}: la dosis debe estar entre {min} y {max} {unit}.",
        "{field}: {medicine}: the dose must be between {min} and {max} {unit}.",
    ),
    "general.rx_frequency": Text(
        "{field}: {medicine}: frecuencia «{value}» no válida; use c/4h, c/6h, c/8h, c/12h, c/24h o «unica».",
        "{field}: {medicine}: frequency «{value}» is not valid; use q4h, q6h, q8h, q12h, q24h or «once».",
    ),
    "general.rx_days": Text(
        "{field}: {medicine}: los días de tratamiento deben estar entre 1 y {max}.",
        "{field}: {medicine}: the days of treatment must be between 1 and {max}.",
    ),
    "general.rx_twice": Text(
        "{field}: {medicine} figura dos veces; escríbalo en una sola línea.",
        "{field}: {medicine} is listed twice; write it on one line.",
    ),
    "general.allergy_clash": Text(
        "{field}: no se puede recetar {medicine}: el paciente es alérgico a {allergy} "
        "(registrado en {where}). Elija otro medicamento.",
        "{field}: {medicine} cannot be prescribed: the patient is allergic to {allergy} "
        "(recorded in {where}). Choose another medicine.",
    ),
    "general.rx_min_age": Text(
        "{field}: {medicine} no se da antes de {min_age}; el paciente tiene {age}. Elija otro medicamento.",
        "{field}: {medicine} is not given before {min_age}; the patient is {age} old. Choose another medicine.",
    ),
    "general.rx_needs_weight": Text(
        "{field}: {medicine} se dosifica por peso y este niño no tiene peso registrado en esta campaña; "
        "registre el peso (triaje) y vuelva a guardar.",
        "{field}: {medicine} is dosed by weight and this child has no weight recorded in this campaign; "
        "record the weight (triage) and save again.",
    ),
    "general.rx_over_max": Text(
        "{field}: {medicine}: {mg} mg por dosis supera el máximo de {max} mg por dosis{young}.",
        "{field}: {medicine}: {mg} mg per dose is above the maximum of {max} mg per dose{young}.",
    ),
    "general.rx_over_day": Text(
        "{field}: {medicine}: {mg} mg al día ({times} dosis de {dose} mg) supera el máximo de {max} mg al día.",
        "{field}: {medicine}: {mg} mg a day ({times} doses of {dose} mg) is above the maximum of {max} mg a day.",
    ),
    "general.rx_per_kg_dose": Text(
        "{field}: {medicine}: {limit} mg/kg por dosis; {who} de {weight} kg: {mg} mg = {per_kg} mg/kg; "
        "máximo {limit} mg/kg.",
        "{field}: {medicine}: {limit} mg/kg per dose; {who} of {weight} kg: {mg} mg = {per_kg} mg/kg; "
        "maximum {limit} mg/kg.",
    ),
    "general.rx_per_kg_day": Text(
        "{field}: {medicine}: {limit} mg/kg al día; {who} de {weight} kg: {mg} mg al día = {per_kg} mg/kg; "
        "máximo {limit} mg/kg.",
        "{field}: {medicine}: {limit} mg/kg a day; {who} of {weight} kg: {mg} mg a day = {per_kg} mg/kg; "
        "maximum {limit} mg/kg.",
    ),
    "general.rx_per_kg_dose_ceiling": Text(
        "{field}: {medicine}: {who} de {weight} kg: {mg} mg = {per_kg} mg/kg por dosis, más del doble de lo usual "
        "({limit} mg/kg); no se puede dar más de {ceiling} mg/kg ({most} mg por dosis), ni con un motivo.",
        "{field}: {medicine}: {who} of {weight} kg: {mg} mg = {per_kg} mg/kg per dose, more than twice the usual "
        "({limit} mg/kg); no more than {ceiling} mg/kg ({most} mg per dose) can be given, not even with a reason.",
    ),
    "general.rx_per_kg_day_ceiling": Text(
        "{field}: {medicine}: {who} de {weight} kg: {mg} mg al día = {per_kg} mg/kg, más del doble de lo usual "
        "({limit} mg/kg al día); no se puede dar más de {ceiling} mg/kg ({most} mg al día), ni con un motivo.",
        "{field}: {medicine}: {who} of {weight} kg: {mg} mg a day = {per_kg} mg/kg, more than twice the usual "
        "({limit} mg/kg a day); no more than {ceiling} mg/kg ({most} mg a day) can be given, not even with a reason.",
    ),
    "general.allergy_none_and_some": Text(
        "{field}: «Niega alergias» no puede ir junto con una alergia; quite una de las dos.",
        "{field}: «No known allergies» cannot go with an allergy; remove one of them.",
    ),
    # vaccines
    "general.vx_syntax": Text(
        "{field}: línea {line} «{value}»: escriba vacuna, dosis, lote, vencimiento (AAAA-MM-DD) y sitio, "
        "p. ej. «{example}».",
        "{field}: line {line} «{value}»: write vaccine, dose, lot, expiry (YYYY-MM-DD) and site, "
        "e.g. «{example}».",
    ),
    "general.vx_unknown": Text(
        "{field}: vacuna «{value}» desconocida; use una de: {allowed}.",
        "{field}: unknown vaccine «{value}»; use one of: {allowed}.",
    ),
    "general.vx_dose": Text(
        "{field}: {vaccine}: dosis «{value}» no válida; para esta vacuna use: {allowed}.",
        "{field}: {vaccine}: dose «{value}» is not valid; for this vaccine use: {allowed}.",
    ),
    "general.vx_site": Text(
        "{field}: {vaccine}: sitio «{value}» no válido; use: {allowed}.",
        "{field}: {vaccine}: site «{value}» is not valid; use: {allowed}.",
    ),
    "general.vx_expiry": Text(
        "{field}: {vaccine}: vencimiento «{value}» no válido; use AAAA-MM-DD (o AAAA-MM).",
        "{field}: {vaccine}: expiry «{value}» is not valid; use YYYY-MM-DD (or YYYY-MM).",
    ),
    "general.vx_expired": Text(
        "{field}: {vaccine}, lote {lot}: venció el {expiry}, antes del día de la vacunación ({day}); "
        "no se puede aplicar. Use un lote vigente.",
        "{field}: {vaccine}, lot {lot}: expired on {expiry}, before the day of vaccination ({day}); "
        "it cannot be given. Use a lot in date.",
    ),
    "general.vx_twice": Text(
        "{field}: {vaccine} figura dos veces en esta atención; registre una dosis por vacuna.",
        "{field}: {vaccine} is listed twice in this encounter; record one dose per vaccine.",
    ),
    # mental health
    "general.urgent_referral_missing": Text(
        "{field}: la acción de seguridad es «Referencia urgente», pero no hay referencia; llene la pestaña "
        "Referencia antes de cerrar.",
        "{field}: the safety action is «Urgent referral», but there is no referral; fill in the Referral tab "
        "before closing.",
    ),
    # triage
    "general.priority_reason": Text(
        "{field}: la prioridad sugerida es {suggested} ({because}); para asignar {chosen} escriba el motivo.",
        "{field}: the suggested priority is {suggested} ({because}); to assign {chosen} write the reason.",
    ),
    # screenings and forms
    "general.incomplete_scale": Text(
        "{field}: responda las {count} preguntas (0 a 3 cada una) o ninguna; faltan: {missing}.",
        "{field}: answer all {count} questions (0 to 3 each) or none; missing: {missing}.",
    ),
    "general.safety_action": Text(
        "{field}: la pregunta 9 del PHQ-9 es mayor que 0; indique qué se hizo para la seguridad del paciente.",
        "{field}: PHQ-9 question 9 is above 0; record what was done for the patient's safety.",
    ),
    "general.pastoral_consent": Text(
        "{field}: la consejería pastoral solo se registra con el consentimiento explícito del paciente. "
        "Si no lo da, no registre nada: la atención no depende de ello.",
        "{field}: pastoral counselling is recorded only with the patient's explicit consent. "
        "Without it, record nothing: care never depends on it.",
    ),
    "general.only_if_pregnant": Text(
        "{field}: es un dato del control prenatal; marque «Gestante: sí» o déjelo vacío.",
        "{field}: is an antenatal finding; tick «Pregnant: yes» or leave it empty.",
    ),
    "general.gestation_too_long": Text(
        "{field}: da {weeks} semanas de gestación; debe dar como máximo {max} semanas. Revise la fecha.",
        "{field}: gives {weeks} weeks of pregnancy; it must be at most {max} weeks. Check the date.",
    ),
    "general.pregnant_male": Text(
        "{field}: el paciente está registrado con sexo masculino; revise el registro o el formulario.",
        "{field}: the patient is registered as male; check the registration or the form.",
    ),
}


def refuse(field: str, key: str, label: Text, **params) -> FieldError:
    """A :class:`FieldError` carrying one of this plugin's :data:`MESSAGES`."""
    return FieldError(field, key, label, params, text=MESSAGES[key])


def warn(field: str, key: str, label: Text, subject: str, **params) -> SoftStop:
    """A :class:`SoftStop` (saved only with a reason) carrying one of :data:`MESSAGES`, about ``subject``."""
    return SoftStop(field, key, label, params, text=MESSAGES[key], subject=subject)
