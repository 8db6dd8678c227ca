"""A simulated student: signs in and answers the sala's pages with plain HTTP forms, as a
browser with JavaScript off would. The load test (bench/bench_sala.py) and the tests use it;
the answers come from questionnaires/synthetic.py, so they follow the skips like a person.
"""

import http.cookiejar
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

TIMEOUT_S = 30.0


class _Form(HTMLParser):
    """The one form of a sala page: its action, hidden fields and the names it asks."""

    def __init__(self) -> None:
        super().__init__()
        self.action, self.csrf = "", ""
        self.names: set[str] = set()
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.action = found.get("action") or ""
        elif tag == "input" and found.get("name") == "csrf":
            self.csrf = found.get("value") or ""
        elif tag == "input" and found.get("name"):
            self.names.add(found["name"])

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data.strip())


@dataclass
class Reply:
    """What the server answered: status, final address, the page's text and its form."""

    status: int
    url: str
    html: str
    form: _Form = field(repr=False, default_factory=_Form)

    @property
    def text(self) -> str:
        return " ".join(self.form.texts)


def form_value(value: Any) -> Any:
    """An engine value as a browser sends it: codes and numbers as text, lists as lists."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def pinned_context(certificate_pem: str) -> ssl.SSLContext:
    """A TLS client that trusts only this certificate (the sala's self-signed one) and
    checks the address against it: what a student does by comparing the fingerprint on
    the projector, done by the machine."""
    return ssl.create_default_context(cadata=certificate_pem)


class SimulatedStudent:
    """One browser: its own cookies; ``submit_times`` keeps each page's round trip."""

    def __init__(self, address: str, context: ssl.SSLContext | None = None):
        self.address = address.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                                  urllib.request.HTTPCookieProcessor(self.cookies))
        self.submit_times: list[float] = []
        self.last: Reply | None = None

    def get(self, path: str) -> Reply:
        return self._send(path, None)

    def post(self, path: str, data: Mapping[str, Any]) -> Reply:
        return self._send(path, urllib.parse.urlencode(data, doseq=True).encode())

    def _send(self, path: str, body: bytes | None) -> Reply:
        try:
            with self.opener.open(self.address + path, body, timeout=TIMEOUT_S) as response:
                reply = Reply(response.status, response.geturl(), response.read().decode())
        except urllib.error.HTTPError as error:
            reply = Reply(error.code, error.geturl() or self.address + path,
                          error.read().decode())
        reply.form.feed(reply.html)
        self.last = reply
        return reply

    def sign_in(self, curp: str, code: str) -> Reply:
        """Open the address and send CURP and code, as a student types them."""
        page = self.get("/")
        return self.post("/entrar", {"csrf": page.form.csrf, "curp": curp, "codigo": code})

    def send_page(self, answers: Mapping[str, Any], go: str = "siguiente",
                  confirm: bool = True) -> Reply:
        """Fill the current page's fields from ``answers`` and press «Siguiente» (or
        «Anterior»); ``confirm`` ticks «Sí, es correcto» where the page offers it."""
        page = self.last
        data: dict[str, Any] = {"csrf": page.form.csrf, "ir": go}
        for name in page.form.names:
            if name in answers:
                data[name] = form_value(answers[name])
            elif confirm and name.startswith("confirmar."):
                data[name] = "1"
        started = time.perf_counter()
        reply = self.post(page.form.action, data)
        self.submit_times.append(time.perf_counter() - started)
        return reply

    def answer_all(self, answers: Mapping[str, Any], pause: Callable[[], None] = lambda: None,
                   most_pages: int = 60) -> Reply:
        """Answer page after page until the sala says thanks (or stops asking)."""
        reply = self.last
        for _ in range(most_pages):
            if not reply.form.action.startswith("/pregunta/"):
                return reply
            pause()
            reply = self.send_page(answers)
        return reply
