"""Loading questionnaire definitions: bundled ones, or a replacement file from the central office.

A definition is checked twice before anyone uses it: against ``schema.json`` (shape) and
against ``checks.definition_problems`` (ids, skips, codes, ranges). Any problem stops the
load with one Spanish message that names the file and each question at fault.
"""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from seguimiento_desktop.datafiles import load_json, resource
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import InvalidData, NotFound
from seguimiento_desktop.questionnaires.catalogs import catalog_options
from seguimiento_desktop.questionnaires.checks import definition_problems
from seguimiento_desktop.questionnaires.model import (
    LETTER_KEYS, LETTERS, MULTIPLE, Condition, Consistency, Definition, Option, Question,
    Section)
from seguimiento_desktop.questionnaires.schema import SchemaError, schema_errors

FOLDER = "questionnaires"
_DEFINITION_FILE = re.compile(r"^(C\d+)\.json$")
_MAX_LISTED = 25  # a long list of problems hides the first, which usually explains the rest


class DefinitionError(InvalidData):
    """A questionnaire definition cannot be used; the message lists every problem."""


def available_definitions() -> tuple[str, ...]:
    """Ids of the bundled questionnaires, in order: ('C1', 'C2', 'C3')."""
    names = [m.group(1) for entry in resource(FOLDER).iterdir()
             if (m := _DEFINITION_FILE.match(entry.name))]
    return tuple(sorted(names, key=lambda name: int(name[1:])))


def load_definition(definition_id: str, version: int | None = None) -> Definition:
    """The bundled definition ``definition_id`` ('C1', 'C2' or 'C3'), loaded once and checked.

    Without ``version``, the version in force. With it, the version an older response was
    captured with: earlier versions are bundled as ``C2.v1.json`` so their answers still
    read, show and verify as they were keyed; a version this installation does not have
    (e.g. a newer official one) gives the version in force. The same object is returned on
    every call, so the engine's per-definition plan is reused.
    """
    wanted = definition_id.strip().upper()
    if wanted not in available_definitions():
        raise NotFound(f"No existe el cuestionario «{definition_id}». "
                       f"Disponibles: {', '.join(available_definitions())}.")
    current = _load_bundled(f"{wanted}.json", wanted)
    if version is None or version == current.version or version not in bundled_versions(wanted):
        return current
    return _load_bundled(f"{wanted}.v{version}.json", wanted)


@cache
def bundled_versions(definition_id: str) -> tuple[int, ...]:
    """Versions of ``definition_id`` this installation can read, oldest first."""
    archived = re.compile(rf"^{re.escape(definition_id)}\.v(\d+)\.json$")
    found = {int(m.group(1)) for entry in resource(FOLDER).iterdir()
             if (m := archived.match(entry.name))}
    return tuple(sorted(found | {_load_bundled(f"{definition_id}.json", definition_id).version}))


@cache
def _load_bundled(file_name: str, wanted: str) -> Definition:
    try:
        data = load_json(FOLDER, file_name)
    except json.JSONDecodeError as error:
        raise _json_error(file_name, error) from None
    return parse_definition(data, source=file_name, expected_id=wanted)


def load_definition_file(path: str | Path, expected_id: str | None = None) -> Definition:
    """A definition from a file (e.g. an official version shipped by the central office)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionError(f"No se pudo leer el cuestionario «{path.name}»: "
                              f"{getattr(error, 'strerror', None) or 'no es texto UTF-8'}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _json_error(path.name, error) from None
    return parse_definition(data, source=path.name, expected_id=expected_id)


def _json_error(source: str, error: json.JSONDecodeError) -> DefinitionError:
    return DefinitionError(f"El cuestionario «{source}» no es JSON válido: hay un error de "
                           f"escritura en la línea {error.lineno}, columna {error.colno} "
                           "(revise comas, comillas, corchetes y llaves).")


def parse_definition(data: Any, source: str, expected_id: str | None = None) -> Definition:
    """Check ``data`` (parsed JSON) and build the Definition; raise DefinitionError if unsound."""
    errors = schema_errors(data, load_json(FOLDER, "schema.json"))
    if errors:
        _fail(source, [_describe(data, error) for error in errors])
    problems: list[str] = []
    if expected_id and data["id"] != expected_id:
        problems.append(f"el archivo debe ser del cuestionario «{expected_id}» "
                        f"pero declara «{data['id']}»")
    definition = _build(data, source, problems)
    problems += definition_problems(definition)
    if problems:
        _fail(source, problems)
    return definition


def _fail(source: str, problems: list[str]) -> None:
    listed = "\n".join(f"  • {p}" for p in problems[:_MAX_LISTED])
    more = len(problems) - _MAX_LISTED
    tail = f"\n  … y {quantity(more, 'problema')} más." if more > 0 else ""
    raise DefinitionError(f"El cuestionario «{source}» no es válido:\n{listed}{tail}")


def _describe(data: Any, error: SchemaError) -> str:
    place, rest = _place(data, error.path)
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    parts = [p for p in (place, f"campo «{field}»" if field else "") if p]
    return f"{', '.join(parts)}: {error.message}" if parts else error.message


def _place(data: Any, path: tuple) -> tuple[str, tuple]:
    """Name the section or question a schema path points into (what a person can find)."""
    try:
        if len(path) >= 2 and path[0] == "sections":
            section = data["sections"][path[1]]
            if len(path) >= 4 and path[2] == "questions":
                raw = section["questions"][path[3]]
                ident = raw.get("id") if isinstance(raw, dict) else None
                name = (f"pregunta «{ident}» ({raw.get('number', 's/n')})" if ident
                        else f"pregunta n.º {path[3] + 1} de la sección «{section.get('id')}»")
                return name, path[4:]
            return f"sección «{section.get('id', path[1] + 1)}»", path[2:]
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    return "", path


def _build(data: dict, source: str, problems: list[str]) -> Definition:
    option_sets = {name: _options(raw) for name, raw in data.get("option_sets", {}).items()}
    sections, questions = [], []
    for raw_section in data["sections"]:
        built = [_question(raw, raw_section["id"], option_sets, problems,
                           data.get("list_keys") == LETTER_KEYS)
                 for raw in raw_section["questions"]]
        questions += built
        sections.append(Section(id=raw_section["id"], title=raw_section["title"],
                                intro=raw_section.get("intro", ""),
                                show_if=_condition(raw_section.get("show_if")),
                                question_ids=tuple(q.id for q in built)))
    return Definition(id=data["id"], version=data["version"], title=data["title"],
                      intro=data.get("intro", ""), privacy=data.get("privacy", ""),
                      sections=tuple(sections), questions=tuple(questions), source=source)


def _options(raw: list[dict]) -> tuple[Option, ...]:
    return tuple(Option(code=int(o["code"]), label=o["label"], other_text=o.get("other_text", False),
                        goto=o.get("goto"), exclusive=o.get("exclusive", False)) for o in raw)


def _question(raw: dict, section_id: str, option_sets: dict, problems: list[str],
              letters: bool = False) -> Question:
    options = _question_options(raw, option_sets, problems)
    lettered = letters and raw["type"] == MULTIPLE
    if lettered and len(options) > len(LETTERS):
        problems.append(f"pregunta «{raw['id']}» ({raw['number']}): una lista que se captura "
                        f"con letras admite hasta {len(LETTERS)} opciones; tiene {len(options)}")
    return Question(
        id=raw["id"], number=raw["number"], text=raw["text"], type=raw["type"],
        section=section_id, options=options, lettered=lettered,
        catalog=raw.get("catalog"), required=raw.get("required", True),
        min=raw.get("min"), max=raw.get("max"), max_length=raw.get("max_length"),
        max_choices=raw.get("max_choices"), format=raw.get("format"), unit=raw.get("unit", ""),
        help=raw.get("help", ""), show_if=_condition(raw.get("show_if")),
        consistency=tuple(Consistency(_condition(c["if"]), c["message"])
                          for c in raw.get("consistency", ())),
        prefill=raw.get("prefill"))


def _question_options(raw: dict, option_sets: dict, problems: list[str]) -> tuple[Option, ...]:
    where = f"pregunta «{raw['id']}» ({raw['number']})"
    sources = [key for key in ("options", "option_set", "catalog") if key in raw]
    if len(sources) > 1:
        problems.append(f"{where}: use solo una de «options», «option_set» o «catalog»")
    if "options" in raw:
        return _options(raw["options"])
    if "option_set" in raw:
        if raw["option_set"] not in option_sets:
            problems.append(f"{where}: la lista de opciones «{raw['option_set']}» no existe "
                            "en «option_sets»")
        return option_sets.get(raw["option_set"], ())
    if "catalog" in raw:
        try:
            return catalog_options(raw["catalog"])
        except InvalidData as error:
            problems.append(f"{where}: {error}")
    return ()


def _condition(raw: dict | None) -> Condition | None:
    if raw is None:
        return None
    forms = [key for key in ("in", "not_in", "answered", "all", "any") if key in raw]
    if len(forms) != 1 or (forms[0] in ("all", "any")) == ("question" in raw):
        return Condition("invalid")  # reported by checks.definition_problems
    kind = forms[0]
    if kind in ("all", "any"):
        return Condition(kind, parts=tuple(_condition(part) for part in raw[kind]))
    if kind == "answered":
        return Condition(kind, question=raw["question"], answered=raw["answered"])
    return Condition(kind, question=raw["question"], codes=frozenset(int(c) for c in raw[kind]))
