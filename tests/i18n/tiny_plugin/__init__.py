"""A tiny plugin from outside the repository that ships its own translations, declared the way
docs/plugins.md says: its domain ``ayni_tiny`` in the ``locale`` folder beside this file."""

from ayni.core import Catalogue, Text, hookimpl

WISDOM_TOOTH = Text("Muela del juicio", "Wisdom tooth")


@hookimpl
def ayni_catalogues():
    """Its Quechua catalogue."""
    return [Catalogue.of_plugin("tiny", __file__)]
