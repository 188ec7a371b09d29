"""Importing the PDF module must not import WeasyPrint (or Jinja2): the UI starts without them."""

from __future__ import annotations

import subprocess
import sys


def test_importing_pdf_does_not_import_weasyprint():
    code = ("import sys, ayni.core.documents.pdf; "
            "print(sorted(m for m in ('weasyprint', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"
