"""Domain: models, enums, agenda templates and formulas. Imports nothing else of smarkmeet."""
