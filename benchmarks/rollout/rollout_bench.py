"""Part 3 of the benchmarks: the rollout of 10 accounts × 3 stacks against moto.

Called by benchmarks/harness/bench.py. Three scenarios, each on a freshly reset moto server:
first deploy (nothing exists), no-op re-deploy (everything is up to date), one changed stack
(`ROLLOUT_CHANGE=1` regenerates the app with one log group's retention changed). Every API call
passes through a counting proxy in front of moto, which sorts them into reads (Describe*, Get*,
List*, Validate* …), writes (everything else, Create*/Update*/Execute*/Delete* …) and STS calls
(AssumeRole, GetCallerIdentity).

Two tools, one workload (`benchmarks/Sources/RolloutApp`, generated into stacks.out form):
  shell  the article's way: benchmarks/rollout/shell-loop.sh, `aws sts assume-role` and
         `aws cloudformation deploy` per stack (awscli from PyPI, pinned).
  infra  `infra deploy --dir DIR --yes` (AWS_ENDPOINT_URL pointing at the proxy), when the root
         package has the `infra` executable — it is not on this branch yet: pass `--infra PATH`
         (scripts/bench.sh does when `swift build --product infra` succeeds) and this part
         measures it with no other change. INFRA_COMMAND below is the one place to adjust if the
         command line differs when it lands.
"""
import http.client
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))

# How the harness runs the deployer on a generated folder; the hook for `infra deploy`.
INFRA_COMMAND = ["deploy", "--dir", "{dir}", "--yes"]

READ_PREFIXES = ("Describe", "Get", "List", "Validate", "Estimate", "Detect")
STS_OPERATIONS = {"AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity", "GetSessionToken"}


class Counter:
    """API calls by operation, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls = {}

    def add(self, operation):
        with self.lock:
            self.calls[operation] = self.calls.get(operation, 0) + 1

    def reset(self):
        with self.lock:
            self.calls = {}

    def summary(self):
        with self.lock:
            calls = dict(self.calls)
        sts = sum(n for op, n in calls.items() if op in STS_OPERATIONS)
        reads = sum(n for op, n in calls.items() if op not in STS_OPERATIONS and op.startswith(READ_PREFIXES))
        writes = sum(n for op, n in calls.items() if op not in STS_OPERATIONS and not op.startswith(READ_PREFIXES))
        return {"reads": reads, "writes": writes, "sts": sts, "by_operation": dict(sorted(calls.items()))}


def operation_of(method, path, headers, body):
    target = headers.get("X-Amz-Target")
    if target:
        return target.split(".")[-1]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    if "Action" in query:
        return query["Action"][0]
    if body and "x-www-form-urlencoded" in headers.get("Content-Type", ""):
        form = urllib.parse.parse_qs(body.decode(errors="replace"))
        if "Action" in form:
            return form["Action"][0]
    return f"{method} {urllib.parse.urlsplit(path).path}"


def start_proxy(upstream_port, counter):
    """A forwarding proxy on a free port that counts every API call on its way to moto."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if not self.path.startswith("/moto-api"):
                counter.add(operation_of(self.command, self.path, self.headers, body))
            connection = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=120)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            connection.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(moto_server, log_path):
    port = free_port()
    log_file = open(log_path, "wb")
    process = subprocess.Popen([moto_server, "-H", "127.0.0.1", "-p", str(port)], stdout=log_file, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with status {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=2) as response:
                if response.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"moto_server did not answer on port {port} within 60 s; see {log_path}")


def reset_moto(port):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"moto reset answered {response.status}")


def stacks_file(directory, path):
    """The shell loop's input, from the manifest: account, stack, template, role, parameters."""
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    with open(path, "w") as out:
        for stack in manifest["stacks"]:
            access = stack["access"]
            if access.get("type") != "assumeRole":
                raise RuntimeError(f"stack {stack['name']}: the shell loop only assumes roles, not {access}")
            role = access["roleArn"].rsplit("/", 1)[-1]
            parameters = " ".join(f"{p['name']}={p['value']}" for p in stack["parameters"] if "value" in p)
            out.write(f"{stack['account']} {stack['name']} {stack['templateFile']} {role} {parameters}".rstrip() + "\n")
    return len(manifest["stacks"])


def run(args, measure, median, seconds, table, log):
    """Runs the rollout part; returns {"text": Markdown, ...figures}."""
    missing = [name for name, value in (("--awscli", args.awscli), ("--moto-server", args.moto_server),
                                        ("--rollout-app", getattr(args, "rollout_app", None))) if not value]
    if missing:
        return {"text": f"Skipped: {', '.join(missing)} not given (scripts/bench.sh installs and passes them)."}
    work = os.path.join(args.work, "rollout")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    for variant, change in (("base", "0"), ("changed", "1")):
        measure([args.rollout_app, "--output", os.path.join(work, variant)], env=dict(base_env, ROLLOUT_CHANGE=change),
                what=f"RolloutApp ({variant})")
    count = stacks_file(os.path.join(work, "base"), os.path.join(work, "base.stacks"))
    stacks_file(os.path.join(work, "changed"), os.path.join(work, "changed.stacks"))

    # Empty shared config and credentials files keep the developer's own out of the run. Files, not
    # /dev/null: infra's credential chain cannot read /dev/null (Foundation reports EACCES for it).
    empty_config = os.path.join(work, "aws-empty-config")
    open(empty_config, "w").close()
    moto, moto_port = start_moto(args.moto_server, os.path.join(work, "moto.log"))
    counter = Counter()
    proxy, proxy_port = start_proxy(moto_port, counter)
    env = dict(base_env, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="eu-west-1",
               AWS_REGION="eu-west-1", AWS_ENDPOINT_URL=f"http://127.0.0.1:{proxy_port}",
               AWS_CONFIG_FILE=empty_config, AWS_SHARED_CREDENTIALS_FILE=empty_config, AWS_EC2_METADATA_DISABLED="true",
               PATH=os.path.dirname(args.awscli) + os.pathsep + os.environ.get("PATH", ""))
    tools = {}
    if args.infra:
        tools["infra"] = lambda folder, listing: [args.infra] + [a.replace("{dir}", folder) for a in INFRA_COMMAND]
    tools["shell"] = lambda folder, listing: [os.path.join(HERE, "shell-loop.sh"), listing, folder]
    runs = args.rollout_runs
    figures = {}
    try:
        for tool, command in tools.items():
            figures[tool] = {"first": [], "noop": [], "changed": [], "calls": {}}
            for _ in range(runs):
                reset_moto(moto_port)
                for scenario, variant in (("first", "base"), ("noop", "base"), ("changed", "changed")):
                    counter.reset()
                    folder = os.path.join(work, variant)
                    result = measure(command(folder, os.path.join(work, f"{variant}.stacks")), env=env,
                                     what=f"{tool} rollout ({scenario})")
                    figures[tool][scenario].append(result.seconds)
                    figures[tool]["calls"][scenario] = counter.summary()
                    log(f"  rollout {tool} {scenario}: {seconds(result.seconds)}, calls {counter.summary()['reads']} reads / "
                        f"{counter.summary()['writes']} writes / {counter.summary()['sts']} sts")
    finally:
        proxy.shutdown()
        moto.terminate()
        try:
            moto.wait(timeout=10)
        except subprocess.TimeoutExpired:
            moto.kill()

    rows = []
    labels = {"first": "first deploy", "noop": "no-op re-deploy", "changed": "one changed stack"}
    for scenario in ("first", "noop", "changed"):
        row = [labels[scenario]]
        for tool in ("shell", "infra"):
            if tool in figures:
                c = figures[tool]["calls"][scenario]
                row += [seconds(median(figures[tool][scenario])), f"{c['reads']} / {c['writes']} / {c['sts']}"]
            else:
                row += ["not on this branch", "—"]
        shell_time = median(figures["shell"][scenario])
        infra_time = median(figures["infra"][scenario]) if "infra" in figures else None
        row.append(f"{shell_time / infra_time:.1f}×" if infra_time else "—")
        rows.append(row)
    text = table([f"{count} stacks in 10 accounts", "shell loop (article)", "calls R / W / STS", "infra deploy",
                  "calls R / W / STS", "shell ÷ infra"], rows)
    shell_noop = figures["shell"]["calls"]["noop"]["by_operation"]
    text += (f"\n\nMedian of {runs} runs, each on a freshly reset moto server (`moto[server]` pinned, every operation"
             " completes inside the call, so these times are the tools' own overhead, not CloudFormation's).\n"
             f"The shell loop's no-op re-deploy, by operation: {json.dumps(shell_noop)}.\n")
    if "infra" not in figures:
        text += ("\n`infra deploy` is not on this branch yet, so only the baseline ran. The hook is ready: "
                 "`scripts/bench.sh` builds the root package's `infra` product when it exists and passes it here; "
                 "nothing else changes (`INFRA_COMMAND` in `benchmarks/rollout/rollout_bench.py` holds its command line).\n")
    return {"text": text, "figures": figures}
