"""Reading: files and folders -> ``Document`` records (kg/records.py)."""

from kg.read.documents import find_article_files, read_documents

__all__ = ["find_article_files", "read_documents"]
