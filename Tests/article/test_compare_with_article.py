"""Self-test of compare_with_article.py: it must pass the right templates and fail the wrong ones.

Run with the test-tools interpreter: .venv/bin/python -m unittest discover -s Tests/article -v
The fixtures are hand-written from the article with the three documented fixes applied
(fixtures/good) and with deliberate mistakes (fixtures/wrong); further mistakes are made by
mutating a copy of the good fixtures, so each test shows one way the comparison must fail.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from typing import Any, Callable, Dict

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "compare_with_article.py"
GOOD = HERE / "fixtures" / "good"
WRONG = HERE / "fixtures" / "wrong"
DEPLOY = "deploy-role-development.template.json"
JENKINS = "jenkins-agents.template.json"

sys.path.insert(0, str(HERE))
import compare_with_article as cwa  # noqa: E402  (imported from this folder, not a package)


def run_cli(directory: Path) -> subprocess.CompletedProcess:
    """The script as scripts/test.sh runs it: a separate process, judged by exit status and output."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(directory)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run(directory: Path) -> subprocess.CompletedProcess:
    """The script's main() in this process (cfn-lint is imported once, not per test), same result shape."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = cwa.main([str(directory)])
    return subprocess.CompletedProcess([str(SCRIPT), str(directory)], status, stdout.getvalue(), stderr.getvalue())


class CompareWithArticleTests(unittest.TestCase):
    def setUp(self) -> None:
        self.temp = Path(tempfile.mkdtemp(prefix="compare-article-"))
        self.addCleanup(shutil.rmtree, self.temp)

    def mutated(self, file: str, change: Callable[[Dict[str, Any]], None]) -> Path:
        """A copy of the good fixtures with `change` applied to one template."""
        directory = self.temp / "out"
        shutil.copytree(GOOD, directory)
        path = directory / file
        template = json.loads(path.read_text(encoding="utf-8"))
        change(template)
        path.write_text(json.dumps(template, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return directory

    def assertFailsWith(self, directory: Path, *fragments: str, status: int = 1, cli: bool = False) -> None:
        result = run_cli(directory) if cli else run(directory)
        self.assertEqual(result.returncode, status, result.stdout + result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stdout + result.stderr)

    # The correct templates pass, and the report says what was compared.

    def test_good_fixtures_match(self) -> None:
        result = run_cli(GOOD)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("2 generated template(s) match the article", result.stdout)
        self.assertIn("fix (a)", result.stdout)
        self.assertIn("fix (b) inline policy PolicyName added: 'deploy'", result.stdout)
        self.assertIn("fix (c)", result.stdout)

    def test_hand_written_wrong_fixtures_fail_with_path_level_diff(self) -> None:
        self.assertFailsWith(
            WRONG,
            "Resources.DeployRole.Properties.RoleName: article 'deploy-role' != generated '\u201ddeploy-role\"'",
            "Resources.DeployRole.Properties.MaxSessionDuration: article 43200 != generated 3600",
            "Resources.TaskDefinitionAgentAccountX.Properties.TaskRoleArn: "
            "article {\"Fn::GetAtt\": [\"AssumeRoleDeployAccountX\", \"Arn\"]} != generated {\"Ref\": \"AssumeRoleDeployAccountX\"}",
            "ContainerDefinitions[0].Cpu: article 2048 != generated 1024",
            "ContainerDefinitions[0].Environment[1]: article {",
            "2 template comparison(s) failed",
            cli=True,
        )

    # Each documented fix is exactly as wide as documented.

    def test_missing_policy_name_fails(self) -> None:
        def drop(t: Dict[str, Any]) -> None:
            del t["Resources"]["DeployRole"]["Properties"]["Policies"][0]["PolicyName"]
        self.assertFailsWith(self.mutated(DEPLOY, drop), "PolicyName must be a non-empty string")

    def test_empty_policy_name_fails(self) -> None:
        def empty(t: Dict[str, Any]) -> None:
            t["Resources"]["DeployRole"]["Properties"]["Policies"][0]["PolicyName"] = " "
        self.assertFailsWith(self.mutated(DEPLOY, empty), "PolicyName must be a non-empty string")

    def test_non_string_policy_name_fails(self) -> None:
        def ref(t: Dict[str, Any]) -> None:
            t["Resources"]["DeployRole"]["Properties"]["Policies"][0]["PolicyName"] = {"Ref": "AWS::StackName"}
        self.assertFailsWith(self.mutated(DEPLOY, ref), "PolicyName must be a non-empty string")

    def test_any_policy_name_is_accepted(self) -> None:
        def rename(t: Dict[str, Any]) -> None:
            t["Resources"]["DeployRole"]["Properties"]["Policies"][0]["PolicyName"] = "AdministratorAccessInline"
        result = run(self.mutated(DEPLOY, rename))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("'AdministratorAccessInline' (the generated one)", result.stdout)

    def test_role_name_must_be_the_fixed_one(self) -> None:
        def rename(t: Dict[str, Any]) -> None:
            t["Resources"]["DeployRole"]["Properties"]["RoleName"] = "deploy-role-x"
        self.assertFailsWith(
            self.mutated(DEPLOY, rename),
            "Resources.DeployRole.Properties.RoleName: article 'deploy-role' != generated 'deploy-role-x'",
        )

    def test_task_role_arn_as_get_att_string_form_is_not_silently_equal(self) -> None:
        # Only the documented shape of fix (c) is accepted; any other rendering shows up as a diff.
        def dotted(t: Dict[str, Any]) -> None:
            t["Resources"]["TaskDefinitionAgentAccountX"]["Properties"]["TaskRoleArn"] = {
                "Fn::GetAtt": "AssumeRoleDeployAccountX.Arn"
            }
        self.assertFailsWith(self.mutated(JENKINS, dotted), "Properties.TaskRoleArn.Fn::GetAtt")

    # Differences anywhere else fail.

    def test_extra_resource_fails(self) -> None:
        def extra(t: Dict[str, Any]) -> None:
            t["Resources"]["Extra"] = {"Type": "AWS::SNS::Topic"}
        self.assertFailsWith(self.mutated(JENKINS, extra), "Resources.Extra: article (missing) != generated")

    def test_extra_property_fails(self) -> None:
        def condition(t: Dict[str, Any]) -> None:
            statement = t["Resources"]["DeployRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
            statement["Condition"] = {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::1:role/x"}}
        self.assertFailsWith(
            self.mutated(DEPLOY, condition),
            "Resources.DeployRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition: article (missing)",
        )

    def test_outputs_section_fails(self) -> None:
        def outputs(t: Dict[str, Any]) -> None:
            t["Outputs"] = {"Arn": {"Value": {"Fn::GetAtt": ["DeployRole", "Arn"]}}}
        self.assertFailsWith(self.mutated(DEPLOY, outputs), "Outputs: article (missing) != generated")

    def test_list_order_matters(self) -> None:
        def swap(t: Dict[str, Any]) -> None:
            env = t["Resources"]["TaskDefinitionAgentAccountX"]["Properties"]["ContainerDefinitions"][0]["Environment"]
            env.reverse()
        self.assertFailsWith(self.mutated(JENKINS, swap), "Environment[0].Name: article 'AWS_REGION' != generated 'DEPLOY_ROLE'")

    def test_missing_description_match_fails(self) -> None:
        def describe(t: Dict[str, Any]) -> None:
            t["Description"] = "Something else"
        self.assertFailsWith(self.mutated(JENKINS, describe), "no generated stack has this Description")

    def test_every_template_with_the_description_is_compared(self) -> None:
        directory = self.mutated(DEPLOY, lambda t: None)
        second = json.loads((directory / DEPLOY).read_text(encoding="utf-8"))
        second["Resources"]["DeployRole"]["Properties"]["MaxSessionDuration"] = 7200
        (directory / "deploy-role-test.template.json").write_text(json.dumps(second, indent=2) + "\n", encoding="utf-8")
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        manifest["stacks"].append({"name": "deploy-role-test", "templateFile": "deploy-role-test.template.json"})
        (directory / "manifest.json").write_text(json.dumps(manifest) + "\n", encoding="utf-8")
        self.assertFailsWith(directory, "(stack deploy-role-test)", "article 43200 != generated 7200")

    # CloudFormation's equivalences: numeric strings and the optional format version.

    def test_numeric_string_equals_number_at_leaves(self) -> None:
        def stringify(t: Dict[str, Any]) -> None:
            container = t["Resources"]["TaskDefinitionAgentAccountX"]["Properties"]["ContainerDefinitions"][0]
            container["Cpu"] = "2048"
            t["Resources"]["CloudWatchLogsGroupJenkinsAgents"]["Properties"]["RetentionInDays"] = "30"
        result = run(self.mutated(JENKINS, stringify))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_numeric_equivalence_is_exact(self) -> None:
        self.assertTrue(cwa.scalars_equal(2048, "2048"))
        self.assertTrue(cwa.scalars_equal("2048", 2048))
        self.assertTrue(cwa.scalars_equal(30, 30.0))
        self.assertFalse(cwa.scalars_equal(2048, "2048 "))
        self.assertFalse(cwa.scalars_equal(1000, "1_000"))
        self.assertFalse(cwa.scalars_equal("2048", "2048.0"))
        self.assertFalse(cwa.scalars_equal(True, 1))
        self.assertFalse(cwa.scalars_equal(True, "true"))
        self.assertFalse(cwa.scalars_equal(None, "null"))
        # Not for containers: a list holding the number is not the number.
        self.assertEqual(len(cwa.diff({"Cpu": 2048}, {"Cpu": ["2048"]})), 1)

    def test_format_version_on_one_side_is_ignored_but_must_agree_on_both(self) -> None:
        def add(t: Dict[str, Any]) -> None:
            t["AWSTemplateFormatVersion"] = "2010-09-09"
        self.assertEqual(run(self.mutated(JENKINS, add)).returncode, 0)
        self.assertEqual(cwa.diff({"AWSTemplateFormatVersion": "2010-09-09"}, {}), [])
        self.assertEqual(len(cwa.diff({"AWSTemplateFormatVersion": "2010-09-09"}, {"AWSTemplateFormatVersion": "x"})), 1)
        # Ignored at the top level only.
        self.assertEqual(len(cwa.diff({"A": {"AWSTemplateFormatVersion": "1"}}, {"A": {}})), 1)

    # The article itself is read as documented.

    def test_article_parses_with_the_documented_flaws(self) -> None:
        articles = cwa.parse_article(cwa.default_article_path())
        role = articles["deploy-role"]["Resources"]["DeployRole"]["Properties"]
        self.assertEqual(role["RoleName"], "\u201ddeploy-role\"")
        self.assertNotIn("PolicyName", role["Policies"][0])
        self.assertEqual(role["MaxSessionDuration"], 43200)
        self.assertIs(type(role["MaxSessionDuration"]), int)
        task = articles["jenkins"]["Resources"]["TaskDefinitionAgentAccountX"]["Properties"]
        self.assertEqual(task["TaskRoleArn"], {"Ref": "AssumeRoleDeployAccountX"})
        self.assertEqual(
            task["ContainerDefinitions"][0]["Environment"][1]["Value"],
            {"Fn::Sub": "arn:aws:iam::${TargetAccountX}:role/deploy-role"},
        )
        self.assertEqual(sorted(articles["jenkins"]["Resources"]), [
            "AssumeRoleDeployAccountX", "CloudWatchLogsGroupJenkinsAgents",
            "JenkinsAgentCluster", "TaskDefinitionAgentAccountX",
        ])
        # Plain types only: nothing of cfn-lint's node classes leaks into the comparison.
        self.assertIs(type(articles["jenkins"]), dict)
        self.assertIs(type(task["Family"]), str)

    def test_bad_inputs_exit_2(self) -> None:
        self.assertFailsWith(self.temp, "manifest.json", status=2, cli=True)
        directory = self.mutated(JENKINS, lambda t: None)
        (directory / JENKINS).write_text('{"Description": 1, "Description": 2}\n', encoding="utf-8")
        self.assertFailsWith(directory, "duplicate key 'Description'", status=2)


if __name__ == "__main__":
    unittest.main()
