"""Record ids: how new ones are made and how they are shown (kept apart from the models, and so from
pydantic, so that the command line and the app start fast)."""

import random
import time


def short_id(record_id: str) -> str:
    """Eight characters that tell records apart on screen: the random end of the id (its start is a time)."""
    return record_id[-8:]


def new_id() -> str:
    """A new stable id: a UUID (version 7), as text, so logs from two laptops can be merged.

    Version 7 starts with the time in milliseconds and ends with 74 random bits: as unique
    as a random UUID, but new rows land at the end of the log's indexes instead of all over
    them, which keeps bulk writes fast.
    """
    value = (int(time.time() * 1000) & _MS_MASK) << 80 | (_random_bits(80) & _RANDOM_MASK) | _V7_BITS
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


_MS_MASK = (1 << 48) - 1
_RANDOM_MASK = ((1 << 12) - 1) << 64 | ((1 << 62) - 1)  # rand_a (12 bits) and rand_b (62 bits)
_V7_BITS = 0x7 << 76 | 0b10 << 62  # version 7, RFC 4122 variant
# Seeded from the OS's entropy when first imported; ids need to be unique, not secret.
_random_bits = random.Random().getrandbits
