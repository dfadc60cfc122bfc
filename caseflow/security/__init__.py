"""Hardening: login throttling, password rules, security headers."""
