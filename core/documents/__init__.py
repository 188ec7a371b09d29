"""Documents: PDFs and their sections, files written whole, CSV, the campaign reports and the
plugins' counting helpers (``reporting``)."""
