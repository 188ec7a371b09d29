"""What sizes or fits an item reads as words: the plugin's own labels, else its fitting form's, else the raw key."""

from __future__ import annotations

from ayni.core import Choice, EquipmentItem, Field, FieldType, FormSpec, Text, default_plugins

HEARING_AID = EquipmentItem(
    "audiology.hearing_aid", Text("Audífono", "Hearing aid"), attributes=("gain", "side"),
    attribute_labels={"gain": Text("Ganancia", "Gain")},
    value_labels={"gain": {"moderate_severe": Text("moderada a severa", "moderate to severe")}})
FITTING = FormSpec("audiology.fit", 1, Text("Adaptación", "Fitting"), specialty="audiology", fields=(
    Field("side", FieldType.CHOICE, Text("Oído", "Ear"),
          choices=(Choice("right", Text("Derecho", "Right")), Choice("left", Text("Izquierdo", "Left")))),
    Field("tube_mm", FieldType.INTEGER, Text("Tubo", "Tube"), unit="mm"),
))


def test_the_plugins_own_labels_name_attributes_and_values():
    assert HEARING_AID.describe({"gain": "moderate_severe"}, "es") == "ganancia moderada a severa"
    assert HEARING_AID.describe({"gain": "moderate_severe"}, "en") == "gain moderate to severe"


def test_the_fitting_form_names_what_the_item_does_not():
    attributes = {"gain": "mild", "side": "left", "tube_mm": "12"}
    assert HEARING_AID.describe(attributes, "es", FITTING) == "ganancia mild · oído izquierdo · tubo 12 mm"
    assert HEARING_AID.describe({"colour": "beige"}, "en", FITTING) == "colour beige"  # nobody names it: raw


def test_the_built_in_items_read_as_words():
    plugins = default_plugins()
    assert plugins.describe_stock("optometry.readers", {"power": "+2.00"}, "es") == "potencia +2.00"
    assert plugins.describe_stock("dental.hygiene_kit", {"age_group": "child"}, "en") == "for child (under 12)"
    assert plugins.describe_stock("physio.walker", {"kind": "fixed"}, "es") == "tipo de andador fijo"
    assert plugins.describe_stock("nobody.item", {"size": "L"}, "es") == "size L"
