"""The report layer: language, names, wording, tables, figures, evidence and page rendering.

Turns the model's numbers and codes into a reader's words. Imports ``helpers.data`` and
``helpers.model``, never ``helpers.site``.
"""
