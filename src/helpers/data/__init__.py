"""The data layer: the descriptor, its vocabularies, loading, the dataset's rules and paths.

Imports nothing from the layers above it (``model``, ``report``, ``site``).
"""
