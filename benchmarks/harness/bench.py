"""The benchmark harness of issue 6: every figure beside its baseline, from the same run.

Run through scripts/bench.sh, which installs the pinned tools and passes their paths here:

    python3 benchmarks/harness/bench.py --root . --work .bench/work --report docs/benchmarks.md \
        --orgsynth PATH --modules DIR --troposphere-python PATH [--cdk-python PATH] [--awscli PATH] \
        [--moto-server PATH] [--runs 5] [--parts synthesis,build,typecheck,rollout]

Parts:
  synthesis  OrgSynth (ours, release) vs troposphere vs CDK for N = 1, 10, 100, 1000 target
             accounts; wall time (median), peak RSS, bytes written. Ours and troposphere's
             templates must compare equal as JSON, or the run fails.
  build      `swift package generate-stacks` in a scratch copy: cold, warm with no change, after a
             one-line edit; beside it, the Python user's whole loop (troposphere, same stacks).
  typecheck  `swiftc -typecheck` of one stack of 50/100/200 resources and of a 500-resource app laid
             out as docs/dsl.md recommends; and one block of 100/200/400 entries under the builder
             design before and after the change of issue 6.
  rollout    10 accounts x 3 stacks against moto: `infra deploy` (when the package has it) vs the
             article's shell loop (`aws sts assume-role` + `aws cloudformation deploy`), API calls
             counted by a proxy. See benchmarks/README.md.

Only standard-library Python: it must run before anything is installed.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(BENCH, "rollout"))


class BenchError(Exception):
    """A step that could not run or whose result is wrong; the message says which and why."""


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Measuring one process


class Run:
    """One finished process: wall seconds, peak RSS in KiB, exit status, output."""

    def __init__(self, seconds, rss_kib, status, stdout, stderr):
        self.seconds, self.rss_kib, self.status, self.stdout, self.stderr = seconds, rss_kib, status, stdout, stderr


def measure(command, cwd=None, env=None, check=True, what=None):
    """Runs `command`, timing it as a whole process; peak RSS comes from wait4 (the largest
    process in its tree that it waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        run = Run(seconds, usage.ru_maxrss, process.returncode, out.read().decode(errors="replace"),
                  err.read().decode(errors="replace"))
    if check and run.status != 0:
        tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-15:])
        raise BenchError(f"{what or command[0]} failed with exit status {run.status}:\n  $ {' '.join(command)}\n{tail}")
    return run


def median(values):
    return statistics.median(values) if values else None


def folder_bytes(path):
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return files, total


def seconds(value):
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def mib(kib):
    return "—" if kib is None else f"{kib / 1024:.0f} MiB"


def kb(size):
    return "—" if size is None else (f"{size / 1e6:.2f} MB" if size >= 1e6 else f"{size / 1e3:.1f} kB")


def ratio(slow, fast):
    return "—" if not slow or not fast else f"{slow / fast:.1f}×"


def table(header, rows):
    """A Markdown table, also readable as plain text."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    line = lambda row: "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"
    return "\n".join([line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in cells[1:]])


# ---------------------------------------------------------------------------------------------
# The machine


def machine(args):
    def read(path):
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""

    cpu = re.search(r"model name\s*:\s*(.*)", read("/proc/cpuinfo"))
    memory = re.search(r"MemTotal:\s*(\d+) kB", read("/proc/meminfo"))
    os_name = re.search(r'PRETTY_NAME="([^"]*)"', read("/etc/os-release"))
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    node = shutil.which("node")
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "not installed"
    commit = subprocess.run(["git", "-C", args.root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", args.root, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    return {
        "CPU": f"{cpu.group(1) if cpu else platform.processor()} — {os.cpu_count()} logical cores",
        "Memory": f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB" if memory else "unknown",
        "OS": f"{os_name.group(1) if os_name else platform.system()}, kernel {platform.release()}",
        "Swift": swift[0] if swift else "unknown",
        "Python": platform.python_version(),
        "node": node_version,
        "Synthesis output folder": f"{args.output_root} ({filesystem(args.output_root)})",
        "Commit": commit + (" with uncommitted changes" if dirty else ""),
        "Date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "Load average at start (1/5/15 min)": " ".join(read("/proc/loadavg").split()[:3]),
    }


def filesystem(path):
    best, kind = "", "unknown"
    for line in open("/proc/mounts"):
        parts = line.split()
        if len(parts) > 2 and os.path.abspath(path).startswith(parts[1]) and len(parts[1]) > len(best):
            best, kind = parts[1], parts[2]
    return kind


# ---------------------------------------------------------------------------------------------
# Part 1: synthesis


def compare_templates(ours, theirs, label):
    """Every template of `ours` equals the same-named one of `theirs` as JSON; a list of problems."""
    problems = []
    mine = sorted(f for f in os.listdir(ours) if f.endswith(".template.json"))
    other = sorted(f for f in os.listdir(theirs) if f.endswith(".template.json"))
    if mine != other:
        missing, extra = sorted(set(mine) - set(other)), sorted(set(other) - set(mine))
        problems.append(f"{label}: template files differ; only ours: {missing[:5]}, only {label}'s: {extra[:5]}")
    for name in sorted(set(mine) & set(other)):
        with open(os.path.join(ours, name)) as a, open(os.path.join(theirs, name)) as b:
            left, right = json.load(a), json.load(b)
        if left != right:
            problems.append(f"{label}: {name} differs: {first_difference(left, right)}")
    return problems


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {json.dumps(a)[:80]} vs {json.dumps(b)[:80]}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key} only in {'ours' if key in a else 'theirs'}"
            if a[key] != b[key]:
                return first_difference(a[key], b[key], f"{path}.{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {json.dumps(a)[:80]} vs {json.dumps(b)[:80]}"


def synthesis(args, results):
    tools = [("ours", lambda n, out: [args.orgsynth, str(n), out]),
             ("troposphere", lambda n, out: [args.troposphere_python, os.path.join(BENCH, "troposphere", "organisation.py"), str(n), out])]
    if args.cdk_python:
        tools.append(("cdk", lambda n, out: [args.cdk_python, os.path.join(BENCH, "cdk", "organisation.py"), str(n), out]))
    env = dict(os.environ, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1", PYTHONDONTWRITEBYTECODE="1")
    scratch = tempfile.mkdtemp(prefix="infradsl-bench-", dir=args.output_root)
    rows, figures = [], {}
    try:
        # One unmeasured run each, so the first measured run does not pay for a cold page cache.
        for name, command in tools:
            measure(command(1, os.path.join(scratch, f"warm-{name}")), env=env, what=f"{name} (warm-up)")
        for n in args.accounts:
            figures[n] = {}
            # Ours and troposphere take turns run by run, so that a shared machine's drift from one
            # minute to the next weighs on both alike. CDK runs afterwards in a block of its own:
            # its node process and half a gigabyte of memory would slow whichever run came next.
            times = {name: [] for name, _ in tools}
            rss = {name: [] for name, _ in tools}
            def run_once(name, command):
                out = os.path.join(scratch, f"{name}-{n}")
                shutil.rmtree(out, ignore_errors=True)
                run = measure(command(n, out), env=env, what=f"{name} synthesis at N={n}")
                times[name].append(run.seconds)
                rss[name].append(run.rss_kib)
            for _ in range(args.runs):
                for name, command in tools[:2]:
                    run_once(name, command)
            for name, command in tools[2:]:
                for _ in range(args.cdk_runs):
                    run_once(name, command)
            for name, _ in tools:
                files, size = folder_bytes(os.path.join(scratch, f"{name}-{n}"))
                spread = times[name]
                figures[n][name] = {"median": median(spread), "min": min(spread), "max": max(spread), "runs": len(spread),
                                    "rss_kib": max(rss[name]), "bytes": size, "files": files}
                log(f"  synthesis N={n} {name}: {seconds(median(spread))} (min {seconds(min(spread))}, max {seconds(max(spread))}), {mib(max(rss[name]))}, {files} files, {kb(size)}")
            problems = compare_templates(os.path.join(scratch, f"ours-{n}"), os.path.join(scratch, f"troposphere-{n}"), "troposphere")
            if problems:
                raise BenchError("our templates and troposphere's differ — the comparison is void:\n  " + "\n  ".join(problems[:10]))
            figures[n]["troposphere"]["equal"] = True
            if args.cdk_python:
                cdk_problems = compare_templates(os.path.join(scratch, f"ours-{n}"), os.path.join(scratch, f"cdk-{n}"), "cdk")
                figures[n]["cdk"]["equal"] = not cdk_problems
                if cdk_problems:
                    log("  CDK templates differ from ours:\n    " + "\n    ".join(cdk_problems[:5]))
        # The same at N = max on the repository's disk rather than tmpfs: what a user's checkout sees.
        n = max(args.accounts)
        disk_root = tempfile.mkdtemp(prefix="disk-", dir=args.work)
        disk_tools = tools[:2]
        disk_times = {name: [] for name, _ in disk_tools}
        for _ in range(args.runs):
            for name, command in disk_tools:
                out = os.path.join(disk_root, name.replace(" ", "-").replace(",", ""))
                shutil.rmtree(out, ignore_errors=True)
                disk_times[name].append(measure(command(n, out), env=env, what=f"{name} synthesis to disk").seconds)
        disk = {name: median(spread) for name, spread in disk_times.items()}
        shutil.rmtree(disk_root, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    for n in args.accounts:
        f = figures[n]
        row = [str(n), f["ours"]["files"], seconds(f["ours"]["median"]), seconds(f["troposphere"]["median"]),
               ratio(f["troposphere"]["median"], f["ours"]["median"])]
        if args.cdk_python:
            row += [seconds(f["cdk"]["median"]), ratio(f["cdk"]["median"], f["ours"]["median"])]
        row += [mib(f["ours"]["rss_kib"]), mib(f["troposphere"]["rss_kib"])] + ([mib(f["cdk"]["rss_kib"])] if args.cdk_python else [])
        row += [kb(f["ours"]["bytes"]), kb(f["troposphere"]["bytes"])] + ([kb(f["cdk"]["bytes"])] if args.cdk_python else [])
        row += ["equal" if f["troposphere"].get("equal") else "DIFFER"] + ([("equal" if f["cdk"].get("equal") else "differ")] if args.cdk_python else [])
        rows.append(row)
    header = ["N", "files (ours)", "ours", "troposphere", "tropo ÷ ours"]
    if args.cdk_python:
        header += ["CDK", "CDK ÷ ours"]
    header += ["RSS ours", "RSS tropo"] + (["RSS CDK"] if args.cdk_python else [])
    header += ["bytes ours", "bytes tropo"] + (["bytes CDK"] if args.cdk_python else [])
    header += ["templates vs tropo"] + (["templates vs CDK"] if args.cdk_python else [])
    results["synthesis"] = {"figures": figures, "disk": disk, "table": table(header, rows),
                            "disk_table": table(["N", "ours", "troposphere", "tropo ÷ ours"],
                                                [[str(n), seconds(disk["ours"]), seconds(disk["troposphere"]),
                                                  ratio(disk["troposphere"], disk["ours"])]])}
    print("\n## Synthesis\n\n" + results["synthesis"]["table"] + "\n\nTo disk:\n\n" + results["synthesis"]["disk_table"], flush=True)


# ---------------------------------------------------------------------------------------------
# Part 2a: the build loop


EDIT_FILE = "Sources/Stacks/JenkinsAgents.swift"
EDIT_FROM, EDIT_TO = "memoryReservation: 3584,", "memoryReservation: 3585,"


def scratch_copy(root, destination):
    """The package's tracked and untracked-but-not-ignored files, without any build folder."""
    listed = subprocess.run(["git", "-C", root, "ls-files", "-co", "--exclude-standard", "-z"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for path in filter(None, listed):
        if path.startswith(("benchmarks/", ".bench/")) or not os.path.isfile(os.path.join(root, path)):
            continue
        target = os.path.join(destination, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(root, path), target)


def build_loop(args, results):
    package = os.path.join(args.work, "package")
    shutil.rmtree(package, ignore_errors=True)
    scratch_copy(args.root, package)
    generate = ["swift", "package", "--allow-writing-to-package-directory", "generate-stacks", "--output", "stacks.out"]
    log("  generate-stacks, cold (a full debug build; takes minutes) …")
    cold = measure(generate, cwd=package, what="generate-stacks (cold)")
    warm = [measure(generate, cwd=package, what="generate-stacks (warm)").seconds for _ in range(args.runs)]
    edited = []
    path = os.path.join(package, EDIT_FILE)
    for i in range(args.runs):
        with open(path) as f:
            text = f.read()
        before, after = (EDIT_FROM, EDIT_TO) if i % 2 == 0 else (EDIT_TO, EDIT_FROM)
        if before not in text:
            raise BenchError(f"the one-line edit needs '{before}' in {EDIT_FILE}; update EDIT_FROM/EDIT_TO in {__file__}")
        with open(path, "w") as f:
            f.write(text.replace(before, after, 1))
        edited.append(measure(generate, cwd=package, what="generate-stacks (after an edit)").seconds)
    # Where the warm time goes: SwiftPM's no-op build of Stacks, and Stacks itself.
    build_only = [measure(["swift", "build", "--product", "Stacks"], cwd=package, what="swift build (no change)").seconds
                  for _ in range(args.runs)]
    stacks_binary = os.path.join(package, ".build", "debug", "Stacks")
    stacks_only = [measure([stacks_binary, "--output", "stacks.out"], cwd=package, what="Stacks").seconds for _ in range(args.runs)]
    # The Python user's loop: no build, just run the program (troposphere, the same five stacks).
    python_out = os.path.join(args.work, "troposphere-loop")
    python_loop = [measure([args.troposphere_python, os.path.join(BENCH, "troposphere", "organisation.py"), "4", python_out],
                           what="troposphere (5 stacks)").seconds for _ in range(args.runs)]
    shutil.rmtree(python_out, ignore_errors=True)
    shutil.rmtree(package, ignore_errors=True)
    figures = {"cold": cold.seconds, "warm": median(warm), "edit": median(edited), "python": median(python_loop),
               "build_only": median(build_only), "stacks_only": median(stacks_only)}
    rows = [
        ["cold (empty .build: builds everything, then generates)", seconds(figures["cold"]), "—", seconds(figures["python"])],
        ["warm, no change", seconds(figures["warm"]), "≤ 800 ms", seconds(figures["python"])],
        ["after a one-line edit in Sources/Stacks", seconds(figures["edit"]), "≤ 1.50 s", seconds(figures["python"])],
        ["  of the warm run: `swift build --product Stacks`, no change", seconds(figures["build_only"]), "", ""],
        ["  of the warm run: `.build/debug/Stacks` itself", seconds(figures["stacks_only"]), "", ""],
    ]
    results["build"] = {"figures": figures, "table": table(["swift package generate-stacks", "ours", "target", "troposphere, same 5 stacks (python run)"], rows)}
    print("\n## Build loop\n\n" + results["build"]["table"], flush=True)


# ---------------------------------------------------------------------------------------------
# Part 2b: type-checking


def typecheck_file(args, files, function_pattern, runs=5):
    """Median wall time of `swiftc -typecheck` over `files`, and the summed type-checking time of
    the function bodies matching `function_pattern` (from -debug-time-function-bodies)."""
    command = ["swiftc", "-typecheck", "-I", args.modules, "-Xfrontend", "-debug-time-function-bodies"] + files
    walls, bodies = [], []
    for _ in range(runs):
        run = measure(command, what="swiftc -typecheck")
        walls.append(run.seconds)
        total = 0.0
        for line in (run.stdout + run.stderr).splitlines():
            match = re.match(r"^\s*([0-9.]+)ms\s+\S+\s+(.*)$", line)
            if match and re.search(function_pattern, match.group(2)):
                total += float(match.group(1))
        bodies.append(total / 1000)
    return median(walls), median(bodies)


BUILDERS = {
    "before: buildPartialBlock + 2 buildExpression": """
@resultBuilder enum Block {
    static func buildExpression(_ content: some StackContent) -> [StackElement] { content.stackElements }
    static func buildExpression(_ content: (some StackContent)?) -> [StackElement] { content?.stackElements ?? [] }
    static func buildPartialBlock(first: [StackElement]) -> [StackElement] { first }
    static func buildPartialBlock(accumulated: [StackElement], next: [StackElement]) -> [StackElement] { accumulated + next }
    static func buildBlock() -> [StackElement] { [] }
}""",
    "now: variadic buildBlock + 1 buildExpression": """
@resultBuilder enum Block {
    static func buildExpression(_ content: some StackContent) -> [StackElement] { content.stackElements }
    static func buildBlock(_ components: [StackElement]...) -> [StackElement] { components.flatMap { $0 } }
}""",
}


def typecheck(args, results):
    folder = os.path.join(args.work, "typecheck")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    generator = os.path.join(BENCH, "typecheck", "generate.py")
    sys.path.insert(0, os.path.dirname(generator))
    from generate import HEADER  # the workloads' imports; the baseline file has exactly these
    empty = os.path.join(folder, "Empty.swift")
    with open(empty, "w") as f:
        f.write(HEADER)
    typecheck_file(args, [empty], "^$", runs=3)  # fills the module cache and the page cache
    base_wall, _ = typecheck_file(args, [empty], "^$")
    rows, figures = [], {}
    for n in args.stack_sizes:
        path = os.path.join(folder, f"Stack{n}.swift")
        subprocess.run([sys.executable, generator, "stack", str(n), path], check=True)
        wall, body = typecheck_file(args, [path], r"largeStack\(\)")
        figures[n] = {"wall": wall, "net": wall - base_wall, "body": body}
    first = args.stack_sizes[0]
    for n in args.stack_sizes:
        linear = figures[first]["body"] * n / first
        rows.append([f"one stack, {n} resources", seconds(figures[n]["body"]), seconds(linear), seconds(figures[n]["net"]),
                     seconds(figures[n]["wall"]), "≤ 2.00 s" if n == 200 else ""])
    app_folder = os.path.join(folder, "App500")
    subprocess.run([sys.executable, generator, "app", "500", "100", app_folder], check=True)
    files = sorted(os.path.join(app_folder, f) for f in os.listdir(app_folder))
    wall, body = typecheck_file(args, files, r"part[0-9]+\(\)")
    figures["app500"] = {"wall": wall, "net": wall - base_wall, "body": body}
    rows.append(["app, 500 resources: 5 files × one 100-resource stack", seconds(body), seconds(figures[first]["body"] * 500 / first),
                 seconds(wall - base_wall), seconds(wall), ""])
    main = table(["workload (docs/dsl.md style: `let`s, then the body)", "type-checking the function", f"linear from {first}",
                  "whole swiftc − import-only", "whole swiftc", "target"], rows)

    # The builder designs side by side: one block listing n file-scope values, nothing else.
    design_rows, design = [], {}
    for n in args.block_sizes:
        row = [str(n)]
        for label, builder in BUILDERS.items():
            path = os.path.join(folder, f"Block{n}-{len(design_rows)}-{len(row)}.swift")
            values = "\n".join(f'let logs{i} = Logs.LogGroup("Logs{i}")' for i in range(n))
            listing = "\n".join(f"        logs{i}" for i in range(n))
            with open(path, "w") as f:
                f.write(HEADER + "struct Elements: StackContent { let stackElements: [StackElement] }\n"
                        f"{builder}\nfunc block(@Block _ content: () -> [StackElement]) -> [StackElement] {{ content() }}\n\n{values}\n\n"
                        f'func largeBlock() -> Stack {{\n    Stack("large", account: "111111111111", region: "eu-west-1") {{\n'
                        f"        Elements(stackElements: block {{\n{listing}\n        }})\n    }}\n}}\n")
            _, body = typecheck_file(args, [path], r"largeBlock\(\)")
            design.setdefault(label, {})[n] = body
            row.append(seconds(body))
        row.append(ratio(design[list(BUILDERS)[0]][n], design[list(BUILDERS)[1]][n]))
        design_rows.append(row)
    shutil.rmtree(folder, ignore_errors=True)
    results["typecheck"] = {"figures": figures, "design": design, "base": base_wall, "table": main,
                            "design_table": table(["entries in one block"] + list(BUILDERS) + ["before ÷ now"], design_rows)}
    print("\n## Type-checking\n\n" + main + "\n\nBuilder designs, one block of file-scope values:\n\n" + results["typecheck"]["design_table"], flush=True)


# ---------------------------------------------------------------------------------------------
# Part 3: rollout


def rollout(args, results):
    import rollout_bench  # benchmarks/rollout/rollout_bench.py

    results["rollout"] = rollout_bench.run(args, measure, median, seconds, table, log)
    print("\n## Rollout\n\n" + results["rollout"]["text"], flush=True)


# ---------------------------------------------------------------------------------------------
# The report


def previous_sections(path):
    """The sections of the report at `path` by heading, with the date and commit that run named; empty without one."""
    try:
        text = open(path).read()
    except OSError:
        return {}, ""
    date = next((l.split("**: ", 1)[1] for l in text.splitlines() if l.startswith("- **Date**: ")), "an earlier run")
    commit = next((l.split("**: ", 1)[1] for l in text.splitlines() if l.startswith("- **Commit**: ")), "an earlier commit")
    sections, heading = {}, None
    for line in text.split("\n"):
        if line.startswith("## "):
            heading = line
            sections[heading] = []
        elif heading is not None:
            sections[heading].append(line)
    return {h: "\n".join(body).strip("\n") for h, body in sections.items()}, f"{date}, commit {commit}"


def report(args, results, facts):
    # A part not run this time keeps its section from the last report, marked as such, so running
    # some parts never drops the figures of the others.
    earlier, earlier_run = previous_sections(args.report)

    def kept(heading, part):
        if heading not in earlier:
            return []
        body = earlier[heading]
        # Kept twice: the note already names the run that measured it.
        if not body.startswith("*Not re-run this time"):
            body = f"*Not re-run this time: measured on {earlier_run} (`scripts/bench.sh --parts {part}` re-measures it).*\n\n" + body
        return [heading, "", body, ""]

    lines = ["# Benchmarks", "",
             "Generated by `scripts/bench.sh` (issue 6); do not edit by hand — re-run it. Every figure stands beside",
             "its baseline, measured in the same run on the machine below. Wall times are medians of "
             f"{args.runs} runs (CDK: {args.cdk_runs}), ours and troposphere taking turns run by run; peak RSS is the largest process of the run.", "",
             "## Machine", ""]
    facts["Load average at end (1/5/15 min)"] = " ".join(open("/proc/loadavg").read().split()[:3])
    lines += [f"- **{key}**: {value}" for key, value in facts.items()]
    lines += ["- **Note**: the machine is shared; a load average above its core count means other work ran",
              "  during the measurements and inflated wall times — compare figures within this run, not across runs."]
    lines += (["- **Baselines**: " + ", ".join(args.versions)] if args.versions else []) + [""]
    if "synthesis" in results:
        s = results["synthesis"]
        lines += ["## 1. Synthesis", "",
                  "The parameterised organisation (`benchmarks/Sources/OrgSynth/Organisation.swift`): N target accounts, each",
                  "with a deploy-role stack, and the Jenkins side (cluster, log group, per account a task role and a task",
                  "definition), split into stacks of 100 accounts beyond 248; templates over 51,200 bytes name a template",
                  "bucket. *Ours*: `OrgSynth`, release build, timed as a whole process; it runs what `generate-stacks`",
                  "runs (`App.run`): evaluate, validate, lint, render, hash, write the templates and `manifest.json`, print",
                  "the summary table. *troposphere*:",
                  "`benchmarks/troposphere/organisation.py`, the same templates; every template is compared with ours as JSON",
                  "and the run fails on any difference. *CDK*: `benchmarks/cdk/organisation.py`, `Cfn*` constructs and",
                  "`app.synth()` (which also writes CDK's cloud-assembly files).", "",
                  s["table"], "",
                  f"Written to the repository's disk instead ({filesystem(args.work)}), N = {max(args.accounts)}:", "",
                  s["disk_table"], ""]
    else:
        lines += kept("## 1. Synthesis", "synthesis")
    if "build" in results:
        lines += ["## 2. The build loop", "",
                  "`swift package --allow-writing-to-package-directory generate-stacks` in a scratch copy of this package",
                  f"(this repository's own app: 5 stacks). The edit toggles `{EDIT_FROM}` in `{EDIT_FILE}`.",
                  "The baseline is what a troposphere user runs instead: the Python program for the same five stacks.", "",
                  results["build"]["table"], ""]
    else:
        lines += kept("## 2. The build loop", "build")
    if "typecheck" in results:
        t = results["typecheck"]
        lines += ["## 2b. Type-checking", "",
                  "`swiftc -typecheck` against the release-built `InfraDSL` module, median of 5. *Type-checking the function*",
                  "is the stack function's body from `-Xfrontend -debug-time-function-bodies` (its `let`s and the builder",
                  f"block); *whole swiftc − import-only* subtracts a file with only the workload's imports ({seconds(t['base'])}).",
                  "Workloads come from `benchmarks/typecheck/generate.py`: log groups, IAM roles with policies, clusters and",
                  "task definitions in turn.", "",
                  t["table"], "",
                  "The builder design alone — one block listing n values declared at file scope, under the builder before",
                  "and after issue 6 (both declared in the measured file, so nothing else differs):", "",
                  t["design_table"], ""]
    else:
        lines += kept("## 2b. Type-checking", "typecheck")
    if "rollout" in results:
        lines += ["## 3. Rollout", "", results["rollout"]["text"], ""]
    else:
        lines += kept("## 3. Rollout", "rollout")
    lines += ["## Reproduce", "", "```sh", "scripts/bench.sh            # everything (about 15 minutes on the machine above)",
              "scripts/bench.sh --help     # parts, runs, skipping CDK", "```", ""]
    os.makedirs(os.path.dirname(args.report), exist_ok=True)
    try:
        earlier_figures = json.load(open(os.path.splitext(args.report)[0] + ".json"))
    except (OSError, ValueError):
        earlier_figures = {}
    earlier_figures.pop("stacksets", None)
    # The StackSet part (benchmarks/rollout/stackset_bench.py) runs apart; keep what it last wrote.
    import stackset_bench
    kept = stackset_bench.kept(args.report)
    with open(args.report, "w") as f:
        f.write("\n".join(lines))
    if kept:
        stackset_bench.splice(args.report, kept["section"])
    with open(os.path.splitext(args.report)[0] + ".json", "w") as f:
        plain = {k: {kk: vv for kk, vv in v.items() if "table" not in kk and kk != "text"} for k, v in results.items()}
        for part, figures in earlier_figures.items():
            plain.setdefault(part, figures)
        if kept and "figures" in kept:
            plain["stacksets"] = kept["figures"]
        json.dump(json.loads(json.dumps(plain, default=str)), f, indent=2, sort_keys=True)
        f.write("\n")
    log(f"wrote {args.report}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--output-root", default="/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir())
    parser.add_argument("--orgsynth")
    parser.add_argument("--modules")
    parser.add_argument("--troposphere-python")
    parser.add_argument("--cdk-python")
    parser.add_argument("--awscli")
    parser.add_argument("--moto-server")
    parser.add_argument("--infra")
    parser.add_argument("--rollout-app")
    parser.add_argument("--rollout-runs", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cdk-runs", type=int, default=5)
    parser.add_argument("--accounts", type=lambda s: [int(x) for x in s.split(",")], default=[1, 10, 100, 1000])
    parser.add_argument("--stack-sizes", type=lambda s: [int(x) for x in s.split(",")], default=[50, 100, 200])
    parser.add_argument("--block-sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100, 200, 400])
    parser.add_argument("--parts", default="synthesis,build,typecheck,rollout")
    parser.add_argument("--version", action="append", dest="versions", default=[])
    args = parser.parse_args()
    args.root, args.work, args.report = map(os.path.abspath, (args.root, args.work, args.report))
    os.makedirs(args.work, exist_ok=True)
    if args.runs < 5:
        log(f"note: --runs {args.runs} is below the 5 runs the issue asks for; fine for a try, not for the report")
    parts = args.parts.split(",")
    unknown = set(parts) - {"synthesis", "build", "typecheck", "rollout"}
    if unknown:
        sys.exit(f"bench.py: error: unknown part(s) {', '.join(sorted(unknown))}; parts are synthesis, build, typecheck, rollout")
    facts = machine(args)
    results = {}
    steps = {"synthesis": synthesis, "build": build_loop, "typecheck": typecheck, "rollout": rollout}
    try:
        for part in ["synthesis", "build", "typecheck", "rollout"]:
            if part in parts:
                log(f"==> {part}")
                steps[part](args, results)
    except BenchError as error:
        sys.exit(f"bench.py: error: {error}")
    report(args, results, facts)


if __name__ == "__main__":
    main()
