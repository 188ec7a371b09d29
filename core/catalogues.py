"""Translations beyond Spanish and English, from gettext catalogues.

Spanish is the message id of every :class:`~ayni.core.i18n.Text` and English lives beside it in the
pair; any other language lives in compiled gettext catalogues (``.mo``, built from the ``.po`` files
when Ayni is installed): the core's domain ``ayni`` in ``core/locale`` and each plugin's own domain,
declared through the ``ayni_catalogues`` hook. A language's catalogues are read on its first lookup
and kept; Spanish and English never read them.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

import attrs

#: The core's domain, the last one asked.
CORE_DOMAIN = "ayni"
CORE_LOCALE = Path(__file__).parent / "locale"


@attrs.frozen
class Catalogue:
    """A gettext domain and the folder holding its catalogues: ``directory/<lang>/LC_MESSAGES/<domain>.po``
    (and the ``.mo`` compiled from it), with the template ``directory/<domain>.pot``."""

    domain: str
    directory: Path = attrs.field(converter=Path)

    @classmethod
    def of_plugin(cls, key: str, module_file: str) -> Catalogue:
        """The conventional catalogue of the plugin ``key`` whose package holds ``module_file``:
        domain ``ayni_<key>`` in the ``locale`` folder beside it."""
        return cls(f"ayni_{key}", Path(module_file).parent / "locale")

    def path(self, lang: str, suffix: str = ".mo") -> Path:
        """Where this domain's catalogue for ``lang`` is (compiled unless ``suffix`` says ``.po``)."""
        return self.directory / lang / "LC_MESSAGES" / f"{self.domain}{suffix}"

    def load(self, lang: str):
        """The compiled catalogue for ``lang`` (a ``gettext.GNUTranslations``), ``None`` if there is none."""
        import gettext

        path = self.path(lang)
        if not path.is_file():
            return None
        with path.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)


CORE = Catalogue(CORE_DOMAIN, CORE_LOCALE)

#: Plugin domains, in the order they were declared; each is asked before the core's.
_plugin_catalogues: dict[str, Catalogue] = {}
#: The catalogues read so far, per language, in the order they are asked.
_loaded: dict[str, list] = {}


def register(catalogue: Catalogue) -> None:
    """Make a plugin's domain part of every lookup (the plugin manager calls this for each
    ``ayni_catalogues`` result). Languages already read are read again on their next lookup."""
    if _plugin_catalogues.get(catalogue.domain) != catalogue:
        _plugin_catalogues[catalogue.domain] = catalogue
        _loaded.clear()


def _translations(lang: str) -> list:
    if lang not in _loaded:
        catalogues = (*_plugin_catalogues.values(), CORE)
        _loaded[lang] = [found for found in (c.load(lang) for c in catalogues) if found is not None]
    return _loaded[lang]


def translate(lang: str, msgid: str) -> str:
    """The translation of the Spanish ``msgid`` into ``lang``: the first domain's that has one (the
    plugins' then the core's), else ``msgid`` itself. An empty translation, or one whose placeholders
    differ from the msgid's, counts as none."""
    for catalogue in _translations(lang):
        found = catalogue.gettext(msgid)
        if found and found != msgid and keeps_placeholders(msgid, found):
            return found
    return msgid


def translate_plural(lang: str, one: str, many: str, n: int) -> str:
    """The form of the Spanish phrase ``one``/``many`` that ``lang`` uses for ``n``, from the first
    domain that translates it, else the Spanish form for ``n``. Each form must keep the placeholders
    of ``many``, save ``{n}``, which a form for one may write out in words."""
    for catalogue in _translations(lang):
        found = catalogue.ngettext(one, many, n)
        if found and found not in (one, many) and keeps_placeholders((one, many), found):
            return found
    return one if n == 1 else many


@functools.lru_cache(maxsize=8192)  # every label of a printed page is checked on each lookup
def placeholders(text: str) -> frozenset[str] | None:
    """The names of the ``{…}`` fields in ``text`` («{field}: máximo {max}» → {field, max}); ``None``
    when its braces do not parse, which matches no well-formed msgid."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def keeps_placeholders(msgid: str | tuple[str, str], translation: str) -> bool:
    """True when ``translation`` has the placeholders of the Spanish ``msgid``; for a plural
    ``(one, many)``, those of ``many``, save ``{n}``, which a form may write out in words."""
    optional = {"n"} if isinstance(msgid, tuple) else set()
    original = placeholders(msgid[1] if isinstance(msgid, tuple) else msgid)
    found = placeholders(translation)
    return original is not None and found is not None and found - optional == original - optional


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages the core's domain has a compiled catalogue for («qu»), sorted."""
    if not CORE_LOCALE.is_dir():
        return ()
    return tuple(sorted(p.name for p in CORE_LOCALE.iterdir() if CORE.path(p.name).is_file()))


def check(po_path: Path) -> list[str]:
    """The entries of the catalogue ``po_path`` that a lookup refuses because a translation changes the
    placeholders of its msgid, each as «file: msgid → translation»; empty when all are usable."""
    from babel.messages.pofile import read_po

    with Path(po_path).open("rb") as source:
        catalog = read_po(source)
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        problems += [f"{po_path}: «{msgid}» → «{form}»" for form in forms
                     if form and not keeps_placeholders(message.id, form)]
    return problems


def main(folders: list[str]) -> int:
    """Check every ``.po`` under ``folders`` (``make catalogues`` runs this); 1 when any entry is refused."""
    problems = [p for folder in folders for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")) for p in check(po)]
    for problem in problems:
        print(f"Marcadores distintos del original, se imprimirá en castellano / placeholders differ, "
              f"Spanish will be printed: {problem}")
    return 1 if problems else 0
