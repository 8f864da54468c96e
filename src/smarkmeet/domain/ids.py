"""How record ids are shown (kept apart from the models so the command line starts fast)."""


def short_id(record_id: str) -> str:
    """Eight characters that tell records apart on screen: the random end of the id (its start is a time)."""
    return record_id[-8:]
