#!/usr/bin/env bash
# Terminology scan at scale: a seeded synthetic corpus of N sentences (default 10 million) over 10 checkpoints, scanned
# by DuckDB and by Spark in local mode one after the other in the same run; prints sentences/s and peak memory
# (RSS, /usr/bin/time) of each, and checks that both engines give identical JSON.
#   bash bench/scan-scale.sh [SENTENCES]        (builds the Spark engine first if needed: ./covert spark-setup)
# Env: SPARK_MASTER (default local[*]), COVERT_SPARK_JAVA_OPTS (e.g. -Xmx8g), KEEP=1 keeps the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000000}"
master="${SPARK_MASTER:-local[*]}"
[ -f spark/target/covert-spark.jar ] || ./covert spark-setup
out="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
corpus="$out/corpus.parquet"

# The corpus (bench/ScanCorpus.java: DuckDB, every value a hash of the row number, so the same N gives the same text).
java_bin=java
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do [ -n "$j" ] && [ -x "$j/bin/java" ] && { java_bin="$j/bin/java"; break; }; done
"$java_bin" --enable-native-access=ALL-UNNAMED -cp 'target/lib/*' bench/ScanCorpus.java "$n" "$corpus"
size=$(du -h "$corpus" | cut -f1)
echo "corpus: $n sentences over 10 checkpoints, Parquet $size ($corpus)"

# One engine: wall time, peak RSS and the JSON result.
measure() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out/$name.rss" ./covert scan "$corpus" --json --top 10 "$@" >"$out/$name.json" 2>"$out/$name.err" \
    || { cat "$out/$name.err" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))" >"$out/$name.secs"
}
measure duckdb
measure spark --engine spark --master "$master"
python3 - "$out" "$n" "$master" <<'PY'
import json, sys
out, n, master = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []
for name, label in (("duckdb", "DuckDB (in process)"), ("spark", f"Spark {master}")):
    secs = float(open(f"{out}/{name}.secs").read())
    rss = int(open(f"{out}/{name}.rss").read().strip().splitlines()[-1]) / 1024 / 1024
    rows.append((label, secs, n / secs, rss))
    print(f"{label:<24} {secs:8.1f} s  {n / secs:12,.0f} sentences/s  peak RSS {rss:5.2f} GiB")
a, b = (json.load(open(f"{out}/{x}.json")) for x in ("duckdb", "spark"))
words = sum(p["words"] for p in a["checkpoints"])
print(f"words: {words:,}; identical results: {'yes' if a == b else 'NO'}")
if a != b:
    sys.exit(1)
PY
