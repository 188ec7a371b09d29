"""The plugin manager: built-in plugins by module name, then the ``ayni`` entry-point group.

A plugin that fails to load is recorded in :attr:`Plugins.failures`, reported by ``ayni plugins``
and skipped; the rest still work.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import traceback

import attrs
import pluggy

from . import hookspecs
from .catalog import DiagnosisCode, EquipmentItem, Medicine, ProcedureCode, Specialty, TuiScreen
from .forms import FormSpec

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
    def diagnoses(self) -> dict[str, DiagnosisCode]:
        return {d.code: d for d in _flatten(self.hook.ayni_diagnosis_codes())}

    @functools.cached_property
    def diagnosis_index(self):
        """Every plugin's ICD-10 codes, searchable by code or words (:mod:`ayni.core.codesearch`)."""
        from .codesearch import CodeIndex

        return CodeIndex((d.code, d.label) for d in self.diagnoses.values())

    @functools.cached_property
    def forms(self) -> dict[str, FormSpec]:
        return {f.key: f for f in _flatten(self.hook.ayni_forms())}

    @functools.cached_property
    def equipment(self) -> dict[str, EquipmentItem]:
        return {e.key: e for e in _flatten(self.hook.ayni_equipment())}

    @functools.cached_property
    def medicines(self) -> dict[str, Medicine]:
        return {m.key: m for m in _flatten(self.hook.ayni_formulary())}

    @functools.cached_property
    def permissions(self) -> dict:
        """The actions plugins declare (``ayni_permissions``), by name, each a ``users.Permission``."""
        return {action: p for result in reversed(self.hook.ayni_permissions()) if result
                for action, p in result.items()}

    @functools.cached_property
    def screens(self) -> dict[str, TuiScreen]:
        return {s.key: s for s in _flatten(self.hook.ayni_tui_screens())}

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
    ``ayni_form``), is recorded and the plugin left out, so the rest still load."""
    pm = plugins.pm
    try:
        plugin = load()
        pm.register(plugin, name=name)
    except Exception as error:  # a broken plugin must not stop the others
        plugins.failures.append(_failure(name, error))
        return
    unknown = sorted(h.name for h in pm.get_hookcallers(plugin) or () if h.name not in _SPEC_NAMES)
    if unknown:
        pm.unregister(plugin)
        error = NameError(f"unknown hook(s) {', '.join(unknown)}; see ayni.core.hookspecs")
        plugins.failures.append(PluginFailure(name, f"NameError: {error}", ""))


_SPEC_NAMES = frozenset(n for n in dir(hookspecs) if n.startswith("ayni_"))


def load_plugins(builtins=DEFAULT_PLUGINS, entry_points: bool = True, extra=()) -> Plugins:
    """Register the built-in plugins, then the ``ayni`` entry points, then ``extra`` objects.

    Each that fails to import or register is recorded as a :class:`PluginFailure` and skipped.
    """
    pm = pluggy.PluginManager("ayni")
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    for name in builtins:
        _register(plugins, name, lambda name=name: importlib.import_module(name))
    if entry_points:
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if not pm.has_plugin(ep.name):
                _register(plugins, ep.name, ep.load)
    for plugin in extra:
        pm.register(plugin)
    return plugins


@functools.cache
def default_plugins() -> Plugins:
    """The plugins of this installation, loaded once per process."""
    return load_plugins()
