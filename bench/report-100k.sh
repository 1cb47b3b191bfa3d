#!/usr/bin/env bash
# Report time on 100,000 samples, from the .eval log and from the results store (target: <= 5 s each).
#   bash bench/report-100k.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./covert envs >/dev/null
out="$(mktemp -d)"
# 26 families, 279 environments: 359 epochs make 100,161 samples.
./covert run --suite covert --model sim/baseline --epochs 359 --log-dir "$out" --no-progress >/dev/null 2>&1
log="$(ls "$out"/*.eval)"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); python3 -c "print(round($e - $s, 2))"; }
from_log=$(t ./covert report "$log")
import_time=$(t ./covert db import "$log" --db "$out/covert.duckdb")
from_db=$(t ./covert report --db "$out/covert.duckdb")
python3 - "$from_log" "$from_db" "$import_time" <<'PY'
import sys
log, db, imp = map(float, sys.argv[1:])
print(f"100,161 samples: report from .eval {log:.2f} s ({log / 5:.2f} of the 5 s target), from DuckDB {db:.2f} s ({db / 5:.2f}); import {imp:.2f} s")
PY
rm -rf "$out"
