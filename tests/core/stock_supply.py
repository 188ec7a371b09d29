"""A test plugin that declares what the stock and cashier tests move: two pieces of equipment and two
formulary medicines of the ``clinic`` test specialty (tests/core/conftest.py), so these tests do not
depend on what a built-in plugin declares today."""

from __future__ import annotations

from ayni.core import EquipmentItem, Medicine, Text, hookimpl, load_plugins

CRUTCHES = "clinic.crutches"
KIT = "clinic.kit"
AMOXICILLIN = "clinic.amoxicillin_500"
ORS = "clinic.ors"


class SupplyPlugin:
    """Crutches (sized, low at 2), a first-aid kit (the default threshold), amoxicillin (low at 20)
    and oral rehydration salts."""

    @hookimpl
    def ayni_equipment(self):
        """Crutches and a first-aid kit."""
        return [EquipmentItem(CRUTCHES, Text("Muletas", "Crutches"), attributes=("size",), low_stock=2),
                EquipmentItem(KIT, Text("Botiquín", "First-aid kit"))]

    @hookimpl
    def ayni_formulary(self):
        """Amoxicillin 500 mg capsules and ORS sachets."""
        return [Medicine(AMOXICILLIN, Text("Amoxicilina", "Amoxicillin"), "500 mg", "capsule", low_stock=20),
                Medicine(ORS, Text("Sales de rehidratación oral", "Oral rehydration salts"), "20,5 g", "sachet")]


def supply_plugins(clinic):
    """Only the test specialty and its supplies: no built-in plugin."""
    return load_plugins(builtins=(), entry_points=False, extra=[clinic, SupplyPlugin()])
