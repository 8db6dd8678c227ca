"""Characters no record field should carry, taken out of arriving records.

A name, a group or a keyer's name that holds control characters is at best a stray byte
(a cell pasted from a web page, a PC of another version), at worst an attack on whoever
reads it: escape sequences reach the terminal that prints `central conflicts` (``ESC ] 52``
writes its clipboard), right-to-left overrides and zero-width characters make a name read
as another. The plantel's own data may hold them (its forms keep what was typed), so a
bundle is not refused for them: the office stores the text without them. Line breaks and
tabs become spaces, except in a contact attempt's note, which may have several lines.
"""

import re

from seguimiento_desktop.domain.text import without_hidden
from seguimiento_desktop.sync.records import TEXTS

_BREAKS = re.compile("[\t\n\r]")
_MULTILINE = frozenset({"note"})  # free text where a line break is the writer's own
_FIELDS = {kind: tuple(name for name, _ in TEXTS[kind]) for kind in TEXTS}


def clean_texts(batch: list[dict]) -> None:
    """Take hidden characters out of every text field of ``batch`` (checked records, changed
    in place). checking.check_batch calls it for a batch whose text is not all printable
    (every character taken out here is unprintable to ``str.isprintable``)."""
    for record in batch:
        for name in _FIELDS[record["t"]]:
            record[name] = _clean(record[name], name in _MULTILINE)


def _clean(text: str, multiline: bool) -> str:
    if text.isprintable():  # nearly every field of a batch that holds one note's line break
        return text
    text = without_hidden(text)
    if multiline or _BREAKS.search(text) is None:
        return text
    return " ".join(text.split())  # a one-line field: the break was never meant

