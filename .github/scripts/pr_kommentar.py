"""Post or update the one pull-request comment with the change report (kommentar.yml).

    python3 .github/scripts/pr_kommentar.py ARTEFAKTMAPPE

Runs in the base repository's `workflow_run` job, from the default branch, with only the
standard library: it never imports or runs anything from the pull request. The artifact that
sjekk.yml made while running the pull request's code is treated as untrusted data:

* the pull-request number must be digits, and that pull request's head commit must be the
  commit the triggering run checked (so a tampered artifact cannot comment elsewhere);
* the comment text is sanitised again here: no HTML, no @mentions, no links, no control
  characters, at most COMMENT_LIMIT characters;
* the comment carrying MARKER and written by github-actions[bot] is updated; otherwise one is
  created. Nothing else is written.

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the workflow_run event),
GITHUB_API_URL (default https://api.github.com). Exit 0 when the comment is posted or there is
nothing to post, 1 when the artifact or the pull request does not check out.
"""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

MARKER = "<!-- krav-endringer -->"
COMMENT_LIMIT = 60000
READ_LIMIT = 512 * 1024
BOT = "github-actions[bot]"
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


class Refused(Exception):
    pass


def sanitise(text: str) -> str:
    """The comment body as plain Markdown text: the marker first, then no HTML, mentions or links."""
    body = text.replace("\r\n", "\n")
    if body.startswith(MARKER):
        body = body[len(MARKER):]
    body = _CONTROL.sub("", body)
    body = body.replace("<", "&lt;").replace(">", "&gt;")
    body = body.replace("@", "&#64;").replace("](", "]\\(").replace("://", ":&#47;&#47;")
    body = body.strip("\n")
    if len(body) > COMMENT_LIMIT:
        cut = body.rfind("\n", 0, COMMENT_LIMIT)
        body = body[:cut if cut > 0 else COMMENT_LIMIT] + "\n\n_Rapporten er forkortet._"
    # The blockquote marker «>» of our own report was escaped above; give it back at line starts.
    body = re.sub(r"(?m)^&gt; ", "> ", body)
    return f"{MARKER}\n{body}\n"


def read_artifact(folder: Path) -> tuple[int, str]:
    number_file, comment_file = folder / "pr-nummer.txt", folder / "kommentar.md"
    for path in (number_file, comment_file):
        if path.is_symlink() or not path.is_file():
            raise Refused(f"artefaktet mangler {path.name}")
    number_text = number_file.read_bytes()[:32].decode("ascii", "replace").strip()
    if not re.fullmatch(r"[1-9][0-9]{0,9}", number_text):
        raise Refused("nummeret på pull requesten i artefaktet er ikke et tall")
    with comment_file.open("rb") as handle:
        raw = handle.read(READ_LIMIT)
    return int(number_text), raw.decode("utf-8", "replace")


class Api:
    def __init__(self, base: str, repository: str, token: str) -> None:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
            raise Refused("GITHUB_REPOSITORY er ugyldig")
        self.base, self.repository, self.token = base.rstrip("/"), repository, token

    def call(self, method: str, path: str, payload: dict | None = None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(f"{self.base}/repos/{self.repository}{path}", data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - fixed https API base
            return json.loads(response.read() or b"null")


def own_comment(api: Api, number: int) -> int | None:
    for page in range(1, 51):
        comments = api.call("GET", f"/issues/{number}/comments?per_page=100&page={page}")
        if not comments:
            return None
        for comment in comments:
            user = comment.get("user") or {}
            if user.get("login") == BOT and str(comment.get("body", "")).startswith(MARKER):
                return int(comment["id"])
    return None


def post(folder: Path, event: dict, api: Api) -> str:
    run = event.get("workflow_run") or {}
    if run.get("event") != "pull_request":
        return "ingenting å kommentere: kjøringen gjaldt ikke en pull request"
    number, text = read_artifact(folder)
    pull = api.call("GET", f"/pulls/{number}")
    if (pull.get("head") or {}).get("sha") != run.get("head_sha"):
        raise Refused(f"pull request {number} har ikke commiten som ble kontrollert")
    if not text.strip():
        return "ingenting å kommentere: rapporten er tom (se loggen til krav endringer)"
    body = sanitise(text)
    existing = own_comment(api, number)
    if existing is None:
        api.call("POST", f"/issues/{number}/comments", {"body": body})
        return f"la inn kommentaren på pull request {number}"
    api.call("PATCH", f"/issues/comments/{existing}", {"body": body})
    return f"oppdaterte kommentaren på pull request {number}"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("bruk: pr_kommentar.py ARTEFAKTMAPPE\n")
        return 2
    try:
        event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
        api = Api(os.environ.get("GITHUB_API_URL", "https://api.github.com"), os.environ["GITHUB_REPOSITORY"],
                  os.environ["GITHUB_TOKEN"])
        print(post(Path(argv[1]), event, api))
        return 0
    except Refused as error:
        print(f"::error::Kommentaren ble ikke lagt inn: {error}.")
        return 1
    except (KeyError, OSError, ValueError, urllib.error.URLError) as error:
        print(f"::error::Kommentaren ble ikke lagt inn ({type(error).__name__}).")
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
