"""Ayni's build: everything is declared in pyproject.toml; this file only adds the translations.

Every gettext catalogue (``core/locale/<lang>/LC_MESSAGES/ayni.po``, ``plugins/<plugin>/locale/…``)
is compiled to the ``.mo`` file Ayni reads, beside its ``.po``, before the package data is
collected: a wheel ships both, and an editable install reads them where they are. Compiled files
are never committed (``.gitignore``).
"""

import warnings
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.warnings import InformationOnly

HERE = Path(__file__).parent
# An editable install maps ayni.core to core/ (and so on) through a finder, and setuptools then warns
# that a folder named like the package in the working directory could shadow it; there is no ayni/
# folder here, so the note says nothing about this project.
warnings.filterwarnings("ignore", message="Editable installation", category=InformationOnly)
LOCALE_FOLDERS = ("core/locale", "plugins/*/locale")


def compile_catalogues() -> None:
    """Compile every ``.po`` to its ``.mo`` (untranslated and fuzzy entries left out, as ``pybabel compile`` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for folder in LOCALE_FOLDERS:
        for po in sorted(HERE.glob(f"{folder}/*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parents[1].name, domain=po.stem)
            with po.with_suffix(".mo").open("wb") as compiled:
                write_mo(compiled, catalog)


class BuildWithCatalogues(build_py):
    """``build_py`` that compiles the catalogues first."""

    def run(self):
        compile_catalogues()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
