#!/usr/bin/env bash
# Time from `covert view LOG` to the first run page served, on a 10,000-sample .eval log (target < 2 s).
#   bash bench/view-open.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./covert envs >/dev/null
out="$(mktemp -d)"
# 279 environments x 36 epochs = 10,044 samples
./covert run --suite covert --model sim/baseline --epochs 36 --log-dir "$out" --no-progress >/dev/null 2>&1
log="$(ls "$out"/*.eval)"
start=$(date +%s.%N)
./covert view "$log" --port 0 >"$out/view.out" 2>&1 &
pid=$!
until grep -q '^http' "$out/view.out" 2>/dev/null; do sleep 0.02; done
url="$(head -1 "$out/view.out")"
run_path="$(curl -s "$url" | grep -o 'href="/runs/[^"]*"' | head -1 | sed 's/href="//; s/"$//' || true)"
curl -s -o /dev/null "${url%/}$run_path"
end=$(date +%s.%N)
sample_start=$(date +%s.%N)
sample_path="$(curl -s "${url%/}$run_path?env=oversight_config" | grep -o 'href="/runs/[^"]*/samples/[^"]*"' | head -1 | sed 's/href="//; s/"$//' || true)"
curl -s -o /dev/null "${url%/}$sample_path"
sample_end=$(date +%s.%N)
kill $pid
python3 -c "o=$end-$start; s=$sample_end-$sample_start; print(f'10,044 samples: view up and run page served in {o:.2f} s ({o/2:.2f} of the 2 s target); a sample page on demand in {s:.2f} s')"
rm -rf "$out"
