"""Every string the terminal UI shows, in Spanish and English.

Labels that come from the core or from plugins are already :class:`~ayni.core.Text`; this table
holds only the UI's own words. :func:`tr` looks a key up in the current language.
"""

from __future__ import annotations

from ayni.core import Text

UI: dict[str, Text] = {
    # application
    "app_title": Text("Ayni — historias clínicas", "Ayni — clinical records"),
    "user": Text("Usuario", "User"),
    "language_now": Text("Idioma: español", "Language: English"),
    "store_error_title": Text("No se pudo abrir la base de datos", "The database could not be opened"),
    "store_error_hint": Text("Pulse q para salir.", "Press q to quit."),
    "loading": Text("Abriendo la base de datos…", "Opening the database…"),
    # bindings (shown in the footer)
    "b_quit": Text("Salir", "Quit"),
    "b_back": Text("Volver", "Back"),
    "b_lang": Text("English", "Español"),
    "b_new_patient": Text("Nuevo paciente", "New patient"),
    "b_search": Text("Buscar", "Search"),
    "b_save": Text("Guardar", "Save"),
    "b_new_encounter": Text("Nueva atención", "New encounter"),
    "b_open": Text("Abrir", "Open"),
    "b_payment": Text("Pago", "Payment"),
    "b_close_print": Text("Cerrar e imprimir", "Close and print"),
    "b_print": Text("Imprimir", "Print"),
    "b_remove": Text("Quitar", "Remove"),
    "b_palette": Text("Comandos", "Commands"),
    "b_more": Text("Más", "More"),
    "b_yes": Text("Sí", "Yes"),
    "b_no": Text("No", "No"),
    # command palette
    "c_new_patient": Text("Registrar un paciente nuevo", "Register a new patient"),
    "c_search": Text("Volver a la búsqueda de pacientes", "Back to patient search"),
    "c_lang": Text("Cambiar idioma (español / inglés)", "Switch language (Spanish / English)"),
    "c_quit": Text("Salir de Ayni", "Quit Ayni"),
    "c_plugin_screen": Text("Pantalla de una especialidad", "A specialty's screen"),
    "plugin_menu_title": Text("Más pantallas (Enter abre)", "More screens (Enter opens)"),
    "plugin_screen_failed": Text("No se pudo abrir la pantalla: {error}", "Could not open the screen: {error}"),
    "c_theme": Text("Cambiar el tema de colores", "Change the colour theme"),
    "c_keys": Text("Mostrar las teclas disponibles", "Show the available keys"),
    "c_theme_name": Text("Tema", "Theme"),
    "c_keys_name": Text("Teclas", "Keys"),
    "c_quit_name": Text("Salir", "Quit"),
    "c_lang_name": Text("Idioma", "Language"),
    "c_new_patient_name": Text("Nuevo paciente", "New patient"),
    "c_search_name": Text("Buscar paciente", "Find patient"),
    # search
    "search_title": Text("Buscar paciente", "Find a patient"),
    "search_placeholder": Text(
        "Nombre, apellidos o documento (Enter abre el primero, ↓ para elegir)",
        "Name, surnames or document (Enter opens the first, ↓ to choose)",
    ),
    "col_name": Text("Nombre", "Name"),
    "col_age": Text("Edad", "Age"),
    "col_sex": Text("Sexo", "Sex"),
    "col_id": Text("Documento", "Document"),
    "col_community": Text("Comunidad", "Community"),
    "results_count": Text("{n} resultado(s) para «{q}»", "{n} result(s) for «{q}»"),
    "results_none": Text(
        "Ningún paciente coincide con «{q}». F2 registra uno nuevo.",
        "No patient matches «{q}». F2 registers a new one.",
    ),
    "results_recent": Text("Pacientes registrados recientemente", "Recently registered patients"),
    "results_empty_db": Text(
        "Aún no hay pacientes. Pulse F2 para registrar el primero.",
        "No patients yet. Press F2 to register the first one.",
    ),
    "age_estimated": Text("~{n}", "~{n}"),
    "id_short_dni": Text("DNI", "DNI"),
    "id_short_ce": Text("CE", "CE"),
    "id_short_cedula_ve": Text("Céd. VE", "VE ID"),
    "id_short_passport": Text("Pas.", "Pass."),
    # registration and forms
    "register_title": Text("Registrar paciente", "Register patient"),
    "save_hint": Text("Ctrl+S guarda · Esc vuelve sin guardar", "Ctrl+S saves · Esc goes back without saving"),
    "required_mark": Text("(obligatorio)", "(required)"),
    "errors_summary": Text(
        "No se guardó nada. Corrija {n} campo(s):", "Nothing was saved. Fix {n} field(s):"
    ),
    "registered": Text("Paciente registrado: {name}", "Patient registered: {name}"),
    "choose": Text("— elegir —", "— choose —"),
    "range": Text("{min}–{max}", "{min}–{max}"),
    "date_hint": Text("AAAA-MM-DD", "YYYY-MM-DD"),
    "teeth_hint": Text("números FDI, p. ej. 16 26 36", "FDI numbers, e.g. 16 26 36"),
    "derived_hint": Text("(se calcula al guardar)", "(computed on save)"),
    "yes": Text("Sí", "Yes"),
    "code_search": Text("Buscar por código o palabras…", "Search by code or words…"),
    "code_none": Text("(ninguno)", "(none)"),
    "code_chosen": Text("Elegidos", "Chosen"),
    "code_no_match": Text("Sin coincidencias", "No matches"),
    # patient
    "patient_title": Text("Paciente", "Patient"),
    "p_age": Text("Edad", "Age"),
    "p_years": Text("{n} años", "{n} years"),
    "p_years_est": Text("{n} años (estimada)", "{n} years (estimated)"),
    "p_sex": Text("Sexo", "Sex"),
    "p_ids": Text("Documento", "Document"),
    "p_from": Text("Procedencia", "From"),
    "p_language": Text("Idioma", "Language"),
    "p_phone": Text("Teléfono", "Phone"),
    "p_guardian": Text("Apoderado", "Guardian"),
    "encounters": Text("Atenciones", "Encounters"),
    "no_encounters": Text(
        "Sin atenciones todavía. Pulse e para abrir una.", "No encounters yet. Press e to open one."
    ),
    "col_date": Text("Fecha", "Date"),
    "col_specialty": Text("Especialidad", "Specialty"),
    "col_station": Text("Estación", "Station"),
    "col_status": Text("Estado", "Status"),
    "status_open": Text("abierta", "open"),
    "status_closed": Text("cerrada", "closed"),
    "open_encounter_title": Text(
        "Nueva atención: elija especialidad y estación (Enter)",
        "New encounter: choose specialty and station (Enter)",
    ),
    "no_specialties": Text(
        "No hay especialidades instaladas (ningún plugin las ofrece).",
        "No specialties are installed (no plugin offers one).",
    ),
    # encounter
    "encounter_title": Text("Atención", "Encounter"),
    "tab_procedures": Text("Procedimientos", "Procedures"),
    "tab_diagnoses": Text("Diagnósticos", "Diagnoses"),
    "catalogue": Text("Catálogo (Enter añade)", "Catalogue (Enter adds)"),
    "added": Text("Añadidos (Supr quita los no guardados)", "Added (Del removes unsaved ones)"),
    "col_procedure": Text("Procedimiento", "Procedure"),
    "col_fee": Text("Tarifa", "Fee"),
    "col_detail": Text("Detalle", "Detail"),
    "col_saved": Text("Estado", "State"),
    "saved_mark": Text("guardado", "saved"),
    "pending_mark": Text("por guardar", "to save"),
    "detail_for": Text("Detalle ({target})", "Detail ({target})"),
    "target_tooth": Text("pieza dental FDI", "FDI tooth"),
    "target_eye": Text("ojo: od / os", "eye: od / os"),
    "target_limb": Text("miembro / lado", "limb / side"),
    "running_total": Text("Total sugerido: {total}", "Suggested total: {total}"),
    "no_procedures": Text(
        "Esta especialidad no tiene catálogo de procedimientos.", "This specialty has no procedure catalogue."
    ),
    "diagnoses_help": Text(
        "Escriba un código CIE-10 o palabras; Enter añade; Supr quita uno no guardado.",
        "Type an ICD-10 code or words; Enter adds; Del removes an unsaved one.",
    ),
    "saved": Text("Atención guardada.", "Encounter saved."),
    "nothing_to_save": Text("No hay cambios que guardar.", "There are no changes to save."),
    "closed_readonly": Text(
        "Atención cerrada: solo lectura. F9 vuelve a imprimir.",
        "Encounter closed: read only. F9 prints again.",
    ),
    "confirm_close": Text(
        "¿Cerrar esta atención? Ya no se podrá modificar. (s = sí, n = no)",
        "Close this encounter? It can no longer be changed. (y = yes, n = no)",
    ),
    "closed": Text("Atención cerrada.", "Encounter closed."),
    "printing": Text("Imprimiendo el resumen…", "Printing the summary…"),
    "printed": Text("Resumen guardado en {path}", "Summary written to {path}"),
    "print_failed": Text("No se pudo imprimir: {error}", "Could not print: {error}"),
    "pdf_missing": Text(
        "La impresión en PDF no está disponible en esta instalación.",
        "PDF printing is not available in this installation.",
    ),
    "unsaved_changes": Text(
        "Hay cambios sin guardar: Ctrl+S guarda, o Esc otra vez para salir sin guardar.",
        "There are unsaved changes: Ctrl+S saves, or Esc again to leave without saving.",
    ),
    # payment
    "payment_title": Text("Pago de la atención", "Encounter payment"),
    "suggested": Text("Tarifa sugerida: {total}", "Suggested fee: {total}"),
    "payment_kind": Text("Tipo de pago", "Payment type"),
    "level": Text("Nivel de escala", "Sliding-scale level"),
    "level_option": Text("Paga {pct} % → {amount}", "Pays {pct} % → {amount}"),
    "amount": Text("Monto pagado (S/)", "Amount paid (S/)"),
    "amount_hint": Text("o escriba un monto, p. ej. 12.50", "or type an amount, e.g. 12.50"),
    "reason": Text("Motivo de la exoneración", "Reason for the waiver"),
    "reason_hint": Text("p. ej. adulto mayor sin ingresos", "e.g. older adult with no income"),
    "in_kind_hint": Text("p. ej. 2 kg de papa", "e.g. 2 kg of potatoes"),
    "method": Text("Forma de pago", "Method"),
    "in_kind": Text("Descripción en especie", "In-kind description"),
    "payment_recorded": Text("Pago registrado: {amount}", "Payment recorded: {amount}"),
    "payment_previous": Text("Último pago registrado: {amount} ({kind})", "Last payment recorded: {amount} ({kind})"),
    "payment_none": Text("Aún no se registró ningún pago.", "No payment recorded yet."),
}


def tr(key: str, lang: str, **params) -> str:
    """The UI string ``key`` in ``lang`` with ``params`` filled in."""
    text = UI[key].get(lang)
    return text.format(**params) if params else text
