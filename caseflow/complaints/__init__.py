"""Klachten (Awb chapter 9): a complaint about conduct, registered by any staff member or from a
client's letter, handled by the complaints coordinator, counted per team and never per name."""
