"""Runs cfn-lint on generated templates, each in the region its stack deploys to.

usage: lint-in-regions.py CFN_LINT MANIFEST [CFN_LINT_OPTION...] -- TEMPLATE...

cfn-lint checks a template against one region's schemas (us-east-1 unless told), so a type offered
only elsewhere fails there. The manifest that synthesis writes beside the templates names each
stack's region; this runs cfn-lint once per region with `--regions` and the templates of that
region, passes its output through, and exits with the bitwise OR of cfn-lint's exit statuses
(cfn-lint's statuses are flags: 2 errors, 4 warnings, 8 informational, 1 a failure of its own).
"""
import json
import os
import subprocess
import sys


def main(argv):
    if len(argv) < 4 or "--" not in argv:
        sys.exit(__doc__)
    cfn_lint, manifest_path = argv[1], argv[2]
    separator = argv.index("--")
    options, templates = argv[3:separator], argv[separator + 1:]
    with open(manifest_path) as handle:
        manifest = json.load(handle)
    region_of = {stack["templateFile"]: stack["region"] for stack in manifest["stacks"]}
    by_region = {}
    for template in templates:
        name = os.path.basename(template)
        if name not in region_of:
            sys.exit(f"lint-in-regions: {template} is not a template of {manifest_path}")
        by_region.setdefault(region_of[name], []).append(template)
    status = 0
    for region in sorted(by_region):
        sys.stdout.flush()
        status |= subprocess.run([cfn_lint, "--regions", region, *options, "--", *by_region[region]]).returncode
    sys.exit(status)


if __name__ == "__main__":
    main(sys.argv)
