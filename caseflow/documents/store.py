"""Where document content lives: one interface, a filesystem store and an S3-compatible one.

`DOCUMENT_STORE_URL` chooses: `file:///path` (default: instance/documents) or
`s3://bucket/prefix?endpoint=https://host&region=eu-west-1` for an S3-compatible object store
(MinIO, Ceph, a cloud's); its credentials come from the usual AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY environment variables and it needs `pip install boto3`.
Content is written once under a new random key and never overwritten; removing it is the
destruction of the document.
"""

import os
import secrets
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlparse

from flask import current_app

STORE_KEY = "caseflow.document_store"


class StoreError(RuntimeError):
    """The store refused or failed: a configuration or infrastructure problem."""


class DocumentStore(Protocol):
    def put(self, key: str, content: bytes) -> None:
        """Write `content` under `key`, which must be new."""

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None:
        """Remove the content; a key that is already gone is no error."""


def new_key() -> str:
    # Random, so two uploads of the same file stay two documents with their own destruction.
    return secrets.token_hex(16)


class FilesystemStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key.isalnum():
            raise StoreError(f"not a document key: {key!r}")
        return self.root / key[:2] / key

    def put(self, key: str, content: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # "x": refuse to overwrite; the file is readable by the app alone.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(content)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise StoreError(f"document {key} is not in the store") from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Store:
    """An S3-compatible bucket; `client` is a boto3 S3 client (or anything with its three calls)."""

    def __init__(self, bucket: str, prefix: str, client: Any) -> None:
        self.bucket, self.prefix, self.client = bucket, prefix.strip("/"), client

    def _name(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, content: bytes) -> None:
        # IfNoneMatch: the store itself refuses to overwrite an existing object.
        self.client.put_object(
            Bucket=self.bucket, Key=self._name(key), Body=content, IfNoneMatch="*"
        )

    def get(self, key: str) -> bytes:
        response = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        body: bytes = response["Body"].read()
        return body

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))


def store_from_url(url: str) -> DocumentStore:
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return FilesystemStore(Path(unquote(parsed.path)))
    if parsed.scheme == "s3":
        options = {k: v[0] for k, v in parse_qs(parsed.query).items()}
        try:
            import boto3  # type: ignore[import-not-found]
        except ImportError as exc:
            raise StoreError("an s3:// document store needs boto3 (pip install boto3)") from exc
        client = boto3.client(
            "s3", endpoint_url=options.get("endpoint"), region_name=options.get("region")
        )
        return S3Store(parsed.netloc, parsed.path, client)
    raise StoreError(f"unknown document store {parsed.scheme!r}: use file:// or s3://")


def document_store() -> DocumentStore:
    """The app's store, made once from DOCUMENT_STORE_URL (default: instance/documents)."""
    store: DocumentStore | None = current_app.extensions.get(STORE_KEY)
    if store is None:
        url = current_app.config.get("DOCUMENT_STORE_URL") or (
            Path(current_app.instance_path, "documents").as_uri()
        )
        store = current_app.extensions[STORE_KEY] = store_from_url(url)
    return store
