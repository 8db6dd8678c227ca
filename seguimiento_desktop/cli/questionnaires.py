"""`seguimiento questionnaires …`: the questionnaire definitions the app carries.

These commands read bundled data only: they work before any plantel database exists.
"""

import click

from seguimiento_desktop.cli.common import json_option, print_json
from seguimiento_desktop.questionnaires.model import (
    TYPE_LABELS, Definition, Question, describe_condition)
from seguimiento_desktop.questionnaires.widths import printed_code


@click.group()
def questionnaires() -> None:
    """Consulta los cuestionarios de seguimiento (C1, C2 y C3) y revisa versiones nuevas."""


@questionnaires.command("list")
@json_option
def list_questionnaires(as_json: bool) -> None:
    """Lista los cuestionarios disponibles con su versión y número de preguntas."""
    from seguimiento_desktop.questionnaires.loader import available_definitions, load_definition
    rows = [_summary(load_definition(ident)) for ident in available_definitions()]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}  v{row['version']}  {row['preguntas']:>3} preguntas  {row['titulo']}")


@questionnaires.command("show")
@click.argument("cuestionario")
@json_option
def show(cuestionario: str, as_json: bool) -> None:
    """Muestra las preguntas de CUESTIONARIO (C1, C2 o C3): número, texto, tipo y opciones."""
    from seguimiento_desktop.questionnaires.loader import load_definition
    _print_definition(load_definition(cuestionario), as_json)


@questionnaires.command("check")
@click.argument("archivo", type=click.Path(exists=True, dir_okay=False))
@json_option
def check(archivo: str, as_json: bool) -> None:
    """Revisa un archivo de cuestionario (p. ej. una versión oficial de la oficina central).

    Si tiene errores, los lista con la pregunta donde están y termina con código 1.
    """
    from seguimiento_desktop.questionnaires.loader import load_definition_file
    definition = load_definition_file(archivo)
    if as_json:
        print_json({**_summary(definition), "valido": True})
    else:
        click.echo(f"El cuestionario {definition.id} versión {definition.version} es válido "
                   f"({len(definition.questions)} preguntas).")


def _summary(definition: Definition) -> dict:
    return {"id": definition.id, "version": definition.version, "titulo": definition.title,
            "preguntas": len(definition.questions)}


def _print_definition(definition: Definition, as_json: bool) -> None:
    if as_json:
        print_json(definition_json(definition))
        return
    click.echo(f"{definition.id} v{definition.version} — {definition.title} "
               f"({len(definition.questions)} preguntas)")
    for section in definition.sections:
        rule = f"   [solo si {describe_condition(definition, section.show_if)}]" if section.show_if else ""
        click.echo(f"\n{section.title}{rule}")
        for question_id in section.question_ids:
            _echo_question(definition, definition.question(question_id))


def _echo_question(definition: Definition, question: Question) -> None:
    notes = [TYPE_LABELS[question.type]] + ([] if question.required else ["opcional"])
    if question.lettered:
        notes.append("en papel, una letra por opción")
    if question.min is not None or question.max is not None:
        notes.append(f"{question.min if question.min is not None else '…'} a "
                     f"{question.max if question.max is not None else '…'} {question.unit}".strip())
    if question.show_if:
        notes.append(f"solo si {describe_condition(definition, question.show_if)}")
    click.echo(f"  {question.number:<5} {question.text} [{'; '.join(notes)}]")
    for option in question.options:
        extra = " ________" if option.other_text else ""
        jump = f"  → pase a la pregunta {_target(definition, option.goto)}" if option.goto else ""
        letter = f"{printed_code(question, option.code)} = " if question.lettered else "    "
        click.echo(f"   {letter}{option.code:>3}  {option.label}{extra}{jump}")


def _target(definition: Definition, goto: str) -> str:
    return goto if not definition.has_question(goto) else definition.question(goto).number


def definition_json(definition: Definition) -> dict:
    """The documented JSON shape of a definition for scripts (Spanish keys)."""
    return {**_summary(definition), "introduccion": definition.intro,
            "aviso_privacidad": definition.privacy,
            "secciones": [{"id": s.id, "titulo": s.title,
                           "condicion": describe_condition(definition, s.show_if) if s.show_if else None,
                           "preguntas": [_question_json(definition, definition.question(q))
                                         for q in s.question_ids]}
                          for s in definition.sections]}


def _question_json(definition: Definition, question: Question) -> dict:
    return {
        "id": question.id, "numero": question.number, "texto": question.text,
        "tipo": question.type, "obligatoria": question.required,
        "opciones": [{"codigo": o.code, "impreso": printed_code(question, o.code),
                      "etiqueta": o.label, "especificar": o.other_text, "pase_a": o.goto}
                     for o in question.options],
        "catalogo": question.catalog, "min": question.min, "max": question.max,
        "unidad": question.unit, "max_caracteres": question.max_length,
        "condicion": describe_condition(definition, question.show_if) if question.show_if else None,
        "ayuda": question.help,
    }
