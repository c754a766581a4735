"""The standard as data: one export model (model.py), its writers (formats.py, reqif_format.py),
the static API on the site (api.py), the draft being exported (draft.py), the command
`krav eksport` (cli.py) and re-import of a JSON export into records (reimport.py)."""
