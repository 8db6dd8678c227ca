"""A small JSON Schema checker (the subset ``schema.json`` uses), with Spanish messages.

jsonschema is not a dependency of the app and its English messages are not what a
plantel or the central office should read, so we interpret the few keywords we use.
A keyword we do not know raises ``ValueError``: a schema edit must not silently weaken
the check.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from seguimiento_desktop.domain.text import quantity

Path = tuple[str | int, ...]

_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default",
                "examples", "x-formato"}
_TYPE_NAMES = {
    "object": "un objeto {…}", "array": "una lista […]", "string": "un texto entre comillas",
    "integer": "un número entero", "number": "un número", "boolean": "true o false",
    "null": "null",
}


@dataclass(frozen=True)
class SchemaError:
    """One violation: where (``path`` inside the document) and what (Spanish)."""

    path: Path
    message: str


def schema_errors(document: Any, schema: dict) -> list[SchemaError]:
    """Every violation of ``schema`` found in ``document`` (empty when it conforms)."""
    return list(_check(document, schema, schema, ()))


def _check(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if "$ref" in schema:
        yield from _check(value, _resolve(root, schema["$ref"]), root, path)
        return
    unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS) - {"type"}
    if unknown:
        raise ValueError(f"schema keyword not supported: {sorted(unknown)}")
    if "type" in schema and not _has_type(value, schema["type"]):
        yield SchemaError(path, f"debe ser {_type_phrase(schema['type'])}")
        return  # further keywords would only repeat the same problem
    for keyword, check in _KEYWORDS.items():
        if keyword in schema:
            yield from check(value, schema, root, path)


def _resolve(root: dict, ref: str) -> dict:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref are supported: {ref}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _has_type(value: Any, expected: str | list[str]) -> bool:
    names = [expected] if isinstance(expected, str) else expected
    return any(_is(value, name) for name in names)


def _is(value: Any, name: str) -> bool:
    # JSON true/false arrive as bool, a subclass of int: they are not numbers here.
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    kinds = {"object": dict, "array": list, "string": str, "number": (int, float),
             "boolean": bool, "null": type(None)}
    return isinstance(value, kinds[name])


def _type_phrase(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " o ".join(_TYPE_NAMES[name] for name in names)


def _properties(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, dict):
        for name, sub in schema["properties"].items():
            if name in value:
                yield from _check(value[name], sub, root, path + (name,))


def _required(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, dict):
        for name in schema["required"]:
            if name not in value:
                yield SchemaError(path, f"falta el campo obligatorio «{name}»")


def _additional(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if not isinstance(value, dict):
        return
    extra = schema["additionalProperties"]
    known = schema.get("properties", {})
    for name in value:
        if name in known:
            continue
        if extra is False:
            yield SchemaError(path, f"el campo «{name}» no se reconoce (¿está bien escrito?)")
        elif isinstance(extra, dict):
            yield from _check(value[name], extra, root, path + (name,))


def _items(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _check(item, schema["items"], root, path + (index,))


def _enum(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        yield SchemaError(path, f"«{value}» no es válido; use uno de: {allowed}")


def _minimum(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if _has_type(value, "number") and value < schema["minimum"]:
        yield SchemaError(path, f"debe ser al menos {schema['minimum']} (es {value})")


def _maximum(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if _has_type(value, "number") and value > schema["maximum"]:
        yield SchemaError(path, f"debe ser a lo más {schema['maximum']} (es {value})")


def _min_length(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    # Blank text counts as empty: a label of spaces prints nothing on paper.
    if isinstance(value, str) and len(value.strip()) < schema["minLength"]:
        yield SchemaError(path, "no puede estar vacío")


def _max_length(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, str) and len(value) > schema["maxLength"]:
        yield SchemaError(path, f"es demasiado largo (máximo {schema['maxLength']} caracteres)")


@cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _pattern(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, str) and not _regex(schema["pattern"]).search(value):
        hint = schema.get("x-formato")
        yield SchemaError(path, f"«{value}» no tiene el formato esperado"
                                + (f" ({hint})" if hint else ""))


def _min_items(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, list) and len(value) < schema["minItems"]:
        yield SchemaError(path, f"debe tener al menos {quantity(schema['minItems'], 'elemento')}")


def _min_properties(value: Any, schema: dict, root: dict, path: Path) -> Iterator[SchemaError]:
    if isinstance(value, dict) and len(value) < schema["minProperties"]:
        yield SchemaError(path, "no puede estar vacío")


_KEYWORDS = {
    "properties": _properties, "required": _required,
    "additionalProperties": _additional, "items": _items, "enum": _enum,
    "minimum": _minimum, "maximum": _maximum, "minLength": _min_length, "maxLength": _max_length,
    "pattern": _pattern, "minItems": _min_items, "minProperties": _min_properties,
}
