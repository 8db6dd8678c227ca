"""`seguimiento students …`: the student directory."""

import click

from seguimiento_desktop.cli.common import cohort_filter, json_option, open_workspace, print_json
from seguimiento_desktop.domain.models import Student, StudentQuery
from seguimiento_desktop.domain.text import quantity


def student_json(student: Student) -> dict:
    """The documented JSON shape of a student (Spanish keys)."""
    return {
        "id": student.id, "curp": student.curp, "nombre": student.given_names,
        "primer_apellido": student.first_surname, "segundo_apellido": student.second_surname,
        "sexo": student.sex,
        "fecha_nacimiento": student.birth_date.isoformat() if student.birth_date else None,
        "generacion": student.cohort, "carrera": student.career, "grupo": student.group,
        "turno": student.shift, "correo": student.email, "telefono": student.phone,
        "telefono_casa": student.home_phone, "estado": student.status,
    }


@click.group()
def students() -> None:
    """Consulta el directorio de alumnos y egresados."""


@students.command("list")
@cohort_filter()
@click.option("--grupo", default="", help="Solo este grupo.")
@click.option("--carrera", default="", help="Solo esta carrera.")
@click.option("--buscar", default="", help="Texto a buscar: nombre, CURP, teléfono o correo.")
@json_option
@click.pass_context
def list_students(ctx: click.Context, generacion: str, grupo: str, carrera: str, buscar: str,
                  as_json: bool) -> None:
    """Lista los alumnos del directorio."""
    with open_workspace(ctx) as workspace:
        found = workspace.find_students(StudentQuery(text=buscar, cohort=generacion,
                                                     group=grupo, career=carrera))
    if as_json:
        print_json([student_json(s) for s in found])
        return
    for s in found:
        click.echo(f"{s.curp}  {s.full_name:<45} {s.cohort:<10} {s.group:<6} {s.career}")
    click.echo(f"{quantity(len(found), 'alumno')}.")


@students.command("delete")
@click.argument("curp")
@click.option("--si", "yes", is_flag=True, help="No preguntar: eliminar directamente.")
@click.pass_context
def delete_student(ctx: click.Context, curp: str, yes: bool) -> None:
    """Elimina a un alumno del directorio (como «Eliminar» en la ventana). Se borran sus
    teléfonos, correo, domicilio y contacto alterno; quedan CURP, nombre y generación para
    que la baja llegue a la oficina central, y sus respuestas estadísticas."""
    from seguimiento_desktop.errors import NotFound
    with open_workspace(ctx) as workspace:
        person = workspace.student_by_curp(curp)
        if person is None:
            raise NotFound(f"No hay ningún alumno con la CURP {curp.strip().upper()} en el "
                           "directorio. Revise la CURP o búsquelo por nombre.")
        if not yes and not click.confirm(f"¿Eliminar a {person.full_name} ({person.curp}) "
                                         "del directorio?", err=True):
            raise click.exceptions.Abort()
        workspace.delete_student(person.id)
    click.echo(f"{person.full_name} ({person.curp}) eliminado del directorio.")
