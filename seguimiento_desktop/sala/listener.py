"""cheroot serving the sala's WSGI app on a socket we bound, over plain HTTP or TLS.

Changes to cheroot's defaults, all for a lab full of students' browsers:
- the socket is ours (server.listening_socket: one interface, a Spanish message when the
  port is taken), not one cheroot binds itself;
- a new connection waits in cheroot's selector until it sends something, instead of in
  one of the eight worker threads: Chromium opens spare connections ahead of need
  («preconnect»), and sixty browsers' idle spares would otherwise hold every worker for
  the whole timeout while the pages wait;
- the TLS handshake runs in a worker once the browser's hello has arrived, not in
  cheroot's one accepting thread (where a client that says nothing would stop everyone),
  and a connection that finishes the handshake and says nothing more goes back to the
  selector too;
- plain HTTP sent to the HTTPS port (an address typed without «https://») is redirected to
  the https:// address instead of dropped.
"""

import logging
import socket
import ssl
from collections.abc import Callable
from typing import Any

from cheroot import server, wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

from seguimiento_desktop.sala.certificate import SalaCertificate
from seguimiento_desktop.sala.server import BACKLOG

THREADS = 8  # requests wait on the desk anyway; eight keep sixty browsers' pages flowing
TIMEOUT_S = 20  # a phone on a weak Wi-Fi sending a page; an idle keep-alive is closed after


class _HandshakeInWorker(BuiltinSSLAdapter):
    """cheroot's stdlib adapter, with the handshake left to the first read."""

    def wrap(self, sock: socket.socket) -> tuple[ssl.SSLSocket, dict]:
        return self.context.wrap_socket(sock, server_side=True,
                                        do_handshake_on_connect=False), {}

    def get_environ(self, sock: Any) -> dict:
        return {}  # the app reads nothing of the TLS session (and before the handshake, none)


class _Connection(server.HTTPConnection):
    """A connection that finishes its TLS handshake before its first request is read."""

    handshaken = False
    waited = False  # handed back to the selector once, so a worker takes it only with bytes

    def communicate(self) -> bool:
        if self.handshaken or not isinstance(self.socket, ssl.SSLSocket):
            return super().communicate()
        try:
            self.socket.do_handshake()
        except ssl.SSLError as error:
            if error.reason == "HTTP_REQUEST":
                self._redirect_to_https()
            return False  # refused, or dropped by a browser that refused the certificate
        except OSError:
            return False  # the client left, or said nothing within the timeout
        self.handshaken = True
        # Ready for its request, or back to the selector until it sends one.
        return self.socket.pending() == 0 or super().communicate()

    def _redirect_to_https(self) -> None:
        host, port = self.socket.getsockname()[:2]
        address = f"https://{host}:{port}/"
        body = (f'<!doctype html><meta charset="utf-8"><title>Conexión cifrada</title><p>Esta '
                f'sala usa conexión cifrada: escribe <a href="{address}">{address}</a></p>'
                ).encode()
        head = (f"HTTP/1.1 302 Found\r\nLocation: {address}\r\nContent-Type: text/html; "
                f"charset=utf-8\r\nContent-Length: {len(body)}\r\nCache-Control: no-store"
                "\r\nConnection: close\r\n\r\n").encode()
        try:  # the socket never became TLS: write on the plain socket underneath
            socket.socket.sendall(self.socket, head + body)
        except OSError:
            pass


class SalaHTTPServer(wsgi.Server):
    """A cheroot WSGI server on an already bound, listening socket."""

    ConnectionClass = _Connection

    def __init__(self, sock: socket.socket, app: Callable, certificate: SalaCertificate | None):
        super().__init__(sock.getsockname()[:2], app, numthreads=THREADS,
                         server_name="Seguimiento", timeout=TIMEOUT_S, shutdown_timeout=5,
                         request_queue_size=BACKLOG)
        self._bound = sock
        if certificate is not None:
            self.ssl_adapter = _HandshakeInWorker(
                str(certificate.cert_path), str(certificate.key_path),
                private_key_password=certificate.password)

    def bind(self, family: int, type: int, proto: int = 0) -> socket.socket:  # noqa: A002
        self.socket = self._bound
        return self._bound

    def process_conn(self, conn: _Connection) -> None:  # ConnectionClass makes only these
        if not conn.waited:  # just accepted: wait for its first bytes
            conn.waited = True
            self._connections.put(conn)
            return
        super().process_conn(conn)

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        # A browser that refuses the self-signed certificate, a phone that walks out of the
        # Wi-Fi: cheroot logs each with a traceback on stderr (the CLI's screen); only its
        # own failures are worth showing.
        if level >= logging.ERROR:
            super().error_log(msg, level, traceback)
