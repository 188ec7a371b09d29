"""What records that move through statuses share: glasses orders (ordered → received → delivered),
surgical cases (scheduled → in theatre → completed) and any plugin's own.

Such a record never changes in place: each step is a new row of an append-only event table, so its
history is its events, oldest first. A :class:`StatusFlow` says which status may follow which and
refuses any other step in words a person understands; :func:`next_revision` numbers the saves of a
form kept as revisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ..errors import FieldError, ValidationError
from ..i18n import Text, join_texts

MESSAGES = {
    "bad_transition": Text("{field}: no se puede pasar de «{current}» a «{target}». Desde «{current}» se permite: "
                           "{allowed}.",
                           "{field}: cannot go from «{current}» to «{target}». From «{current}» allowed: {allowed}."),
    "final_status": Text("{field}: ya está «{current}»; no cambia más.",
                         "{field}: it is «{current}» already; it cannot change."),
}


@attrs.frozen
class StatusFlow:
    """The statuses of a kind of record and which may follow which.

    ``label`` names the status in messages («Estado del pedido»), ``labels`` says each status in
    words, and ``next`` lists the statuses that may follow each one (none: the status is final).
    ``field`` is the key refusals are reported under.
    """

    label: Text
    labels: Mapping[str, Text]
    next: Mapping[str, Sequence[str]]
    field: str = "status"

    def allows(self, current: str, target: str) -> bool:
        """True when ``target`` may follow ``current``."""
        return target in self.next.get(current, ())

    def refusal(self, current: str, target: str) -> ValidationError:
        """Why ``target`` cannot follow ``current``: what is allowed from there, or that it is final."""
        allowed = list(dict.fromkeys(self.next.get(current, ())))
        if not allowed:
            return ValidationError([FieldError(self.field, "final_status", self.label,
                                               {"current": self.labels[current]}, text=MESSAGES["final_status"])])
        return ValidationError([FieldError(
            self.field, "bad_transition", self.label,
            {"current": self.labels[current], "target": self.labels.get(target, Text(target, target)),
             "allowed": join_texts(self.labels[s] for s in allowed)},
            text=MESSAGES["bad_transition"])])

    def check(self, current: str, target: str) -> None:
        """Refuse (:class:`~ayni.core.ValidationError`, nothing written) a step ``target`` that may
        not follow ``current``."""
        if not self.allows(current, target):
            raise self.refusal(current, target)


def next_revision(store, table: str, **keys: str) -> int:
    """The number of the next revision of the form saved in ``table`` under ``keys``
    (``case_id=…, form_key=…``): 1 for the first. Call it inside ``store.write()``, so two stations
    saving at once cannot take the same number."""
    where = " AND ".join(f'"{key}" = ?' for key in keys)
    latest = store.db.execute(f'SELECT max(revision) FROM "{table}" WHERE {where}', list(keys.values())).fetchone()[0]
    return (latest or 0) + 1


__all__ = ["StatusFlow", "next_revision"]
