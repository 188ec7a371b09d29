"""Bilingual text: Spanish first, English available, further languages from catalogues.

Labels that plugins declare are :class:`Text` values; messages the core itself shows
come from :data:`MESSAGES` through :func:`t`. The Spanish string is the gettext message id: a
language other than Spanish and English is looked up in the catalogues (:mod:`ayni.core.catalogues`)
and falls back to Spanish.
"""

from __future__ import annotations

import attrs

#: The languages of the UI (F12 switches between them).
LANGUAGES = ("es", "en")
DEFAULT_LANG = "es"


def _non_empty(instance, attribute, value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} label must be a non-empty string")


@attrs.frozen
class Text:
    """A label in Spanish and English. ``Text("Extracción", "Extraction")``."""

    es: str = attrs.field(validator=_non_empty)
    en: str = attrs.field(validator=_non_empty)

    def get(self, lang: str) -> str:
        """The label in ``lang``: English for ``en``; for a language other than Spanish, its catalogues'
        translation of the Spanish; Spanish when they have none (never an empty string)."""
        if lang == "en":
            return self.en
        if lang == DEFAULT_LANG or not lang:
            return self.es
        from .catalogues import translate

        return translate(lang, self.es)

    def matches(self, query: str) -> bool:
        """True when ``query`` appears, ignoring accents and case, in either language."""
        q = fold(query)
        return q in fold(self.es) or q in fold(self.en)


@attrs.frozen
class Plural:
    """A phrase with a count, in the form its number needs: ``Plural("{n} paciente", "{n} pacientes",
    "{n} patient", "{n} patients").format("es", 2)`` → «2 pacientes». Spanish and English both use
    the singular for exactly one."""

    es_one: str = attrs.field(validator=_non_empty)
    es_many: str = attrs.field(validator=_non_empty)
    en_one: str = attrs.field(validator=_non_empty)
    en_many: str = attrs.field(validator=_non_empty)

    def get(self, lang: str, n: int) -> str:
        """The phrase for ``n`` in ``lang``, not yet filled in: for a language other than Spanish and
        English, the form its catalogues give for ``n`` (``ngettext`` of ``es_one``/``es_many``),
        Spanish when they have none."""
        if lang == "en":
            return self.en_one if n == 1 else self.en_many
        if lang == DEFAULT_LANG or not lang:
            return self.es_one if n == 1 else self.es_many
        from .catalogues import translate_plural

        return translate_plural(lang, self.es_one, self.es_many, n)

    def format(self, lang: str, n: int, **values) -> str:
        """The phrase for ``n`` in ``lang`` with ``{n}`` and ``values`` filled in."""
        return self.get(lang, n).format(n=n, **values)


def document_languages() -> tuple[str, ...]:
    """The languages a document can be printed in: Spanish, English, and every language the core's
    catalogues have (``qu`` once its catalogue is installed)."""
    from .catalogues import languages

    return (*LANGUAGES, *(lang for lang in languages() if lang not in LANGUAGES))


def document_language(patient_language: str | None, chosen: str | None = None) -> str:
    """The language of a document handed to a patient (receipt, prescription, handout): ``chosen``
    when the person printing chose one of :func:`document_languages`, else the patient's recorded
    language when it is one of them, else Spanish; never the language the cashier's screen happens
    to be in. Words a catalogue does not translate yet are printed in Spanish."""
    printable = document_languages()
    if chosen in printable:
        return chosen
    return patient_language if patient_language in printable else DEFAULT_LANG


@attrs.frozen
class Phrase(Text):
    """A :class:`Text` composed from a template and values, which a third language fills in from its
    own translation of the template: ``es``/``en`` are filled in when it is made, any other language
    on lookup, each :class:`Text` value in that same language. Two phrases of the same template and
    values are equal."""

    template: Text | Plural
    n: int | None
    values: tuple[tuple[str, object], ...]

    @classmethod
    def of(cls, template: Text | Plural, values: dict, n: int | None = None) -> Phrase:
        """``template`` (a :class:`Plural` for ``n``) with ``values`` filled in."""
        parts = (template, n, tuple(sorted(values.items())))
        return cls(*(_fill(*parts, lang) for lang in LANGUAGES), *parts)

    def get(self, lang: str) -> str:
        """The phrase in ``lang``: Spanish and English as made; any other language from its catalogues'
        translation of the template (Spanish when they have none), with the values in ``lang``."""
        if lang in LANGUAGES or not lang:
            return super().get(lang)
        return _fill(self.template, self.n, self.values, lang)


def _fill(template: Text | Plural, n: int | None, values: tuple[tuple[str, object], ...], lang: str) -> str:
    in_lang = {key: value.get(lang) if isinstance(value, Text) else value for key, value in values}
    if isinstance(template, Plural):
        return template.format(lang, n, **in_lang)
    return template.get(lang).format(**in_lang)


def phrase(template: Text, **values) -> Phrase:
    """A whole phrase with its values filled in, each language from its own template:
    ``phrase(Text("Horas en {room}", "Hours in {room}"), room=label)``. A :class:`Text` value is put
    in the same language as the phrase; any other value as it is. The translator sees the whole
    sentence, never pieces glued together."""
    return Phrase.of(template, values)


def counted(plural: Plural, n: int, **values) -> Phrase:
    """``plural`` for ``n`` in every language: «Otras 3 comunidades» / «3 other communities»."""
    return Phrase.of(plural, values, n)


def join_texts(texts, sep: str = ", ") -> Text:
    """``texts`` one after another in each language: «recibido, anulado» / «received, cancelled».
    There must be at least one."""
    texts = list(texts)
    return Text(sep.join(t.es for t in texts), sep.join(t.en for t in texts))


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so that ``Núñez`` and ``nunez`` compare equal."""
    if text.isascii():  # nothing to strip (most names typed): ten times quicker, the same result
        return text.lower()
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


MESSAGES: dict[str, Text] = {
    # validation
    "required": Text("{field}: es obligatorio.", "{field}: is required."),
    "not_integer": Text("{field}: debe ser un número entero.", "{field}: must be a whole number."),
    "not_number": Text("{field}: debe ser un número.", "{field}: must be a number."),
    "out_of_range": Text(
        "{field}: debe estar entre {min} y {max}{unit}.",
        "{field}: must be between {min} and {max}{unit}.",
    ),
    "below_min": Text("{field}: debe ser como mínimo {min}{unit}.", "{field}: must be at least {min}{unit}."),
    "above_max": Text("{field}: debe ser como máximo {max}{unit}.", "{field}: must be at most {max}{unit}."),
    "bad_step": Text("{field}: debe ir en pasos de {step}.", "{field}: must be in steps of {step}."),
    "bad_choice": Text("{field}: elija una de: {allowed}.", "{field}: choose one of: {allowed}."),
    "bad_date": Text(
        "{field}: fecha no válida; use AAAA-MM-DD.", "{field}: invalid date; use YYYY-MM-DD."
    ),
    "date_in_future": Text(
        "{field}: no puede ser una fecha futura (hoy es {today}).",
        "{field}: cannot be in the future (today is {today}).",
    ),
    "date_too_late": Text(
        "{field}: no puede ser posterior a {max}.", "{field}: cannot be after {max}."
    ),
    "date_too_old": Text(
        "{field}: no puede ser anterior a {min}.", "{field}: cannot be before {min}."
    ),
    "too_long": Text(
        "{field}: máximo {max} caracteres.", "{field}: at most {max} characters."
    ),
    "control_character": Text(
        "{field}: contiene un carácter de control ({char}, posición {position}); escriba solo texto "
        "(saltos de línea y tabulaciones solo en notas).",
        "{field}: contains a control character ({char}, position {position}); type plain text only "
        "(line breaks and tabs only in notes).",
    ),
    "not_text": Text("{field}: debe ser un texto.", "{field}: must be text."),
    "too_many_digits": Text(
        "{field}: como máximo {max} dígitos.", "{field}: at most {max} digits."
    ),
    "too_many_places": Text(
        "{field}: como máximo {places} decimales.", "{field}: at most {places} decimal places."
    ),
    "unreadable": Text(
        "{field}: no se puede leer este valor; revise lo escrito.",
        "{field}: this value cannot be read; check what was typed.",
    ),
    "bad_code": Text(
        "{field}: código desconocido «{value}».", "{field}: unknown code «{value}»."
    ),
    "bad_tooth": Text(
        "{field}: «{value}» no es una pieza dental FDI; use 11–18, 21–28, 31–38, 41–48 "
        "(permanentes) o 51–55, 61–65, 71–75, 81–85 (temporales).",
        "{field}: «{value}» is not an FDI tooth; use 11–18, 21–28, 31–38, 41–48 "
        "(permanent) or 51–55, 61–65, 71–75, 81–85 (primary).",
    ),
    "bad_sides": Text(
        "{field}: indique un valor por lado ({sides}).", "{field}: give one value per side ({sides})."
    ),
    "bad_yes_no": Text("{field}: responda sí o no.", "{field}: answer yes or no."),
    "bad_pattern": Text("{field}: {hint}", "{field}: {hint}"),
    "bp_order": Text(
        "{field}: la sistólica debe ser mayor que la diastólica.",
        "{field}: systolic must be higher than diastolic.",
    ),
    # identifiers and patients
    "dni_format": Text(
        "{field}: el DNI tiene exactamente 8 dígitos (0–9), sin letras.",
        "{field}: a DNI has exactly 8 digits (0–9), no letters.",
    ),
    "ce_format": Text(
        "{field}: el carné de extranjería tiene de 9 a 12 caracteres, letras y dígitos.",
        "{field}: a foreigner's card has 9 to 12 characters, letters and digits.",
    ),
    "cedula_format": Text(
        "{field}: la cédula venezolana tiene de 6 a 9 dígitos, con V- o E- opcional.",
        "{field}: a Venezuelan cédula has 6 to 9 digits, optionally prefixed V- or E-.",
    ),
    "passport_format": Text(
        "{field}: el pasaporte tiene de 6 a 12 letras y dígitos.",
        "{field}: a passport has 6 to 12 letters and digits.",
    ),
    "duplicate_identifier": Text(
        "{field}: {value} ya está registrado para {name}.",
        "{field}: {value} is already registered for {name}.",
    ),
    "age_or_birth": Text(
        "{field}: indique la fecha de nacimiento o una edad estimada (0–120 años).",
        "{field}: give the birth date or an estimated age (0–120 years).",
    ),
    "guardian_required": Text(
        "{field}: un menor de 18 años necesita un apoderado.",
        "{field}: a patient under 18 needs a guardian.",
    ),
    # fees
    "negative_fee": Text(
        "{field}: no puede ser negativo (mínimo S/ 0.00).",
        "{field}: cannot be negative (minimum S/ 0.00).",
    ),
    "bad_money": Text(
        "{field}: monto en soles no válido, p. ej. 12.50.",
        "{field}: invalid amount in soles, e.g. 12.50.",
    ),
    "money_too_large": Text(
        "{field}: debe estar entre S/ 0.00 y S/ {max}.", "{field}: must be between S/ 0.00 and S/ {max}."
    ),
    "amount_below_full": Text(
        "{field}: el pago completo es S/ {suggested}; para cobrar menos use la escala reducida o la exoneración.",
        "{field}: the full payment is S/ {suggested}; to charge less use the sliding scale or a waiver.",
    ),
    "too_many_decimals": Text(
        "{field}: como máximo 2 decimales (céntimos).",
        "{field}: at most 2 decimals (céntimos).",
    ),
    "waiver_reason": Text(
        "{field}: la exoneración necesita un motivo.", "{field}: a waiver needs a reason."
    ),
    "amount_above_suggested": Text(
        "{field}: con escala reducida el monto debe estar entre S/ 0.00 y S/ {max}.",
        "{field}: on the sliding scale the amount must be between S/ 0.00 and S/ {max}.",
    ),
    "in_kind_description": Text(
        "{field}: describa lo que se recibió en especie.",
        "{field}: describe what was received in kind.",
    ),
    "unknown_procedure": Text(
        "{field}: el código de procedimiento «{value}» no existe en el catálogo.",
        "{field}: procedure code «{value}» is not in the catalogue.",
    ),
    "bad_quantity": Text(
        "{field}: la cantidad debe ser un número entero entre {min} y {max}.",
        "{field}: the quantity must be a whole number between {min} and {max}.",
    ),
    "encounter_closed": Text(
        "La atención ya está cerrada; no se puede modificar.",
        "The encounter is already closed and cannot be changed.",
    ),
    # stock
    "out_of_stock": Text(
        "{field}: quedan {available} de «{item}» sin vencer; se pidieron {requested}.",
        "{field}: {available} of «{item}» left in date; {requested} requested.",
    ),
    "expired_lot": Text(
        "{field}: todo el stock de «{item}» está vencido; no se puede entregar.",
        "{field}: all stock of «{item}» is past its expiry date and cannot be handed out.",
    ),
    "expired_on_receipt": Text(
        "{field}: el lote venció el {expiry}; no se recibe stock vencido (la fecha debe ser desde {min}).",
        "{field}: the lot expired on {expiry}; expired stock is not received (the date must be {min} or later).",
    ),
    "below_zero": Text(
        "{field}: el lote «{lot}» tiene {available}; no puede quedar por debajo de cero (se pidió {requested}).",
        "{field}: lot «{lot}» holds {available}; it cannot go below zero ({requested} requested).",
    ),
    "adjust_zero": Text(
        "{field}: un ajuste no puede ser cero; use de -{max} a -1 (salida) o de 1 a {max} (entrada).",
        "{field}: an adjustment cannot be zero; use -{max} to -1 (out) or 1 to {max} (in).",
    ),
    "adjust_reason": Text(
        "{field}: todo ajuste necesita un motivo; elija uno de: {allowed}.",
        "{field}: every adjustment needs a reason; choose one of: {allowed}.",
    ),
    "adjust_note": Text(
        "{field}: describa el motivo (obligatorio cuando el motivo es «otro»).",
        "{field}: describe the reason (required when the reason is «other»).",
    ),
    # cashier
    "approver_required": Text(
        "{field}: la escala reducida y la exoneración necesitan el nombre de quien las autorizó "
        "(1 a {max} caracteres).",
        "{field}: a sliding-scale payment or a waiver needs the name of who approved it (1 to {max} characters).",
    ),
    "approver_pin": Text(
        "{field}: quien autoriza (coordinación o administración) escribe aquí su propio PIN.",
        "{field}: the approver (a coordinator or admin) types their own PIN here.",
    ),
    "already_paid": Text(
        "{field}: esta atención ya está pagada (recibo N.º {receipt}); un nuevo pago solo se registra como "
        "corrección, con su motivo (1 a {max} caracteres).",
        "{field}: this encounter is already paid (receipt No. {receipt}); another payment is recorded only as "
        "a correction, with its reason (1 to {max} characters).",
    ),
    # storage
    "db_newer": Text(
        "La base de datos {path} es de una versión más nueva de Ayni ({names}). "
        "Actualice Ayni antes de abrirla.",
        "The database {path} comes from a newer version of Ayni ({names}). "
        "Update Ayni before opening it.",
    ),
    "db_corrupt": Text(
        "El archivo {path} no es una base de datos de Ayni válida o está dañado ({error}).",
        "The file {path} is not a valid Ayni database or is damaged ({error}).",
    ),
    "db_unwritable": Text(
        "No se puede escribir en {path}: {error}. Elija otra ruta con --db o AYNI_DB.",
        "Cannot write to {path}: {error}. Choose another path with --db or AYNI_DB.",
    ),
    "db_no_folder": Text(
        "No existe la carpeta {folder} de la base de datos {path} (¿la memoria USB no está conectada?); "
        "no se creó nada. Para una campaña nueva use «ayni init».",
        "The folder {folder} of the database {path} does not exist (is the USB stick not mounted?); "
        "nothing was created. For a new campaign use «ayni init».",
    ),
    "db_missing": Text(
        "No existe la base de datos {path}; no se creó nada. Revise --db o AYNI_DB, o cree una nueva con «ayni init».",
        "There is no database at {path}; nothing was created. Check --db or AYNI_DB, or create one with «ayni init».",
    ),
    "db_empty": Text(
        "El archivo {path} está vacío (0 bytes): no es una base de datos de Ayni y no se usó. "
        "Restaure una copia («ayni restore») o cree una nueva con «ayni init».",
        "The file {path} is empty (0 bytes): it is not an Ayni database and was not used. "
        "Restore a backup («ayni restore») or create a new one with «ayni init».",
    ),
    "disk_full": Text(
        "El disco de {path} está lleno: no se guardó nada de esta operación. Libere espacio y vuelva a intentarlo.",
        "The disk holding {path} is full: nothing of this operation was saved. Free some space and try again.",
    ),
    "file_disk_full": Text(
        "El disco está lleno: no se pudo escribir {path} y no quedó ningún archivo a medias. Libere espacio "
        "o elija otro destino con -o.",
        "The disk is full: {path} could not be written and no half-written file was left. Free some space "
        "or choose another destination with -o.",
    ),
    "file_unwritable": Text(
        "No se puede escribir {path}: {error}. No quedó ningún archivo a medias.",
        "Cannot write {path}: {error}. No half-written file was left.",
    ),
    "db_write_failed": Text(
        "No se pudo guardar en {path} ({error}); no se escribió nada. Lo escrito sigue en pantalla: "
        "intente de nuevo.",
        "Could not save to {path} ({error}); nothing was written. What was typed is still on screen: "
        "try again.",
    ),
    "db_unknown_reference": Text(
        "No se guardó nada: {table}.{column} es «{value}», y no hay ninguna fila con ese id en {parent}.",
        "Nothing was saved: {table}.{column} is «{value}», and {parent} has no row with that id.",
    ),
    "not_found": Text("No existe {what} con id {id}.", "There is no {what} with id {id}."),
}


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """The core message ``key`` in ``lang``, with ``params`` filled in."""
    return MESSAGES[key].get(lang).format(**params)


def lower_first(text: str) -> str:
    """«Derecho» → «derecho» inside a phrase; «M (talla 158–177 cm)» and «OD» stay as they are."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
