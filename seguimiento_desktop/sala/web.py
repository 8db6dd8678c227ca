"""The students' side of the sala: a Flask application with only the questionnaire in it.

Routes: sign-in, one page of questions at a time, thanks, sign-out, the style sheet and
the script. Nothing of the directory, reports or administration is reachable. Every page
sent is saved through the desk (sala/desk.py) before the answer goes back; the engine
decides what comes next (sala/pages.py). CSRF tokens, sign-in limits and security
headers are a few lines here rather than three more dependencies.
"""

import secrets
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, redirect, render_template, request, session
from jinja2 import DictLoader

from seguimiento_desktop.domain.curp import normalize_curp
from seguimiento_desktop.errors import UserError
from seguimiento_desktop.questionnaires.answers import ERROR
from seguimiento_desktop.questionnaires.model import DATE, DECIMAL, INTEGER, other_key
from seguimiento_desktop.sala import answering, pages, templates
from seguimiento_desktop.sala.answering import SalaSite
from seguimiento_desktop.sala.desk import Desk
from seguimiento_desktop.sala.session import SalaSession

HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; script-src 'self'; "
                                "img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                "base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",  # the back button asks again: the page shows what is saved
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
CLOSED = ("La sesión de la sala terminó. Lo que contestaste quedó guardado, página por página.",
          "Cuando tu orientadora u orientador abra otra sesión, entra con tu CURP y el nuevo "
          "código (o tu código personal, si te dieron uno): seguirás donde te quedaste.")
ELSEWHERE = ("Abriste el cuestionario en otra computadora o ventana, y se sigue allá. Lo que "
             "contestaste está guardado.", "Si quieres seguir aquí, vuelve a entrar.")
TOO_MANY = ("Demasiados intentos equivocados. Espera cinco minutos y pide ayuda a tu "
            "orientadora u orientador.")
SIGNED_OUT = ("Ya no estás dentro del cuestionario (la sesión se cerró o pasó mucho tiempo). "
              "Lo que contestaste está guardado.",
              "Vuelve a entrar con tu CURP y el código de la sesión (o tu código personal).")


def create_app(sala: SalaSession, desk: Desk, site: SalaSite, secure: bool = False) -> Flask:
    """The WSGI application of one sala session (a fresh cookie key each time); ``secure``
    when served over HTTPS: the cookie is then never sent over plain HTTP.

    No Strict-Transport-Security even then: the certificate is self-signed for a LAN
    address, and HSTS forbids the click-through past a certificate warning, so a browser
    that had seen it would lock students out of the next session whose certificate is new
    (another address, a renewal) or that the orientador opens over plain HTTP."""
    app = Flask("seguimiento_desktop.sala", static_folder=None, template_folder=None)
    app.jinja_loader = DictLoader(templates.TEMPLATES)
    app.config.update(SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_NAME="sala",
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_SECURE=secure, MAX_CONTENT_LENGTH=64 * 1024)
    views = _Views(sala, desk, site)
    app.add_url_rule("/", "start", views.start)
    app.add_url_rule("/entrar", "sign_in", views.sign_in, methods=["POST"])
    app.add_url_rule("/pregunta/<first>", "page", views.page, methods=["GET", "POST"])
    app.add_url_rule("/gracias", "thanks", views.thanks)
    app.add_url_rule("/salir", "sign_out", views.sign_out)
    app.add_url_rule("/estilo.css", "style", lambda: Response(templates.STYLE, mimetype="text/css"))
    app.add_url_rule("/pagina.js", "script",
                     lambda: Response(templates.SCRIPT, mimetype="text/javascript"))
    for code, text in ((404, "Esa página no existe."), (405, "Esa página no existe."),
                       (413, "Lo que enviaste es demasiado largo."),
                       (500, "No se pudo completar lo que pediste. Lo que contestaste en las "
                             "páginas anteriores está guardado: vuelve a entrar en un momento "
                             "y, si se repite, avisa a tu orientadora u orientador.")):
        app.register_error_handler(code, _error_page(site, code, text))
    app.after_request(_with_headers)
    return app


def _with_headers(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def _error_page(site: SalaSite, code: int, text: str) -> Callable[[Any], tuple[str, int]]:
    def handler(_error: Any) -> tuple[str, int]:
        return _message(site, "error", (text,), again=True), code
    return handler


def _message(site: SalaSite, kind: str, paragraphs: tuple[str, ...], again: bool = False) -> str:
    return render_template("mensaje.html", school=site.school, title=site.title, kind=kind,
                           paragraphs=paragraphs, again=again)


def _csrf() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def _csrf_ok() -> bool:
    sent, kept = request.form.get("csrf", ""), session.get("csrf", "")
    return bool(kept) and secrets.compare_digest(sent, kept)


class _Views:
    """The route handlers of one sala."""

    def __init__(self, sala: SalaSession, desk: Desk, site: SalaSite):
        self.sala, self.desk, self.site = sala, desk, site

    # --- Signing in and out ----------------------------------------------------------

    def start(self) -> Any:
        student_id = self._student()
        if student_id:
            return redirect("/pregunta/" + self._resume_first(student_id))
        return self._sign_in_form()

    def _sign_in_form(self, message: str = "", curp: str = "", status: int = 200) -> Any:
        if self.sala.closed:
            return _message(self.site, "aviso", CLOSED), 503
        intro = ("Para empezar, escribe tu CURP y el código de la sesión. Tus respuestas se "
                 "guardan en cada página: si se apaga la computadora, entras de nuevo y sigues.")
        return render_template("entrar.html", school=self.site.school, title=self.site.title,
                               intro=intro, csrf=_csrf(), message=message, curp=curp,
                               slips=self.sala.offers_slips()), status

    def sign_in(self) -> Any:
        if self.sala.closed:
            return _message(self.site, "aviso", CLOSED), 503
        if not _csrf_ok():
            return self._sign_in_form("Tu navegador no envió la página completa (quizá no acepta "
                                      "cookies o la página era vieja). Escribe otra vez tus datos.",
                                      status=400)
        curp, address = normalize_curp(request.form.get("curp", "")), request.remote_addr or ""
        if request.form.get("clave", "").strip():
            return self._sign_in_with_slip(request.form["clave"], address)
        if self.sala.failures_exceeded(address, curp):
            return self._sign_in_form(TOO_MANY, curp, 429)
        student_id = self.sala.roster.get(curp)
        if not self.sala.code_matches(request.form.get("codigo", "")) or student_id is None:
            self.sala.record_failure(address, curp)
            return self._sign_in_form(self._refusal(curp, student_id), curp, 403)
        return self._let_in(student_id, curp)

    def _sign_in_with_slip(self, typed: str, address: str) -> Any:
        """The printed personal code instead of CURP + the session's code."""
        if self.sala.failures_exceeded(address, ""):
            return self._sign_in_form(TOO_MANY, status=429)
        student_id = self.sala.slip_student(typed)
        if student_id is None:
            self.sala.record_failure(address, "")
            return self._sign_in_form(
                "Ese código personal no es de esta sesión o ya no sirve (si te imprimieron otra "
                "hoja, usa la nueva). Revisa que esté bien escrito, o entra con tu CURP y el "
                "código de la sesión.", status=403)
        return self._let_in(student_id)

    def _let_in(self, student_id: str, curp: str = "") -> Any:
        try:
            progress = self.desk.call(lambda ws: answering.admit(ws, self.sala.config, student_id))
        except answering.NotAdmitted as refused:
            return self._sign_in_form(str(refused), curp, 403)
        session.clear()
        session.update(sid=student_id, t=self.sala.admit(student_id), csrf=_csrf())
        first = pages.resume_page(progress.state)
        return redirect("/pregunta/" + (first.first if first else ""))

    def _refusal(self, curp: str, student_id: str | None) -> str:
        if not self.sala.code_matches(request.form.get("codigo", "")):
            return ("El código de la sesión no es correcto. Cópialo tal como está en el "
                    "pizarrón o el proyector.")
        group = f", grupo {self.sala.config.group}" if self.sala.config.group else ""
        return (f"La CURP {curp or '(vacía)'} no está en la lista de esta sesión (generación "
                f"{self.sala.config.cohort}{group}). Revisa que esté bien escrita; si lo está, "
                "avisa a tu orientadora u orientador.")

    def sign_out(self) -> Any:
        session.clear()
        return redirect("/")

    def thanks(self) -> Any:
        return _message(self.site, "ok", (
            "¡Listo! Tus respuestas quedaron guardadas. Gracias por contestar.",
            "Ya puedes cerrar esta ventana."))

    def _student(self) -> str:
        """The signed-in student of this browser, if it holds their latest sign-in."""
        student_id, ticket = session.get("sid", ""), session.get("t", "")
        return student_id if student_id and self.sala.holder(student_id, ticket) else ""

    # --- Pages of questions -----------------------------------------------------------

    def page(self, first: str) -> Any:
        student_id = session.get("sid", "")
        if not student_id:
            return _message(self.site, "aviso", SIGNED_OUT, again=True), 401
        if self.sala.finished(student_id):
            return redirect("/gracias")  # a page sent twice after the end
        if not self._student():
            return _message(self.site, "aviso", ELSEWHERE, again=True), 409
        if request.method == "POST" and not _csrf_ok():
            return _message(self.site, "error", ("La página venía incompleta; vuelve a "
                                                 "contestarla.",), again=True), 400
        progress = self.desk.call(
            lambda ws: answering.progress(ws, self.sala.config, student_id))
        page = pages.page_at(progress.state, first)
        if page is None:  # an old address (back button past a skip): where they really are
            return redirect("/pregunta/" + self._first_of(pages.resume_page(progress.state)))
        if request.method == "GET":
            if self.sala.closed:
                return _message(self.site, "aviso", CLOSED), 503
            return self._render(progress, progress.state, page)
        return self._send(progress, page)

    def _send(self, progress: answering.Progress, page: pages.Page) -> Any:
        state = pages.apply_page(progress.state, page, request.form.to_dict(flat=False))
        try:
            self.desk.call(lambda ws: answering.save_page(ws, self.sala.config,
                                                          progress.student_id, state,
                                                          progress.version))
        except UserError as error:  # the disk, a lock held too long: say so, keep the page
            return self._render(progress, state, page, saving_error=str(error)), 503
        self.sala.mark(progress.student_id, started=True)
        if self.sala.closed:
            return _message(self.site, "aviso", CLOSED), 503
        if request.form.get("ir") == "anterior":
            return redirect("/pregunta/" + self._first_of(pages.page_before(state, page) or page))
        if not pages.page_complete(state, page):
            return self._render(progress, state, page, show_issues=True)
        following = pages.page_after(state, page)
        if following is not None:
            return redirect("/pregunta/" + following.first)
        if not state.complete:
            return redirect("/pregunta/" + self._first_of(pages.resume_page(state)))
        self.sala.mark(progress.student_id, finished=True)
        session.clear()
        return redirect("/gracias")

    def _first_of(self, page: pages.Page | None) -> str:
        return page.first if page else ""

    def _resume_first(self, student_id: str) -> str:
        progress = self.desk.call(lambda ws: answering.progress(ws, self.sala.config, student_id))
        return self._first_of(pages.resume_page(progress.state))

    def _render(self, progress: answering.Progress, state: Any, page: pages.Page,
                show_issues: bool = False, saving_error: str = "") -> str:
        items = [_item(q, state, progress.known, show_issues) for q in page.questions]
        problems = sum(1 for item in items if item["messages"])
        every = pages.pages(state)
        section = state.definition.section(page.section)
        html = render_template(
            "preguntas.html", school=self.site.school, title=self.site.title,
            name=progress.full_name, section=section, page=page, items=items, csrf=_csrf(),
            problems=problems, has_previous=bool(every) and every[0].first != page.first,
            last=pages.page_after(state, page) is None,
            notice=self.site.notice if page.first == every[0].first else "")
        if saving_error:
            html = html.replace('<form method="post"', (
                f'<div class="error" role="alert"><p>No se pudo guardar esta página: '
                f'{_escape(saving_error)} Tus respuestas siguen aquí: vuelve a pulsar el '
                'botón en un momento.</p></div><form method="post"'), 1)
        return html


def _escape(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))


def _item(question: Any, state: Any, known: Any, show_issues: bool) -> dict[str, Any]:
    """What the template needs to draw one question with its answer and its problems."""
    answered = question.id in state.answers
    value = state.answers.get(question.id) if answered else known.get(question.id)
    errors = [i for i in state.issues_for(question.id) if i.severity == ERROR]
    return {
        "question": question, "choice": pages.is_choice(question),
        "help": pages.student_help(question),
        "chosen": set(value) if isinstance(value, (list, tuple)) else {value},
        "others": {code: state.answers.get(other_key(question.id, code), "")
                   for code in question.other_codes},
        "value": "" if value is None else value, "known": not answered and value is not None,
        "messages": [pages.student_message(i) for i in errors] if show_issues else [],
        "confirmable": (show_issues and any(i.confirmable for i in errors))
        or question.id in state.confirmed,
        "confirmed": question.id in state.confirmed,
        "input_type": "date" if question.type == DATE else "",
        "input_mode": {INTEGER: "numeric", DECIMAL: "decimal"}.get(
            question.type, {"phone": "tel", "email": "email", "postal_code": "numeric"}.get(
                question.format or "", "")),
        "max_length": question.max_length or "",
    }
