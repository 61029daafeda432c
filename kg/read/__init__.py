"""Reading: files and folders -> ``Document`` records (kg/records.py)."""

from kg.read.documents import read_documents
from kg.read.files import find_article_files

__all__ = ["find_article_files", "read_documents"]
