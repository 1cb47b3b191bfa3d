#!/usr/bin/env bash
# R1 long soak: SIGKILL real `covert run` processes at seeded moments (start-up, mid-run, final write; some resumes
# killed too), resume each until finished, and compare with an uninterrupted run. Prints kills, resumes, losses, duplicates.
#   bash bench/kill-soak.sh [kills-per-format] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-15}"
seed="${2:-18}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
mvn -q -o test -Dtest=KillSoakTest -Dcovert.soak.kills="$kills" -Dcovert.soak.seed="$seed" \
  | grep '^kill-soak:' || { echo "kill-soak: FAILED (see target/surefire-reports/covert.run.KillSoakTest.txt)"; exit 1; }
