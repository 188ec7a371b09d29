"""Adhesive labels: the envelope of a glasses order sent to the lab, a specimen pot from theatre.

A plugin says what its labels hold (``ayni_labels``: a :class:`Label` each, already in the language
asked for); the core lays every label out the same way: a PDF page of 62 × 29 mm (the common
label-printer roll) per label (:func:`render_labels`), or the same lines on the station's thermal
printer (:func:`label_slip`).
"""

from __future__ import annotations

import attrs

from ..i18n import DEFAULT_LANG, Text
from .thermal import Line, Pair, Rule, Slip

#: The label's size in mm (width, height): the 62 mm continuous roll of common label printers, 29 mm long.
LABEL_SIZE_MM = (62, 29)

LABELS = {"labels": Text("Etiquetas", "Labels")}


@attrs.frozen
class Label:
    """One label: its ``title`` («Pedido de lentes»), the patient's ``number`` and ``name``, then
    ``lines`` of (label, value) (a prescription per eye, a specimen, a side, a surgeon), all already
    written in the language the label was asked in. ``key`` names the kind (``optometry.glasses_order``);
    ``encounter_id`` is the encounter it comes from ('' when none), so that screen can print it."""

    key: str
    title: str
    number: str
    name: str
    lines: tuple[tuple[str, str], ...] = ()
    encounter_id: str = ""


def labels_of(store, patient_id: str, lang: str = DEFAULT_LANG) -> list[Label]:
    """Every label the plugins have to print for the patient now (``ayni_labels``), in plugin order."""
    found = store.plugins.hook.ayni_labels(store=store, patient_id=patient_id, lang=lang)
    return [label for result in reversed(found) if result for label in result]


def labels_of_encounter(store, encounter_id: str, lang: str = DEFAULT_LANG) -> list[Label]:
    """The labels of :func:`labels_of` the encounter's patient that come from this encounter."""
    from ..model import Encounter
    from ..people.merges import kept_id

    patient_id = kept_id(store, store.get(Encounter, "encounters", encounter_id).patient_id)
    return [label for label in labels_of(store, patient_id, lang) if label.encounter_id == encounter_id]


def render_labels(labels: list[Label], lang: str = DEFAULT_LANG) -> bytes:
    """``labels`` as a PDF, one 62 × 29 mm page each."""
    from .pdf import render

    width, height = LABEL_SIZE_MM
    return render("labels.html", {"labels": labels, "width": width, "height": height,
                                  "title": LABELS["labels"].get(lang)}, lang)


def label_slip(label: Label) -> Slip:
    """The label on a thermal roll: title, number and name, then its lines, the paper cut after it."""
    return Slip((
        Line(label.title, bold=True),
        Line(f"{label.number}  {label.name}", bold=True),
        Rule(),
        *(Pair(name, value) for name, value in label.lines),
    ))


__all__ = ["LABEL_SIZE_MM", "Label", "label_slip", "labels_of", "labels_of_encounter", "render_labels"]
