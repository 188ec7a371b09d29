"""How each mobility aid and orthosis is fitted: its fitting form (kind, size, the patient's
measurements, the checklist) with the fitting rules, which of its values pick the stock lot, and how
it is described to people («pediátrica, asiento 30 × 30 cm»).

The rules are the ones taught for manual aids: seat width = hip width + 2 to 5 cm, seat depth 2 to
5 cm shorter than the thigh, walker and cane handles at the wrist crease, axillary crutches 2 to 3
fingers below the armpit, the Denis Browne bar as wide as the shoulders. An aid is never handed
out with a checklist item not done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from ayni.core import BODY_SIDES, Choice, Field, FieldError, FieldType, FormSpec, Text

from . import codes

SPECIALTY = "physio"
_FIT = Text("Adaptación", "Fitting")
_CHECKS = Text("Comprobaciones antes de entregar", "Checks before handing out")
_NOT_DONE = Text("{field}: no se puede entregar sin esta comprobación; hágala y márquela (sí).",
                 "{field}: cannot be handed out without this check; do it and tick it (yes).")


def _cm(key: str, es: str, en: str, low: int, high: int, section: Text = _FIT, required: bool = True,
        help: Text | None = None) -> Field:
    return Field(key, FieldType.INTEGER, Text(es, en), required=required, unit="cm", min=low, max=high,
                 section=section, help=help)


def _check(key: str, es: str, en: str) -> Field:
    return Field(key, FieldType.YES_NO, Text(es, en), section=_CHECKS)


def _choice(key: str, es: str, en: str, choices: tuple[Choice, ...]) -> Field:
    return Field(key, FieldType.CHOICE, Text(es, en), required=True, choices=choices, section=_FIT)


def _c(value: str, es: str, en: str) -> Choice:
    return Choice(value, Text(es, en))


def _rule(field: Field, key: str, text: Text, **params) -> FieldError:
    return FieldError(field.key, key, field.label, params, text=text)


PROVISION = Field("provision", FieldType.CHOICE, Text("Entrega", "Provision"), required=True,
                  choices=codes.PROVISIONS)
RETURN_BY = Field("return_by", FieldType.DATE, Text("Devolver hasta", "Return by"), allow_future=True)
NOTES = Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=500)
_RETURN_NEEDED = Text("{field}: un préstamo necesita la fecha de devolución.",
                      "{field}: a loan needs the date it is due back.")


def _common_errors(values: Mapping, fields: tuple[Field, ...]) -> list[FieldError]:
    errors = [_rule(f, "check_not_done", _NOT_DONE) for f in fields
              if f.type == FieldType.YES_NO and values.get(f.key) is not True]
    if values.get("provision") == "lent" and values.get("return_by") is None:
        errors.append(_rule(RETURN_BY, "required_for_loan", _RETURN_NEEDED))
    return errors


@attrs.frozen
class Aid:
    """One kind of aid: its equipment key, its fitting form, the values that pick a stock lot
    (``stock_keys(values)``), and ``describe(attributes, lang)`` for people."""

    item_key: str
    form: FormSpec
    stock_keys: Callable[[Mapping], tuple[str, ...]] = attrs.field(eq=False)
    describe: Callable[[Mapping, str], str] = attrs.field(eq=False)

    def stock_attributes(self, values: Mapping) -> dict:
        """The attributes a stock lot must have to fit this patient."""
        return {k: values[k] for k in self.stock_keys(values) if values.get(k) is not None}


def _label(form: FormSpec, key: str, value, lang: str) -> str:
    return form.field(key).choice_label(value, lang) if value is not None else ""


def _form(item: str, title: Text, fields: tuple[Field, ...], rules: Callable[[Mapping], list[FieldError]]) -> FormSpec:
    fields = (*fields, PROVISION, RETURN_BY, NOTES)

    def checks(values: dict) -> list[FieldError]:
        return rules(values) + _common_errors(values, fields)

    return FormSpec(key=f"physio.fit_{item}", version=1, title=title, specialty=SPECIALTY, fields=fields,
                    checks=checks)


# -- wheelchair ---------------------------------------------------------------------------------

_SEAT_WIDTH = _cm("seat_width_cm", "Ancho del asiento", "Seat width", 20, 60)
_SEAT_DEPTH = _cm("seat_depth_cm", "Fondo del asiento", "Seat depth", 20, 55)
_WIDTH_RULE = Text("{field}: debe ser el ancho de cadera más 2 a 5 cm ({low} a {high} cm para una cadera de "
                   "{hip} cm); se eligió {value} cm.",
                   "{field}: must be the hip width plus 2 to 5 cm ({low} to {high} cm for hips of {hip} cm); "
                   "{value} cm was chosen.")
_DEPTH_RULE = Text("{field}: debe ser 2 a 5 cm menos que el largo del muslo ({low} a {high} cm para un muslo de "
                   "{thigh} cm); se eligió {value} cm.",
                   "{field}: must be 2 to 5 cm shorter than the thigh ({low} to {high} cm for a thigh of "
                   "{thigh} cm); {value} cm was chosen.")


def _wheelchair_rules(values: Mapping) -> list[FieldError]:
    errors = []
    width, hip = values.get("seat_width_cm"), values.get("hip_width_cm")
    if width is not None and hip is not None and not 2 <= width - hip <= 5:
        errors.append(_rule(_SEAT_WIDTH, "seat_width_rule", _WIDTH_RULE, low=hip + 2, high=hip + 5, hip=hip,
                            value=width))
    depth, thigh = values.get("seat_depth_cm"), values.get("thigh_length_cm")
    if depth is not None and thigh is not None and not 2 <= thigh - depth <= 5:
        errors.append(_rule(_SEAT_DEPTH, "seat_depth_rule", _DEPTH_RULE, low=thigh - 5, high=thigh - 2,
                            thigh=thigh, value=depth))
    return errors


WHEELCHAIR_FORM = _form("wheelchair", Text("Adaptación de silla de ruedas", "Wheelchair fitting"), (
    _choice("kind", "Tipo de silla", "Wheelchair type", (
        _c("standard", "Estándar", "Standard"), _c("paediatric", "Pediátrica", "Paediatric"),
        _c("active", "Activa (autopropulsión)", "Active (self-propelling)"),
        _c("postural", "Postural (con soportes)", "Postural (supportive)"))),
    _SEAT_WIDTH,
    _SEAT_DEPTH,
    _cm("hip_width_cm", "Ancho de cadera (sentado)", "Hip width (seated)", 15, 60,
        help=Text("La parte más ancha de caderas o muslos, sentado.", "The widest point of hips or thighs, seated.")),
    _cm("thigh_length_cm", "Largo del muslo (sentado)", "Thigh length (seated)", 15, 65,
        help=Text("De la espalda al hueco de la rodilla.", "From the back to the back of the knee.")),
    _check("check_feet", "Pies apoyados en los reposapiés y muslos sobre el asiento",
           "Feet on the footrests and thighs on the seat"),
    _check("check_brakes", "Frenos probados", "Brakes tested"),
    _check("check_trained", "Sabe frenar, plegar la silla y pasarse a la cama",
           "Knows how to brake, fold the chair and transfer"),
    _check("check_pressure", "Cojín y alivio de presión explicados", "Cushion and pressure relief explained"),
), _wheelchair_rules)


#: The sizes in an aid's description.
SIZE_WORDS: dict[str, Text] = {
    "seat": Text("asiento {width} × {depth} cm", "seat {width} × {depth} cm"),
    "size": Text("talla {size}", "size {size}"),
}


def _size(a: Mapping, lang: str) -> str:
    return SIZE_WORDS["size"].get(lang).format(size=a["size"]) if a.get("size") else ""


def _describe_wheelchair(a: Mapping, lang: str) -> str:
    has_size = a.get("seat_width_cm") is not None and a.get("seat_depth_cm") is not None
    size = SIZE_WORDS["seat"].get(lang).format(width=a["seat_width_cm"], depth=a["seat_depth_cm"]) if has_size else ""
    return ", ".join(p for p in (_label(WHEELCHAIR_FORM, "kind", a.get("kind"), lang).lower(), size) if p)


# -- walker and cane: handle at the wrist crease -----------------------------------------------

_HANDLE_RULE = Text("{field}: debe quedar a la altura del pliegue de la muñeca, ±2 cm ({low} a {high} cm); se "
                    "ajustó a {value} cm.",
                    "{field}: must be at the height of the wrist crease, ±2 cm ({low} to {high} cm); it was set at "
                    "{value} cm.")
_WRIST = dict(help=Text("De pie, brazos a los lados: del suelo al pliegue de la muñeca.",
                        "Standing, arms at the sides: from the floor to the wrist crease."))


def _handle_rules(height_field: Field) -> Callable[[Mapping], list[FieldError]]:
    def rules(values: Mapping) -> list[FieldError]:
        height, wrist = values.get(height_field.key), values.get("wrist_height_cm")
        if height is not None and wrist is not None and abs(height - wrist) > 2:
            return [_rule(height_field, "handle_height_rule", _HANDLE_RULE, low=wrist - 2, high=wrist + 2,
                          value=height)]
        return []

    return rules


_WALKER_HEIGHT = _cm("height_cm", "Altura del andador", "Walker height", 30, 110)
WALKER_FORM = _form("walker", Text("Adaptación de andador", "Walker fitting"), (
    _choice("kind", "Tipo de andador", "Walker type", (
        _c("fixed", "Fijo", "Fixed frame"), _c("wheeled", "Con ruedas", "Wheeled"),
        _c("paediatric_posterior", "Pediátrico posterior", "Paediatric posterior"))),
    _WALKER_HEIGHT,
    _cm("wrist_height_cm", "Altura del pliegue de la muñeca", "Wrist crease height", 30, 110, **_WRIST),
    _check("check_elbow", "Codo doblado 15–30° al apoyarse", "Elbow bent 15–30° when leaning on it"),
    _check("check_gait", "Practicó la marcha con el andador", "Practised walking with the walker"),
    _check("check_condition", "Gomas, ruedas y frenos en buen estado", "Tips, wheels and brakes in good order"),
), _handle_rules(_WALKER_HEIGHT))

_CANE_HEIGHT = _cm("height_cm", "Altura del bastón", "Cane height", 50, 110)
CANE_FORM = _form("cane", Text("Adaptación de bastón", "Cane fitting"), (
    _choice("kind", "Tipo de bastón", "Cane type", (
        _c("single_point", "Simple", "Single point"), _c("quad", "Cuatro puntas", "Quad"))),
    _CANE_HEIGHT,
    _cm("wrist_height_cm", "Altura del pliegue de la muñeca", "Wrist crease height", 30, 110, **_WRIST),
    _check("check_gait", "Practicó la marcha (bastón en la mano del lado sano)",
           "Practised walking (cane in the hand of the good side)"),
    _check("check_tip", "Goma de la punta en buen estado", "Rubber tip in good order"),
), _handle_rules(_CANE_HEIGHT))


def _describe_kind(form: FormSpec) -> Callable[[Mapping, str], str]:
    return lambda a, lang: _label(form, "kind", a.get("kind"), lang).lower()


# -- crutches -----------------------------------------------------------------------------------

#: Patient heights (cm) each crutch size is made for.
CRUTCH_SIZES = {"S": (120, 157), "M": (158, 177), "L": (178, 210)}
_CRUTCH_SIZE = _choice("size", "Tamaño", "Size", tuple(
    _c(size, f"{size} (talla {low}–{high} cm)", f"{size} (height {low}–{high} cm)")
    for size, (low, high) in CRUTCH_SIZES.items()))
_PATIENT_HEIGHT = _cm("patient_height_cm", "Talla del paciente", "Patient's height", 60, 210)
_GAP = Field("axilla_gap_fingers", FieldType.INTEGER, Text("Espacio bajo la axila", "Gap below the armpit"),
             unit="dedos", min=0, max=8, section=_FIT,
             help=Text("Dedos entre la axila y la almohadilla, de pie.", "Fingers between armpit and pad, standing."))
_TOO_SHORT = Text("{field}: con {value} cm no hay muletas de esa talla (desde {min} cm); use un andador.",
                  "{field}: there are no crutches for {value} cm (from {min} cm); use a walker.")
_WRONG_SIZE = Text("{field}: para una talla de {height} cm corresponde {right} ({low}–{high} cm); se eligió {value}.",
                   "{field}: a height of {height} cm takes size {right} ({low}–{high} cm); {value} was chosen.")
_GAP_RULE = Text("{field}: deben quedar 2 a 3 dedos entre la axila y la almohadilla; se midieron {value}.",
                 "{field}: leave 2 to 3 fingers between armpit and pad; {value} were measured.")
_GAP_NEEDED = Text("{field}: es obligatorio en muletas axilares.", "{field}: is required for underarm crutches.")
_GAP_ONLY = Text("{field}: solo se mide en muletas axilares.", "{field}: is measured only for underarm crutches.")


def _crutch_rules(values: Mapping) -> list[FieldError]:
    errors = []
    height, size = values.get("patient_height_cm"), values.get("size")
    if height is not None and height < CRUTCH_SIZES["S"][0]:
        errors.append(_rule(_PATIENT_HEIGHT, "too_short", _TOO_SHORT, value=height, min=CRUTCH_SIZES["S"][0]))
    elif height is not None and size is not None:
        right = next(s for s, (low, high) in CRUTCH_SIZES.items() if low <= height <= high)
        if right != size:
            low, high = CRUTCH_SIZES[right]
            errors.append(_rule(_CRUTCH_SIZE, "crutch_size_rule", _WRONG_SIZE, height=height, right=right, low=low,
                                high=high, value=size))
    gap = values.get(_GAP.key)
    if values.get("kind") == "axillary":
        if gap is None:
            errors.append(_rule(_GAP, "required_for_axillary", _GAP_NEEDED))
        elif not 2 <= gap <= 3:
            errors.append(_rule(_GAP, "axilla_gap_rule", _GAP_RULE, value=gap))
    elif gap is not None:
        errors.append(_rule(_GAP, "only_for_axillary", _GAP_ONLY))
    return errors


CRUTCHES_FORM = _form("crutches", Text("Adaptación de muletas", "Crutch fitting"), (
    _choice("kind", "Tipo de muletas", "Crutch type", (
        _c("axillary", "Axilares", "Underarm (axillary)"), _c("forearm", "De antebrazo (canadienses)", "Forearm"))),
    _CRUTCH_SIZE,
    _PATIENT_HEIGHT,
    _GAP,
    _check("check_handle", "Empuñadura a la altura del pliegue de la muñeca", "Handgrip at the wrist crease"),
    _check("check_gait", "Practicó la marcha y las escaleras", "Practised walking and stairs"),
    _check("check_tips", "Gomas de las puntas en buen estado", "Rubber tips in good order"),
), _crutch_rules)


def _describe_crutches(a: Mapping, lang: str) -> str:
    return ", ".join(p for p in (_label(CRUTCHES_FORM, "kind", a.get("kind"), lang).lower(), _size(a, lang)) if p)


# -- splints and orthoses -----------------------------------------------------------------------

#: Orthoses made for one side, stocked as left and right.
SIDED = frozenset({"afo", "resting_hand", "wrist_hand"})
#: Orthoses that hold both legs at once.
BILATERAL = frozenset({"denis_browne", "pavlik", "hip_abduction"})
_ORTHOSIS_KIND = _choice("kind", "Tipo de férula u órtesis", "Splint or orthosis type", (
    _c("afo", "Órtesis tobillo-pie (AFO)", "Ankle-foot orthosis (AFO)"),
    _c("resting_hand", "Férula de reposo de mano", "Resting hand splint"),
    _c("wrist_hand", "Férula de muñeca y mano", "Wrist-hand splint"),
    _c("knee_immobiliser", "Inmovilizador de rodilla", "Knee immobiliser"),
    _c("denis_browne", "Barra de Denis Browne (pie zambo)", "Denis Browne bar (clubfoot)"),
    _c("pavlik", "Arnés de Pavlik (displasia de cadera)", "Pavlik harness (hip dysplasia)"),
    _c("hip_abduction", "Órtesis de abducción de cadera", "Hip abduction orthosis"),
))
_ORTHOSIS_SIDE = Field("side", FieldType.CHOICE, Text("Lado", "Side"), required=True, section=_FIT, choices=(
    _c("right", "Derecho", "Right"), _c("left", "Izquierdo", "Left"), _c("both", "Ambos", "Both")))
_BAR = _cm("bar_width_cm", "Ancho de la barra", "Bar width", 10, 45, required=False,
           help=Text("De talón a talón, igual al ancho de hombros.", "Heel to heel, equal to shoulder width."))
_SHOULDERS = _cm("shoulder_width_cm", "Ancho de hombros", "Shoulder width", 10, 45, required=False)
_BOTH_SIDES = Text("{field}: esta órtesis sujeta las dos piernas; elija «Ambos».",
                   "{field}: this orthosis holds both legs; choose «Both».")
_ONE_SIDE = Text("{field}: elija derecho o izquierdo (una por lado; para los dos lados, entregue dos).",
                 "{field}: choose right or left (one per side; for both sides, hand out two).")
_BAR_RULE = Text("{field}: debe ser igual al ancho de hombros, ±1 cm ({low} a {high} cm); se eligió {value} cm.",
                 "{field}: must equal the shoulder width, ±1 cm ({low} to {high} cm); {value} cm was chosen.")
_BAR_NEEDED = Text("{field}: es obligatorio para la barra de Denis Browne.", "{field}: is required for a Denis Browne bar.")
_BAR_ONLY = Text("{field}: solo se mide para la barra de Denis Browne.", "{field}: is measured only for a Denis Browne bar.")


def _orthosis_rules(values: Mapping) -> list[FieldError]:
    errors = []
    kind, side = values.get("kind"), values.get("side")
    if kind in BILATERAL and side not in (None, "both"):
        errors.append(_rule(_ORTHOSIS_SIDE, "bilateral_orthosis", _BOTH_SIDES))
    elif kind is not None and kind not in BILATERAL and side == "both":
        errors.append(_rule(_ORTHOSIS_SIDE, "one_side_orthosis", _ONE_SIDE))
    bar, shoulders = values.get(_BAR.key), values.get(_SHOULDERS.key)
    if kind == "denis_browne":
        errors += [_rule(f, "required_for_bar", _BAR_NEEDED) for f in (_BAR, _SHOULDERS) if values.get(f.key) is None]
        if bar is not None and shoulders is not None and abs(bar - shoulders) > 1:
            errors.append(_rule(_BAR, "bar_width_rule", _BAR_RULE, low=shoulders - 1, high=shoulders + 1, value=bar))
    else:
        errors += [_rule(f, "only_for_bar", _BAR_ONLY) for f in (_BAR, _SHOULDERS) if values.get(f.key) is not None]
    return errors


ORTHOSIS_FORM = _form("orthosis", Text("Adaptación de férula u órtesis", "Splint or orthosis fitting"), (
    _ORTHOSIS_KIND,
    _ORTHOSIS_SIDE,
    _choice("size", "Talla", "Size", tuple(_c(s, s, s) for s in ("XS", "S", "M", "L", "XL"))),
    _BAR,
    _SHOULDERS,
    _check("check_skin", "Piel revisada: sin zonas rojas 20 minutos después de ponerla",
           "Skin checked: no red marks 20 minutes after putting it on"),
    _check("check_trained", "El cuidador sabe ponerla, quitarla y el horario de uso",
           "The caregiver can put it on and off and knows the wearing schedule"),
    _check("check_straps", "Correas y cierres en buen estado", "Straps and fastenings in good order"),
), _orthosis_rules)


def _orthosis_stock_keys(values: Mapping) -> tuple[str, ...]:
    return ("kind", "size", "side") if values.get("kind") in SIDED else ("kind", "size")


def _describe_orthosis(a: Mapping, lang: str) -> str:
    parts = [_label(ORTHOSIS_FORM, "kind", a.get("kind"), lang)]
    if a.get("side") in BODY_SIDES:
        parts.append(_label(ORTHOSIS_FORM, "side", a["side"], lang).lower())
    parts.append(_size(a, lang))
    return ", ".join(p for p in parts if p)


AIDS: dict[str, Aid] = {aid.item_key: aid for aid in (
    Aid("physio.wheelchair", WHEELCHAIR_FORM, lambda v: ("kind", "seat_width_cm", "seat_depth_cm"),
        _describe_wheelchair),
    Aid("physio.walker", WALKER_FORM, lambda v: ("kind",), _describe_kind(WALKER_FORM)),
    Aid("physio.cane", CANE_FORM, lambda v: ("kind",), _describe_kind(CANE_FORM)),
    Aid("physio.crutches", CRUTCHES_FORM, lambda v: ("kind", "size"), _describe_crutches),
    Aid("physio.orthosis", ORTHOSIS_FORM, _orthosis_stock_keys, _describe_orthosis),
)}
FITTING_FORMS = tuple(aid.form for aid in AIDS.values())
