"""Cuestionario 1 answered in the computer lab (sala de cómputo) over the school's network.

Qt-free: ``server.open_sala`` serves one questionnaire to one generación's students while
the session is open; the GUI (gui/sala/) and the CLI (`sala abrir`) only start and close
it. docs/sala.md has the design and the figures.
"""
