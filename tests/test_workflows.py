"""The GitHub workflows: valid against GitHub's workflow schema, zero zizmor findings, the
fork-safety rules we rely on, and the PR-comment script run against a fake GitHub API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SCRIPT = ROOT / ".github" / "scripts" / "pr_kommentar.py"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} mangler i {BIN}; kjør make .venv/.installert"
    return str(path)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"sjekk.yml", "kommentar.yml"}


def test_workflows_match_githubs_schema() -> None:
    done = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing() -> None:
    done = subprocess.run([_tool("zizmor"), "--offline", "--persona", "auditor", "--no-progress",
                           str(ROOT / ".github" / "workflows")], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def _load(path: Path) -> dict:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["on"] = document.pop(True, document.get("on"))  # YAML 1.1 reads the key `on` as true
    return document


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_no_record_text_in_scripts(path: Path) -> None:
    document = _load(path)
    assert document["permissions"] == {}, "standard: ingen rettigheter; hver jobb ber om sine"
    assert "pull_request_target" not in document["on"]
    assert "concurrency" in document
    for name, job in document["jobs"].items():
        assert "permissions" in job, name
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), f"{name}: verdier går via env, aldri rett inn i run"
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False


# The deploy jobs: the only ones that may write the repository's contents or Pages. They run only
# on pushes to main or tags (never for a pull request), and the gh-pages push gets the token in
# its own step, which runs no repository code.
DEPLOY_JOBS = {("utgave.yml", "publiser"): {"contents"}}  # the one deployment of the site (mike, gh-pages)


def test_only_the_comment_job_can_write_and_it_runs_no_pull_request_code() -> None:
    """Only kommentar.yml writes to pull requests; only the deploy jobs write contents/Pages,
    and they never run for a pull request; every other job writes nothing."""
    for path in WORKFLOWS:
        document = _load(path)
        for name, job in document["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            if path.name == "kommentar.yml":
                assert writes == {"pull-requests"}
                checkout = next(s for s in job["steps"] if "actions/checkout" in s.get("uses", ""))
                assert "ref" not in checkout["with"], "sjekker bare ut standardgrenen"
                assert all("make" not in s.get("run", "") and "krav" not in s.get("run", "").split()[0:1]
                           for s in job["steps"])
            elif (path.name, name) in DEPLOY_JOBS:
                assert writes == DEPLOY_JOBS[path.name, name], (path.name, name)
                triggers = document["on"]
                if "pull_request" in triggers:  # shared workflow: the job itself refuses pull requests
                    assert "github.event_name != 'pull_request'" in job["if"], (path.name, name)
                    assert "refs/heads/main" in job["if"], (path.name, name)
                else:
                    assert set(triggers) == {"push"}, (path.name, name)
                for step in job.get("steps", []):
                    if "actions/checkout" in step.get("uses", ""):
                        assert "ref" not in step.get("with", {}), "sjekker ut det som ble sendt, ikke en PR"
                        assert step["with"]["persist-credentials"] is False
                    if "github.token" in str(step.get("env", {})) or "secrets." in str(step.get("env", {})):
                        assert "make" not in step["run"] and ".venv" not in step["run"], \
                            "steget med nøkkelen kjører ingen kode fra repositoriet"
            else:
                assert writes == set(), (path.name, name)
                assert "write" not in str(job["permissions"]), (path.name, name)
    assert _load(ROOT / ".github/workflows/kommentar.yml")["on"]["workflow_run"]["workflows"] == ["sjekk"]


# --- The PR-comment script against a fake GitHub API ---------------------------------------------------

class FakeGitHub:
    def __init__(self, head_sha: str) -> None:
        self.head_sha = head_sha
        self.comments: list[dict] = [{"id": 1, "user": {"login": "someone"}, "body": "<!-- krav-endringer --> fake"}]
        self.requests: list[tuple[str, str, dict | None]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _reply(self, status: int, payload) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length)) if length else None

            def do_GET(self) -> None:
                fake.requests.append(("GET", self.path, None))
                assert self.headers["Authorization"] == "Bearer hemmelig"
                if self.path == "/repos/eier/standard/pulls/7":
                    return self._reply(200, {"number": 7, "head": {"sha": fake.head_sha}})
                if self.path.startswith("/repos/eier/standard/issues/7/comments"):
                    return self._reply(200, fake.comments if "page=1" in self.path else [])
                self._reply(404, {})

            def do_POST(self) -> None:
                body = self._body()
                fake.requests.append(("POST", self.path, body))
                fake.comments.append({"id": 99, "user": {"login": "github-actions[bot]"}, "body": body["body"]})
                self._reply(201, {"id": 99})

            def do_PATCH(self) -> None:
                body = self._body()
                fake.requests.append(("PATCH", self.path, body))
                self._reply(200, {"id": 99})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def github():
    fake = FakeGitHub("a" * 40)
    yield fake
    fake.close()


def _run(tmp_path: Path, github: FakeGitHub, *, number: str = "7", head_sha: str = "a" * 40,
         comment: str = "<!-- krav-endringer -->\n## Endringer\n") -> subprocess.CompletedProcess:
    artifact = tmp_path / "artefakt"
    artifact.mkdir(exist_ok=True)
    (artifact / "pr-nummer.txt").write_text(number + "\n", encoding="utf-8")
    (artifact / "kommentar.md").write_text(comment, encoding="utf-8")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "completed", "workflow_run": {
        "id": 123, "event": "pull_request", "head_sha": head_sha, "conclusion": "success",
        "pull_requests": []}}), encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "eier/standard",
           "GITHUB_API_URL": github.url, "GITHUB_TOKEN": "hemmelig"}
    return subprocess.run([sys.executable, "-I", str(SCRIPT), str(artifact)], capture_output=True, text=True, env=env)


def test_comment_is_created_then_updated(tmp_path, github) -> None:
    first = _run(tmp_path, github)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "la inn kommentaren på pull request 7" in first.stdout
    posts = [r for r in github.requests if r[0] == "POST"]
    assert posts == [("POST", "/repos/eier/standard/issues/7/comments",
                      {"body": "<!-- krav-endringer -->\n## Endringer\n"})]
    second = _run(tmp_path, github, comment="<!-- krav-endringer -->\n## Nytt\n")
    assert second.returncode == 0 and "oppdaterte" in second.stdout
    assert github.requests[-1] == ("PATCH", "/repos/eier/standard/issues/comments/99",
                                   {"body": "<!-- krav-endringer -->\n## Nytt\n"})
    assert len([r for r in github.requests if r[0] == "POST"]) == 1  # one comment, never a second


def test_comment_text_is_sanitised_again(tmp_path, github) -> None:
    hostile = "<!-- krav-endringer -->\n@komiteen <script>x</script> [lenke](https://evil.example)\n> sitat\n"
    assert _run(tmp_path, github, comment=hostile).returncode == 0
    body = [r for r in github.requests if r[0] == "POST"][0][2]["body"]
    assert body == ("<!-- krav-endringer -->\n&#64;komiteen &lt;script&gt;x&lt;/script&gt; "
                    "[lenke]\\(https:&#47;&#47;evil.example)\n> sitat\n")


def test_artifact_naming_another_pull_request_is_refused(tmp_path, github) -> None:
    done = _run(tmp_path, github, head_sha="b" * 40)
    assert done.returncode == 1 and "har ikke commiten som ble kontrollert" in done.stdout
    assert [r for r in github.requests if r[0] != "GET"] == []


@pytest.mark.parametrize("number", ["7; rm -rf /", "../7", "", "0"])
def test_bad_pull_request_number_is_refused(tmp_path, github, number) -> None:
    done = _run(tmp_path, github, number=number)
    assert done.returncode == 1 and "er ikke et tall" in done.stdout
    assert github.requests == []


def test_empty_report_posts_nothing(tmp_path, github) -> None:
    done = _run(tmp_path, github, comment="")
    assert done.returncode == 0 and "ingenting å kommentere" in done.stdout
    assert [r for r in github.requests if r[0] != "GET"] == []


def test_run_that_was_not_a_pull_request_posts_nothing(tmp_path, github) -> None:
    artifact = tmp_path / "artefakt"
    artifact.mkdir()
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"workflow_run": {"event": "push", "head_sha": "a" * 40}}), encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "eier/standard",
           "GITHUB_API_URL": github.url, "GITHUB_TOKEN": "hemmelig"}
    done = subprocess.run([sys.executable, "-I", str(SCRIPT), str(artifact)], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "gjaldt ikke en pull request" in done.stdout
    assert github.requests == []
