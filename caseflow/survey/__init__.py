"""Cliëntwaardering: after a decision or a household plan closes, the client is invited once a
period to rate the service on a public page reached by a single-use link, or a colleague asks
by phone; the answers keep only municipality, domain, team and period."""
