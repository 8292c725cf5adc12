"""The CI definitions themselves (issue 19): zizmor finds nothing in the GitHub workflows, no
credential reaches a step that builds, everything is pinned by digest, the built site is checked."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
SHA = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
IMAGE = re.compile(r"^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$")
ZIZMOR = Path(sys.executable).parent / "zizmor"


def workflow(name):
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps_with(job, word):
    return [step for step in job["steps"] if word in yaml.safe_dump(step)]


def test_zizmor_finds_nothing_even_as_a_pedant():
    result = subprocess.run([str(ZIZMOR), "--offline", "--persona=pedantic", "--no-progress", str(ROOT / ".github")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actions_and_images_are_pinned_by_digest():
    for path in WORKFLOWS.glob("*.yml"):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            assert IMAGE.match(job["container"]), (path.name, job["container"])
            for step in job["steps"]:
                if "uses" in step:
                    assert SHA.match(step["uses"]), (path.name, step["uses"])
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert IMAGE.match(gitlab["image"])


def test_the_check_job_reads_only_and_keeps_no_credential():
    flow = workflow("check.yml")
    assert flow["permissions"] == {}
    job = flow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    checkout, = [step for step in job["steps"] if "uses" in step]
    assert checkout["with"]["persist-credentials"] is False
    assert [step["run"] for step in steps_with(job, "check --site")] == [".venv/bin/invoke check --site"]


def test_the_publish_job_builds_without_the_token_and_pushes_later():
    flow = workflow("publish.yml")
    assert flow["permissions"] == {}
    job = flow["jobs"]["publish"]
    assert job["permissions"] == {"contents": "write"}
    assert "secrets" not in yaml.safe_dump(job.get("env", {}))
    checkout, = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["persist-credentials"] is False
    push, = steps_with(job, "secrets.")  # only one step may see a secret
    assert "invoke" not in push["run"] and "push" in push["run"]
    build, = steps_with(job, "invoke publish")
    assert "--no-push" in build["run"] and "env" not in build
    assert job["steps"].index(build) < job["steps"].index(push), "the site is built before the token is present"


def test_dependabot_keeps_actions_and_packages_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {entry["package-ecosystem"] for entry in config["updates"]} == {"github-actions", "pip"}


def test_gitlab_keeps_the_push_token_out_of_every_job_that_builds():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    holders = [name for name, job in jobs.items() if "PUBLISH_TOKEN" in yaml.safe_dump(job)]
    assert holders == ["publish-branch"]
    publisher = jobs["publish-branch"]
    assert publisher["environment"]["name"] == "publish"  # the protected variable's scope
    assert not any("invoke" in line for line in publisher["script"])
    for name in ("check", "build"):
        assert any("invoke check --site" in line for line in jobs[name]["script"]), name
    assert "needs" in jobs["pages"] and not any("invoke" in line for line in jobs["pages"]["script"])


def test_invoke_check_runs_on_every_push_and_every_merge_request():
    """The web editor commits with --no-verify: CI is where a bad edit is stopped, on GitHub (and on
    Gitea and Forgejo, which run .github/workflows) and on GitLab."""
    flow = workflow("check.yml")
    assert flow[True] == {"pull_request": None, "push": None}  # PyYAML 1.1 reads the key on as True
    assert steps_with(flow["jobs"]["check"], "invoke check\n")
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    runs = [rule.get("when") != "never" for rule in pipeline["workflow"]["rules"]]
    assert pipeline["workflow"]["rules"][-1] == {"if": "$CI_COMMIT_BRANCH"} and runs[-1]
    check_rules = [rule["if"] for rule in pipeline["check"]["rules"]]
    assert check_rules == ['$CI_PIPELINE_SOURCE == "merge_request_event"',
                           '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH']
    assert [rule["if"] for rule in pipeline["build"]["rules"]][-1] == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    for name in ("check", "build"):
        assert ".venv/bin/invoke check" in pipeline[name]["script"], name


def test_a_large_district_is_built_in_parts_on_github_and_assembled_by_the_publish_job():
    flow = workflow("publish.yml")
    plan, parts, publish = (flow["jobs"][name] for name in ("plan", "parts", "publish"))
    assert plan["permissions"] == {} and parts["permissions"] == {"contents": "read"}
    assert "secrets" not in yaml.safe_dump(parts)
    assert parts["if"] == "vars.BUILD_IN_PARTS == 'true'" and parts["strategy"]["matrix"]["share"] == [1, 2, 3, 4]
    build, = steps_with(parts, "invoke build")
    assert 'invoke units --share "$SHARE/4"' in build["run"] and '--unit "$units"' in build["run"]
    for job in (parts, publish):  # one build date for every job of the run
        assert job["env"]["BUILD_DATE"] == "${{ needs.plan.outputs.build-date }}"
    download, = [step for step in publish["steps"] if step.get("uses", "").startswith("actions/download-artifact@")]
    assert download["with"]["pattern"] == "part-*" and download["with"]["path"] == "parts"
    assembled, = steps_with(publish, "invoke publish")
    assert "--parts parts" in assembled["run"]
    assert publish["needs"] == ["plan", "parts"] and "!cancelled()" in publish["if"], "runs when the parts job is skipped"


def test_a_large_district_is_built_in_parts_on_gitlab_and_assembled_by_the_build_job():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    parts, build = pipeline["parts"], pipeline["build"]
    assert pipeline["stages"].index("parts") < pipeline["stages"].index("build")
    assert parts["parallel"] == 4 and '$BUILD_IN_PARTS == "true"' in parts["rules"][0]["if"]
    assert any('invoke units --share "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in line for line in parts["script"])
    assert build["needs"] == [{"job": "parts", "optional": True}]
    assert any("invoke assemble --parts parts" in line for line in build["script"])
    dates = {line for job in pipeline.values() if isinstance(job, dict) for line in job.get("script", ())
             if "BUILD_DATE=" in line}
    assert dates and all("$CI_PIPELINE_CREATED_AT" in line for line in dates), "every job the same build date"
