"""cheroot serving the sala's WSGI app on a socket we bound, over plain HTTP or TLS.

Two changes to cheroot's defaults, both for a lab full of students' browsers:
- the socket is ours (server.listening_socket: one interface, a Spanish message when the
  port is taken), not one cheroot binds itself;
- the TLS handshake runs in the worker thread that reads the request, not in cheroot's
  one accepting thread: there, a browser (or a student's script) that connects and says
  nothing would stop every other student's pages for the socket's whole timeout.
"""

import logging
import socket
import ssl
from collections.abc import Callable
from typing import Any

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

from seguimiento_desktop.sala.certificate import SalaCertificate

THREADS = 8  # requests wait on the desk anyway; eight keep sixty browsers' pages flowing
TIMEOUT_S = 20  # a phone on a weak Wi-Fi sending a page; an idle keep-alive is closed after


class _HandshakeInWorker(BuiltinSSLAdapter):
    """cheroot's stdlib adapter, with the handshake left to the first read."""

    def wrap(self, sock: socket.socket) -> tuple[ssl.SSLSocket, dict]:
        return self.context.wrap_socket(sock, server_side=True,
                                        do_handshake_on_connect=False), {}

    def get_environ(self, sock: Any) -> dict:
        return {}  # the app reads nothing of the TLS session (and before the handshake, none)


class SalaHTTPServer(wsgi.Server):
    """A cheroot WSGI server on an already bound, listening socket."""

    def __init__(self, sock: socket.socket, app: Callable, certificate: SalaCertificate | None):
        super().__init__(sock.getsockname()[:2], app, numthreads=THREADS,
                         server_name="Seguimiento", timeout=TIMEOUT_S, shutdown_timeout=5)
        self._bound = sock
        if certificate is not None:
            self.ssl_adapter = _HandshakeInWorker(
                str(certificate.cert_path), str(certificate.key_path),
                private_key_password=certificate.password)

    def bind(self, family: int, type: int, proto: int = 0) -> socket.socket:  # noqa: A002
        self.socket = self._bound
        return self._bound

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        # A browser that refuses the self-signed certificate, a phone that walks out of the
        # Wi-Fi, plain HTTP sent to the HTTPS port: cheroot logs each with a traceback on
        # stderr (the CLI's screen); only its own failures are worth showing.
        if level >= logging.ERROR:
            super().error_log(msg, level, traceback)
