#!/usr/bin/env bash
# Per-command overhead of the bwrap sandbox: median time of `true`, `ls` and `grep -rn x .` through the bwrap
# backend (World sync, namespaces and limits included) next to a plain `bash -c` on the same files, interleaved in
# one run. Target (issue 15): within 50 ms of plain bash.
#   bash bench/sandbox-overhead.sh [RUNS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
./covert sandbox build >/dev/null    # builds the jar and, on first use, the root file system; neither is timed
./covert sandbox bench --runs "${1:-30}"
