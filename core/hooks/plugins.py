"""The plugin manager: built-in plugins by module name, then the ``ayni`` entry-point group.

A plugin that fails to load is recorded in :attr:`Plugins.failures`, reported by ``ayni plugins``
and skipped; the rest still work.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import os
import sys
import traceback

import attrs
import pluggy

from .. import catalogues
from ..clinical.forms import FormSpec
from . import hookspecs
from .declarations import (
    CORE_TARGETS, DiagnosisCode, EquipmentItem, Medicine, ProcedureCode, ProcedureTarget, Specialty, TuiScreen,
)

hookimpl = pluggy.HookimplMarker("ayni")

#: The built-in plugins, registered before any third-party one.
DEFAULT_PLUGINS = (
    "ayni.plugins.general",
    "ayni.plugins.dental",
    "ayni.plugins.optometry",
    "ayni.plugins.physio",
    "ayni.plugins.surgery",
)
ENTRY_POINT_GROUP = "ayni"
#: Set to trace every hook call on standard error (pluggy's ``enable_tracing``).
TRACE_VARIABLE = "AYNI_TRACE_PLUGINS"


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded, and why."""

    name: str
    error: str
    detail: str


@attrs.define
class Plugins:
    """The loaded plugins: the pluggy manager, what each declares (merged and indexed), and failures."""

    pm: pluggy.PluginManager
    failures: list[PluginFailure] = attrs.field(factory=list)

    @property
    def hook(self):
        return self.pm.hook

    @functools.cached_property
    def specialties(self) -> dict[str, Specialty]:
        return {s.key: s for s in _flatten(self.hook.ayni_specialties())}

    @functools.cached_property
    def procedures(self) -> dict[str, ProcedureCode]:
        return {p.code: p for p in _flatten(self.hook.ayni_procedure_codes())}

    @functools.cached_property
    def targets(self) -> dict[str, ProcedureTarget]:
        """What procedures are done on: the core's targets, then every plugin's."""
        return {t.key: t for t in (*CORE_TARGETS, *_flatten(self.hook.ayni_procedure_targets()))}

    @functools.cached_property
    def diagnoses(self) -> dict[str, DiagnosisCode]:
        return {d.code: d for d in _flatten(self.hook.ayni_diagnosis_codes())}

    @functools.cached_property
    def diagnosis_index(self):
        """Every plugin's ICD-10 codes, searchable by code or words (:mod:`ayni.core.clinical.codesearch`)."""
        from ..clinical.codesearch import CodeIndex

        synonyms: dict[str, list[str]] = {}
        for found in _flatten(self.hook.ayni_diagnosis_codes()):  # a code two plugins share keeps both's words
            synonyms.setdefault(found.code, []).extend(found.synonyms)
        return CodeIndex(((d.code, d.label) for d in self.diagnoses.values()), synonyms)

    @functools.cached_property
    def forms(self) -> dict[str, FormSpec]:
        return {f.key: f for f in _flatten(self.hook.ayni_forms())}

    @functools.cached_property
    def equipment(self) -> dict[str, EquipmentItem]:
        return {e.key: e for e in _flatten(self.hook.ayni_equipment())}

    @functools.cached_property
    def medicines(self) -> dict[str, Medicine]:
        return {m.key: m for m in _flatten(self.hook.ayni_formulary())}

    def describe_stock(self, item_key: str, attributes, lang: str) -> str:
        """What sizes or fits a lot of ``item_key``, in words (:meth:`EquipmentItem.describe`); the raw
        attributes for an item no plugin declares."""
        item = self.equipment.get(item_key)
        if item is None:
            return " · ".join(f"{k} {v}" for k, v in attributes.items())
        return item.describe(attributes, lang, self.forms.get(item.fitting_form or ""))

    @functools.cached_property
    def permissions(self) -> dict:
        """The actions plugins declare (``ayni_permissions``), by name, each a ``users.Permission``."""
        return {action: p for result in reversed(self.hook.ayni_permissions()) if result
                for action, p in result.items()}

    @functools.cached_property
    def screens(self) -> dict[str, TuiScreen]:
        return {s.key: s for s in _flatten(self.hook.ayni_tui_screens())}

    def suggested_size(self, store, encounter_id: str, item_key: str) -> dict[str, str] | None:
        """The size of ``item_key`` its plugin suggests for handing out in this encounter
        (``ayni_suggested_size``), or ``None``."""
        return self.hook.ayni_suggested_size(store=store, encounter_id=encounter_id, item_key=item_key)

    def procedures_of(self, specialty: str) -> list[ProcedureCode]:
        """The procedure catalogue of one specialty, in declaration order."""
        return [p for p in self.procedures.values() if p.code.split(".", 1)[0] == specialty]

    def forms_of(self, specialty: str, station: str | None = None) -> list[FormSpec]:
        """The forms filled at ``station`` of a specialty (all its forms if the station names none),
        in the order the specialty lists them."""
        spec = self.specialties[specialty]
        keys = spec.station_forms.get(station) or spec.forms if station else spec.forms
        return [self.forms[k] for k in keys if k in self.forms]

    def names(self) -> list[str]:
        """The names of the loaded plugins."""
        return [self.pm.get_name(p) for p in self.pm.get_plugins()]


def _flatten(results) -> list:
    """Hook results in registration order (pluggy calls the last registered plugin first)."""
    return [item for result in reversed(results) if result for item in result]


def _failure(name: str, error: BaseException) -> PluginFailure:
    return PluginFailure(name, f"{type(error).__name__}: {error}", traceback.format_exc())


def _register(plugins: Plugins, name: str, load) -> None:
    """Import and register one plugin; a failure, or a hook name no spec knows (a misspelt
    ``ayni_form``, found by pluggy's ``check_pending``), is recorded and the plugin left out, so the
    rest still load."""
    pm = plugins.pm
    plugin = None
    try:
        plugin = load()
        pm.register(plugin, name=name)
        pm.check_pending()
        _register_catalogues(pm, plugin)
    except Exception as error:  # a broken plugin must not stop the others
        if plugin is not None and pm.is_registered(plugin):
            pm.unregister(plugin)
        plugins.failures.append(_failure(name, error))


def _register_catalogues(pm: pluggy.PluginManager, plugin) -> None:
    """Make the translation domains ``plugin`` declares (``ayni_catalogues``) part of every lookup."""
    for impl in pm.hook.ayni_catalogues.get_hookimpls():
        if impl.plugin is plugin:
            for catalogue in impl.function() or ():
                catalogues.register(catalogue)


def _trace(pm: pluggy.PluginManager) -> None:
    """Write every hook call, with its arguments and results, to standard error."""
    pm.trace.root.setwriter(sys.stderr.write)
    pm.enable_tracing()


def load_plugins(builtins=DEFAULT_PLUGINS, entry_points: bool = True, extra=()) -> Plugins:
    """Register the built-in plugins, then the ``ayni`` entry points, then ``extra`` objects.

    Each that fails to import or register is recorded as a :class:`PluginFailure` and skipped.
    With ``AYNI_TRACE_PLUGINS`` set (to anything but ``0`` or nothing), every hook call is traced on
    standard error.
    """
    pm = pluggy.PluginManager("ayni")
    pm.add_hookspecs(hookspecs)
    if os.environ.get(TRACE_VARIABLE, "0") not in ("", "0"):
        _trace(pm)
    plugins = Plugins(pm)
    for name in builtins:
        _register(plugins, name, lambda name=name: importlib.import_module(name))
    if entry_points:
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if not pm.has_plugin(ep.name):
                _register(plugins, ep.name, ep.load)
    for plugin in extra:
        _register(plugins, pm.get_canonical_name(plugin), lambda plugin=plugin: plugin)
    return plugins


@functools.cache
def default_plugins() -> Plugins:
    """The plugins of this installation, loaded once per process."""
    return load_plugins()
