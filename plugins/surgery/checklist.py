"""The WHO Surgical Safety Checklist: three phases (sign in, time out, sign out) and their items.

Each item is answered «sí», «no» or «no aplica». A *confirmation* (the pulse oximeter works, the
counts are correct) is satisfied only by «sí» (or «no aplica» where the WHO list allows it); a
*question* (a known allergy? a difficult airway?) is satisfied by any answer, which the team then
acts on. A phase is done when every item is satisfied. Each phase is also a :class:`FormSpec`, so
the one core validator checks the answers.
"""

from __future__ import annotations

import attrs

from ayni.core import Choice, Field, FieldType, FormSpec, Text

YES, NO, NOT_APPLICABLE = "yes", "no", "na"
ANSWER_LABELS = {
    YES: Text("Sí", "Yes"),
    NO: Text("No", "No"),
    NOT_APPLICABLE: Text("No aplica", "Not applicable"),
}


@attrs.frozen
class Item:
    """One checklist item: a confirmation (must be «sí») or a question (any answer), and whether
    «no aplica» is a valid answer."""

    key: str
    label: Text
    confirm: bool = True
    allows_na: bool = False

    def satisfied_by(self, answer: str | None) -> bool:
        """Whether ``answer`` completes this item."""
        if answer is None:
            return False
        if not self.confirm:
            return True
        return answer == YES or (self.allows_na and answer == NOT_APPLICABLE)

    def field(self) -> Field:
        """The item as a required choice field."""
        answers = (YES, NO, NOT_APPLICABLE) if self.allows_na else (YES, NO)
        return Field(self.key, FieldType.CHOICE, self.label, required=True,
                     choices=tuple(Choice(a, ANSWER_LABELS[a]) for a in answers))


@attrs.frozen
class Phase:
    """A phase of the checklist: when it is done, and its items."""

    key: str
    label: Text
    when: Text
    items: tuple[Item, ...]

    def item(self, key: str) -> Item:
        """The item called ``key``."""
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def form(self) -> FormSpec:
        """The phase as a form: one required choice per item."""
        return FormSpec(key=f"surgery.checklist_{self.key}", version=1, title=self.label, specialty="surgery",
                        fields=tuple(i.field() for i in self.items))


SIGN_IN = Phase("sign_in", Text("Entrada", "Sign in"), Text("Antes de la inducción de la anestesia",
                                                             "Before induction of anaesthesia"), (
    Item("identity_confirmed", Text("El paciente confirmó su identidad, el sitio, el procedimiento y su consentimiento",
                                    "Patient has confirmed identity, site, procedure and consent")),
    Item("site_marked", Text("Sitio quirúrgico marcado", "Site marked"), allows_na=True),
    Item("anaesthesia_check", Text("Control de la seguridad de la anestesia completo",
                                   "Anaesthesia safety check completed")),
    Item("pulse_oximeter", Text("Pulsioxímetro colocado y funcionando", "Pulse oximeter on the patient and functioning")),
    Item("known_allergy", Text("¿Tiene alergias conocidas?", "Does the patient have a known allergy?"), confirm=False),
    Item("difficult_airway", Text("¿Vía aérea difícil o riesgo de aspiración?", "Difficult airway or aspiration risk?"),
         confirm=False),
    Item("blood_loss_risk", Text("¿Riesgo de hemorragia > 500 ml (7 ml/kg en niños)?",
                                 "Risk of > 500 ml blood loss (7 ml/kg in children)?"), confirm=False),
))

TIME_OUT = Phase("time_out", Text("Pausa quirúrgica", "Time out"), Text("Antes de la incisión cutánea",
                                                                       "Before skin incision"), (
    Item("team_introduced", Text("Todos los miembros del equipo se presentaron por nombre y función",
                                 "All team members have introduced themselves by name and role")),
    Item("patient_site_procedure", Text("Se confirmó paciente, sitio y procedimiento",
                                        "Patient, site and procedure confirmed")),
    Item("antibiotic_prophylaxis", Text("Profilaxis antibiótica administrada en los últimos 60 minutos",
                                        "Antibiotic prophylaxis given within the last 60 minutes"), allows_na=True),
    Item("critical_events", Text("Eventos críticos previstos revisados (cirujano, anestesia, enfermería)",
                                 "Anticipated critical events reviewed (surgeon, anaesthesia, nursing)")),
    Item("imaging_displayed", Text("Imágenes diagnósticas esenciales a la vista", "Essential imaging displayed"),
         allows_na=True),
))

SIGN_OUT = Phase("sign_out", Text("Salida", "Sign out"), Text("Antes de que el paciente salga del quirófano",
                                                              "Before the patient leaves the operating room"), (
    Item("procedure_recorded", Text("Nombre del procedimiento registrado", "Name of the procedure recorded")),
    Item("counts_correct", Text("Recuento de instrumental, gasas y agujas correcto",
                                "Instrument, sponge and needle counts correct"), allows_na=True),
    Item("specimen_labelled", Text("Muestras etiquetadas (con el nombre del paciente)",
                                   "Specimens labelled (with the patient's name)"), allows_na=True),
    Item("equipment_problems", Text("¿Hay problemas con el equipo que resolver?",
                                    "Any equipment problems to be addressed?"), confirm=False),
    Item("recovery_concerns", Text("Aspectos críticos de la recuperación revisados",
                                   "Key concerns for recovery reviewed")),
))

PHASES: tuple[Phase, ...] = (SIGN_IN, TIME_OUT, SIGN_OUT)
PHASE_BY_KEY = {p.key: p for p in PHASES}
FORMS = tuple(p.form for p in PHASES)
