"""Reading and writing the files of an import or export of customers: CSV, Excel workbooks and vCards.

This package knows files and cells, not the customer file: it turns a file into a `Table` of text
cells and back, guesses which column holds which field, and parses one cell at a time. The import
and export services build customers from it.
"""
