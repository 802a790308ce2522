"""The checks scripts/test.sh runs in Python, one subcommand each: test_checks.py NAME ARGUMENT...

Each exits 0 when its check holds and otherwise names what does not (exit status 1), printing its
finding on stderr, so the shell step only has to say which step failed.
"""
import json
import os
import pathlib
import re
import sys
import time
import urllib.request


def wait_for_moto(url: str, pid: str) -> None:
    """Waits up to 60 s for moto's GET /moto-api/ to answer 200, failing early should it exit."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except OSError:
            sys.exit("moto_server exited during start-up")
        try:
            with urllib.request.urlopen(url + "/moto-api/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("moto server did not answer GET /moto-api/ with 200 within 60 s")


def reset_moto(url: str) -> None:
    """Clears moto's state and switches its signature checking on (reset-auth)."""
    for path, body in (("reset", b""), ("reset-auth", b"inf")):
        # text/plain: with urllib's default form type, moto reads an empty body.
        request = urllib.request.Request(f"{url}/moto-api/{path}", data=body, method="POST", headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(request, timeout=10)


def products_cover_services(folders: str) -> None:
    """`swift package dump-package` on stdin has a product InfraAWS<S> for every service in FOLDERS."""
    products = {product["name"] for product in json.load(sys.stdin)["products"]}
    missing = [service for service in open(folders).read().split() if "InfraAWS" + service not in products]
    if missing:
        sys.exit("Package.swift lacks the products of: " + ", ".join(missing) + " (add them to catalogueServices)")


def distinct_types(*templates: str) -> None:
    """Prints how many resource types the templates hold, or -1 when a type stands twice."""
    types = [resource["Type"] for path in templates for resource in json.load(open(path))["Resources"].values()]
    print(len(set(types)) if len(types) == len(set(types)) else -1)


def typed_attribute_outputs(*templates: str) -> None:
    """Each of RDS, CloudFront, API Gateway and Step Functions has an output reading its typed attribute."""
    want = {"AWS::RDS::DBInstance": "Endpoint.Address", "AWS::CloudFront::Distribution": "DomainName",
            "AWS::ApiGateway::RestApi": "RootResourceId", "AWS::StepFunctions::StateMachine": "Arn"}
    found = set()
    for path in templates:
        template = json.load(open(path))
        types = {name: resource["Type"] for name, resource in template["Resources"].items()}
        for output in template.get("Outputs", {}).values():
            target = output["Value"].get("Fn::GetAtt")
            if target and want.get(types.get(target[0])) == target[1]:
                found.add(types[target[0]])
    missing = sorted(set(want) - found)
    if missing:
        sys.exit("no typed attribute output of: " + ", ".join(missing))


def grant_policies(edge_path: str, data_path: str) -> None:
    """The outside package's grants: one AWS::IAM::Policy per role, right after it, attached by Ref,
    with the least-privilege actions on the typed ARNs (Fn::GetAtt, Ref, and Fn::Sub for objects and indexes)."""
    arn = lambda name, attribute="Arn": {"Fn::GetAtt": [name, attribute]}
    allow = lambda action, resource: {"Effect": "Allow", "Action": action, "Resource": resource}
    dynamodb = lambda *actions: ["dynamodb:" + action for action in actions]
    check_grant_policies(edge_path, {
        "FunctionRole": [
            allow(["s3:GetBucketLocation", "s3:ListBucket"], arn("Uploads")),
            allow("s3:GetObject", {"Fn::Sub": "${Uploads.Arn}/*"}),
            allow(["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"], arn("Work")),
        ],
        "MachineRole": [allow("lambda:InvokeFunction", arn("Hello"))],
    })
    check_grant_policies(data_path, {
        "Worker": [
            allow("sns:Publish", arn("Alerts", "TopicArn")),
            allow(dynamodb("BatchGetItem", "ConditionCheckItem", "DescribeTable", "GetItem", "Query", "Scan"), [arn("Orders"), {"Fn::Sub": "${Orders.Arn}/index/*"}]),
            allow(dynamodb("BatchWriteItem", "DeleteItem", "DescribeTable", "PutItem", "UpdateItem"), arn("Orders")),
            allow(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"], arn("Key")),
            allow(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], {"Ref": "ApiToken"}),
            allow(["logs:CreateLogStream", "logs:PutLogEvents"], arn("WorkerLogs")),
        ],
    })


def check_grant_policies(template_path: str, want: dict) -> None:
    """Each role of `want` has its DefaultPolicy right after it with exactly these statements, and no other role has one."""
    resources = json.load(open(template_path))["Resources"]
    names = list(resources)
    for role, statements in want.items():
        policy = resources.get(role + "DefaultPolicy")
        if policy is None or names.index(role + "DefaultPolicy") != names.index(role) + 1:
            sys.exit(f"no {role}DefaultPolicy right after {role} in {template_path}")
        properties = policy.get("Properties", {})
        if policy["Type"] != "AWS::IAM::Policy" or properties.get("Roles") != [{"Ref": role}] or properties.get("PolicyName") != role + "DefaultPolicy":
            sys.exit(f"{role}DefaultPolicy is not an AWS::IAM::Policy named after {role} and attached by Ref: {json.dumps(policy)}")
        if properties["PolicyDocument"]["Statement"] != statements:
            sys.exit(f"{role}DefaultPolicy has the statements {json.dumps(properties['PolicyDocument']['Statement'])}, not {json.dumps(statements)}")
    extra = [name for name in names if name.endswith("DefaultPolicy") and name[: -len("DefaultPolicy")] not in want]
    if extra:
        sys.exit("unexpected policies: " + ", ".join(extra))


def assets_match(folder: str, count: str) -> None:
    """The manifest (version 2 or later) lists `count` assets; each ZIP has its SHA-256, reads with zipfile, and is the S3Key its stacks' templates name."""
    import hashlib, zipfile
    manifest = json.load(open(os.path.join(folder, "manifest.json")))
    assets = manifest.get("assets", [])
    if manifest["version"] < 2 or len(assets) != int(count):
        sys.exit(f"manifest version {manifest['version']} with {len(assets)} assets, not version 2 or later with {count}")
    stacks = {stack["name"]: stack for stack in manifest["stacks"]}
    for asset in assets:
        path = os.path.join(folder, asset["file"])
        if hashlib.sha256(open(path, "rb").read()).hexdigest() != asset["sha256"]:
            sys.exit(f"{path} does not have the SHA-256 {asset['sha256']}")
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None or not archive.namelist():
                sys.exit(f"{path} is not a readable, non-empty ZIP")
            if any(info.date_time != (1980, 1, 1, 0, 0, 0) or info.compress_type != zipfile.ZIP_STORED for info in archive.infolist()):
                sys.exit(f"{path} has an entry not stored or not dated 1980-01-01")
            names = archive.namelist()
        for name in asset["stacks"]:
            stack = stacks[name]
            resources = json.load(open(os.path.join(folder, stack["templateFile"])))["Resources"].values()
            codes = [r.get("Properties", {}).get("Code", {}) for r in resources]
            if {"S3Bucket": stack["templateBucket"], "S3Key": asset["key"]} not in codes:
                sys.exit(f"stack {name}'s template names no Code with S3Bucket {stack['templateBucket']} and S3Key {asset['key']}")
        print(f"asset {asset['source']}: {', '.join(names)} in {asset['file']}, referenced by {', '.join(asset['stacks'])}", file=sys.stderr)


def stack_set_entry(folder: str, name: str, accounts: str, regions: str) -> None:
    """The manifest (version 3) has StackSet NAME over ACCOUNTS accounts × REGIONS regions, its template file hashed as it says."""
    import hashlib
    manifest = json.load(open(os.path.join(folder, "manifest.json")))
    sets = {entry["name"]: entry for entry in manifest.get("stackSets", [])}
    if manifest["version"] != 3 or name not in sets:
        sys.exit(f"manifest version {manifest['version']} without StackSet {name} (it has {sorted(sets)})")
    entry = sets[name]
    instances = {(account, region) for target in entry["targets"] for account in target.get("accounts", []) for region in target["regions"]}
    accounts_seen = {account for account, _ in instances}
    regions_seen = {region for _, region in instances}
    if len(accounts_seen) != int(accounts) or len(regions_seen) != int(regions) or len(instances) != int(accounts) * int(regions):
        sys.exit(f"StackSet {name} has {len(instances)} instances over {len(accounts_seen)} accounts and {len(regions_seen)} regions, not {accounts} × {regions}")
    template = os.path.join(folder, entry["templateFile"])
    if hashlib.sha256(open(template, "rb").read()).hexdigest() != entry["templateSHA256"]:
        sys.exit(f"{template} does not have the SHA-256 the manifest names")
    if entry["permissionModel"]["type"] != "selfManaged" or not entry["operationPreferences"]:
        sys.exit(f"StackSet {name}: permission model {entry['permissionModel']} or preferences {entry['operationPreferences']} not as declared")
    print(f"StackSet {name}: {len(instances)} instances ({len(accounts_seen)} accounts × {len(regions_seen)} regions), {len(entry['overrides'])} override(s), template {entry['templateFile']}", file=sys.stderr)


def moto_client(url: str, service: str, region: str, account: str = ""):
    """A boto3 client for moto, in ACCOUNT when given: moto takes the account from the credentials
    an AssumeRole into it returns (the fake keys alone are its default account, 123456789012)."""
    import boto3  # from the test tools' venv (moto depends on it)

    keys = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "test-secret-not-a-real-key"}
    if account:
        sts = boto3.client("sts", endpoint_url=url, region_name=region, **keys)
        credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/test-checks-reader", RoleSessionName="test-checks")["Credentials"]
        keys = {"aws_access_key_id": credentials["AccessKeyId"], "aws_secret_access_key": credentials["SecretAccessKey"],
                "aws_session_token": credentials["SessionToken"]}
    return boto3.client(service, endpoint_url=url, region_name=region, **keys)


def stack_set_stacks(url: str, folder: str, name: str, count: str, *gone: str) -> None:
    """Read back in each target account: every instance StackSet NAME of FOLDER's manifest declares is one
    CREATE_COMPLETE stack there, with the set's parameters or its override's, and the topic named from
    them (the outside package's template names it `<set>-<AlertsName>`); COUNT stacks in all; the GONE
    accounts hold none of the set's stacks in its regions. moto names instance stacks `StackSet:<set>`."""
    entry = next(entry for entry in json.load(open(os.path.join(folder, "manifest.json")))["stackSets"] if entry["name"] == name)
    declared = {(account, region) for target in entry["targets"] for account in target["accounts"] for region in target["regions"]}
    regions = sorted({region for _, region in declared})
    overrides = {(account, region): override["parameters"] for override in entry["overrides"]
                 for account in override["targets"] for region in override["regions"]}
    found, overridden = 0, 0
    for account in sorted({account for account, _ in declared} | set(gone)):
        for region in regions:
            stacks = [stack for stack in moto_client(url, "cloudformation", region, account).describe_stacks()["Stacks"]
                      if stack["StackName"] == f"StackSet:{name}" and stack["StackStatus"] != "DELETE_COMPLETE"]
            found += len(stacks)
            if account in gone or (account, region) not in declared:
                if stacks:
                    sys.exit(f"account {account}, {region}: {len(stacks)} stack(s) of StackSet {name}, where none is declared")
                continue
            if len(stacks) != 1 or stacks[0]["StackStatus"] != "CREATE_COMPLETE":
                sys.exit(f"account {account}, {region}: {[(s['StackName'], s['StackStatus']) for s in stacks]}, not one CREATE_COMPLETE stack of StackSet {name}")
            want = {p["name"]: p["value"] for p in overrides.get((account, region), entry["parameters"])}
            have = {p["ParameterKey"]: p["ParameterValue"] for p in stacks[0].get("Parameters", [])}
            if have != want:
                sys.exit(f"account {account}, {region}: the instance stack has the parameters {have}, not {want}")
            topics = [topic["TopicArn"] for topic in moto_client(url, "sns", region, account).list_topics()["Topics"]]
            if f"arn:aws:sns:{region}:{account}:{name}-{want['AlertsName']}" not in topics:
                sys.exit(f"account {account}, {region}: no topic {name}-{want['AlertsName']} (topics there: {topics})")
            overridden += (account, region) in overrides
    if found != int(count):
        sys.exit(f"StackSet {name}: {found} instance stacks in the target accounts, not {count}")
    print(f"StackSet {name}: {found} instance stacks read back in {len({a for a, _ in declared})} accounts × {len(regions)} regions, "
          f"each CREATE_COMPLETE with its parameters and topic ({overridden} overridden)"
          + (f"; none in {', '.join(gone)}" if gone else ""), file=sys.stderr)


def stack_set_operations(url: str, folder: str, name: str) -> None:
    """Prints how many operations StackSet NAME of FOLDER's manifest has had, read in its administrator account and region."""
    entry = next(entry for entry in json.load(open(os.path.join(folder, "manifest.json")))["stackSets"] if entry["name"] == name)
    client = moto_client(url, "cloudformation", entry["region"])
    operations, token = 0, None
    while True:
        page = client.list_stack_set_operations(StackSetName=name, **({"NextToken": token} if token else {}))
        operations += len(page["Summaries"])
        token = page.get("NextToken")
        if not token:
            break
    print(operations)


def only_stack_sets(folder: str, copy: str) -> None:
    """Copies the generated FOLDER to COPY with the manifest's stacks (and the assets only they use) left out: a
    folder holding only its StackSets, for `infra deploy --prune`, which takes the whole manifest."""
    import shutil
    shutil.copytree(folder, copy)
    path = os.path.join(copy, "manifest.json")
    manifest = json.load(open(path))
    stacks = {stack["name"] for stack in manifest["stacks"]}
    manifest["stacks"], manifest["stages"] = [], []
    manifest["assets"] = [asset for asset in manifest.get("assets", []) if not set(asset["stacks"]) <= stacks]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2)
        handle.write("\n")
    print(f"{copy}: the manifest's {len(manifest['stackSets'])} StackSet(s) and no stacks", file=sys.stderr)


def status_matches(status_file: str, manifest_file: str) -> None:
    """`infra status --output json` shows every manifest stack CREATE_COMPLETE in its account, matching."""
    status = {stack["name"]: stack for stack in json.load(open(status_file))["stacks"]}
    manifest = json.load(open(manifest_file))["stacks"]
    for stack in manifest:
        state = status.get(stack["name"])
        if not (state and state["account"] == stack["account"] and state["status"] == "CREATE_COMPLETE" and state["matchesLocal"] is True):
            sys.exit(f"stack {stack['name']} is not CREATE_COMPLETE in {stack['account']} matching the local template: {state}")
    print(f"infra status: {len(manifest)} stacks CREATE_COMPLETE in {len({s['account'] for s in manifest})} accounts, all matching the local templates", file=sys.stderr)


def plan_unchanged(plan_file: str) -> None:
    """`infra plan --output json` says "no change" for every stack."""
    actions = [stack["action"] for stack in json.load(open(plan_file))["stacks"]]
    if not actions or any(action != "no change" for action in actions):
        sys.exit(f"infra plan after a deploy: {actions}")
    print(f"infra plan: {len(actions)} stacks, no change", file=sys.stderr)


def is_json(path: str) -> None:
    """The file holds one JSON document."""
    with open(path) as file:
        json.load(file)


def casc_is_yaml(folder: str) -> None:
    """The generated Jenkins Configuration-as-Code files are YAML with clouds and agent templates."""
    import yaml  # from the test tools' venv (cfn-lint depends on PyYAML)

    files = sorted(pathlib.Path(folder, "jenkins").glob("*.casc.yaml"))
    if not files:
        sys.exit("no Jenkins Configuration-as-Code YAML was generated")
    for path in files:
        clouds = yaml.safe_load(path.read_text(encoding="utf-8"))["jenkins"]["clouds"]
        templates = sum(len(cloud["ecs"]["templates"]) for cloud in clouds)
        print(f"{path.name}: valid YAML, {len(clouds)} cloud(s), {templates} agent templates", file=sys.stderr)


def modify_template(path: str) -> None:
    """Changes a template's Description: a semantic change, so a check fails whether it compares bytes or JSON."""
    with open(path, encoding="utf-8") as handle:
        template = json.load(handle)
    template["Description"] = str(template.get("Description", "")) + " (modified by scripts/test.sh)"
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(template, handle, indent=2)
        handle.write("\n")


def add_broken_stack(app_file: str) -> None:
    """Lists `brokenStack` in the copied package's App.swift, after jenkinsAgentCloud."""
    text = open(app_file, encoding="utf-8").read()
    if "    jenkinsAgentCloud\n" not in text:
        sys.exit("Sources/Stacks/App.swift no longer lists jenkinsAgentCloud")
    open(app_file, "w", encoding="utf-8").write(text.replace("    jenkinsAgentCloud\n", "    jenkinsAgentCloud\n    brokenStack\n", 1))


def drop_production(agents_file: str) -> None:
    """Removes the production agent template from the copied package's JenkinsAgents.swift."""
    text = open(agents_file, encoding="utf-8").read()
    changed = re.sub(r",\n\s*production: agent\(deployingTo: Accounts\.production[^\n]*\)\)\)", "))", text, count=1)
    if changed == text:
        sys.exit("Sources/Stacks/JenkinsAgents.swift no longer sets the production template as expected")
    open(agents_file, "w", encoding="utf-8").write(changed)


def readme_package(readme: str, folder: str) -> None:
    """Writes the Swift files of README.md's "In your own package" into FOLDER, as a reader would paste them.

    Each ```swift block there is preceded by a line naming its file in backticks
    (`my-infrastructure/Package.swift`); both the manifest and a main.swift must be among them.
    """
    text = open(readme, encoding="utf-8").read()
    section = text.split("\n## In your own package\n", 1)[-1].split("\n## ", 1)[0]
    written = []
    for match in re.finditer(r"\n([^\n]*)\n\n```swift\n(.*?)```", section, re.S):
        names = re.findall(r"`([\w./-]+\.swift)`", match.group(1))
        if not names:
            sys.exit(f"README.md: no file named before the swift block after: {match.group(1)!r}")
        path = pathlib.Path(folder, names[-1])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(match.group(2), encoding="utf-8")
        written.append(names[-1])
    if not any(name.endswith("/Package.swift") for name in written) or not any(name.endswith("/main.swift") for name in written):
        sys.exit(f"README.md's own-package section names no Package.swift and main.swift (found: {written})")
    print("README.md's own package: " + ", ".join(written), file=sys.stderr)


CHECKS = {
    "wait-for-moto": wait_for_moto, "reset-moto": reset_moto, "products-cover-services": products_cover_services,
    "distinct-types": distinct_types, "typed-attribute-outputs": typed_attribute_outputs, "grant-policies": grant_policies, "assets-match": assets_match,
    "stack-set-entry": stack_set_entry, "stack-set-stacks": stack_set_stacks, "stack-set-operations": stack_set_operations,
    "only-stack-sets": only_stack_sets, "status-matches": status_matches,
    "plan-unchanged": plan_unchanged, "is-json": is_json, "casc-is-yaml": casc_is_yaml, "modify-template": modify_template,
    "add-broken-stack": add_broken_stack, "drop-production": drop_production, "readme-package": readme_package,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        sys.exit(f"usage: test_checks.py {{{','.join(CHECKS)}}} ARGUMENT...")
    CHECKS[sys.argv[1]](*sys.argv[2:])
