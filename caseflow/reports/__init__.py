"""Indicators for the reports: one SQL aggregate each, with drill-down, norms and exports."""
