"""Kwaliteitstoetsing: a seeded random sample of decided cases per domain, team and period, a
checklist per case type from its workflow definition (rechtmatigheid, with the legal basis), and
findings with a cause, so a team learns where errors come from, not only that they happen."""
