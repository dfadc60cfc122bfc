"""Document content follows the unit of work it was written or destroyed in.

Content is written to the store before the commit (the row needs its key and hash). Should the
unit roll back, that content is removed again, so no orphan file with personal data stays
behind. Content a destruction removes goes only after the commit, so a destruction that is
rolled back leaves every document readable.
"""

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from caseflow.documents.store import document_store
from caseflow.extensions import db

_WRITTEN = "caseflow_documents_written"
_DOOMED = "caseflow_documents_doomed"


def store_new(key: str, content: bytes) -> None:
    """Write content that belongs to this unit of work."""
    document_store().put(key, content)
    db.session.info.setdefault(_WRITTEN, []).append(key)


def remove_after_commit(key: str) -> None:
    db.session.info.setdefault(_DOOMED, []).append(key)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
    doomed = session.info.pop(_DOOMED, [])
    if doomed and has_app_context():
        store = document_store()
        for key in doomed:
            store.delete(key)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_DOOMED, None)
    written = session.info.pop(_WRITTEN, [])
    if written and has_app_context():
        store = document_store()
        for key in written:
            store.delete(key)
