"""1 gezin, 1 plan, 1 regisseur: areas, triage in the casusoverleg, directors and plans.

Every change is one service call and one transaction; where a case changes, the service moves it
through the workflow engine in that same transaction.
"""
