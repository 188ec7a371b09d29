"""Keys typed faster than the UI draws (a fast typist on a busy laptop, a barcode scanner) arrive in
one burst, as a terminal delivers them: each must land in the field that has the cursor *by then*.
A Tab in the burst moves the cursor before the next letter is handled, so «Ana⇥Quispe» fills two
fields, never «AnaQuispe» in one."""

from __future__ import annotations

from textual import events

from ayni.tui.screens.register import RegisterScreen
from tuikit import SIZE


def _burst(app, keys: str | list[str]) -> None:
    """Queue every key at once, without waiting for the app between them (what a terminal's read of
    several bytes does), as Textual's driver posts them."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_tab_typed_ahead_moves_the_cursor_before_the_next_letters(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, RegisterScreen)
        _burst(app, [*"Ana", "tab", *"Quispe", "tab", *"Mamani", "shift+tab", "end", *"x"])
        await pilot.pause()
        await pilot.pause()
        values = {name: app.screen.query_one(f"#field-{name} Input").value
                  for name in ("given_names", "paternal_surname", "maternal_surname")}
        assert values == {"given_names": "Ana", "paternal_surname": "Quispex", "maternal_surname": "Mamani"}
