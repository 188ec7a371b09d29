"""Keys handled in the order typed, each once the one before it is done.

Textual hands a key's character to the widget focused when the key *arrives*, while Tab, Enter and
Space act when they are *handled*. On a slow machine a typist runs seconds ahead of the screen, so
«Benedicta⇥Huamani» lands whole in «Nombres», the surname typed before the Tab had moved the cursor.

:class:`KeysInOrder` makes the app hold a key that arrives while the previous one is still travelling
(through the focused widget and its parents, to the app's bindings) or while what it set off (an Enter
that moves to the next field, a focus change) is still queued. A helper task hands held keys on one
at a time, each after the screen has settled. When nothing is pending, a key is handled at once: a
person typing on an idle machine pays nothing.
"""

from __future__ import annotations

import asyncio
from collections import deque

from textual import events
from textual.message_pump import MessagePump

#: Attributes this module sets on a key event on its way.
_ROUTE = "_ayni_route"  # the nodes it bubbles through, from the focused widget up to the app
_DONE = "_ayni_done"  # the app's bindings have had it, or it never left the app
_HANDED_ON = "_ayni_handed_on"  # a held key, posted again by the helper task
#: Passes over a key's route before the next key is handed on regardless (a Tab takes three or four).
_MOST_PASSES = 20


def _finished(key: events.Key) -> bool:
    """The key has been handled: stopped by a widget, or seen by the app's own bindings."""
    return getattr(key, _DONE, False) or key._stop_propagation


def _quiet(key: events.Key) -> bool:
    """The key has been handled and nothing waits on its way (the app's own queue aside)."""
    return _finished(key) and all(node._message_queue.empty() for node in getattr(key, _ROUTE, ())[:-1])


async def _processed_by(node: MessagePump) -> None:
    """Wait until ``node`` has handled what is queued for it now, or has stopped (a screen closed)."""
    done = asyncio.Event()
    if not node.call_later(done.set):
        return  # closed already
    waiting = asyncio.ensure_future(done.wait())
    await asyncio.wait([waiting, *filter(None, [node._task])], return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()


class KeysInOrder:
    """App mixin: keys from the terminal are handled one at a time, in the order typed (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._last_key: events.Key | None = None
        self._handing_on: asyncio.Task | None = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if event.is_forwarded:  # bubbled back up: the app's bindings have it now
            await super().on_event(event)
            setattr(event, _DONE, True)
            return
        if getattr(event, _HANDED_ON, False) or not self._must_wait():
            await self._handle_typed(event)
            return
        self._held_keys.append(event)
        if self._handing_on is None:
            self._handing_on = asyncio.create_task(self._hand_on_held_keys())

    def _must_wait(self) -> bool:
        """A key arriving now waits: keys are held already, the last one is not done, or the app
        itself has work queued before it (a focus change, a callback)."""
        return (self._handing_on is not None or bool(self._held_keys) or not self._message_queue.empty()
                or (self._last_key is not None and not _quiet(self._last_key)))

    async def _handle_typed(self, key: events.Key) -> None:
        target = self.focused or self.screen
        setattr(key, _ROUTE, list(target.ancestors_with_self))
        self._last_key = key
        await super().on_event(key)
        if not key.is_forwarded:  # taken by a priority binding, or by the app itself
            setattr(key, _DONE, True)

    async def _settled(self, key: events.Key) -> None:
        """Wait until ``key`` is handled and what it set off on its way has run: an Enter's «submitted»
        moving the cursor on, a focus change asked of the app.

        Each pass waits for every node of the key's route in turn, from the focused widget up, so
        what one passes up is waited for at the next; then for the app. It ends after a pass that
        found nothing queued on the way, once the key had been handled (or could not be: its screen
        closed); a screen that keeps itself busy is waited for :data:`_MOST_PASSES` times at most."""
        route = getattr(key, _ROUTE, [self])
        for _ in range(_MOST_PASSES):
            handled = _finished(key)
            queued = False
            for node in route[:-1]:
                queued = queued or not node._message_queue.empty()
                await _processed_by(node)
            await _processed_by(self)
            if not queued and (handled or not _finished(key)):
                return

    def on_unmount(self) -> None:
        if self._handing_on is not None:
            self._handing_on.cancel()

    async def _hand_on_held_keys(self) -> None:
        try:
            while self._held_keys:
                if self._last_key is not None:
                    await self._settled(self._last_key)
                key = self._held_keys.popleft()
                setattr(key, _HANDED_ON, True)
                self._last_key = key
                self.post_message(key)
                await _processed_by(self)
        finally:
            self._handing_on = None
