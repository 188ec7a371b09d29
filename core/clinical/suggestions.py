"""What an encounter suggests before it is saved: the detail a procedure about to be added is
indicated for (the teeth the odontogram marks for extraction), read from the encounter as typed so
far, saved or not. Nothing here writes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ..errors import ValidationError
from ..model import FormData
from ..storage.store import Store
from .encounters import EncounterRecord, ProcedureEntry, new_procedure
from .forms import read_so_far, to_json


def as_typed(store: Store, visit: EncounterRecord, forms: Mapping[str, Mapping] | None = None,
             procedures: Iterable[ProcedureEntry] = ()) -> EncounterRecord:
    """``visit`` as it reads with ``forms`` (each form's raw values, as typed) and ``procedures``
    (entries not saved yet) added. Only what reads well counts (:func:`~.forms.read_so_far`: a
    required field still empty hides nothing else; a refused procedure is left out), so a
    suggestion reads what the person has given so far; nothing is written."""
    typed = dict(visit.forms)
    for key, raw in (forms or {}).items():
        spec = store.plugins.forms.get(key)
        if spec is not None:
            typed[key] = FormData(id="", encounter_id=visit.encounter.id, form_key=key, version=spec.version,
                                  data=to_json(read_so_far(spec, raw)))
    added = []
    for entry in procedures:
        try:
            added.append(new_procedure(store, visit.encounter, entry))
        except ValidationError:
            continue
    return attrs.evolve(visit, forms=typed, procedures=visit.procedures + tuple(added))


def suggested_details(store: Store, visit: EncounterRecord, code: str) -> list[dict]:
    """The details the plugins offer for adding procedure ``code`` to ``visit``
    (``ayni_suggested_detail``), the one to start with first; ``[]`` when none is offered."""
    return list(store.plugins.hook.ayni_suggested_detail(visit=visit, code=code) or [])
