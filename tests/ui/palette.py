"""The command palette as a person uses it: ctrl+p, words typed, the commands it then offers."""

from __future__ import annotations


async def palette_offers(app, pilot, typed: str) -> list[str]:
    """Open the palette, type ``typed``, and return the prompts of the commands it lists."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.press(*typed)
    await pilot.pause(0.3)
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
