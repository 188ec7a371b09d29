"""The plugin system: the hooks, the plugin manager, what a plugin declares, the contract every
plugin must pass."""
