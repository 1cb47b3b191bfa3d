#!/usr/bin/env bash
# Throughput of the evaluation-awareness detector on this machine, both stages side by side in one run.
# Targets (issue 7): stage 1 >= 1M sentences/min, stage 2 >= 300 sentences/s.
#   bash bench/awareness.sh [STAGE1_SENTENCES] [STAGE2_SENTENCES]
# Stage 2 sentences are made distinct, so its cache never answers; the embedder's load time is printed apart.
set -euo pipefail
cd "$(dirname "$0")/.."
./covert awareness bench --stage1 "${1:-2000000}" --stage2 "${2:-3000}"
