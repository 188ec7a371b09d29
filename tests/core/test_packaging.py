"""The package list in pyproject.toml names every folder that ships: each folder of modules and each
folder of package data (templates, translations, demo data), so that a wheel holds them all and
setuptools has nothing to warn about at ``pip install``."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
#: What ships: modules, and every file name pattern of the package data ("data/*.toml" is "*.toml").
SHIPPED = {"*.py", *(pattern.rsplit("/", 1)[-1] for pattern in SETUPTOOLS["package-data"]["*"])}


def _folders_that_ship(mapping: dict[str, str]) -> set[str]:
    found = set()
    for package, folder in mapping.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_dir() and "__pycache__" not in path.parts and any(
                    any(path.glob(pattern)) for pattern in SHIPPED):
                found.add(".".join((package, *path.relative_to(ROOT / folder).parts)))
    return found


def test_every_folder_that_ships_is_a_listed_package():
    setuptools = SETUPTOOLS
    listed = set(setuptools["packages"])
    assert _folders_that_ship(setuptools["package-dir"]) - listed == set()
    assert {name for name in listed if not (ROOT / setuptools["package-dir"][".".join(name.split(".")[:2])]
                                            / Path(*name.split(".")[2:])).is_dir()} == set()
