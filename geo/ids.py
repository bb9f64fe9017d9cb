"""What a report or district id may be: short, plain and never a script's own name.

Ids travel where names never go: into page addresses, HTML attributes, desk
messages and the browser's lookup tables. So they keep to a small alphabet with
nothing Markdown or HTML could act on, and may not be a name every JavaScript
object already has (``constructor``, ``__proto__``), which broke the map script
for every reader. Names, notes and sources carry any text; ids do not.
"""

import re

SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
"""Letters A-Z and a-z, digits, '.', '_' and '-'; 1 to 64 of them."""
SCRIPT_NAMES = frozenset(
    {
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "prototype",
        "toLocaleString",
        "toString",
        "valueOf",
    }
)
"""Names every JavaScript object has: as ids they would read the object's own."""
_SHOWN_CHARACTERS = 40


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id, in words, or None if it can."""
    if value in SCRIPT_NAMES:
        return f"'{value}' is a name the map's script reserves; choose another id"
    if SAFE_ID.fullmatch(value):
        return None
    shown = value[:_SHOWN_CHARACTERS] + ("…" if len(value) > _SHOWN_CHARACTERS else "")
    return (
        f"{shown!r} is not a usable id: use 1 to 64 letters A-Z, digits, "
        "'.', '_' or '-' (names and notes may hold any text)"
    )
