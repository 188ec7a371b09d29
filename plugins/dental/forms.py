"""The dental exam: dentition, the odontogram (what the exam found), gums, hygiene, the caries
indices derived from the odontogram, and the local anaesthetic given (which, how many cartridges)."""

from __future__ import annotations

from decimal import Decimal

from ayni.core import Choice, Field, FieldError, FieldType, FormSpec, Text

from .codes import SPECIALTY
from .odontogram import dmft, parse_odontogram
from .odontogram import summary as odontogram_summary

#: The field type name the odontogram widget is registered under (``ayni_tui_widgets``).
ODONTOGRAM_WIDGET = "dental.odontogram"

ODONTOGRAM = Field(
    "odontogram", FieldType.TEXT, Text("Odontograma", "Odontogram"),
    parse=parse_odontogram, summary=odontogram_summary, widget=ODONTOGRAM_WIDGET, max_length=20000,
    help=Text("Solo las piezas no sanas. Estados: c caries, o obturado, m ausente, f fracturado, "
              "x extracción indicada, s sellado; superficies M, O/I, D, V, L. Texto: «16:c:OD 36:m».",
              "Only teeth that are not sound. States: c caries, o filled, m missing, f fractured, "
              "x extraction indicated, s sealed; surfaces M, O/I, D, V, L. Text: «16:c:OD 36:m»."),
)

RETAINED_PRIMARY = Field(
    "retained_primary", FieldType.YES_NO,
    Text("Diente temporal retenido (adulto) confirmado", "Retained primary tooth (adult) confirmed"),
    help=Text("Marque solo si un adulto conserva dientes temporales (51–85).",
              "Tick only when an adult still has primary teeth (51–85)."),
)

DENTITION = Field("dentition", FieldType.CHOICE, Text("Dentición", "Dentition"), required=True, choices=(
    Choice("primary", Text("Temporal (decidua)", "Primary")),
    Choice("mixed", Text("Mixta", "Mixed")),
    Choice("permanent", Text("Permanente", "Permanent")),
))

_INDICES = Text("Índices de caries", "Caries indices")
_ANAESTHESIA = Text("Anestesia local", "Local anaesthesia")

#: The local anaesthetic given, checked against its maximum by weight (:mod:`.anaesthesia`).
ANAESTHETIC = Field("anaesthetic", FieldType.CHOICE, Text("Anestésico local", "Local anaesthetic"),
                    section=_ANAESTHESIA, choices=(
                        Choice("lidocaine_epinephrine", Text("Lidocaína 2 % con epinefrina",
                                                             "Lidocaine 2 % with epinephrine")),
                        Choice("lidocaine_plain", Text("Lidocaína 2 % sin epinefrina",
                                                       "Lidocaine 2 % without epinephrine")),
                    ))
CARTRIDGES = Field("cartridges", FieldType.DECIMAL, Text("Cartuchos de anestesia", "Anaesthetic cartridges"),
                   unit="cartuchos", min=Decimal("0.5"), max=Decimal("15"), step=Decimal("0.5"), section=_ANAESTHESIA,
                   help=Text("Cartuchos de 1,8 mL (36 mg de lidocaína cada uno).",
                             "Cartridges of 1.8 mL (36 mg of lidocaine each)."))
_ONLY_WITH_ANAESTHETIC = Text("{field}: indique también el anestésico local usado.",
                              "{field}: say which local anaesthetic was used too.")


def derive_exam(values: dict) -> dict:
    """CPO-D (DMFT) of the permanent teeth and ceo-d (dmft) of the primary teeth, for the
    dentition examined (teeth left out of the odontogram are sound, so a healthy mouth scores 0)."""
    dentition = values.get("dentition")
    if dentition is None:
        return {}
    odontogram = values.get("odontogram") or {}
    derived = {}
    if dentition in ("mixed", "permanent"):
        derived["dmft_permanent"] = dmft(odontogram)["total"]
    if dentition in ("mixed", "primary"):
        derived["dmft_primary"] = dmft(odontogram, primary=True)["total"]
    return derived


def check_exam(values: dict) -> list[FieldError]:
    """Cartridges of anaesthetic only with the anaesthetic named."""
    if values.get(CARTRIDGES.key) is not None and not values.get(ANAESTHETIC.key):
        return [FieldError(CARTRIDGES.key, "dental.cartridges_without_anaesthetic", CARTRIDGES.label,
                           text=_ONLY_WITH_ANAESTHETIC)]
    return []


EXAM = FormSpec(
    key="dental.exam",
    version=3,
    title=Text("Examen odontológico", "Dental examination"),
    specialty=SPECIALTY,
    fields=(
        DENTITION,
        ODONTOGRAM,
        RETAINED_PRIMARY,
        Field("gingiva", FieldType.CHOICE, Text("Estado gingival", "Gingival status"), choices=(
            Choice("healthy", Text("Sana", "Healthy")),
            Choice("gingivitis", Text("Gingivitis", "Gingivitis")),
            Choice("periodontitis", Text("Periodontitis", "Periodontitis")),
        )),
        Field("hygiene", FieldType.CHOICE, Text("Higiene oral", "Oral hygiene"), choices=(
            Choice("good", Text("Buena", "Good")),
            Choice("fair", Text("Regular", "Fair")),
            Choice("poor", Text("Mala", "Poor")),
        )),
        Field("notes", FieldType.TEXT, Text("Observaciones", "Notes"), max_length=1000),
        Field("dmft_permanent", FieldType.INTEGER, Text("CPO-D (dientes permanentes)", "DMFT (permanent teeth)"),
              derived=True, section=_INDICES,
              help=Text("Cariados + perdidos o con extracción indicada + obturados.",
                        "Decayed + missing or indicated for extraction + filled.")),
        Field("dmft_primary", FieldType.INTEGER, Text("ceo-d (dientes temporales)", "dmft (primary teeth)"),
              derived=True, section=_INDICES,
              help=Text("Cariados + con extracción indicada + obturados.",
                        "Decayed + indicated for extraction + filled.")),
        ANAESTHETIC,
        CARTRIDGES,
    ),
    derive=derive_exam,
    checks=check_exam,
)

FORMS = (EXAM,)
