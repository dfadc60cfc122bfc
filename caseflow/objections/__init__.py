"""Bezwaar and beroep: objections registered against a decision, their terms and their outcome.

`terms` computes the bezwaar term and whether an objection came in on time (Awb 6:7-6:11),
`decisions` asks the workflow definitions which steps of a case were decisions, `register`
opens the bezwaar case linked to the decision it contests, and `hooks` holds the guards and the
effect the bezwaar workflow names (heard or a ground not to hear, a late objection decided as
niet-ontvankelijk, a new decision after an upheld objection).
"""
