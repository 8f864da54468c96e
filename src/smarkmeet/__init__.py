"""smarkmeet: run the weekly smarketing meeting from the terminal."""

__version__ = "0.1.0"
