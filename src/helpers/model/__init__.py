"""The model layer: statements, counts over time, totals, operations, checks and rates.

Numbers, flags, codes and dates only: no text in any language. Imports only ``helpers.data``.
"""
