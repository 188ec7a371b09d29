"""The generic renderer of a :class:`~ayni.core.FormSpec`: section headings, one row per field (label,
editor or one editor per side, the field's error underneath), derived fields read-only.

Used for the patient registration form and for every encounter form; a plugin may draw a field type
itself through the ``ayni_tui_widgets`` hook, and the generic editor is the fallback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ayni.core import Field, FieldError, FormSpec, Text, display_value, phrase
from ayni.core.clinical.forms import derived_so_far, number_text, read_value

from ..text import tr
from .fields import (WidgetFactory, is_blank, make_editor, placeholder, read_editor, relabel_editor, side_label,
                     write_editor)


def plugin_widgets(plugins) -> dict[str, WidgetFactory]:
    """Merge what every plugin's ``ayni_tui_widgets`` returns into ``{name: factory}``.

    A field uses the factory named by its ``widget``; a name that is a field type's value replaces the
    generic editor for every field of that type.
    """
    merged: dict[str, WidgetFactory] = {}
    for result in plugins.hook.ayni_tui_widgets():
        for field_type, factory in (result or {}).items():
            merged[str(field_type)] = factory
    return merged


def completed(field: Field, typed: str, value: Any) -> str | None:
    """What an input shows once left, when ``typed`` read as ``value`` says more than was typed: a
    shorthand the field's parser expands, shown whole («60» → «20/60», never a rewording: «cd» stays);
    a decimal with its step's places («1» → «1.00», «-.5» → «-0.50») and, when the field is signed,
    its sign («0.5» → «+0.50»). ``None``: it stays as typed."""
    if field.parse is not None:
        return value if isinstance(value, str) and typed.lower() in value.lower() else None
    if isinstance(value, Decimal) and (field.step is not None or field.signed):
        shown = number_text(field, value)
        return shown if shown != typed else None
    return None


def _show_completed(field: Field, editor: Widget) -> None:
    """Show an input's text as :func:`completed` reads it (other editors are left alone)."""
    if not isinstance(editor, Input):
        return
    one = attrs.evolve(field, sides=())
    typed = editor.value.strip()
    value, error = read_value(one, typed)
    shown = completed(one, typed, value) if error is None else None
    if shown is not None and shown != editor.value:
        editor.value = shown


def _label_text(field: Field, lang: str) -> str:
    return field.label.get(lang) + (" *" if field.required else "")


class FieldRow(Vertical):
    """One field: its label, its editor(s) and, below, the message when it was refused."""

    def __init__(self, field: Field, value: Any, lang: str, factory: WidgetFactory | None = None):
        super().__init__(classes="field-row", id=f"field-{field.key.replace('.', '-')}")
        self.field = field
        self.lang = lang
        self.factory = factory
        self.initial = value
        self.editors: dict[str | None, Widget] = {}
        if factory is not None:
            self.editors[None] = factory(field, value, lang)
        elif field.derived:
            pass
        elif field.sides:
            values = value if isinstance(value, Mapping) else {}
            for side in field.side_choices():
                self.editors[side.value] = make_editor(field, values.get(side.value), lang)
        else:
            self.editors[None] = make_editor(field, value, lang)
        for editor in self.editors.values():
            if field.help:
                editor.tooltip = field.help.get(lang)

    def compose(self) -> ComposeResult:
        # an editor with the class «wide» (a plugin's odontogram) is drawn under its label, across the row
        wide = [editor for editor in self.editors.values() if editor.has_class("wide")]
        with Horizontal(classes="field-line"):
            yield Label(_label_text(self.field, self.lang), classes="field-label", markup=False)
            if self.field.derived:
                yield Static(self._derived_text(self.initial), classes="field-derived", markup=False)
            for side, editor in self.editors.items():
                if editor in wide:
                    continue
                if side is not None:
                    yield Label(side_label(self.field, side, self.lang), classes="side-label", markup=False)
                yield editor
        yield from wide
        yield Static("", classes="field-error", markup=False)

    def _derived_text(self, value) -> str:
        if value in (None, ""):
            return tr("derived_hint", self.lang)
        return display_value(self.field, value, self.lang)

    @property
    def hint(self) -> str:
        """The field's whole hint in its language (range, unit, step, help), as its box begins it; a
        plugin's editor with a ``form_hint`` of its own says that instead («»: it spells out its keys itself)."""
        own = next((editor.form_hint for editor in self.editors.values()
                    if isinstance(getattr(editor, "form_hint", None), str)), None)
        return placeholder(self.field, self.lang) if own is None else own

    @property
    def value(self) -> Any:
        """The raw value: one value, or ``{side: value}`` for a paired field."""
        if self.field.derived:
            return None
        if None in self.editors:
            return read_editor(self.editors[None])
        return {side: read_editor(editor) for side, editor in self.editors.items()}

    def show_derived(self, value) -> None:
        """Show a value computed on save."""
        if self.field.derived:
            self.query_one(".field-derived", Static).update(self._derived_text(value))

    def show_error(self, messages: list[str]) -> None:
        """Show the field's messages under it (nothing clears it)."""
        error = self.query_one(".field-error", Static)
        error.update("\n".join(f"⚠ {m}" for m in messages))
        self.set_class(bool(messages), "-invalid")

    @property
    def takes_cursor(self) -> bool:
        """True when the cursor can go into one of the field's editors."""
        return self._first_focusable() is not None

    def _first_focusable(self) -> Widget | None:
        for editor in self.editors.values():
            target = editor if editor.can_focus else next(
                (w for w in editor.query("*") if w.can_focus), None)
            if target is not None and target.focusable:
                return target
        return None

    def focus_editor(self) -> None:
        """Put the cursor in the field's first editor."""
        if (target := self._first_focusable()) is not None:
            target.focus()

    def copy_side(self, source: str, target: str) -> bool:
        """Put the ``source`` side's value into the ``target`` side's editor; False when the field has
        not both sides or the source is empty (an empty side never clears the other)."""
        if source not in self.editors or target not in self.editors:
            return False
        _show_completed(self.field, self.editors[source])  # the copy shows what the source reads as
        value = read_editor(self.editors[source])
        if is_blank(value):
            return False
        write_editor(self.editors[target], value)
        return True

    def set_enabled(self, enabled: bool) -> None:
        """Allow or stop editing (a closed encounter is read only)."""
        for editor in self.editors.values():
            editor.disabled = not enabled

    def relabel(self, lang: str) -> None:
        """Show the field in ``lang``, keeping what was typed."""
        self.lang = lang
        self.query_one(".field-label", Label).update(_label_text(self.field, lang))
        for label, side in zip(self.query(".side-label").results(Label), [s for s in self.editors if s]):
            label.update(side_label(self.field, side, lang))
        for editor in self.editors.values():
            if self.field.help:
                editor.tooltip = self.field.help.get(lang)
            relabel_editor(editor, self.field, lang)


def _copy_words(spec: FormSpec) -> dict[str, Text]:
    """The footer's words for the copy key: «Copiar OD→OI» / «Copy OD→OS», from the sides' labels."""
    if spec.copy_sides is None:
        return {}
    source, target = spec.copy_sides
    paired = next((f for f in spec.fields if {source, target} <= {c.value for c in f.side_choices()}), None)
    if paired is None:
        return {}
    names = [Text(*(side_label(paired, side, lang) for lang in ("es", "en"))) for side in (source, target)]
    return {"b_copy_sides": phrase(Text("Copiar {source}→{target}", "Copy {source}→{target}"), source=names[0],
                                   target=names[1])}


class FormView(Vertical):
    """A whole :class:`FormSpec` rendered generically; ``values()`` are the raw values to validate.

    Keys: Enter in a one-line field moves on as Tab does; PgDn/PgUp jump to the first field of the
    next/previous section from any field (a list or text area under the cursor does not take them); F2 (when the spec declares ``copy_sides``) copies the first side of the
    field under the cursor into the second and moves to the next field. Moving on past the last
    field posts :class:`Finished`, so a host can go on (the encounter screen opens its next tab).
    An input left shows what it reads as, when that says more than was typed (:func:`completed`:
    «60» → «20/60», «1» → «1.00»); what it saves is what it shows.
    """

    BINDINGS = [
        Binding("f2", "copy_sides", "b_copy_sides"),
        # in the help panel (Ctrl+P), not the footer: the screen's own keys fill its 80 columns;
        # before the field's own (a list would scroll, a text area page): sections from anywhere
        Binding("pagedown", "next_section", "b_next_section", show=False, priority=True),
        Binding("pageup", "previous_section", "b_previous_section", show=False, priority=True),
    ]

    class Finished(Message):
        """The person moved on past the form's last field."""

        def __init__(self, view: FormView):
            super().__init__()
            self.view = view

    def __init__(self, spec: FormSpec, lang: str, values: Mapping[str, Any] | None = None,
                 widgets: Mapping[str, WidgetFactory] | None = None, id: str | None = None):
        super().__init__(id=id, classes="form-view")
        self.spec = spec
        self.lang = lang
        self.widgets = dict(widgets or {})
        self._initial = dict(values or {})
        self.rows: dict[str, FieldRow] = {}
        self.sections: list[list[FieldRow]] = []
        self.binding_words = _copy_words(spec)

    def compose(self) -> ComposeResult:
        section = None
        for field in self.spec.fields:
            if not self.sections or (field.section is not None and field.section != section):
                self.sections.append([])
            if field.section is not None and field.section != section:
                section = field.section
                yield Static(section.get(self.lang), classes="section-heading", markup=False)
            factory = self.widgets.get(getattr(field, "widget", None) or "") or self.widgets.get(str(field.type))
            row = FieldRow(field, self._initial.get(field.key), self.lang, factory)
            self.rows[field.key] = row
            self.sections[-1].append(row)
            yield row

    # -- moving on ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "copy_sides":  # in the footer only on a field with the pair (80 columns are few)
            row = self._current_row()
            return bool(self.binding_words) and row is not None and set(self.spec.copy_sides) <= set(row.editors)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()
        row = self._current_row()
        if row is not None:  # the whole row in sight, a label's last line too, not only its editor's
            self.call_after_refresh(row.scroll_visible, animate=False)

    def _current_row(self) -> FieldRow | None:
        focused = self.screen.focused
        return next((w for w in (focused, *(focused.ancestors if focused else ())) if isinstance(w, FieldRow)),
                    None)

    @staticmethod
    def _first(rows: Iterable[FieldRow]) -> FieldRow | None:
        return next((r for r in rows if r.takes_cursor), None)

    def _focus_first(self, rows: Iterable[FieldRow]) -> bool:
        row = self._first(rows)
        if row is not None:
            row.focus_editor()
        return row is not None

    def _rows_after(self, row: FieldRow | None) -> list[FieldRow]:
        rows = list(self.rows.values())
        return rows[rows.index(row) + 1:] if row in rows else rows

    def move_past(self, row: FieldRow | None) -> None:
        """Put the cursor in the first field after ``row``, or say the form is finished."""
        if not self._focus_first(self._rows_after(row)):
            self.post_message(self.Finished(self))

    def action_next_section(self) -> None:
        """Jump to the first field of the next section (past the last one: finished)."""
        row = self._current_row()
        index = next((i for i, rows in enumerate(self.sections) if row in rows), -1)
        if not any(self._focus_first(rows) for rows in self.sections[index + 1:]):
            self.post_message(self.Finished(self))

    def action_previous_section(self) -> None:
        """Jump to the first field of this section, or of the one before when already there."""
        row = self._current_row()
        index = next((i for i, rows in enumerate(self.sections) if row in rows), 0)
        firsts = [first for rows in self.sections[:index + 1] if (first := self._first(rows)) is not None]
        target = next((first for first in reversed(firsts) if first is not row), None)
        if target is not None:
            target.focus_editor()

    def action_copy_sides(self) -> None:
        """Copy the declared first side of the field under the cursor into its second; move on."""
        row = self._current_row()
        if row is None or not row.copy_side(*self.spec.copy_sides):
            words = self.binding_words["b_copy_sides"].get(self.lang)
            self.app.notify(tr("copy_sides_nothing", self.lang, words=words))
            return
        self.move_past(row)

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        row = self._current_row()
        if row is None or event.input not in row.editors.values():
            return
        event.stop()
        editors = [e for e in row.editors.values() if e.focusable]
        following = editors[editors.index(event.input) + 1:] if event.input in editors else []
        if following:
            following[0].focus()
        else:
            self.move_past(row)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        row = next((r for r in self.rows.values() if event.input in r.editors.values()), None)
        if row is not None:
            _show_completed(row.field, event.input)
            self.show_derived_so_far()

    @on(Select.Changed)
    def _chosen(self) -> None:
        self.show_derived_so_far()

    def show_derived_so_far(self) -> None:
        """Show the derived values (a total, a band, the BMI) from what is filled in now, before saving."""
        if not self.spec.derive:
            return
        derived = derived_so_far(self.spec, self.values())
        for row in self.rows.values():
            row.show_derived(derived.get(row.field.key))

    def values(self) -> dict[str, Any]:
        """Every field's raw value (derived fields left out)."""
        return {key: row.value for key, row in self.rows.items() if not row.field.derived}

    def snapshot(self) -> None:
        """Remember the current values, so :meth:`changed` tells what was typed since."""
        self._saved = self.values()

    def start_with(self, values: Mapping[str, Any]) -> None:
        """Show ``values`` in their fields as if the form had opened with them (a prefill offered
        again): the other fields keep what they show, and nothing counts as typed."""
        for key, value in values.items():
            row = self.rows.get(key)
            if row is not None and None in row.editors and not row.field.derived:
                write_editor(row.editors[None], value)
        self.snapshot()

    def changed(self) -> bool:
        """True when something was typed since the last :meth:`snapshot`."""
        return self.values() != getattr(self, "_saved", None)

    def has_content(self) -> bool:
        """True when any field is filled in."""
        return any(not is_blank(v) for v in self.values().values())

    def owns(self, error: FieldError) -> bool:
        """True when ``error`` is about one of this form's fields."""
        return error.field.split(".")[0] in self.rows

    def show_errors(self, errors: Iterable[FieldError], lang: str) -> FieldRow | None:
        """Show each error under its field, clear the others; return the first refused row."""
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field.split(".")[0], []).append(error.message(lang))
        first = None
        for key, row in self.rows.items():
            messages = by_field.get(key, [])
            row.show_error(messages)
            if messages and first is None:
                first = row
        return first

    def show_saved(self, data: Mapping[str, Any]) -> None:
        """Show derived values as saved (``data`` is the stored form)."""
        for key, row in self.rows.items():
            if row.field.derived:
                row.show_derived(data.get(key))

    def set_enabled(self, enabled: bool) -> None:
        """Allow or stop editing every field."""
        for row in self.rows.values():
            row.set_enabled(enabled)

    def relabel(self, lang: str) -> None:
        """Show the form in ``lang`` (nothing to do if it is already in it)."""
        if lang == self.lang:
            return
        self.lang = lang
        headings = iter(self.query(".section-heading").results(Static))
        section = None
        for field in self.spec.fields:
            if field.section is not None and field.section != section:
                section = field.section
                next(headings).update(section.get(lang))
        for row in self.rows.values():
            row.relabel(lang)
            row.show_error([])


class HintLine(Static):
    """The whole hint of the field under the cursor, wrapped over up to three lines in one place of
    the screen (above the footer), in the field's language: a box cuts a long hint («AAAA-MM-DD; si
    no la sabe, deje vacío e…») and its tooltip needs a mouse. Empty where the cursor is not in a field."""

    DEFAULT_CSS = """
    HintLine { height: auto; min-height: 1; max-height: 3; padding: 0 1; color: $text-muted; }
    """

    def __init__(self):
        super().__init__("", classes="field-hint", markup=False)
        self._in_sight: Widget | None = None

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self.show_hint)
        if isinstance(getattr(type(self.app), "lang", None), Reactive):  # the Ayni app: F12 redraws it too
            self.watch(self.app, "lang", lambda _: self.show_hint(self.screen.focused), init=False)

    def show_hint(self, focused: Widget | None) -> None:
        """Show the hint of the field that holds ``focused`` (nothing outside a field)."""
        row = next((w for w in (focused, *(focused.ancestors if focused else ())) if isinstance(w, FieldRow)), None)
        hint = row.hint if row is not None else ""
        self._in_sight = row or focused
        if str(self.content) != hint:
            self.update(hint)

    def on_resize(self) -> None:
        """A longer hint takes a line from the form: keep the field under the cursor in sight, its
        label whole (a PHQ-9 question wraps on three lines)."""
        if self._in_sight is not None and self._in_sight.is_attached:  # once the form has its new height
            self.call_after_refresh(self._in_sight.scroll_visible, animate=False)
