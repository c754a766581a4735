"""`make serve`: preview the draft with live reload, on a port of the user's choice.

Checks that the port is free first, so a busy port is one Norwegian line instead of a
traceback from the web server; then hands over to `mkdocs serve`, which shows the draft even
while records have errors (the hook lists them in the terminal and on every page).
"""

from __future__ import annotations

import os
import socket
import sys

from .console import say

HOST = "127.0.0.1"


def port_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    text = argv[0] if argv else os.environ.get("PORT", "8000")
    if not text.isdigit() or not 0 < int(text) < 65536:
        say("ikke-portnummer", port=text)
        return 2
    port = int(text)
    if not port_free(port):
        say("port-opptatt", port=port, neste=port + 1)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs = os.path.join(os.path.dirname(sys.executable), "mkdocs")
    os.execv(mkdocs, [mkdocs, "serve", "-a", f"{HOST}:{port}"])
    return 0  # pragma: no cover - execv does not return


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
