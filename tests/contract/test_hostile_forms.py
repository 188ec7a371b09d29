"""Property tests: the one validator, over every form of every loaded plugin and over registration,
fed arbitrary text, huge numbers, control characters and values of the wrong type. It may refuse
(``AyniError``), never crash; what it accepts is storable JSON holding no control character."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ayni.core import AyniError, Field, FormSpec, load_plugins, open_store, validate_form
from ayni.core.clinical.forms import MULTILINE_LENGTH, dump_json, to_json
from ayni.core.dates import today_in_lima
from ayni.core.people import patients

PLUGINS = load_plugins()
SPECS = sorted(PLUGINS.forms.values(), key=lambda spec: spec.key)
EXAMPLES_PER_FORM = 40
EXAMPLES_REGISTRATION = 150
CONTROL = "".join(chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x202E, 0x2066, 0xD800))

huge_numbers = st.one_of(
    st.integers(4000, 6000).map(lambda n: "9" * n),
    st.integers(4000, 6000).map(lambda n: "-" + "1" * n),
    st.integers(4000, 6000).map(lambda n: "0." + "5" * n),
    st.integers(4000, 6000).map(lambda n: "1" * n + ",25"),
    st.integers(4000, 6000).map(lambda n: 10 ** n),
    st.just(Decimal("1E+5000")),
)
control_text = st.text(st.sampled_from(CONTROL) | st.characters(), min_size=1, max_size=30).map(lambda s: "Ana" + s)
scalars = st.one_of(
    st.text(max_size=40), control_text, huge_numbers, st.integers(-10**6, 10**6), st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True), st.booleans(),
    st.none(), st.dates(), st.text(min_size=MULTILINE_LENGTH, max_size=MULTILINE_LENGTH + 20, alphabet="ab \n"),
)
hostile = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4) | st.integers(), inner,
                                                                          max_size=3),
    max_leaves=6,
)


def field_values(field: Field):
    """Hostile values, and values near what the field expects, so its own parser is reached."""
    options = [hostile]
    if field.sides:
        options.append(st.dictionaries(st.sampled_from(field.sides), hostile | st.integers(-200, 200).map(str),
                                       max_size=len(field.sides)))
    if field.choices:
        values = [c.value for c in field.choices]
        options.append(st.sampled_from(values) | st.lists(st.sampled_from(values), max_size=3))
    options.append(st.dictionaries(st.sampled_from(["11", "16", "55", "99"]), hostile | st.sampled_from(["c", "m"]),
                                   max_size=3))
    return st.one_of(options)


def filled(spec: FormSpec):
    """A raw form of ``spec``: any of its fields given, each a hostile value."""
    return st.fixed_dictionaries({}, optional={f.key: field_values(f) for f in spec.fields})


def assert_storable(values) -> None:
    """Accepted values go into the database as UTF-8 JSON, and no text in them holds a control character
    (newlines and tabs aside)."""
    text = dump_json(to_json(values))
    text.encode("utf-8")
    decoded = json.dumps(json.loads(text), ensure_ascii=True)
    assert not any(f"\\u{code:04x}" in decoded for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, 0x1B))


def test_the_suite_covers_every_form_and_field():
    assert len(SPECS) >= 31
    assert sum(len(spec.fields) for spec in SPECS) + len(patients.PATIENT_FORM.fields) >= 340


@pytest.mark.parametrize("spec", SPECS, ids=[spec.key for spec in SPECS])
def test_every_plugin_form_refuses_hostile_input_and_never_crashes(spec):
    @settings(derandomize=True, database=None, max_examples=EXAMPLES_PER_FORM, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(raw=filled(spec))
    def check(raw):
        try:
            clean = validate_form(spec, raw)
        except AyniError as refused:
            assert refused.message("es") and refused.message("en")
            return
        assert_storable(clean)

    check()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("hostile") / "ayni.db", user="tester", plugins=PLUGINS)
    yield store
    store.close()


@settings(derandomize=True, database=None, max_examples=EXAMPLES_REGISTRATION, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=filled(patients.PATIENT_FORM), base=st.booleans())
def test_registration_refuses_hostile_input_and_never_crashes(store, raw, base):
    if base:  # a plausible patient with one or more hostile fields, so the later checks are reached
        raw = {"given_names": "Rosa", "paternal_surname": "Quispe", "sex": "F", "age_years": "40", **raw}
    try:
        patient = patients.register(store, raw)
    except AyniError as refused:
        assert refused.message("es") and refused.message("en")
        return
    stored = patients.get(store, patient.id)
    assert stored == patient
    for text in (stored.given_names, stored.paternal_surname, stored.maternal_surname, stored.community):
        assert not any(c in CONTROL for c in text)
    assert stored.birth_date is None or dt.date(1900, 1, 1) <= stored.birth_date <= today_in_lima()
