"""The site layer: parameters, the notebook runner, PDFs, the build, front pages and the CLI.

The top layer: it may import every other layer, and none imports it.
"""
