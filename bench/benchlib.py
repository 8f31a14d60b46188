"""What bench/ingest and bench/limits share: running a measured child, the release build, and a
dry run of one urlhaus connector over a file."""
import os
import re
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(argv, stdout_path):
    """Runs argv to completion; returns (exit status, wall s, user s, sys s, peak RSS KiB)."""
    with open(stdout_path, "wb") as out:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss


def release_binary():
    binary = os.path.join(REPO, "build", "release", "tcfeed")
    if not os.access(binary, os.X_OK):
        print("building the release preset (build/release/tcfeed) ...", file=sys.stderr)
        subprocess.run(["cmake", "--preset", "release"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", "--preset", "release", "--target", "tcfeed_cli"], cwd=REPO, check=True)
    return binary


def write_config(workdir, feed, threads=None):
    key = os.path.join(workdir, "key")
    with open(key, "w") as f:
        f.write("bench-only-secret-never-sent\n")
    os.chmod(key, 0o600)
    config = os.path.join(workdir, "bench.yaml")
    with open(config, "w") as f:
        # The platform is never contacted by a dry run; the address only has to be well-formed.
        f.write(f"""threatconnect:
  base_url: https://localhost:1/api
  access_id: "12345678901234567890"
  secret_key_file: {key}
state:
  path: {os.path.join(workdir, "state.db")}
{f"ingest_threads: {threads}" if threads else ""}
connectors:
  - name: urlhaus
    type: urlhaus
    owner: Bench Organization
    url: file://{os.path.abspath(feed)}
    backfill: 36500d
""")
    return config


def dry_run(binary, workdir, feed, threads=None):
    """tcfeed run --once --dry-run over FEED; returns (rows, indicators, wall, user, sys, RSS KiB).
    THREADS sets ingest_threads (default: tcfeed's own, 2 on two CPUs or more)."""
    os.makedirs(workdir, exist_ok=True)
    config = write_config(workdir, feed, threads)
    log = os.path.join(workdir, "tcfeed.log")
    # --no-audit: the figures are the pipeline's, not the audit file's (a line per row).
    status, *figures = measure([binary, "run", "--once", "--dry-run", os.path.join(workdir, "tcfeed-out"),
                                "--no-audit", "--config", config], log)
    text = open(log, errors="replace").read()
    if status != 0:
        sys.exit(f"tcfeed exited {status}:\n{text[-2000:]}")
    summary = re.search(r"(\d+) records, (\d+) indicators", text)
    if not summary:
        sys.exit(f"no summary line in tcfeed's output:\n{text[-2000:]}")
    return (int(summary.group(1)), int(summary.group(2)), *figures)
