"""Comments on a published draft: the ISO/IEC commenting template (template.py), importing a
filled-in sheet (importer.py) and the report back to commenters (report.py)."""
