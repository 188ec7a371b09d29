"""The generic renderer of a :class:`~ayni.core.FormSpec`: section headings, one row per field (label,
editor or one editor per side, the field's error underneath), derived fields read-only.

Used for the patient registration form and for every encounter form; a plugin may draw a field type
itself through the ``ayni_tui_widgets`` hook, and the generic editor is the fallback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from ayni.core import Field, FieldError, FormSpec, display_value

from ..text import tr
from .fields import WidgetFactory, is_blank, make_editor, read_editor, relabel_editor, side_label


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

    def focus_editor(self) -> None:
        """Put the cursor in the field's first editor."""
        for editor in self.editors.values():
            target = editor if editor.can_focus else next(
                (w for w in editor.query("*") if w.can_focus), None)
            if target is not None:
                target.focus()
                return

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


class FormView(Vertical):
    """A whole :class:`FormSpec` rendered generically; ``values()`` are the raw values to validate."""

    def __init__(self, spec: FormSpec, lang: str, values: Mapping[str, Any] | None = None,
                 widgets: Mapping[str, WidgetFactory] | None = None, id: str | None = None):
        super().__init__(id=id, classes="form-view")
        self.spec = spec
        self.lang = lang
        self.widgets = dict(widgets or {})
        self._initial = dict(values or {})
        self.rows: dict[str, FieldRow] = {}

    def compose(self) -> ComposeResult:
        section = None
        for field in self.spec.fields:
            if field.section is not None and field.section != section:
                section = field.section
                yield Static(section.get(self.lang), classes="section-heading", markup=False)
            factory = self.widgets.get(getattr(field, "widget", None) or "") or self.widgets.get(str(field.type))
            row = FieldRow(field, self._initial.get(field.key), self.lang, factory)
            self.rows[field.key] = row
            yield row

    def values(self) -> dict[str, Any]:
        """Every field's raw value (derived fields left out)."""
        return {key: row.value for key, row in self.rows.items() if not row.field.derived}

    def snapshot(self) -> None:
        """Remember the current values, so :meth:`changed` tells what was typed since."""
        self._saved = self.values()

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
