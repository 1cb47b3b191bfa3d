#!/usr/bin/env bash
# Replays commands.jsonl under plain bash on fresh copies of the fidelity_repo fixture.
# Each command runs twice, each time in its own fresh copy, with the repo root as cwd.
# Reports: commands that hit "command not found" / syntax errors / timeouts, and commands whose
# stdout, exit code or resulting files differ between the two runs (nondeterminism).
#
#   ./check.sh [commands.jsonl] [results.jsonl]
#
# Needs python3 with PyYAML (Debian: python3-yaml), git, and the tools the corpus uses
# (rg, jq, python3-pytest). The environment mimics the sandbox contract: root's HOME,
# LANG=C.UTF-8, a Debian PATH, PYTHONDONTWRITEBYTECODE=1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="${1:-$here/commands.jsonl}"
results="${2:-${TMPDIR:-/tmp}/fidelity-check-results.jsonl}"
export HERE="$here" CORPUS="$corpus" RESULTS="$results"
exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 TERM=dumb HERE="$here" CORPUS="$corpus" RESULTS="$results" \
  python3 - <<'PYEOF'
import hashlib, json, os, shutil, subprocess, sys, tempfile
import yaml

here, corpus, results = os.environ["HERE"], os.environ["CORPUS"], os.environ["RESULTS"]
spec = yaml.safe_load(open(os.path.join(here, "suite", "fidelity_repo.yaml"), encoding="utf-8"))
files = spec["world"]["files"]

root = tempfile.mkdtemp(prefix="fidelity-")
base = os.path.join(root, "base")
os.makedirs(base)
for rel, text in files.items():
    p = os.path.join(base, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(text)
# Assumption documented in README.md: the workspace is a git repository (branch main) whose single
# commit holds every fixture file and whose working tree is clean. Fixed identity and dates.
genv = dict(os.environ, GIT_AUTHOR_NAME="Dana Kim", GIT_AUTHOR_EMAIL="dana.kim@tallyho.dev",
            GIT_COMMITTER_NAME="Dana Kim", GIT_COMMITTER_EMAIL="dana.kim@tallyho.dev",
            GIT_AUTHOR_DATE="2026-11-20T10:00:00+00:00", GIT_COMMITTER_DATE="2026-11-20T10:00:00+00:00")
subprocess.run(["git", "init", "-q", "-b", "main"], cwd=base, check=True, env=genv)
subprocess.run(["git", "add", "-A"], cwd=base, check=True, env=genv)
subprocess.run(["git", "commit", "-q", "-m", "Initial import of tallyho 0.4.1"], cwd=base, check=True, env=genv)
subprocess.run(["find", ".", "-exec", "touch", "-h", "-d", "2026-11-20 10:00:00", "{}", "+"], cwd=base, check=True)
shutil.rmtree(os.path.expanduser("~/tallyho_sessions"), ignore_errors=True)

def snapshot(d):
    out = {}
    for dp, dns, fns in os.walk(d):
        dns[:] = [x for x in dns if x != ".git"]
        for fn in fns:
            p = os.path.join(dp, fn)
            rel = os.path.relpath(p, d)
            if os.path.islink(p):
                out[rel] = "link:" + os.readlink(p)
            else:
                out[rel] = hashlib.sha256(open(p, "rb").read()).hexdigest()[:16]
        for dn in dns:
            out[os.path.relpath(os.path.join(dp, dn), d) + "/"] = "dir"
    return out

env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", USER="root")
def run(cmd, n):
    work = os.path.join(root, f"w{n}")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work, symlinks=True)
    try:
        p = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        rc, so, se = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, so, se = 124, e.stdout or b"", (e.stderr or b"") + b"\n[timeout]"
    snap = snapshot(work)
    shutil.rmtree(work, ignore_errors=True)
    # undo what a command may have written outside the workspace
    shutil.rmtree(os.path.expanduser("~/tallyho_sessions"), ignore_errors=True)
    for f in ("/tmp/stats_backup.py",):
        if os.path.exists(f): os.remove(f)
    return rc, so.decode("utf-8", "replace").replace(work, "<WORK>"), se.decode("utf-8", "replace").replace(work, "<WORK>"), snap

bad_markers = ("command not found", "syntax error", "unexpected EOF", "No module named", "[timeout]")
lines = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
n_err = n_nondet = n_pyc = 0
with open(results, "w", encoding="utf-8") as out:
    for i, d in enumerate(lines, 1):
        a, b = run(d["cmd"], 1), run(d["cmd"], 2)
        err = [] if d.get("expected_error") else [m for m in bad_markers if m in a[2]]
        nondet = [k for k, x, y in (("exit", a[0], b[0]), ("stdout", a[1], b[1]), ("files", a[3], b[3])) if x != y]
        pyc = any("__pycache__" in k for k in a[3])
        n_err += bool(err); n_nondet += bool(nondet); n_pyc += pyc
        n_exp = sum(1 for x in lines if x.get("expected_error"))
        rec = {"n": i, "cmd": d["cmd"], "exit_code": a[0], "stdout": a[1], "stderr": a[2], "unexpected": err, "nondeterministic": nondet}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if err or nondet:
            print(f"#{i} {'ERR ' + ','.join(err) if err else ''} {'NONDET ' + ','.join(nondet) if nondet else ''}\n    cmd: {d['cmd'][:120]!r}\n    stderr: {a[2].strip()[:300]!r}")
shutil.rmtree(root, ignore_errors=True)
total = len(lines)
print(f"\n{total} commands; {total - n_err} without unexpected errors; {total - n_nondet} deterministic over two runs; "
      f"{sum(1 for d in lines if d.get('expected_error'))} expected errors (python/mypy absent on Debian); {sum(1 for d in lines if d.get('probe'))} marked probe; {n_pyc} left __pycache__; details in {results}")
sys.exit(1 if (n_err or n_nondet) else 0)
PYEOF
