"""One working panel per kind of agenda section. Panels take models in and post messages out."""
