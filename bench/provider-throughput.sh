#!/usr/bin/env bash
# Harness overhead against a real-model-shaped workload: a loopback OpenAI-compatible mock answering every call after
# a fixed latency, 10,000 samples x 4 model calls at --max-connections 500 (and 500 samples in flight).
# The latency-bound ideal is samples * calls * latency / connections = 10,000 * 4 * 0.1 s / 500 = 8 s.
# Target (issue 5): wall <= 1.15 x ideal, peak RSS <= 1 GiB.
#   bash bench/provider-throughput.sh [EPOCHS=1000] [LATENCY_MS=100] [CONNECTIONS=500]
#   JAVA_OPTS=-Xmx768m bash bench/provider-throughput.sh     # extra JVM flags for the harness
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-1000}"
epochs0=$((epochs * 10))   # conversations for the SDK-alone run: the harness runs 10 samples per epoch
latency="${2:-100}"
conns="${3:-500}"
./covert envs >/dev/null            # builds the jar first, so the build is not timed
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
out="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$java_bin" -Xmx512m -Dsun.net.httpserver.maxIdleConnections=2000 bench/MockOpenAIServer.java "$port" "$latency" >"$out/mock.txt" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/stats" >/dev/null && break; sleep 0.1; done
# 10 environment x variant samples (2 environments, first 10 variants) x EPOCHS epochs.
/usr/bin/time -v -o "$out/time.txt" "$java_bin" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -jar target/covert.jar run \
  --model openai-compatible/bench --base-url "http://127.0.0.1:$port/v1" --env impossible_tests,oversight_config --limit 10 \
  --epochs "$epochs" --max-samples "$conns" --max-connections "$conns" --log-dir "$out" --no-progress >"$out/report.txt" 2>"$out/err.txt" \
  || { cat "$out/err.txt"; exit 1; }
stats=$(curl -s "http://127.0.0.1:$port/stats")
# The mock shares the 2 cores with the harness: its CPU is part of what bounds the wall time.
mock_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$(pgrep -P $mock java || echo $mock)/stat" 2>/dev/null || echo "?")
python3 - "$out/time.txt" "$stats" "$epochs" "$latency" "$conns" "$mock_cpu" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read()
def field(name):
    return re.search(re.escape(name) + r":\s*(.+)", t).group(1).strip()
wall_s = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(x) for x in wall_s.split(":")]
wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
stats = json.loads(sys.argv[2])
samples, latency, conns = 10 * int(sys.argv[3]), int(sys.argv[4]) / 1000, int(sys.argv[5])
calls = stats["served"]
ideal = calls * latency / conns
print(f"samples {samples}  model calls {calls}  peak in flight at the server {stats['peak_in_flight']}  TCP connections {stats['connections']}")
print(f"wall {wall:.2f} s  ideal {ideal:.2f} s  ratio {wall / ideal:.2f}x (target <= 1.15x; includes JVM start and log write)")
print(f"harness CPU {cpu:.1f} s = {cpu / calls * 1e3:.2f} ms per call  peak RSS {rss:.0f} MiB (target <= 1024)")
print(f"mock server CPU {sys.argv[6]} s on the same cores; CPU-bound floor on {__import__('os').cpu_count()} cores: "
      f"{(cpu + float(sys.argv[6] if sys.argv[6] != '?' else 0)) / __import__('os').cpu_count():.1f} s")
PY
tail -n 3 "$out/report.txt"
# Side by side: the official SDK alone (no agent loop, tools, checkers or logs), same calls, same mock, same machine.
"$java_bin" ${JAVA_OPTS:-} -cp 'target/lib/*' bench/SdkFloor.java "$port" "$epochs0" "$conns" | tee "$out/sdk.txt"
python3 - "$out/sdk.txt" "$latency" "$conns" <<'PY'
import re, sys
m = re.search(r"(\d+) calls, wall ([\d.]+) s", open(sys.argv[1]).read())
calls, wall = int(m.group(1)), float(m.group(2))
ideal = calls * int(sys.argv[2]) / 1000 / int(sys.argv[3])
print(f"SDK alone: {wall / ideal:.2f}x its ideal of {ideal:.2f} s: the floor for any harness on the official SDK on this machine")
PY
