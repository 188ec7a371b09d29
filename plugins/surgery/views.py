"""A case as people read it: names instead of ids, labels instead of codes, in one language.
Shared by the screens and the documents."""

from __future__ import annotations

from ayni.core import Text, kept_record
from ayni.core.dates import format_date
from ayni.core.documents.pdf import user_name

from .codes import OPERATIONS, SERVICES, THEATRES
from .forms import SIDES

_OPERATION_LABELS = {op.code: op.label for _, op in OPERATIONS}
_SIDE_LABELS = {c.value: c.label for c in SIDES}


def _text(labels: dict[str, Text], key: str) -> Text:
    return labels.get(key) or Text(key or "—", key or "—")


def theatre_label(theatre: str) -> Text:
    """«Quirófano 1» / «Theatre 1»."""
    return _text(THEATRES, theatre)


def operation_label(code: str) -> Text:
    """The catalogue label of an operation code."""
    return _text(_OPERATION_LABELS, code)


def service_label(service: str) -> Text:
    """The name of a surgical service."""
    return _text(SERVICES, service)


def day_text(day) -> Text:
    """A date written out in both languages: «12 de marzo de 2026» / «12 March 2026»."""
    return Text(format_date(day, "es"), format_date(day, "en"))


def patient_name(store, patient_id: str) -> str:
    """The full name of the person ``patient_id`` is a record of: the kept record's, when it was
    merged into another (a case opened on a duplicate is the kept person's case)."""
    return kept_record(store, patient_id).full_name


_REFERRED = Text("Referencia de {specialty}: {indication}", "Referral from {specialty}: {indication}")


def referral_line(store, case, lang: str) -> str:
    """What the referral that sent the patient asks, and from whom: «Referencia de Optometría: Catarata
    (izquierdo)»; ``""`` for a case not accepted from a referral."""
    from ayni.core.clinical.referrals import Referral, indication_text

    if not case.referral_id:
        return ""
    referral = store.get(Referral, "referrals", case.referral_id)
    specialty = store.plugins.specialties.get(referral.from_specialty)
    return _REFERRED.get(lang).format(specialty=specialty.name.get(lang) if specialty else referral.from_specialty,
                                      indication=indication_text(store.plugins, referral, lang))


def case_facts(store, case, lang: str) -> dict[str, str]:
    """Every fact of a case as text in ``lang``."""
    from .cases import STATUS_LABELS

    procedure = operation_label(case.procedure).get(lang)
    if case.side and case.side != "not_applicable":
        procedure += f" ({_text(_SIDE_LABELS, case.side).get(lang).lower()})"
    return {
        "patient": patient_name(store, case.patient_id),
        "procedure": procedure,
        "service": service_label(case.service).get(lang),
        "indication": case.indication,
        "surgeon": user_name(store, case.surgeon_id),
        "anaesthetist": user_name(store, case.anaesthetist_id),
        "status": STATUS_LABELS[case.status].get(lang),
        "reason": case.status_reason,
        "day": format_date(case.day, lang) if case.day else "",
        "theatre": theatre_label(case.theatre).get(lang) if case.theatre else "",
        "slot": str(case.slot) if case.slot is not None else "",
    }
