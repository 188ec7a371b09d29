"""Widgets of the Ayni terminal UI: the generic form renderer, code pickers, the procedure picker."""
