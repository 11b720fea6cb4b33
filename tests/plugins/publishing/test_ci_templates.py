"""The ready-to-copy CI workflows and the pre-commit configuration are valid YAML, run only
commands the README names, check pull requests, rebuild on a schedule and deploy output/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

GITHUB = REPO / "docs" / "ci" / "github-actions.yml"
GITLAB = REPO / "docs" / "ci" / "gitlab-ci.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
MAKE = re.compile(r"\bmake ([a-z][a-z-]*)")
CRON = re.compile(r"^(\S+\s+){4}\S+$")


def load(path: Path) -> dict[Any, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), path
    return document


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def commands(node: Any) -> list[str]:
    return [target for text in strings(node) for target in MAKE.findall(text)]


def readme_commands() -> set[str]:
    return set(re.findall(r"`make ([a-z][a-z-]*)", (REPO / "README.md").read_text()))


@pytest.mark.parametrize("path", [GITHUB, GITLAB, PRE_COMMIT], ids=lambda p: p.name)
def test_every_template_is_valid_yaml_using_only_the_readmes_commands(path: Path) -> None:
    used = commands(load(path))
    assert used, f"{path.name} runs no make command"
    assert set(used) <= readme_commands(), set(used) - readme_commands()


def test_the_readme_names_the_commands_the_templates_rely_on() -> None:
    assert {"check", "test", "publish", "preview", "html"} <= readme_commands()


def test_github_checks_pull_requests_and_publishes_on_a_schedule() -> None:
    workflow = load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons and all(CRON.match(cron) for cron in crons)
    jobs = workflow["jobs"]
    on_pull_requests = [j for j in jobs.values() if "pull_request'" in str(j.get("if", ""))]
    assert {"check", "test"} <= set(commands(on_pull_requests))
    publishing = [j for j in jobs.values() if "publish" in commands(j)]
    assert publishing and all("!= 'pull_request'" in j["if"] for j in publishing)
    uploads = [
        s for j in publishing for s in j["steps"] if "upload-pages-artifact" in s.get("uses", "")
    ]
    assert [s["with"]["path"] for s in uploads] == ["output/"]
    deploy = [
        j for j in jobs.values() if any("deploy-pages" in s.get("uses", "") for s in j["steps"])
    ]
    assert len(deploy) == 1


def test_gitlab_checks_merge_requests_and_publishes_on_a_schedule() -> None:
    pipeline = load(GITLAB)
    jobs = {
        name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job
    }
    merge_requests = [j for j in jobs.values() if "merge_request_event" in str(j["rules"])]
    assert {"check", "test"} <= set(commands(merge_requests))
    scheduled = [j for j in jobs.values() if "schedule" in str(j["rules"])]
    assert scheduled and "publish" in commands(scheduled)
    pages = pipeline["pages"]
    assert any("cp -a output public" in line for line in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]


def test_pre_commit_runs_make_check_on_sources() -> None:
    (repo,) = load(PRE_COMMIT)["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "make check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert re.match(hook["files"], "content/posts/new.md")
