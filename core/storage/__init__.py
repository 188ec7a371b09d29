"""Storage: the SQLite store, its migrations, the one converter, backups and the audit log."""
