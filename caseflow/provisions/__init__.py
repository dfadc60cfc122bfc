"""After the decision: the product catalogue, the provisions and benefits decisions grant, their
changes, the herindicatie before a provision ends, and the view of everything a person receives.

Registers are written by the decision's transition (effects in caseflow.workflow.effects call
`register` and `benefits` here); what happens to an entry later (an early end, a mutation) is a
dated change appended by the services here, never an overwrite.
"""
