"""The terminal UI. The only package that imports Textual."""
