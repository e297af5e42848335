"""The records framework: list, detail, create, edit, archive, export and workflow pages for any model.

It depends on fazhi.core (and the spreadsheet reader/writer) only, never on a domain app: each
module declares its RecordPages and the framework serves them (docs/decisions/0005).
"""
