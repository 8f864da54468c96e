"""Services: what users do, in plain Python over the store. No Textual here."""
