"""``ayni datasette-metadata``: what an analyst needs to read the database in Datasette.

Registered on the main group by :mod:`ayni.cli`. Datasette is not a dependency of Ayni: this writes
its metadata file, and the README says how a coordinator opens the database read-only with it.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ayni.core.i18n import Text

from .context import Settings, pass_settings, say

SAY = {
    "written": Text("Metadatos de Datasette escritos en {path} ({views} vistas). Abra la base solo para lectura: "
                    "datasette --immutable {db} -m {path}",
                    "Datasette metadata written to {path} ({views} views). Open the database read-only: "
                    "datasette --immutable {db} -m {path}"),
    "view_refused": Text("La vista {view} no se pudo crear: {error}", "The view {view} could not be created: {error}"),
}


@click.command("datasette-metadata")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("metadata.json"),
              show_default=True, help="Archivo a escribir, «-» para la salida estándar / file to write, «-» for stdout.")
@pass_settings
def datasette_metadata(settings: Settings, output: Path):
    """Metadatos para Datasette: tablas, vistas, columnas y unidades / Datasette metadata: tables, views,
    columns and units."""
    from ayni.core.storage import views

    store = settings.open()
    try:
        declared = views.analyst_views(store.plugins)
        refused = views.refresh_views(store.db, declared)
        metadata = views.datasette_metadata(store.db, declared, store.path.stem, settings.lang)
    finally:
        store.close()
    for view, error in refused:
        click.secho(say(SAY, "view_refused", settings.lang, view=view.name, error=error), fg="red", err=True)
    text = json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(say(SAY, "written", settings.lang, path=output, views=len(declared), db=store.path))
