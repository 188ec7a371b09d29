"""People: patients and the users who write."""
