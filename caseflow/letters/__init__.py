"""Letters: the acknowledgements, reports, requests and decisions a case sends to its client.

A transition names the letter it produces (`letter:` in the workflow); the engine drafts it in the
same step (caseflow.letters.drafts), the consultant previews it, may add a personal paragraph and
sends it (caseflow.letters.sending): then it is a PDF in the document store with its hash, and
its sending is an event. The texts are data per case type and municipality (caseflow.letters.texts),
filled in from a small documented set of fields (caseflow.letters.fields).
"""
