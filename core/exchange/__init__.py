"""Records leaving Ayni for the health system: what plugins report in neutral shapes (``records``) and
the FHIR R4B bundles built from them (``fhir``) and read back (``fhirimport``)."""
