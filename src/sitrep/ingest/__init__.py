"""Ingest: read files, folders, JSONL and stdin into RawDocuments."""

from .readers import decode_bytes, iter_documents, read_input_record

__all__ = ["decode_bytes", "iter_documents", "read_input_record"]
