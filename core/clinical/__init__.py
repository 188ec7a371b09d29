"""The clinical record: encounters, forms and their validation, alerts, code search, referrals."""
