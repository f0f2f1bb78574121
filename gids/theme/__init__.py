"""The theme the site is built with: all that knows it is in one module (material.py)."""
