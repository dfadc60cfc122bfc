"""Documents of a case: uploads checked and stored, letters' PDFs stored, all destroyed with it.

The content lives in a document store behind one small interface (caseflow.documents.store):
files under instance/documents by default, an S3-compatible object store in production. The
rows (caseflow.models.documents) say what each document is, who added it and when.
"""
