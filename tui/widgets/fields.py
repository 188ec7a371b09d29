"""One editor per field type: which Textual widget edits a :class:`~ayni.core.Field`, and how its value
goes in and out as the raw values :func:`ayni.core.validate_form` reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from ayni.core import Field, FieldType, fold
from ayni.core.clinical.codesearch import CodeIndex
from ayni.core.clinical.forms import SEARCH, max_input_length, number_text

from ..text import tr
from .picker import CodePicker, SearchPicker
from .toggles import Tick, TickList

#: ``factory(field, value, lang) -> widget with a .value property``, as plugins return them.
WidgetFactory = Callable[[Field, Any, str], Widget]

_TYPED_INPUT = {FieldType.INTEGER: "integer"}
#: The most characters of an amount typed in soles: «S/ 999,999.99», with room for spaces.
MONEY_LENGTH = 16


def placeholder(field: Field, lang: str) -> str:
    """What an empty input shows: the allowed range and unit, the date format, or the help."""
    parts = []
    if field.type == FieldType.DATE and field.help is None:
        parts.append(tr("date_hint", lang))
    elif field.type == FieldType.TOOTH_SET:
        parts.append(tr("teeth_hint", lang))
    elif field.min is not None and field.max is not None:
        parts.append(tr("range", lang, min=field.min, max=field.max) + (f" {field.unit}" if field.unit else ""))
    elif field.unit:
        parts.append(field.unit)
    if field.step and field.type in (FieldType.INTEGER, FieldType.DECIMAL):
        parts.append(tr("step_hint", lang, step=field.step))
    if field.help:
        parts.append(field.help.get(lang))
    return " · ".join(parts)


def typed_matches(choices, letter: str) -> list:
    """The values a letter typed on a closed list reaches, in the order repeated presses visit them:
    the labels that start with it, then those with a later word starting with it («I» → «ASA I»),
    then those whose value starts with it (the code a clinician may know: «n» → ``none``, «Sin
    documento»). Accents and case are ignored."""
    key = fold(letter)
    first, word, code = [], [], []
    for label, value in choices:
        words = fold(str(label)).split()
        if words and words[0].startswith(key):
            first.append(value)
        elif any(w.startswith(key) for w in words[1:]):
            word.append(value)
        elif fold(str(value)).startswith(key):
            code.append(value)
    return first + word + code


def next_typed(choices, letter: str, current):
    """The value a letter typed reaches next (:func:`typed_matches`) after ``current``: the first
    it reaches, or the one after ``current`` when pressed again; None when it reaches none."""
    values = typed_matches(choices, letter)
    if not values:
        return None
    after = values.index(current) + 1 if current in values else 0
    return values[after % len(values)]


class ChoiceSelect(Select):
    """A choice list where a letter typed on the closed list chooses the next option it reaches
    (:func:`typed_matches`: «m» → «Madura»; again → the next one with «m»; «I» → «ASA I»), as a native
    list box does: one key, and what is chosen is what the list shows."""

    def __init__(self, options, **kwargs):
        super().__init__(options, **kwargs)
        self.choices = list(options)

    def set_options(self, options) -> None:
        self.choices = list(options)
        super().set_options(self.choices)

    def on_key(self, event) -> None:
        letter = event.character
        if self.expanded or not letter or not letter.isalnum():
            return
        reached = next_typed(self.choices, letter, self.value)
        if reached is not None:
            event.stop()
            event.prevent_default()
            self.value = reached


def _scale_options(field: Field, lang: str) -> list[tuple[str, str]]:
    low = int(field.min if field.min is not None else 0)
    high = int(field.max if field.max is not None else 10)
    return [(field.step_text(step, lang), str(step)) for step in range(low, high + 1)]


def _choice_options(field: Field, lang: str) -> list[tuple[str, str]]:
    if field.type == FieldType.SCALE:
        return _scale_options(field, lang)
    return [(c.label.get(lang), c.value) for c in field.choices]


def make_editor(field: Field, value: Any, lang: str) -> Widget:
    """The generic widget for one (single-sided) field, showing ``value``."""
    if field.type == FieldType.CHOICE and field.widget == SEARCH:
        return SearchPicker(CodeIndex.of_choices(field.choices), lang, value=value,
                            show_codes=False, classes="editor")
    if field.type in (FieldType.CHOICE, FieldType.SCALE):
        options = _choice_options(field, lang)
        current = "" if value is None else str(value)
        known = {v for _, v in options}
        return ChoiceSelect(options, prompt=tr("choose", lang), compact=True, classes="editor",
                            value=current if current in known else Select.NULL)
    if field.type == FieldType.MULTI_CHOICE:
        chosen = set(value or ())
        return TickList(*[(label, v, v in chosen) for label, v in _choice_options(field, lang)],
                        compact=True, classes="editor")
    if field.type == FieldType.YES_NO:
        return Tick(tr("yes", lang), value=value in (True, "true", 1, "1"), compact=True, classes="editor")
    if field.type == FieldType.CODE:
        return CodePicker(CodeIndex.of_choices(field.choices), lang, value=list(value or ()),
                          classes="editor")
    if field.multiline:  # a note gets a multi-line editor (Tab still moves on)
        return TextArea("" if value is None else str(value), soft_wrap=True, tab_behavior="focus", compact=True,
                        highlight_cursor_line=False, placeholder=placeholder(field, lang), classes="editor long-text")
    if field.type == FieldType.TOOTH_SET and isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    # select_on_focus off: typing into a saved value adds to it, it never silently replaces it; no more
    # characters than the field can hold (a pasted 5,000-digit number is refused, the value kept)
    return Input("" if value is None else number_text(field, value), placeholder=placeholder(field, lang), compact=True,
                 type=_TYPED_INPUT.get(field.type, "text"), classes="editor", select_on_focus=False,
                 max_length=max_input_length(field))


def read_editor(widget: Widget) -> Any:
    """The raw value of an editor made by :func:`make_editor` or by a plugin's factory."""
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, (Input, Checkbox)):
        return widget.value
    return widget.value  # the pickers and plugin widgets expose .value


def write_editor(widget: Widget, value: Any) -> None:
    """Show ``value`` (as :func:`read_editor` gives it) in an editor made by :func:`make_editor` or
    by a plugin's factory."""
    if isinstance(widget, Select):
        if value is None:
            widget.clear()
        else:
            widget.value = value
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for chosen in value or ():
            widget.select(chosen)
    elif isinstance(widget, TextArea):
        widget.text = "" if value is None else str(value)
    else:
        widget.value = value  # Input, Checkbox, CodePicker and plugin widgets take .value


def relabel_editor(widget: Widget, field: Field, lang: str) -> None:
    """Show an editor's own words (options, placeholder) in ``lang``, keeping its value."""
    if isinstance(widget, Select):
        current = widget.value
        widget.prompt = tr("choose", lang)
        widget.set_options(_choice_options(field, lang))
        widget.value = current
    elif isinstance(widget, SelectionList):
        chosen = set(widget.selected)
        widget.clear_options()
        widget.add_options([(label, v, v in chosen) for label, v in _choice_options(field, lang)])
    elif isinstance(widget, Checkbox):
        widget.label = tr("yes", lang)
    elif isinstance(widget, (Input, TextArea)):
        widget.placeholder = placeholder(field, lang)
    elif hasattr(widget, "relabel"):
        widget.relabel(lang)


def is_blank(value: Any) -> bool:
    """True for what a person has not filled in (an unticked box counts as blank)."""
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    return value in (None, "", False, [], ()) or (isinstance(value, str) and not value.strip())


def side_label(field: Field, side: str, lang: str) -> str:
    """A short label for a side of a paired field: «OD», «OI», «derecho», «oído derecho»."""
    return field.side_label(side).get(lang).split(" (")[0]
