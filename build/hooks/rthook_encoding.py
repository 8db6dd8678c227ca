# Runtime hook: Windows consoles default to a legacy code page; the CLI prints Spanish and
# JSON, so make stdout/stderr UTF-8 before anything is written.
import sys

for stream in (sys.stdout, sys.stderr):
    if stream is not None and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="replace")
