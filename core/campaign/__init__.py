"""Campaigns, their sites and days, and the stations a patient passes through."""
