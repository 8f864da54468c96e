"""smarkmeet: run the weekly smarketing meeting from the terminal."""

import os

__version__ = "0.1.0"

# smarkmeet uses no pydantic plugins; looking for them scans every installed package's
# metadata, which measured a third of start-up (bench/RESULTS.md). A user who sets the
# variable keeps their choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
