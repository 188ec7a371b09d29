"""What a procedure was done on, asked in a small dialog when it is added: the FDI tooth (and the
surfaces of a restoration), or one of the choices of its target (the eye, OD / OS / OU; the side of
a limb; a plugin's own target, such as an ear), in the order the target declares them.

The answer is the procedure's ``detail`` in the shape the plugins validate: ``{"tooth": 16,
"surfaces": ["O", "D"]}``, ``{"eye": "od"}``, ``{"side": "right"}``, ``{"audiology.ear": "right"}``. The dialog checks only the
shape (a real FDI number, surface letters); whether the tooth has that surface, or the code that
many surfaces, is the plugin's to say on save.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ayni.core import PERMANENT_TEETH, PRIMARY_TEETH, ProcedureCode, ProcedureTarget

from ..text import UI
from ..widgets.procedures import detail_text
from .base import AyniModal

SURFACE_LETTERS = "MOIDVLBP"  # B and P are the plugins' aliases of V and L
#: Words in a tooth procedure's code that mean it covers surfaces (a restoration or a sealant).
#: A stopgap until the catalogue says it itself: the dialog asks surfaces of every tooth
#: procedure, and only moves to them on Enter for these.
SURFACE_WORDS = ("resin", "art", "sealant", "restoration", "amalgam", "ionomer")


def needs_detail(code: ProcedureCode, target: ProcedureTarget | None) -> bool:
    """True when adding ``code`` (done on ``target``) asks what it was done on."""
    return code.target == "tooth" or bool(target is not None and target.choices)


def covers_surfaces(code: ProcedureCode) -> bool:
    """True for tooth procedures whose code names surface work (``dental.resin.s2``)."""
    words = code.code.split(".")
    return code.target == "tooth" and any(word in SURFACE_WORDS for word in words)


def parse_surfaces(text: str) -> list[str] | None:
    """«OD», «m o d», «M,O» → ``["O", "D"]`` (order kept, once each); ``None`` for other letters."""
    letters = re.sub(r"[\s,;+/-]", "", text).upper()
    if any(letter not in SURFACE_LETTERS for letter in letters):
        return None
    return list(dict.fromkeys(letters))


def parse_tooth(text: str) -> int | None:
    """An FDI tooth number (11–48 permanent, 51–85 primary), or ``None``."""
    text = text.strip()
    if not re.fullmatch(r"[0-9]{2}", text) or int(text) not in PERMANENT_TEETH | PRIMARY_TEETH:
        return None
    return int(text)


class ProcedureDetailScreen(AyniModal):
    """Ask what ``code`` was done on; answers its ``detail`` dict, or ``None`` (Esc: not added)."""

    BINDINGS = [Binding("ctrl+s", "accept", "b_add", priority=True)]

    def __init__(self, code: ProcedureCode, target: ProcedureTarget | None = None, offered: Sequence[dict] = ()):
        super().__init__()
        self.code = code
        self.target = target
        #: The details the encounter indicates (``ayni_suggested_detail``): the first is filled in.
        self.offered = list(offered)

    @property
    def tooth(self) -> bool:
        return self.code.target == "tooth"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="detail-dialog"):
            yield Static("", id="dialog-title", markup=False)
            if self.tooth:
                with Horizontal(classes="field-line"):
                    yield Label("", id="tooth-label", classes="detail-label", markup=False)
                    yield Input(id="tooth", compact=True, max_length=2, restrict=r"[0-9]*")
                with Horizontal(classes="field-line"):
                    yield Label("", id="surfaces-label", classes="detail-label", markup=False)
                    yield Input(id="surfaces", compact=True, max_length=12)
                yield Static("", id="detail-offered", classes="detail-offered", markup=False)
                yield Static("", id="detail-error", classes="detail-error", markup=False)
            else:
                yield OptionList(id="detail-choices", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        if self.tooth and self.offered:
            first = self.offered[0]
            self.query_one("#tooth", Input).value = str(first.get("tooth", ""))
            self.query_one("#surfaces", Input).value = "".join(first.get("surfaces") or ())
        (self.query_one("#tooth") if self.tooth else self.query_one("#detail-choices")).focus()

    def _offered_index(self) -> int:
        """The position of the first offered answer among the target's choices (else the first)."""
        values = [c.value for c in self.target.choices]
        first = self.offered[0].get(self.target.answer_key) if self.offered else None
        return values.index(first) if first in values else 0

    def relabel(self) -> None:
        label = self.code.label.get(self.lang)
        if self.tooth:
            self.query_one("#dialog-title", Static).update(f"{label} · {self.tr('detail_tooth_title')}")
            self.query_one("#tooth-label", Label).update(self.tr("detail_tooth"))
            self.query_one("#surfaces-label", Label).update(self.tr("detail_surfaces"))
            self.query_one("#tooth", Input).placeholder = self.tr("detail_tooth_hint")
            self.query_one("#surfaces", Input).placeholder = self.tr(
                "detail_surfaces_hint" if covers_surfaces(self.code) else "detail_surfaces_optional")
            offered = " · ".join(detail_text(detail, self.lang) for detail in self.offered)
            shown = self.query_one("#detail-offered", Static)
            shown.update(self.tr("detail_offered", details=offered) if offered else "")
            shown.display = bool(offered)
            return
        key = self.target.answer_key
        question = (self.tr(f"detail_{key}_title") if f"detail_{key}_title" in UI
                    else self.tr("detail_choice_title", what=self.target.label.get(self.lang)))
        self.query_one("#dialog-title", Static).update(f"{label} · {question}")
        options = self.query_one("#detail-choices", OptionList)
        highlighted = options.highlighted
        options.set_options(Option(c.label.get(self.lang), id=c.value) for c in self.target.choices)
        options.highlighted = highlighted if highlighted is not None else self._offered_index()

    # -- answering ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#detail-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss({self.target.answer_key: event.option.id})

    @on(Input.Submitted, "#tooth")
    def _tooth_given(self, event: Input.Submitted) -> None:
        event.stop()
        if covers_surfaces(self.code) and parse_tooth(event.value) is not None:
            self.set_focus(self.query_one("#surfaces", Input))  # now: the letters typed next belong there
        else:
            self.action_accept()

    @on(Input.Submitted, "#surfaces")
    def _surfaces_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        """Answer the detail typed, or say which box is wrong and stay open."""
        if not self.tooth:
            options = self.query_one("#detail-choices", OptionList)
            if options.highlighted is not None:
                self.dismiss({self.target.answer_key: options.get_option_at_index(options.highlighted).id})
            return
        tooth_box, surfaces_box = self.query_one("#tooth", Input), self.query_one("#surfaces", Input)
        tooth = parse_tooth(tooth_box.value)
        surfaces = parse_surfaces(surfaces_box.value)
        error = self.query_one("#detail-error", Static)
        if tooth is None:
            error.update("⚠ " + self.tr("detail_bad_tooth", value=tooth_box.value.strip() or "—"))
            tooth_box.focus()
            return
        if surfaces is None:
            error.update("⚠ " + self.tr("detail_bad_surfaces", value=surfaces_box.value.strip()))
            surfaces_box.focus()
            return
        self.dismiss({"tooth": tooth, **({"surfaces": surfaces} if surfaces else {})})
