#!/usr/bin/env python3
"""Compare the generated CloudFormation templates with the article's two templates.

Usage: compare_with_article.py [--article PATH] DIR

DIR is a generator output folder (stacks.out): DIR/manifest.json lists the stacks and their
template files. The article's two templates are read from article-templates.txt beside this script
(copied verbatim from the article, ../shared/reference/000_9826e361f09ab5be.txt), unless --article
names the article itself (or another file holding the same snippets).

The article's YAML snippets are parsed with cfn-lint's own CloudFormation YAML decoder (so the
short-form tags !Ref, !Sub, !GetAtt ... mean exactly what they mean to CloudFormation tooling), then
exactly three documented fixes are applied to the article's side, because the article's text is
not deployable as written:

  (a) the deploy role's RoleName  "\u201ddeploy-role\""  (typographic quote) becomes  deploy-role;
  (b) the deploy role's inline policy has no PolicyName (CloudFormation rejects it): it takes the
      PolicyName the generated template chose, which must be a non-empty string;
  (c) TaskRoleArn: !Ref AssumeRoleDeployAccountX (Ref of a role is its *name*) becomes
      Fn::GetAtt [AssumeRoleDeployAccountX, Arn].

Every fix first asserts that the article still reads the way the fix expects, so no fix can
silently widen into something else. Any other difference fails the comparison.

Each article template is matched to generated templates by its Description (the generator keeps
the article's Descriptions); every generated template carrying that Description is compared.
An AWSTemplateFormatVersion key present on one side only is ignored.

Exit status: 0 all compared templates match; 1 a mismatch or a failed precondition; 2 usage or
input errors (unreadable manifest, article snippet not found, cfn-lint not importable).

Run it with the test-tools interpreter (.venv/bin/python, see scripts/setup-test-tools.sh).
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ARTICLE_NAME = "000_9826e361f09ab5be.txt"

# (name, first line, line that ends the snippet) — the snippet runs up to, not including, the end line.
SNIPPETS: List[Tuple[str, str, str]] = [
    (
        "deploy-role",
        "Description: IAM role for Jenkins agent",
        "CloudFormation definition of the role in the target account",
    ),
    (
        "jenkins",
        "Description: Resources for Jenkins agent",
        "In this configuration we setup:",
    ),
]

DEPLOY_ROLE = "DeployRole"
AGENT_ROLE = "AssumeRoleDeployAccountX"
TASK_DEFINITION = "TaskDefinitionAgentAccountX"
ARTICLE_ROLE_NAME = "\u201ddeploy-role\""  # as printed in the article: right double quote, then ASCII quote
FIXED_ROLE_NAME = "deploy-role"

IGNORED_IF_ONE_SIDED = ("AWSTemplateFormatVersion",)


class InputError(Exception):
    """The inputs cannot be read (exit 2): a missing file, a bad manifest, an unparsable snippet."""


class PreconditionError(Exception):
    """The article or the generated template is not in the shape a documented fix requires (exit 1)."""


def default_article_path() -> Path:
    """The article's templates as the repository carries them: article-templates.txt beside this script."""
    return Path(__file__).resolve().parent / "article-templates.txt"


def extract_snippet(text: str, start: str, end: str) -> str:
    """The lines from the one equal to `start` up to (excluding) the first later one equal to `end`."""
    lines = text.split("\n")
    try:
        first = next(i for i, line in enumerate(lines) if line.strip() == start)
    except StopIteration:
        raise InputError(f"article: no line {start!r}") from None
    try:
        last = next(i for i in range(first + 1, len(lines)) if lines[i].strip() == end)
    except StopIteration:
        raise InputError(f"article: no line {end!r} after {start!r}") from None
    return "\n".join(lines[first:last])


def plain(value: Any) -> Any:
    """cfn-lint's dict_node/list/str_node (and PyYAML/JSON values) as plain dict/list/str/int/float/bool/None."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    # bool before int: bool is a subclass of int and must stay a bool.
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if value is None:
        return None
    raise InputError(f"unexpected value of type {type(value).__name__}: {value!r}")


def parse_article(path: Path) -> Dict[str, Dict[str, Any]]:
    """The article's two templates, parsed as CloudFormation YAML, keyed by snippet name."""
    try:
        from cfnlint.decode import cfn_yaml  # the decoder cfn-lint itself uses for templates
    except ImportError as error:
        raise InputError(
            f"cannot import cfn-lint's YAML decoder ({error}); run this script with .venv/bin/python "
            "after scripts/setup-test-tools.sh"
        ) from None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read the article {path}: {error}") from None
    # The web page indents its code with no-break spaces (U+00A0), which YAML does not accept as
    # indentation; each one becomes one plain space, which keeps every column where it was.
    text = text.replace("\u00a0", " ")
    templates = {}
    for name, start, end in SNIPPETS:
        snippet = extract_snippet(text, start, end)
        try:
            parsed = cfn_yaml.loads(snippet)
        except Exception as error:  # cfn-lint raises yaml errors and its own CfnParseError
            raise InputError(f"article: the {name} snippet does not parse as CloudFormation YAML: {error}") from None
        if not isinstance(parsed, dict):
            raise InputError(f"article: the {name} snippet is not a mapping")
        templates[name] = plain(parsed)
    return templates


def _reject_duplicate_keys(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    """json object hook: a duplicated key would hide one of its values from the comparison."""
    result: Dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def load_json(path: Path) -> Any:
    """A JSON file, strictly: duplicate keys are an input error."""
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle, object_pairs_hook=_reject_duplicate_keys)
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read {path}: {error}") from None


def load_generated(directory: Path) -> List[Tuple[str, Path, Dict[str, Any]]]:
    """(stack name, template path, template) for every stack in DIR/manifest.json."""
    manifest_path = directory / "manifest.json"
    manifest = load_json(manifest_path)
    if not isinstance(manifest, dict) or manifest.get("version") != 1:
        raise InputError(f"{manifest_path}: expected an object with \"version\": 1")
    stacks = manifest.get("stacks")
    if not isinstance(stacks, list) or not stacks:
        raise InputError(f"{manifest_path}: \"stacks\" must be a non-empty list")
    generated = []
    for index, stack in enumerate(stacks):
        if not isinstance(stack, dict):
            raise InputError(f"{manifest_path}: stacks[{index}] is not an object")
        name, template_file = stack.get("name"), stack.get("templateFile")
        if not isinstance(name, str) or not isinstance(template_file, str) or not template_file:
            raise InputError(f"{manifest_path}: stacks[{index}] needs string \"name\" and \"templateFile\"")
        template_path = directory / template_file
        template = load_json(template_path)
        if not isinstance(template, dict):
            raise InputError(f"{template_path}: a template must be a JSON object")
        generated.append((name, template_path, template))
    return generated


def _dig(template: Dict[str, Any], *keys: Any) -> Any:
    """template[k1][k2]..., or None when any step is missing or of the wrong kind."""
    node: Any = template
    for key in keys:
        if isinstance(key, int):
            if not isinstance(node, list) or key >= len(node):
                return None
        elif not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def fix_deploy_role(article: Dict[str, Any], generated: Dict[str, Any]) -> Tuple[Dict[str, Any], List[str]]:
    """Fixes (a) and (b) applied to a copy of the article's deploy-role template."""
    fixed = copy.deepcopy(article)
    properties = _dig(fixed, "Resources", DEPLOY_ROLE, "Properties")
    if not isinstance(properties, dict):
        raise PreconditionError(f"article: Resources.{DEPLOY_ROLE}.Properties is missing")

    # (a) The typographic quote is a typesetting accident; the role is meant to be `deploy-role`.
    if properties.get("RoleName") != ARTICLE_ROLE_NAME:
        raise PreconditionError(
            f"fix (a): expected the article's RoleName to be {ARTICLE_ROLE_NAME!r}, found {properties.get('RoleName')!r}"
        )
    properties["RoleName"] = FIXED_ROLE_NAME

    # (b) CloudFormation requires PolicyName; its value is the generator's choice, but it must exist.
    policies = properties.get("Policies")
    if not (isinstance(policies, list) and len(policies) == 1 and isinstance(policies[0], dict)):
        raise PreconditionError(f"fix (b): expected exactly one inline policy in the article's {DEPLOY_ROLE}")
    if "PolicyName" in policies[0]:
        raise PreconditionError("fix (b): the article's inline policy already has a PolicyName; the fix no longer applies")
    chosen = _dig(generated, "Resources", DEPLOY_ROLE, "Properties", "Policies", 0, "PolicyName")
    if not isinstance(chosen, str) or not chosen.strip():
        raise PreconditionError(
            f"fix (b): generated Resources.{DEPLOY_ROLE}.Properties.Policies[0].PolicyName must be a non-empty string "
            f"(CloudFormation rejects inline policies without one), found {chosen!r}"
        )
    policies[0]["PolicyName"] = chosen
    return fixed, [
        f"(a) RoleName {ARTICLE_ROLE_NAME!r} -> {FIXED_ROLE_NAME!r}",
        f"(b) inline policy PolicyName added: {chosen!r} (the generated one)",
    ]


def fix_jenkins(article: Dict[str, Any]) -> Tuple[Dict[str, Any], List[str]]:
    """Fix (c) applied to a copy of the article's Jenkins template."""
    fixed = copy.deepcopy(article)
    properties = _dig(fixed, "Resources", TASK_DEFINITION, "Properties")
    if not isinstance(properties, dict):
        raise PreconditionError(f"article: Resources.{TASK_DEFINITION}.Properties is missing")
    # (c) Ref of an AWS::IAM::Role is its name; TaskRoleArn needs the ARN.
    if properties.get("TaskRoleArn") != {"Ref": AGENT_ROLE}:
        raise PreconditionError(
            f"fix (c): expected the article's TaskRoleArn to be {{'Ref': {AGENT_ROLE!r}}}, found {properties.get('TaskRoleArn')!r}"
        )
    properties["TaskRoleArn"] = {"Fn::GetAtt": [AGENT_ROLE, "Arn"]}
    return fixed, [f"(c) TaskRoleArn Ref {AGENT_ROLE} -> Fn::GetAtt [{AGENT_ROLE}, Arn]"]


# A JSON number written as a string: what CloudFormation reads as a number (no "1_000", "nan", " 1").
_NUMERIC = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _number(value: Any) -> Optional[Decimal]:
    """A scalar as an exact number when it is one (int/float, or a numeric string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMERIC.fullmatch(value):
        return Decimal(value)
    return None


def scalars_equal(article: Any, generated: Any) -> bool:
    """Leaf equality as CloudFormation sees it.

    CloudFormation passes template scalars to resource properties as strings and converts them
    to the property's type, so `2048` and `"2048"` configure the same thing; JSON writers and YAML
    readers disagree on which one they produce. That equivalence is applied to scalar leaves only
    (never to a mapping or list), and only between a number and a numeric string: booleans and
    every other string must match exactly.
    """
    if type(article) is type(generated) and article == generated:
        return True
    if isinstance(article, bool) or isinstance(generated, bool):
        return False
    if isinstance(article, (int, float)) and isinstance(generated, (int, float)):
        return article == generated
    if isinstance(article, str) and isinstance(generated, str):
        return False  # "2048" vs "2048.0" are different strings to every consumer
    left, right = _number(article), _number(generated)
    return left is not None and right is not None and left == right


def _show(value: Any) -> str:
    """A compact single-line rendering of a value for the diff."""
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_intrinsic(value: Dict[str, Any]) -> bool:
    """A one-key mapping naming an intrinsic function: {"Ref": …}, {"Fn::Sub": …}, {"Condition": …}."""
    if len(value) != 1:
        return False
    key = next(iter(value))
    return key in ("Ref", "Condition") or key.startswith("Fn::")


def diff(article: Any, generated: Any, path: str = "") -> List[str]:
    """Every path at which the two values differ, one readable line each."""
    if isinstance(article, dict) and isinstance(generated, dict):
        if _is_intrinsic(article) and _is_intrinsic(generated) and article.keys() != generated.keys():
            # Two different functions ({"Ref": …} vs {"Fn::GetAtt": …}): one line reads better than two.
            return [f"{path or '<template>'}: article {_show(article)} != generated {_show(generated)}"]
        lines: List[str] = []
        for key in article:
            if key not in generated:
                if not path and key in IGNORED_IF_ONE_SIDED:
                    continue
                lines.append(f"{_join(path, key)}: article {_show(article[key])} != generated (missing)")
            else:
                lines.extend(diff(article[key], generated[key], _join(path, key)))
        for key in generated:
            if key not in article and not (not path and key in IGNORED_IF_ONE_SIDED):
                lines.append(f"{_join(path, key)}: article (missing) != generated {_show(generated[key])}")
        return lines
    if isinstance(article, list) and isinstance(generated, list):
        lines = []
        for index in range(max(len(article), len(generated))):
            where = f"{path}[{index}]"
            if index >= len(generated):
                lines.append(f"{where}: article {_show(article[index])} != generated (missing)")
            elif index >= len(article):
                lines.append(f"{where}: article (missing) != generated {_show(generated[index])}")
            else:
                lines.extend(diff(article[index], generated[index], where))
        return lines
    if isinstance(article, (dict, list)) or isinstance(generated, (dict, list)):
        return [f"{path or '<template>'}: article {_show(article)} != generated {_show(generated)}"]
    if scalars_equal(article, generated):
        return []
    return [f"{path or '<template>'}: article {_show(article)} != generated {_show(generated)}"]


def count_leaves(value: Any) -> int:
    """How many scalar leaves a value holds (reported so a pass says how much it compared)."""
    if isinstance(value, dict):
        return sum(count_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_leaves(v) for v in value)
    return 1


def compare(directory: Path, article_path: Path) -> int:
    """Runs the comparison, prints the report, returns the exit status."""
    articles = parse_article(article_path)
    generated = load_generated(directory)
    failures = 0
    compared_stacks = set()
    for name, start, _ in SNIPPETS:
        article = articles[name]
        description = article.get("Description")
        matches = [g for g in generated if g[2].get("Description") == description]
        if not matches:
            listed = ", ".join(f"{n} ({t.get('Description')!r})" for n, _, t in generated)
            print(f"FAIL article template {description!r}: no generated stack has this Description; stacks: {listed}")
            failures += 1
            continue
        for stack, template_path, template in matches:
            compared_stacks.add(stack)
            try:
                if name == "deploy-role":
                    expected, fixes = fix_deploy_role(article, template)
                else:
                    expected, fixes = fix_jenkins(article)
            except PreconditionError as error:
                print(f"FAIL {template_path} (stack {stack}) vs article {description!r}: {error}")
                failures += 1
                continue
            differences = diff(expected, template)
            if differences:
                failures += 1
                print(f"FAIL {template_path} (stack {stack}) differs from the article's {description!r} "
                      f"(after fixes {', '.join(f[:3] for f in fixes)}):")
                for line in differences:
                    print(f"  {line}")
            else:
                resources = sorted(expected.get("Resources", {}))
                print(f"OK   {template_path} (stack {stack}) == article {description!r}: "
                      f"{len(resources)} resources ({', '.join(resources)}), {count_leaves(expected)} values")
                for fix in fixes:
                    print(f"       fix {fix}")
    others = [n for n, _, _ in generated if n not in compared_stacks]
    if others:
        print(f"not compared (no article counterpart): {', '.join(others)}")
    if failures:
        print(f"compare_with_article: {failures} template comparison(s) failed")
        return 1
    print(f"compare_with_article: {len(compared_stacks)} generated template(s) match the article")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="generator output folder holding manifest.json")
    parser.add_argument("--article", type=Path, default=None, help=f"the article (default: {default_article_path()})")
    args = parser.parse_args(argv)
    try:
        return compare(args.directory, args.article or default_article_path())
    except InputError as error:
        print(f"compare_with_article: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
