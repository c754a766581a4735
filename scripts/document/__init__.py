"""The consultation document: `krav dokument` (outline.py → docx_writer.py → pdf.py; source.py reads a published draft)."""
