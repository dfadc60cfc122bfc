"""The base registers behind one interface: persons from the BRP (Haal Centraal BRP bevragen)
and addresses from the BAG (the PDOK Locatieserver). Off unless configured; the front door
then types what the registers would have given."""
