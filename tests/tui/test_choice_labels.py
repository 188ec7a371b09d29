"""Every list a person chooses from says «— elegir —» (or what it offers), never Textual's own
«Select»: each surgery form as the UI draws it."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Select

from ayni.core import default_plugins
from ayni.tui.kit import FormView
from ayni.tui.widgets.form import plugin_widgets


class FormHost(App):
    """One form drawn as the encounter and surgery screens draw it, with the plugins' widgets."""

    def __init__(self, store, spec):
        super().__init__()
        self.store, self.spec = store, spec

    def compose(self):
        yield FormView(self.spec, "es", widgets=plugin_widgets(self.store.plugins))


#: Every surgery form: the screening, the case, scheduling, pre-op, WHO checklist, operative note …
SURGERY_FORMS = sorted(key for key in default_plugins().forms if key.startswith("surgery."))


def test_surgery_declares_its_forms():
    assert len(SURGERY_FORMS) >= 6


@pytest.mark.parametrize("key", SURGERY_FORMS)
async def test_no_surgery_form_shows_textuals_select_placeholder(store, key):
    host = FormHost(store, store.plugins.forms[key])
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for select in host.query(Select):
            shown = str(select.query_one("SelectCurrent").query_one("#label").render())
            assert "Select" not in shown and select.prompt != "Select", (key, select.id)
