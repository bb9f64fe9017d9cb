"""JSON Schema from typed Python: the map contract's TypedDicts, written out once.

Understands exactly the types the contract uses: ``str``, ``int``, ``float``,
``bool``, ``None``, ``Any``, ``list[...]``, ``dict[str, ...]``, ``Literal[...]``,
string enums, unions (``X | None``) and ``TypedDict`` classes, which become
``$defs`` with every key required and no other key allowed. ``Annotated``
metadata adds to a type's schema: a string is its description, ``Keywords``
hold further keywords (``Keywords(const=1)``). Anything else is refused, so the schema
never silently says less than the types.
"""

import enum
import types
import typing
from collections.abc import Sequence
from typing import (
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

JsonSchema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"


class Keywords:
    """JSON Schema keywords for an ``Annotated`` type: ``Keywords(minimum=0)``.

    Hashable, as ``typing`` needs ``Annotated`` metadata inside unions to be.
    """

    def __init__(self, **keywords: str | int | float) -> None:
        self.keywords = tuple(sorted(keywords.items()))

    def __hash__(self) -> int:
        return hash(self.keywords)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Keywords) and other.keywords == self.keywords


_SCALARS: dict[object, JsonSchema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
}


def json_schema(root: type, *, title: str, also: Sequence[type] = ()) -> JsonSchema:
    """The JSON Schema of the TypedDict ``root`` and every TypedDict it refers to.

    Args:
        root: the TypedDict the schema validates.
        title: a one-line title.
        also: further TypedDicts to define under ``$defs``, for other messages.

    Returns:
        A draft 2020-12 schema whose named types sit under ``$defs``.
    """
    definitions: dict[str, JsonSchema] = {}
    reference = _schema_of(root, definitions)
    for typed in also:
        _schema_of(typed, definitions)
    return {
        "$schema": DRAFT,
        "title": title,
        **reference,
        "$defs": dict(sorted(definitions.items())),
    }


def _schema_of(annotation: object, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """The schema of one annotation; TypedDicts are added to ``definitions``."""
    if annotation in _SCALARS:
        return dict(_SCALARS[annotation])
    if annotation is Any:
        return {}
    if is_typeddict(annotation):
        return _reference(annotation, definitions)
    if isinstance(annotation, type) and issubclass(annotation, enum.StrEnum):
        return {"enum": [member.value for member in annotation]}
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is typing.Annotated:
        described, *metadata = arguments
        schema = _schema_of(described, definitions)
        for keywords in metadata:
            if isinstance(keywords, Keywords):
                schema |= dict(keywords.keywords)
        notes = [note for note in metadata if isinstance(note, str)]
        return schema | {"description": " ".join(notes)} if notes else schema
    if origin is Literal:
        return {"enum": list(arguments)}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_of(option, definitions) for option in arguments]}
    if origin is list:
        (item,) = arguments
        return {"type": "array", "items": _schema_of(item, definitions)}
    if origin is dict and arguments[0] is str:
        return {
            "type": "object",
            "additionalProperties": _schema_of(arguments[1], definitions),
        }
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _reference(typed: type, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """A ``$ref`` to ``typed``'s definition, written on first use."""
    name = typed.__name__
    if name not in definitions:
        definitions[name] = {}  # a placeholder first: the type may refer to itself
        hints = get_type_hints(typed, include_extras=True)
        definitions[name] = {
            "description": " ".join((typed.__doc__ or "").split()),
            "type": "object",
            "properties": {
                key: _schema_of(hint, definitions) for key, hint in hints.items()
            },
            "required": list(hints),
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}
