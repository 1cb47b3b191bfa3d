#!/usr/bin/env bash
# Throughput of a full-suite run on the simulated organism, including writing the log.
# Target (issue 4): 26 families x 100 epochs in <= 15 s on a 2-core machine.
#   bash bench/suite-throughput.sh [EPOCHS] [eval|json]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-100}"
format="${2:-eval}"
./covert envs >/dev/null            # builds the jar first, so the build is not timed
out="$(mktemp -d)"
start=$(date +%s.%N)
./covert run --suite covert --model sim/baseline --epochs "$epochs" --log-dir "$out" --log-format "$format" --no-progress >"$out/report.txt" 2>"$out/err.txt"
end=$(date +%s.%N)
log="$(ls "$out"/*."$format")"
samples=$(python3 -c "
import json, sys, zipfile
p = sys.argv[1]
if p.endswith('.eval'):
    print(len({n for n in zipfile.ZipFile(p).namelist() if n.startswith('samples/')}))
else:
    print(len(json.load(open(p))['samples']))" "$log")
bytes=$(stat -c %s "$log")
wall=$(python3 -c "print(round($end - $start, 2))")
python3 - "$wall" "$samples" "$bytes" "$format" <<'PY'
import sys
wall, n, b = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"format {sys.argv[4]}  samples {n}  wall {wall:.2f} s  {n / wall:.0f} samples/s  log {b / 1e6:.0f} MB ({b / n / 1e3:.1f} kB/sample)")
print(f"wall / 15 s target = {wall / 15:.2f}")
PY
rm -rf "$out"
