"""A long-lived child that forks one operation at a time and SIGKILLs it when told.

Started once per test session (importing the app costs more than an operation), it reads
one JSON command per line on stdin and answers one JSON line on stdout:

- ``{"do": "warm", "op": ..., "dir": ...}`` runs the operation here, in this process, so
  every lazy import and cache is loaded before the first fork;
- ``{"do": "run", "op": ..., "dir": ..., "kill_after": s | null}`` forks, runs the
  operation in the child and, after ``kill_after`` seconds, SIGKILLs it if it is still
  running (a power cut, as far as the files can tell). The answer says whether the kill
  landed, the child's exit code and how long it ran.

POSIX only (fork). The forked child writes a traceback to ``<dir>/error.txt`` on failure.
"""

import json
import os
import signal
import sys
import time
import traceback
from pathlib import Path


def _run_in_child(op: str, folder: Path) -> None:
    from tests.crash.operations import OPERATIONS
    code = 0
    try:
        OPERATIONS[op](folder)
    except BaseException:  # noqa: BLE001 (the parent reads the file)
        (folder / "error.txt").write_text(traceback.format_exc(), "utf-8")
        code = 1
    os._exit(code)  # no atexit handlers, no flushing of the zygote's buffers


def fork_run(op: str, folder: Path, kill_after: float | None) -> dict:
    sys.stdout.flush()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _run_in_child(op, folder)
    if kill_after is None:
        _, status = os.waitpid(pid, 0)
        return {"killed": False, "exit": os.waitstatus_to_exitcode(status),
                "seconds": time.perf_counter() - start}
    time.sleep(max(0.0, start + kill_after - time.perf_counter()))
    done, status = os.waitpid(pid, os.WNOHANG)
    killed = done == 0
    if killed:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    return {"killed": killed, "exit": os.waitstatus_to_exitcode(status),
            "seconds": time.perf_counter() - start}


def main() -> None:
    from tests.crash.operations import OPERATIONS, warm_up
    warm_up()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        folder = Path(command["dir"])
        if command["do"] == "warm":
            start = time.perf_counter()
            OPERATIONS[command["op"]](folder)
            answer = {"seconds": time.perf_counter() - start}
        else:
            answer = fork_run(command["op"], folder, command.get("kill_after"))
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
