"""Helpers of the report tests: a small campaign with everything a coordinator's documents count, in a real temporary database.

Two campaigns: «Campaña Ocongate 2025» (June 2025), where Rosa Núñez was seen once, and
«Campaña Ocongate 2026» (21–23 November 2026) with encounters on two days in four specialties,
payments of every kind, an unpaid encounter, stock handed out and referrals. Encounters are moved
to their day by setting ``opened_at`` (the API stamps the current time); one is opened at 21:30 in
Lima, which is already the next day in UTC, and must count on its Lima day.

The tests count what they check with their own SQL (see :func:`scalar`), never through the code
under test.
"""

from __future__ import annotations

import datetime as dt

import attrs
from ayni.core import stock
from ayni.core.campaign import campaigns
from ayni.core.clinical import encounters, referrals
from ayni.core.clinical.encounters import ProcedureEntry
from ayni.core.money import payments
from ayni.core.people import patients

DAY1, DAY2 = dt.date(2026, 11, 21), dt.date(2026, 11, 22)
PARTNER = "Parroquia Santa Ana de Ocongate"

PEOPLE = {
    "rosa": {"given_names": "Rosa Elena", "paternal_surname": "Núñez", "maternal_surname": "Quispe", "sex": "F",
             "birth_date": "1974-05-12", "id_kind": "dni", "id_number": "45678912", "community": "Ccollpa",
             "district": "Ocongate", "region": "Cusco", "language": "qu"},
    "nino": {"given_names": "José Ángel", "paternal_surname": "Mamani", "maternal_surname": "Ñahui", "sex": "M",
             "birth_date": "2020-03-02", "id_kind": "dni", "id_number": "78123456", "community": "Ccollpa",
             "district": "Ocongate", "region": "Cusco", "language": "qu", "guardian_name": "Lucía Ñahui Condori",
             "guardian_relationship": "Madre"},
    "abuela": {"given_names": "Justina", "paternal_surname": "Huamán", "maternal_surname": "Condori", "sex": "F",
               "age_years": "78", "id_kind": "none", "community": "Tinke", "district": "Ocongate", "region": "Cusco",
               "language": "qu"},
    "pedro": {"given_names": "Pedro", "paternal_surname": "Ccori", "maternal_surname": "Apaza", "sex": "M",
              "birth_date": "1990-08-30", "id_kind": "dni", "id_number": "41234567", "community": "Marcapata",
              "district": "Marcapata", "region": "Cusco", "language": "es"},
}


@attrs.define
class Campaign2026:
    """What the fixture built: the campaigns, the patients by nickname and the encounters by name."""

    store: object
    earlier: object
    campaign: object
    people: dict
    encounters: dict = attrs.field(factory=dict)


def set_opened(store, encounter_id: str, moment: dt.datetime) -> None:
    """Move an encounter (and its closing) to ``moment`` (UTC), as if it had happened then."""
    stamp = moment.astimezone(dt.timezone.utc).isoformat()
    store.db.execute("UPDATE encounters SET opened_at = ?, closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE ? END "
                     "WHERE id = ?", [stamp, stamp, encounter_id])
    store.db.conn.commit()


def lima(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``hour:minute`` in Lima on ``day`` (UTC−5)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def visit(store, patient, campaign, specialty, station, when, procedures=(), diagnoses=(), forms=None, close=True):
    """Open, fill and (by default) close an encounter, then move it to ``when``."""
    encounter = encounters.open_encounter(store, patient.id, specialty, station, campaign.id)
    if procedures or diagnoses or forms:
        encounters.save(store, encounter.id, forms=forms or {}, procedures=[
            p if isinstance(p, ProcedureEntry) else ProcedureEntry(p) for p in procedures], diagnoses=list(diagnoses))
    if close:
        encounters.close(store, encounter.id)
    set_opened(store, encounter.id, when)
    return encounter.id


def build_world(store) -> Campaign2026:
    """The two campaigns described in the module docstring."""
    site = campaigns.new_site("I.E. N.° 501 San Martín de Porres", community="Ccollpa", district="Ocongate",
                              region="Cusco")
    earlier = campaigns.create(store, "Campaña Ocongate 2025", "medical", dt.date(2025, 6, 10), dt.date(2025, 6, 12),
                               site=site, partner=PARTNER)
    campaign = campaigns.create(store, "Campaña Ocongate 2026", "medical", DAY1, dt.date(2026, 11, 23), site=site,
                                partner=PARTNER)
    people = {key: patients.register(store, form) for key, form in PEOPLE.items()}
    w = Campaign2026(store, earlier, campaign, people)
    e = w.encounters
    consult = {"general.consultation": {"chief_complaint": "Tos y fiebre", "plan": "Paracetamol; líquidos"}}
    # 2025: Rosa, once
    e["rosa_2025"] = visit(store, people["rosa"], earlier, "general", "consultation", lima(dt.date(2025, 6, 11), 10),
                           ["general.consultation"], ["J06.9"], consult)
    # day 1: the child (triage + consultation), Pedro, the grandmother at the dentist (at 21:30 Lima)
    e["nino_triage"] = visit(store, people["nino"], campaign, "general", "triage", lima(DAY1, 8, 15),
                             ["general.triage"])
    e["nino_consult"] = visit(store, people["nino"], campaign, "general", "consultation", lima(DAY1, 9),
                              ["general.consultation", ProcedureEntry("general.nebulization", quantity=2)],
                              ["J20.9"], consult)
    e["pedro_consult"] = visit(store, people["pedro"], campaign, "general", "consultation", lima(DAY1, 11),
                               ["general.consultation", "general.suture"], ["T14.1"], consult)
    e["abuela_dental"] = visit(store, people["abuela"], campaign, "dental", "exam", lima(DAY1, 21, 30),
                               ["dental.exam"])
    # day 2: Rosa again (returning from 2025), Pedro at optometry (returning from day 1), the grandmother
    e["rosa_consult"] = visit(store, people["rosa"], campaign, "general", "consultation", lima(DAY2, 9, 30),
                              ["general.consultation", ProcedureEntry("general.nebulization", quantity=3)],
                              ["J06.9", "I10"], consult)
    e["pedro_optometry"] = visit(store, people["pedro"], campaign, "optometry", "screening", lima(DAY2, 10),
                                 ["optometry.screening"])
    e["abuela_consult"] = visit(store, people["abuela"], campaign, "general", "consultation", lima(DAY2, 11),
                                ["general.consultation", "general.glucose_test"], ["E11.9"], consult, close=False)
    # payments: Rosa 2025 full; child sliding 50 %; Pedro waived; Rosa 2026 full in kind, corrected to full cash;
    # the grandmother's dental exam waived; her open consultation is not paid yet
    payments.record(store, e["rosa_2025"], "full")
    payments.record(store, e["nino_consult"], "sliding", level="0.50")
    payments.record(store, e["pedro_consult"], "waiver", reason="Sin ingresos este mes")
    payments.record(store, e["rosa_consult"], "full", method="in_kind", in_kind_description="Dos kilos de papa")
    payments.record(store, e["rosa_consult"], "full", correction="Pagó en efectivo, no en especie")
    payments.record(store, e["abuela_dental"], "waiver", reason="Adulta mayor sin ingresos")
    # stock handed out on day 2 (Pedro's readers bring their fitting, unpaid), and referrals
    stock.receive(store, "general.ors", 40, lot="SRO-1", expiry=dt.date(2028, 1, 31))
    stock.receive(store, "optometry.readers", 10, lot="L-200", attributes={"power": "+2.00"})
    stock.dispense(store, e["rosa_consult"], "general.ors", 4)
    stock.dispense(store, e["pedro_optometry"], "optometry.readers", 1, attributes={"power": "+2.00"})
    referrals.refer(store, e["abuela_consult"], "hospital:Hospital Regional del Cusco", "Diabetes sin control",
                    urgency="priority")
    referrals.refer(store, e["pedro_optometry"], "surgery", "Pterigión", urgency="routine")
    return w


def scalar(store, sql: str, params=()):
    """One value from the test's own SQL."""
    return store.db.execute(sql, list(params)).fetchone()[0]

