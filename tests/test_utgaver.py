"""Published drafts: `krav utgave ny` and the git-based rules, on temporary git repositories.

The rules that compare utgaver/ with git tags (utgave-endret, utgave-tagg-mangler,
utgave-tagg-flyttet) cannot live in committed fixture folders (those sit inside this
repository's own git work tree), so each gets a repository made here with exact expected output.
"""

from __future__ import annotations

import datetime as dt
import sys
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import cli
from scripts.pipeline import check as checked_findings
from scripts.check import check_path
from scripts.report import format_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git mangler")


def _fixture_module():
    from repotools import load_script

    return load_script(FIXTURES / "lag_fikstur.py", "lag_fikstur")


def run_git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write_files(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The minimal valid fixture repository as a fresh git repository with one commit."""
    root = tmp_path / "standard"
    root.mkdir()
    write_files(root, _fixture_module().minimal())
    run_git(root, "init", "--quiet", "--initial-branch=main")
    run_git(root, "config", "user.name", "Redaktør")
    run_git(root, "config", "user.email", "redaksjon@example.org")
    run_git(root, "config", "commit.gpgsign", "false")
    run_git(root, "config", "tag.gpgsign", "false")
    run_git(root, "add", "-A")
    run_git(root, "commit", "--quiet", "-m", "Start")
    return root


def publish(root: Path, *args: str, capsys=None) -> int:
    return cli.main(["utgave", "ny", *args, "--sti", str(root)])


def text_of(root: Path) -> str:
    return format_text(check_path(root)[1])


# --- krav utgave ny ----------------------------------------------------------------------------

def test_publish_hearing_draft_writes_commits_and_tags(repo: Path, capsys) -> None:
    assert publish(repo, "hoering-1", "--stadium", "høring", "--dato", "2027-01-25", "--start", "2027-02-01") == 0
    out = capsys.readouterr().out
    commit = run_git(repo, "rev-parse", "HEAD")
    assert out == (f"Publiserte utgaven «hoering-1» (høringsutkast): utgaver/hoering-1.yaml er committet som "
                   f"{commit[:12]} og tagget «hoering-1». Send den med «git push origin HEAD hoering-1».\n")
    assert (repo / "utgaver/hoering-1.yaml").read_text(encoding="utf-8") == (
        'id: hoering-1\nbetegnelse: "prNS xxxx:2027"\nstadium: høring\ndato: "2027-01-25"\n'
        'høring:\n  start: "2027-02-01"\n  frist: "2027-04-01"\n')
    assert run_git(repo, "log", "-1", "--format=%s") == "Publish draft hoering-1 (høring)"
    assert run_git(repo, "show", "--name-only", "--format=", "HEAD") == "utgaver/hoering-1.yaml"
    assert run_git(repo, "cat-file", "-t", "refs/tags/hoering-1") == "tag"  # annotated
    assert run_git(repo, "rev-parse", "hoering-1^{commit}") == commit
    assert run_git(repo, "tag", "-l", "--format=%(contents:subject)", "hoering-1") == \
        "hoering-1: høringsutkast, publisert 25. januar 2027"
    assert run_git(repo, "status", "--porcelain") == ""
    assert text_of(repo) == "Ingen funn: alt er i orden.\n"


def test_publish_committee_draft_defaults(repo: Path, capsys) -> None:
    assert publish(repo, "komiteutkast-1", "--stadium", "komitéutkast", "--betegnelse", "prNS 9999:2027",
                   "--merknad", "Til komiteen") == 0
    today = dt.date.today().isoformat()
    assert (repo / "utgaver/komiteutkast-1.yaml").read_text(encoding="utf-8") == (
        f'id: komiteutkast-1\nbetegnelse: "prNS 9999:2027"\nstadium: komitéutkast\ndato: "{today}"\n'
        'merknad: "Til komiteen"\n')
    assert text_of(repo) == "Ingen funn: alt er i orden.\n"


def test_default_deadline_is_two_months_after_start(repo: Path) -> None:
    assert publish(repo, "hoering-1", "--stadium", "høring", "--dato", "2027-12-20", "--start", "2027-12-31") == 0
    assert 'frist: "2028-02-29"' in (repo / "utgaver/hoering-1.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--stadium", "høring", "--start", "2027-02-01", "--frist", "2027-02-01"],
     "fristen 1. februar 2027 er ikke etter høringsstart 1. februar 2027"),
    (["--stadium", "komitéutkast", "--frist", "2027-02-01"], "--start og --frist hører bare til stadiet «høring»"),
    (["--stadium", "høring", "--frist", "1. april"],
     "--frist «1. april» er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, for eksempel 2027-02-01"),
    (["--stadium", "fastsatt", "--betegnelse", "NS\nx"], "--betegnelse må være én linje med vanlig tekst"),
])
def test_publish_refuses_bad_arguments(repo: Path, capsys, args, message) -> None:
    assert publish(repo, "hoering-1", *args) == 2
    assert capsys.readouterr().err == f"krav: utgaven publiseres ikke: {message}.\n"
    assert not (repo / "utgaver").exists()


def test_publish_refuses_bad_id(repo: Path, capsys) -> None:
    with pytest.raises(SystemExit):  # an id that looks like an option never reaches git
        publish(repo, "--tag", "--stadium", "fastsatt")
    capsys.readouterr()
    assert publish(repo, "Høring 1", "--stadium", "fastsatt") == 2
    assert capsys.readouterr().err == ("krav: utgaven publiseres ikke: id-en «Høring 1» kan ikke brukes; bruk små "
                                       "bokstaver a–z, sifre og bindestrek, for eksempel «hoering-1».\n")


def test_publish_refuses_dirty_tree(repo: Path, capsys) -> None:
    (repo / "notat.txt").write_text("ikke committet\n", encoding="utf-8")
    assert publish(repo, "hoering-1", "--stadium", "høring") == 2
    assert "arbeidskopien har endringer som ikke er committet" in capsys.readouterr().err
    assert not (repo / "utgaver").exists()
    assert run_git(repo, "tag", "-l") == ""


def test_publish_refuses_when_strict_check_fails(repo: Path, capsys) -> None:
    path = repo / "krav/internkontroll/IK-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: vedtatt", "status: forslag"), encoding="utf-8")
    run_git(repo, "commit", "--quiet", "-am", "Forslag")  # a warning only: --streng still refuses
    assert publish(repo, "hoering-1", "--stadium", "høring") == 2
    assert capsys.readouterr().err == ("krav: utgaven publiseres ikke: «krav sjekk --streng» finner 0 feil og 1 "
                                       "advarsler; rett dem først (kjør «krav sjekk --streng»).\n")
    assert run_git(repo, "tag", "-l") == ""


def test_publish_refuses_existing_id_and_tag(repo: Path, capsys) -> None:
    assert publish(repo, "hoering-1", "--stadium", "høring") == 0
    capsys.readouterr()
    assert publish(repo, "hoering-1", "--stadium", "høring") == 2
    assert capsys.readouterr().err == ("krav: utgaven publiseres ikke: utgaven «hoering-1» finnes allerede "
                                       "(utgaver/hoering-1.yaml); en publisert utgave endres aldri, velg en ny id.\n")
    run_git(repo, "tag", "v0-1")
    assert publish(repo, "v0-1", "--stadium", "komitéutkast") == 2
    assert capsys.readouterr().err == "krav: utgaven publiseres ikke: git-taggen «v0-1» finnes allerede; velg en ny id.\n"


def test_publish_refuses_outside_git(tmp_path: Path, capsys) -> None:
    root = tmp_path / "uten-git"
    write_files(root, _fixture_module().minimal())
    assert publish(root, "hoering-1", "--stadium", "høring") == 2
    assert "er ikke toppmappen i et fullstendig git-repositorium" in capsys.readouterr().err
    assert not (root / "utgaver").exists()


def test_publish_rolls_back_when_commit_fails(repo: Path, capsys, monkeypatch, tmp_path: Path) -> None:
    run_git(repo, "config", "user.useConfigOnly", "true")
    run_git(repo, "config", "--unset", "user.email")
    run_git(repo, "config", "--unset", "user.name")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "ingen-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(key, raising=False)
    assert publish(repo, "hoering-1", "--stadium", "høring") == 2
    assert capsys.readouterr().err == ("krav: utgaven publiseres ikke: git kunne ikke committe utgaven (er user.name "
                                       "og user.email satt?); ingenting er endret.\n")
    assert not (repo / "utgaver/hoering-1.yaml").exists()
    assert run_git(repo, "status", "--porcelain") == ""
    assert run_git(repo, "tag", "-l") == ""


# --- The git-based rules -------------------------------------------------------------------------

@pytest.fixture
def published(repo: Path) -> Path:
    assert cli.main(["utgave", "ny", "hoering-1", "--stadium", "høring", "--dato", "2027-01-25",
                     "--start", "2027-02-01", "--sti", str(repo)]) == 0
    return repo


def test_record_edited_after_publication_is_an_error(published: Path) -> None:
    path = published / "utgaver/hoering-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2027-04-01", "2027-04-15"), encoding="utf-8")
    run_git(published, "commit", "--quiet", "-am", "Lengre frist")
    assert text_of(published) == (
        "utgaver/hoering-1.yaml: feil [utgave-endret] Utgaven «hoering-1» er publisert, men posten er endret etter "
        "publiseringen (den er ikke lik innholdet i git-taggen «hoering-1»).\n"
        "    Et publisert utkast endres aldri. Sett posten tilbake med «git checkout hoering-1 -- "
        "utgaver/hoering-1.yaml», og lag heller en ny utgave med «krav utgave ny».\n"
        "1 feil, 0 advarsler.\n")
    path.write_bytes(run_git(published, "show", "hoering-1:utgaver/hoering-1.yaml").encode("utf-8") + b"\n")
    assert text_of(published) == "Ingen funn: alt er i orden.\n"  # restored: fine again


def test_missing_tag_is_an_error(published: Path) -> None:
    run_git(published, "tag", "-d", "hoering-1")
    assert text_of(published) == (
        "utgaver/hoering-1.yaml:1:5: feil [utgave-tagg-mangler] Utgaven «hoering-1» har ingen git-tagg «hoering-1»; "
        "en utgave publiseres med «krav utgave ny», som lager taggen.\n"
        "    Hent taggene («git fetch --tags»), eller fjern posten og publiser utgaven med "
        "«krav utgave ny hoering-1 --stadium …».\n"
        "1 feil, 0 advarsler.\n")


def test_moved_tag_is_an_error(published: Path) -> None:
    (published / "krav/internkontroll/README.md").write_text("# Merknad\n", encoding="utf-8")
    run_git(published, "add", "-A")
    run_git(published, "commit", "--quiet", "-m", "Etterpå")
    later = run_git(published, "rev-parse", "HEAD")
    run_git(published, "tag", "-f", "-a", "hoering-1", "-m", "flyttet", "HEAD")
    assert text_of(published) == (
        f"utgaver/hoering-1.yaml:1:5: feil [utgave-tagg-flyttet] Git-taggen «hoering-1» peker ikke på commiten som "
        f"la til utgaven (utgaver/hoering-1.yaml fantes allerede før commiten {later[:12]}); taggen er flyttet.\n"
        "    En publisert utgave endres aldri. Sett taggen tilbake til commiten som la til utgaver/hoering-1.yaml, "
        "eller lag en ny utgave.\n"
        "1 feil, 0 advarsler.\n")


def test_tag_moved_to_a_commit_without_the_record(published: Path) -> None:
    first = run_git(published, "rev-list", "--max-parents=0", "HEAD")
    run_git(published, "tag", "-f", "-a", "hoering-1", "-m", "flyttet", first)
    assert text_of(published).splitlines()[0] == (
        f"utgaver/hoering-1.yaml:1:5: feil [utgave-tagg-flyttet] Git-taggen «hoering-1» peker ikke på commiten som "
        f"la til utgaven (commiten {first[:12]} inneholder ikke utgaver/hoering-1.yaml); taggen er flyttet.")


def test_tag_on_a_commit_outside_the_history(published: Path) -> None:
    tagged = run_git(published, "rev-parse", "hoering-1^{commit}")
    run_git(published, "checkout", "--quiet", "-b", "annen", "HEAD~1")
    run_git(published, "checkout", "--quiet", tagged, "--", "utgaver/hoering-1.yaml")
    run_git(published, "commit", "--quiet", "-m", "Samme post, annen commit")
    run_git(published, "branch", "-f", "main", "HEAD")
    run_git(published, "checkout", "--quiet", "main")
    run_git(published, "reflog", "expire", "--expire=now", "--all")
    assert text_of(published).splitlines()[0] == (
        f"utgaver/hoering-1.yaml:1:5: feil [utgave-tagg-flyttet] Git-taggen «hoering-1» peker ikke på commiten som "
        f"la til utgaven (commiten {tagged[:12]} er ikke en del av historikken til det du har sjekket ut); "
        "taggen er flyttet.")


def test_deleted_draft_is_an_error(published: Path) -> None:
    run_git(published, "rm", "--quiet", "utgaver/hoering-1.yaml")
    run_git(published, "commit", "--quiet", "-m", "Bort med utgaven")
    assert text_of(published) == (
        "utgaver/hoering-1.yaml: feil [utgave-slettet] Utgaven «hoering-1» er publisert (git-taggen «hoering-1»), "
        "men posten utgaver/hoering-1.yaml er slettet.\n"
        "    Et publisert utkast slettes aldri. Hent posten tilbake med «git checkout hoering-1 -- "
        "utgaver/hoering-1.yaml».\n"
        "1 feil, 0 advarsler.\n")


def test_a_branch_from_before_the_draft_is_fine(published: Path) -> None:
    run_git(published, "checkout", "--quiet", "-b", "eldre", "HEAD~1")  # the draft is not in this history
    assert text_of(published) == "Ingen funn: alt er i orden.\n"
    run_git(published, "tag", "v0-1")  # a tag that is not a draft is no concern of these rules
    assert text_of(published) == "Ingen funn: alt er i orden.\n"


def test_git_rules_skip_outside_git_and_in_shallow_clones(published: Path, tmp_path: Path) -> None:
    plain = tmp_path / "kopi"
    shutil.copytree(published, plain, ignore=shutil.ignore_patterns(".git"))
    assert text_of(plain) == "Ingen funn: alt er i orden.\n"
    shallow = tmp_path / "grunn"
    run_git(tmp_path, "clone", "--quiet", "--depth", "1", "--no-tags", published.as_uri(), str(shallow))
    assert text_of(shallow) == "Ingen funn: alt er i orden.\n"


def test_the_check_cache_sees_a_moved_tag(published: Path) -> None:
    assert checked_findings(published) == []
    first = run_git(published, "rev-list", "--max-parents=0", "HEAD")
    run_git(published, "tag", "-f", "-a", "hoering-1", "-m", "flyttet", first)
    assert [f.rule for f in checked_findings(published)] == ["utgave-tagg-flyttet"]


# --- Deployment wiring ---------------------------------------------------------------------------

def test_deploy_workflow_is_least_privilege() -> None:
    import yaml

    project = Path(__file__).resolve().parents[1]
    workflow = yaml.safe_load((project / ".github/workflows/utgave.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert set(triggers) == {"push"}  # never on pull requests: forks get no write token
    assert triggers["push"] == {"branches": ["main"], "tags": ["*"]}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), "values from GitHub only through env, never inlined in a script"
    # mike commits gh-pages locally (no token in the steps that run repository code); one last
    # step, which runs nothing from the repository, gets the token and pushes that branch.
    runs = [step.get("run", "") for step in job["steps"]]
    deploying = [i for i, run in enumerate(runs) if "-m scripts.nettsted_versjon --ikke-send" in run]
    pushing = [i for i, step in enumerate(job["steps"]) if "github.token" in str(step.get("env", {}))]
    assert len(deploying) == 1 and pushing == [len(runs) - 1] and deploying[0] < pushing[0]
    assert "git -c" in runs[-1] and "push origin gh-pages" in runs[-1]
    assert "make" not in runs[-1] and ".venv" not in runs[-1]
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    assert '\t$(PY) -m scripts.nettsted_versjon "$(VERSJON)"' in makefile


def test_mike_pushes_only_in_ci(monkeypatch) -> None:
    from scripts.nettsted_versjon import mike_commands

    local = mike_commands("hoering-1", "prNS", Path("/x/mkdocs.yml"), push=False)
    assert local == [[str(Path(sys.executable).with_name("mike")), "deploy", "--config-file", "/x/mkdocs.yml",
                      "--branch", "gh-pages", "--title=prNS", "--", "hoering-1"]]
    ci = mike_commands("utkast", "Arbeidsutkast", Path("/x/mkdocs.yml"), push=True)
    assert [c[1] for c in ci] == ["deploy", "set-default"] and all("--push" in c for c in ci)


@pytest.mark.parametrize("ci, pushed", [("true", True), (None, False), ("false", False)])
def test_deploy_pushes_only_when_ci_is_true(repo: Path, monkeypatch, ci, pushed) -> None:
    from scripts import nettsted_versjon

    calls = []
    real_run = subprocess.run

    def fake_run(command, **kw):  # git answers for real; mike is only recorded
        if command[0] == "git":
            return real_run(command, **kw)
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(nettsted_versjon.subprocess, "run", fake_run)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    nettsted_versjon.deploy(repo, "utkast")
    assert all(("--push" in c) == pushed for c in calls) and len(calls) == 2


def test_the_check_cache_sees_a_deleted_tag_after_the_record_went(published: Path) -> None:
    run_git(published, "rm", "--quiet", "utgaver/hoering-1.yaml")
    run_git(published, "commit", "--quiet", "-m", "Bort med utgaven")
    assert [f.rule for f in checked_findings(published)] == ["utgave-slettet"]
    run_git(published, "tag", "-d", "hoering-1")
    assert checked_findings(published) == []


def test_line_endings_of_a_windows_checkout_are_no_edit(published: Path) -> None:
    path = published / "utgaver/hoering-1.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # what core.autocrlf=true checks out
    assert text_of(published) == "Ingen funn: alt er i orden.\n"


def test_ikke_send_never_pushes_even_in_ci(monkeypatch, capsys) -> None:
    """utgave.yml runs the deploy with --ikke-send (CI=true there): mike must not push; the
    workflow's last step pushes gh-pages with the token."""
    from scripts import nettsted_versjon

    calls = []
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(nettsted_versjon, "deploy", lambda root, version, config=None, push=None: calls.append(push))
    assert nettsted_versjon.main(["--ikke-send", "--", "utkast"]) == 0
    assert calls == [False]
    assert nettsted_versjon.main(["utkast"]) == 0
    assert calls == [False, None]  # without the flag: deploy decides (pushes in CI)
